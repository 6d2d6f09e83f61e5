import type { HeyGenAvatarStatus, HeyGenAvatarType, HeyGenOwnership, HeyGenVoiceType } from '../heygen/types.js';
import type { AvatarType, Ownership, TrainingStatus, VoiceType } from './__generated__/schema-types.js';
import { toEnum, type UnknownValueReporter } from './models.js';

/*
 * Each enum of the schema with both its directions: `xFromWire` reads what HeyGen sent (a value the
 * schema does not know reads as null and is reported), `xToWire` turns a GraphQL argument into HeyGen's
 * query parameter (an absent argument stays absent).
 */

const TRAINING_STATUS_FROM_WIRE: Readonly<Record<HeyGenAvatarStatus, TrainingStatus>> = {
  processing: 'PROCESSING',
  pending_consent: 'PENDING_CONSENT',
  completed: 'COMPLETED',
  failed: 'FAILED',
};

export const trainingStatusFromWire = (value: string | null | undefined, report: UnknownValueReporter) =>
  toEnum('TrainingStatus', TRAINING_STATUS_FROM_WIRE, value, report);

const AVATAR_TYPE_FROM_WIRE: Readonly<Record<HeyGenAvatarType, AvatarType>> = {
  studio_avatar: 'STUDIO_AVATAR',
  digital_twin: 'DIGITAL_TWIN',
  video_avatar: 'DIGITAL_TWIN',
  photo_avatar: 'PHOTO_AVATAR',
};

/** Both spellings HeyGen's docs use for a twin, `digital_twin` and `video_avatar`, read as DIGITAL_TWIN. */
export const avatarTypeFromWire = (value: string | null | undefined, report: UnknownValueReporter) =>
  toEnum('AvatarType', AVATAR_TYPE_FROM_WIRE, value, report);

/** DIGITAL_TWIN and VIDEO_AVATAR are sent as `digitalTwin`, the spelling the deployment chose (DIGITAL_TWIN_AVATAR_TYPE). */
export function avatarTypeToWire(type: AvatarType | null | undefined, digitalTwin: 'digital_twin' | 'video_avatar'): HeyGenAvatarType | undefined {
  switch (type) {
    case null:
    case undefined:
      return undefined;
    case 'STUDIO_AVATAR':
      return 'studio_avatar';
    case 'PHOTO_AVATAR':
      return 'photo_avatar';
    case 'DIGITAL_TWIN':
    case 'VIDEO_AVATAR':
      return digitalTwin;
  }
}

const VOICE_TYPE_FROM_WIRE: Readonly<Record<HeyGenVoiceType, VoiceType>> = { public: 'PUBLIC', private: 'PRIVATE' };
const VOICE_TYPE_TO_WIRE: Readonly<Record<VoiceType, HeyGenVoiceType>> = { PUBLIC: 'public', PRIVATE: 'private' };

export const voiceTypeFromWire = (value: string | null | undefined, report: UnknownValueReporter) => toEnum('VoiceType', VOICE_TYPE_FROM_WIRE, value, report);

export const voiceTypeToWire = (type: VoiceType | null | undefined): HeyGenVoiceType | undefined => (type ? VOICE_TYPE_TO_WIRE[type] : undefined);

const OWNERSHIP_TO_WIRE: Readonly<Record<Ownership, HeyGenOwnership>> = { PUBLIC: 'public', PRIVATE: 'private' };

/** HeyGen never sends ownership back, so there is only this direction. */
export const ownershipToWire = (ownership: Ownership | null | undefined): HeyGenOwnership | undefined => (ownership ? OWNERSHIP_TO_WIRE[ownership] : undefined);
