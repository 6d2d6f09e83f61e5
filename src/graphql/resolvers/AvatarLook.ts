import type { AvatarLookResolvers } from '../__generated__/resolvers-types.js';
import { toReferenceId } from '../federation.js';
import { linkedId } from '../models.js';

/** The fields that reach other items; the rest are AvatarLookModel's getters. */
export const AvatarLook: AvatarLookResolvers = {
  __resolveReference: (reference, context) => context.loaders.avatarLook.load(toReferenceId(reference, 'AvatarLook', 'lookId')),
  group: (look, _, context) => {
    const groupId = linkedId(look.wire.group_id);
    return groupId === null ? null : context.loaders.avatarGroup.load(groupId);
  },
  defaultVoice: (look, _, context) => {
    const voiceId = linkedId(look.wire.default_voice_id);
    return voiceId === null ? null : context.loaders.voice.load(voiceId);
  },
};
