import type { AvatarLookResolvers } from '../__generated__/resolvers-types.js';
import { toReferenceId } from '../federation.js';
import { toGlobalId } from '../global-id.js';
import { optionalInt, optionalString, requiredString, stringList, toAvatarType, toTrainingStatus } from '../models.js';

const LOOK = 'avatar look';

/** Reads HeyGen's `AvatarLookItem` as sent; only selected fields are converted. */
export const AvatarLook: AvatarLookResolvers = {
  __resolveReference: (reference, context) => context.loaders.avatarLook.load(toReferenceId(reference, 'AvatarLook', 'lookId')),
  id: (look) => toGlobalId('AvatarLook', requiredString(look.id, LOOK, look.id, 'id')),
  lookId: (look) => requiredString(look.id, LOOK, look.id, 'id'),
  name: (look) => requiredString(look.name, LOOK, look.id, 'name'),
  avatarType: (look, _, context) => toAvatarType(look.avatar_type, context.reportUnknown),
  groupId: (look) => optionalString(look.group_id),
  group: (look, _, context) => (typeof look.group_id === 'string' && look.group_id ? context.loaders.avatarGroup.load(look.group_id) : null),
  gender: (look) => optionalString(look.gender),
  previewImageUrl: (look) => optionalString(look.preview_image_url),
  previewVideoUrl: (look) => optionalString(look.preview_video_url),
  defaultVoiceId: (look) => optionalString(look.default_voice_id),
  defaultVoice: (look, _, context) =>
    typeof look.default_voice_id === 'string' && look.default_voice_id ? context.loaders.voice.load(look.default_voice_id) : null,
  tags: (look) => stringList(look.tags),
  supportedApiEngines: (look) => stringList(look.supported_api_engines),
  imageWidth: (look) => optionalInt(look.image_width),
  imageHeight: (look) => optionalInt(look.image_height),
  preferredOrientation: (look) => optionalString(look.preferred_orientation),
  status: (look, _, context) => toTrainingStatus(look.status, context.reportUnknown),
};
