import type { AvatarLookResolvers } from '../__generated__/resolvers-types.js';
import { toReferenceId } from '../federation.js';
import { toGlobalId } from '../global-id.js';
import { toAvatarType, toTrainingStatus } from '../models.js';

/** Reads HeyGen's `AvatarLookItem` as sent; only selected fields are converted. */
export const AvatarLook: AvatarLookResolvers = {
  __resolveReference: (reference, context) => context.loaders.avatarLook.load(toReferenceId(reference, 'AvatarLook', 'lookId')),
  id: (look) => toGlobalId('AvatarLook', look.id),
  lookId: (look) => look.id,
  avatarType: (look, _, context) => toAvatarType(look.avatar_type, context.reportUnknown),
  groupId: (look) => look.group_id ?? null,
  group: (look, _, context) => (look.group_id ? context.loaders.avatarGroup.load(look.group_id) : null),
  previewImageUrl: (look) => look.preview_image_url ?? null,
  previewVideoUrl: (look) => look.preview_video_url ?? null,
  defaultVoiceId: (look) => look.default_voice_id ?? null,
  defaultVoice: (look, _, context) => (look.default_voice_id ? context.loaders.voice.load(look.default_voice_id) : null),
  tags: (look) => look.tags ?? [],
  supportedApiEngines: (look) => look.supported_api_engines ?? [],
  imageWidth: (look) => look.image_width ?? null,
  imageHeight: (look) => look.image_height ?? null,
  preferredOrientation: (look) => look.preferred_orientation ?? null,
  status: (look, _, context) => toTrainingStatus(look.status, context.reportUnknown),
};
