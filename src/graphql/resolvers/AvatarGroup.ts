import type { AvatarGroupResolvers } from '../__generated__/resolvers-types.js';
import { avatarLookConnection } from '../connections.js';
import { toReferenceId } from '../federation.js';
import { linkedId } from '../models.js';

/** The fields that reach other items; the rest are AvatarGroupModel's getters. */
export const AvatarGroup: AvatarGroupResolvers = {
  __resolveReference: (reference, context) => context.loaders.avatarGroup.load(toReferenceId(reference, 'AvatarGroup', 'groupId')),
  defaultVoice: (group, _, context) => {
    const voiceId = linkedId(group.wire.default_voice_id);
    return voiceId === null ? null : context.loaders.voice.load(voiceId);
  },
  looks: (group, args, context) => avatarLookConnection(context, { ...args, groupId: group.wire.id }),
};
