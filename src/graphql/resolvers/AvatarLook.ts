import type { AvatarLookResolvers } from '../__generated__/resolvers-types.js';
import { linkedId } from '../models.js';
import { resource as groups } from '../resources/avatar-group.js';
import { resource as voices } from '../resources/voice.js';

/** The fields that reach other items; the rest are AvatarLookModel's getters. */
export const AvatarLook: AvatarLookResolvers = {
  group: (look, _, context) => {
    const groupId = linkedId(look.wire.group_id);
    return groupId === null ? null : context.loaders.of(groups).item.load(groupId);
  },
  defaultVoice: (look, _, context) => {
    const voiceId = linkedId(look.wire.default_voice_id);
    return voiceId === null ? null : context.loaders.of(voices).item.load(voiceId);
  },
};
