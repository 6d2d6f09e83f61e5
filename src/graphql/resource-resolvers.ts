import { isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { ConnectionArgs } from '../pagination/connection.js';
import type { QueryResolvers, Resolvers } from './__generated__/resolvers-types.js';
import { loadResourceConnection } from './connections.js';
import type { Context } from './context.js';
import { toReferenceId } from './federation.js';
import { assertResourceId, ROUTE_SEGMENTS } from './global-id.js';
import type { AnyResource } from './resources/resource.js';

type FieldResolver = (parent: unknown, args: Record<string, unknown>, context: Context) => unknown;
type ReferenceResolver = (reference: Record<string, unknown>, context: Context) => unknown;

/**
 * What every resource brings to the schema: its `Query` lookup (by `idField`) and connection, and its
 * type's federation entry point. Link fields between types (a group's looks) stay in resolvers/. The
 * field names are the declarations' own, so the generated types cannot check them: createSchema does.
 */
export function createResourceResolvers(resources: readonly AnyResource[]): { Query: QueryResolvers; types: Resolvers } {
  const Query: Record<string, FieldResolver> = {};
  const types: Record<string, { __resolveReference: ReferenceResolver }> = {};
  for (const resource of resources) {
    const { typeName, idField } = resource;
    Query[resource.lookupField] = (_, args, context) => context.loaders.of(resource).item.load(assertResourceId(args[idField] as string, idField));
    Query[resource.connection.name] = (_, args, context) => loadResourceConnection(context, resource, args as ConnectionArgs);
    types[typeName] = { __resolveReference: (reference, context) => context.loaders.of(resource).item.load(toReferenceId(reference, typeName, idField)) };
  }
  return { Query, types };
}

/**
 * Throws at start-up, naming the problem, when the schema and the declarations disagree: a type that
 * implements Node with no resource, a resource whose type is not such a type or lacks its id field, or
 * a HeyGen route that an id could reach (one below another resource's item path, not in ROUTE_SEGMENTS).
 */
export function assertResourcesMatchSchema(schema: GraphQLSchema, resources: readonly AnyResource[]): void {
  const node = schema.getType('Node');
  const nodeTypes = new Set(isInterfaceType(node) ? schema.getImplementations(node).objects.map((type) => type.name) : []);
  const declared = new Set(resources.map((resource) => resource.typeName));
  for (const type of nodeTypes) {
    if (!declared.has(type)) throw new Error(`${type} implements Node, but no resource declares it (see src/graphql/resources/resource.ts)`);
  }
  for (const resource of resources) {
    const type = schema.getType(resource.typeName);
    if (!nodeTypes.has(resource.typeName) || !isObjectType(type)) {
      throw new Error(`The resource ${resource.name} declares the type ${resource.typeName}, which is not a type that implements Node`);
    }
    if (type.getFields()[resource.idField] === undefined) throw new Error(`${resource.typeName} has no field ${resource.idField}, its resource's idField`);
  }
  const paths = resources.flatMap((resource) => [resource.list.path, resource.get.path]);
  for (const { get, typeName } of resources) {
    for (const path of paths) {
      const segment = path.startsWith(`${get.path}/`) ? path.slice(get.path.length + 1).split('/')[0] : undefined;
      if (segment !== undefined && !ROUTE_SEGMENTS.has(segment)) {
        throw new Error(`${path} is a HeyGen route, so the ${typeName} id "${segment}" would fetch it: add "${segment}" to ROUTE_SEGMENTS (src/graphql/global-id.ts)`);
      }
    }
  }
}
