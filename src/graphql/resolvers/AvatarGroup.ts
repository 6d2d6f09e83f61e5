import type { AvatarGroupResolvers } from '../__generated__/resolvers-types.js';
import { loadResourceConnection } from '../connections.js';
import { linkedId } from '../models.js';
import { resource as looks } from '../resources/avatar-look.js';
import { resource as voices } from '../resources/voice.js';

/** The fields that reach other items; the rest are AvatarGroupModel's getters. */
export const AvatarGroup: AvatarGroupResolvers = {
  defaultVoice: (group, _, context) => {
    const voiceId = linkedId(group.wire.default_voice_id);
    return voiceId === null ? null : context.loaders.of(voices).item.load(voiceId);
  },
  looks: (group, args, context) => loadResourceConnection(context, looks, Object.assign({}, args, { groupId: group.wire.id })),
};
