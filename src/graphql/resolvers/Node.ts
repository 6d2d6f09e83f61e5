import type { NodeResolvers } from '../__generated__/resolvers-types.js';
import { AvatarLookModel, VoiceModel } from '../models.js';

/** Every node is one of the three models. */
export const Node: NodeResolvers = {
  __resolveType: (node) => {
    if (node instanceof VoiceModel) return 'Voice' as never;
    if (node instanceof AvatarLookModel) return 'AvatarLook' as never;
    return 'AvatarGroup';
  },
};
