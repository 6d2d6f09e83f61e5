import type { NodeResolvers } from '../__generated__/resolvers-types.js';
import { nodeTypeOf } from '../nodes.js';

/** Every node is a resource's model; its class names its type. */
export const Node: NodeResolvers = {
  __resolveType: (node) => nodeTypeOf(node),
};
