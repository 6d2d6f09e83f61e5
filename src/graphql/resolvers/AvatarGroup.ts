import type { AvatarGroupResolvers } from '../__generated__/resolvers-types.js';
import { avatarLookConnection } from '../connections.js';
import { toReferenceId } from '../federation.js';
import { toGlobalId } from '../global-id.js';
import { toDateTime, toTrainingStatus } from '../models.js';

/** Reads HeyGen's `AvatarGroupItem` as sent; only selected fields are converted. */
export const AvatarGroup: AvatarGroupResolvers = {
  __resolveReference: (reference, context) => context.loaders.avatarGroup.load(toReferenceId(reference, 'AvatarGroup', 'groupId')),
  id: (group) => toGlobalId('AvatarGroup', group.id),
  groupId: (group) => group.id,
  previewImageUrl: (group) => group.preview_image_url ?? null,
  previewVideoUrl: (group) => group.preview_video_url ?? null,
  looksCount: (group) => group.looks_count,
  defaultVoiceId: (group) => group.default_voice_id ?? null,
  consentStatus: (group) => group.consent_status ?? null,
  status: (group, _, context) => toTrainingStatus(group.status, context.reportUnknown),
  createdAt: (group) => toDateTime(group.created_at),
  defaultVoice: (group, _, context) => (group.default_voice_id ? context.loaders.voice.load(group.default_voice_id) : null),
  looks: (group, args, context) => avatarLookConnection(context, { ...args, groupId: group.id }),
};
