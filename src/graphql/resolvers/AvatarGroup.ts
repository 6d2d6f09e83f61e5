import type { AvatarGroupResolvers } from '../__generated__/resolvers-types.js';
import { avatarLookConnection } from '../connections.js';
import { toReferenceId } from '../federation.js';
import { toGlobalId } from '../global-id.js';
import { optionalString, requiredInt, requiredString, toDateTime, toTrainingStatus } from '../models.js';

const GROUP = 'avatar group';

/** Reads HeyGen's `AvatarGroupItem` as sent; only selected fields are converted. */
export const AvatarGroup: AvatarGroupResolvers = {
  __resolveReference: (reference, context) => context.loaders.avatarGroup.load(toReferenceId(reference, 'AvatarGroup', 'groupId')),
  id: (group) => toGlobalId('AvatarGroup', requiredString(group.id, GROUP, group.id, 'id')),
  groupId: (group) => requiredString(group.id, GROUP, group.id, 'id'),
  name: (group) => requiredString(group.name, GROUP, group.id, 'name'),
  gender: (group) => optionalString(group.gender),
  previewImageUrl: (group) => optionalString(group.preview_image_url),
  previewVideoUrl: (group) => optionalString(group.preview_video_url),
  looksCount: (group) => requiredInt(group.looks_count, GROUP, group.id, 'looks_count'),
  defaultVoiceId: (group) => optionalString(group.default_voice_id),
  consentStatus: (group) => optionalString(group.consent_status),
  status: (group, _, context) => toTrainingStatus(group.status, context.reportUnknown),
  createdAt: (group) => toDateTime(requiredInt(group.created_at, GROUP, group.id, 'created_at')),
  defaultVoice: (group, _, context) => (typeof group.default_voice_id === 'string' && group.default_voice_id ? context.loaders.voice.load(group.default_voice_id) : null),
  looks: (group, args, context) => avatarLookConnection(context, { ...args, groupId: group.id }),
};
