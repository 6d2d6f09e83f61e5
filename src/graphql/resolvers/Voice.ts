import type { VoiceResolvers } from '../__generated__/resolvers-types.js';
import { toReferenceId } from '../federation.js';
import { toGlobalId } from '../global-id.js';
import { optionalBoolean, optionalString, requiredBoolean, requiredString, toVoiceType } from '../models.js';

const VOICE = 'voice';

/**
 * Reads a voice as sent. A voice only looked up by id lacks `type` and `support_locale`: they stay
 * null rather than being guessed.
 */
export const Voice: VoiceResolvers = {
  __resolveReference: (reference, context) => context.loaders.voice.load(toReferenceId(reference, 'Voice', 'voiceId')),
  id: (voice) => toGlobalId('Voice', requiredString(voice.voice_id, VOICE, voice.voice_id, 'voice_id')),
  voiceId: (voice) => requiredString(voice.voice_id, VOICE, voice.voice_id, 'voice_id'),
  // HeyGen marks name optional on the detail answer; the id keeps a non-null field meaningful.
  name: (voice) => optionalString(voice.name) ?? requiredString(voice.voice_id, VOICE, voice.voice_id, 'voice_id'),
  language: (voice) => optionalString(voice.language),
  gender: (voice) => optionalString(voice.gender),
  type: (voice, _, context) => toVoiceType(voice.type, context.reportUnknown),
  previewAudioUrl: (voice) => optionalString(voice.preview_audio_url),
  supportPause: (voice) => requiredBoolean(voice.support_pause, VOICE, voice.voice_id, 'support_pause'),
  supportLocale: (voice) => optionalBoolean(voice.support_locale),
};
