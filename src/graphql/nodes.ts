import { RESOURCES, type NodeTypeName } from './__generated__/resources.js';
import type { Context } from './context.js';
import { fromGlobalId } from './global-id.js';
import type { AnyResource } from './resources/resource.js';

/*
 * `node` and its kin from the resources: a global id's type names a resource, and a model's class names
 * its type. An id of another type is refused, and an object no resource made is an error, never a guess.
 */

const NODE_TYPES: ReadonlySet<NodeTypeName> = new Set(Object.keys(RESOURCES) as NodeTypeName[]);
const TYPE_BY_MODEL: ReadonlyMap<unknown, NodeTypeName> = new Map(Object.values(RESOURCES).map((resource) => [resource.Model, resource.typeName]));

/** What `node(id:)` answers: any resource's model. */
export type NodeModel = InstanceType<(typeof RESOURCES)[NodeTypeName]['Model']>;

/** Decodes a global id of any resource's type; throws an InputError naming what is wrong. */
export const decodeNodeId = (globalId: string, argument = 'id') => fromGlobalId(globalId, NODE_TYPES, argument);

/** The item a global id names: null when HeyGen has no such item for this credential. */
export function loadNode(context: Context, globalId: string): Promise<NodeModel | null> {
  const { type, id } = decodeNodeId(globalId);
  return context.loaders.of(RESOURCES[type] as AnyResource).item.load(id) as Promise<NodeModel | null>;
}

/** The GraphQL type of a model (`Node.__resolveType`); throws for an object that is no resource's model. */
export function nodeTypeOf(model: object): NodeTypeName {
  const type = TYPE_BY_MODEL.get(model.constructor);
  if (type === undefined) throw new Error(`${model.constructor.name} is not the model of any resource, so it has no Node type`);
  return type;
}
