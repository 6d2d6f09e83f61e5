import { readFileSync } from 'node:fs';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type { Resolvers } from './__generated__/resolvers-types.js';
import { RESOURCES } from './__generated__/resources.js';
import { createSubgraph, type NodeFieldMode } from './federation.js';
import { assertResourcesMatchSchema, createResourceResolvers } from './resource-resolvers.js';
import { AvatarGroup } from './resolvers/AvatarGroup.js';
import { AvatarLook } from './resolvers/AvatarLook.js';
import { CreateVideoPayload } from './resolvers/CreateVideoPayload.js';
import { Mutation } from './resolvers/Mutation.js';
import { Node } from './resolvers/Node.js';
import { Query } from './resolvers/Query.js';
import { DateTime } from './resolvers/scalars.js';
import { Subscription } from './resolvers/Subscription.js';
import { costTableOf } from './upstream-cost.js';

/** schema.graphql, the public contract, read from the package root (the same path from src/ and dist/). */
export const typeDefs = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');

const fromResources = createResourceResolvers(Object.values(RESOURCES));

export const resolvers: Resolvers = Object.assign({}, fromResources.types, {
  Query: Object.assign({}, Query, fromResources.Query),
  Mutation,
  Subscription,
  CreateVideoPayload,
  Node,
  AvatarGroup: Object.assign({}, fromResources.types.AvatarGroup, AvatarGroup),
  AvatarLook: Object.assign({}, fromResources.types.AvatarLook, AvatarLook),
  DateTime,
});

export interface SchemaOptions {
  /** How `_service { sdl }` presents `node` and `nodes` to a federation supergraph (Config.federationNodeField). */
  nodeField: NodeFieldMode;
}

/**
 * Builds the executable schema, which is also a Federation v2 subgraph (`_service`, `_entities`). Fails
 * at start-up, naming the problem, if a resolver names a field the SDL lacks, a field with arguments
 * has no resolver, a Node type has no resource (or a resource no Node type), or a field that may call
 * HeyGen has no upstream cost.
 */
export function createSchema(options: SchemaOptions): GraphQLSchema {
  const subgraph = createSubgraph(typeDefs, resolvers, options.nodeField);
  const schema = makeExecutableSchema({
    typeDefs: [typeDefs, subgraph.typeDefs],
    resolvers: [resolvers, subgraph.resolvers],
    resolverValidationOptions: { requireResolversToMatchSchema: 'error', requireResolversForResolveType: 'error', requireResolversForArgs: 'error' },
  });
  assertResourcesMatchSchema(schema, Object.values(RESOURCES));
  costTableOf(schema);
  return schema;
}
