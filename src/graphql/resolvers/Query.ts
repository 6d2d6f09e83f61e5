import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { loadAccount } from '../account.js';
import { InputError } from '../errors.js';
import { loadNode } from '../nodes.js';

/** The most ids one `nodes` call takes. */
export const MAX_NODES = 100;

/** `node`, `nodes` and `me`; each resource's lookup and connection come from its declaration (resource-resolvers.ts). */
export const Query: QueryResolvers = {
  me: (_, __, context) => loadAccount(context),
  node: (_, { id }, context) => loadNode(context, id),
  nodes: (_, { ids }, context) => {
    if (ids.length > MAX_NODES) throw new InputError(`ids must hold at most ${MAX_NODES} ids, got ${ids.length}`);
    // Each id settles on its own: a bad or missing one nulls its slot, not the list. graphql-js takes a
    // list of promises; the generated type only admits promises of non-null items.
    return ids.map(async (id) => loadNode(context, id)) as never;
  },
};
