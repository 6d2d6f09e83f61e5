import type { HeyGenVoice, ListVoicesQuery } from '../../heygen/types.js';
import type { QueryVoicesArgs } from '../__generated__/schema-types.js';
import { voiceTypeFromWire, voiceTypeToWire } from '../enums.js';
import { globalIdOf, optionalBoolean, optionalString, requiredBoolean, requiredString, type UnknownValueReporter } from '../models.js';
import { defineResource, textFilter } from './resource.js';

const VOICE = 'voice';

/**
 * A voice from either endpoint as the Voice type. One only looked up by id lacks `type` and
 * `support_locale`: they stay null rather than being guessed.
 */
export class VoiceModel {
  constructor(
    readonly wire: HeyGenVoice,
    private readonly report: UnknownValueReporter,
  ) {}

  get id() {
    return globalIdOf(resource.typeName, this.voiceId);
  }
  get voiceId() {
    return requiredString(this.wire.voice_id, VOICE, this.wire.voice_id, 'voice_id');
  }
  /** HeyGen marks name optional on the detail answer; the id keeps a non-null field meaningful. */
  get name() {
    return optionalString(this.wire.name) ?? this.voiceId;
  }
  get language() {
    return optionalString(this.wire.language);
  }
  get gender() {
    return optionalString(this.wire.gender);
  }
  get type() {
    return voiceTypeFromWire(this.wire.type, this.report);
  }
  get previewAudioUrl() {
    return optionalString(this.wire.preview_audio_url);
  }
  get supportPause() {
    return requiredBoolean(this.wire.support_pause, VOICE, this.wire.voice_id, 'support_pause');
  }
  get supportLocale() {
    return optionalBoolean(this.wire.support_locale);
  }
}

/**
 * Voices: GET /v3/voices and /v3/voices/{voice_id}. The detail answer lacks `type` and `support_locale`.
 * HeyGen lists public voices when no type is given, so such a list is public too.
 */
export const resource = defineResource({
  typeName: 'Voice',
  name: 'voices',
  idField: 'voiceId',
  lookupField: 'voice',
  list: {
    operation: 'listVoicesV3',
    keyName: 'listVoices',
    path: '/v3/voices',
    maxLimit: 100,
    isPublic: (query: ListVoicesQuery) => query.type === undefined || query.type === 'public',
  },
  get: { operation: 'getVoice', path: '/v3/voices' },
  idOf: (voice: HeyGenVoice) => voice.voice_id,
  Model: VoiceModel,
  connection: {
    name: 'voices',
    filters: (args: QueryVoicesArgs) => ({
      type: voiceTypeToWire(args.type),
      engine: textFilter(args.engine, 'engine'),
      language: textFilter(args.language, 'language'),
      gender: textFilter(args.gender, 'gender'),
    }),
  },
});
