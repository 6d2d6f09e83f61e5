import type { NodeResolvers } from '../__generated__/resolvers-types.js';

/** Objects stay in HeyGen's wire shape, so the type is told by a field only that type has. */
export const Node: NodeResolvers = {
  __resolveType: (node) => {
    if ('voice_id' in node) return 'Voice' as never;
    if ('avatar_type' in node) return 'AvatarLook' as never;
    return 'AvatarGroup';
  },
};
