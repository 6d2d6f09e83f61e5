import { readFileSync } from 'node:fs';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type { Resolvers } from './__generated__/resolvers-types.js';
import { createSubgraph, type NodeFieldMode } from './federation.js';
import { AvatarGroup } from './resolvers/AvatarGroup.js';
import { AvatarLook } from './resolvers/AvatarLook.js';
import { Node } from './resolvers/Node.js';
import { Query } from './resolvers/Query.js';
import { DateTime } from './resolvers/scalars.js';
import { Voice } from './resolvers/Voice.js';

/** schema.graphql, the public contract, read from the package root (the same path from src/ and dist/). */
export const typeDefs = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');

export const resolvers: Resolvers = {
  Query,
  Node,
  AvatarGroup,
  AvatarLook,
  Voice,
  DateTime,
};

export interface SchemaOptions {
  /** How `_service { sdl }` presents `node` and `nodes` to a federation supergraph. @default 'shareable' */
  nodeField?: NodeFieldMode;
}

/**
 * Builds the executable schema, which is also a Federation v2 subgraph (`_service`, `_entities`); fails
 * at start-up if a resolver names a field the SDL lacks.
 */
export function createSchema(options: SchemaOptions = {}): GraphQLSchema {
  const subgraph = createSubgraph(typeDefs, resolvers, options.nodeField);
  return makeExecutableSchema({
    typeDefs: [typeDefs, subgraph.typeDefs],
    resolvers: [resolvers, subgraph.resolvers],
    resolverValidationOptions: { requireResolversToMatchSchema: 'error', requireResolversForResolveType: 'error' },
  });
}
