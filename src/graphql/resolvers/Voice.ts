import type { VoiceResolvers } from '../__generated__/resolvers-types.js';
import { toReferenceId } from '../federation.js';
import { toGlobalId } from '../global-id.js';
import { toVoiceType } from '../models.js';

/**
 * Reads a voice as sent. A voice only looked up by id lacks `type` and `support_locale`: they stay
 * null rather than being guessed.
 */
export const Voice: VoiceResolvers = {
  __resolveReference: (reference, context) => context.loaders.voice.load(toReferenceId(reference, 'Voice', 'voiceId')),
  id: (voice) => toGlobalId('Voice', voice.voice_id),
  voiceId: (voice) => voice.voice_id,
  // HeyGen marks name optional on the detail answer; the id keeps a non-null field meaningful.
  name: (voice) => voice.name ?? voice.voice_id,
  language: (voice) => voice.language ?? null,
  gender: (voice) => voice.gender ?? null,
  type: (voice, _, context) => toVoiceType(voice.type, context.reportUnknown),
  previewAudioUrl: (voice) => voice.preview_audio_url ?? null,
  supportPause: (voice) => voice.support_pause === true,
  supportLocale: (voice) => voice.support_locale ?? null,
};
