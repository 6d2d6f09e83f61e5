import type { HeyGenBackground, HeyGenCreateVideoBody, HeyGenVoiceSettings } from '../heygen/types.js';
import type { CreateVideoInput, Expressiveness, VideoAspectRatio, VideoResolution } from './__generated__/schema-types.js';
import { InputError } from './errors.js';

/*
 * createVideo's input, checked before anything is sent or remembered, and turned into HeyGen's body
 * (`CreateVideoFromAvatar`). Each problem is an InputError (BAD_USER_INPUT) that names the field as
 * `input.<field>`, says what is allowed, and quotes at most a short prefix of the value. HeyGen documents
 * no lengths but the script's minimum; these bounds keep what a client sends small before it reaches a
 * log, a key or HeyGen.
 */

/** Longest text of each field, characters. */
export const MAX_LENGTH = Object.freeze({ script: 5000, title: 255, motionPrompt: 1000, callbackId: 256, id: 256, url: 2048, locale: 35, idempotencyKey: 128 });

const RESOLUTIONS: Readonly<Record<VideoResolution, NonNullable<HeyGenCreateVideoBody['resolution']>>> = {
  RESOLUTION_4K: '4k',
  RESOLUTION_1080P: '1080p',
  RESOLUTION_720P: '720p',
};
const ASPECT_RATIOS: Readonly<Record<VideoAspectRatio, NonNullable<HeyGenCreateVideoBody['aspect_ratio']>>> = { LANDSCAPE_16_9: '16:9', PORTRAIT_9_16: '9:16' };
const EXPRESSIVENESS: Readonly<Record<Expressiveness, NonNullable<HeyGenCreateVideoBody['expressiveness']>>> = { HIGH: 'high', MEDIUM: 'medium', LOW: 'low' };

const quote = (value: string) => JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

function text(value: string | null | undefined, field: string, max: number): string | undefined {
  if (!given(value)) return undefined;
  if (value.length === 0 || value.length > max) throw new InputError(`input.${field} must be 1..${max} characters, got ${value.length}`);
  return value;
}

function id(value: string | null | undefined, field: string): string | undefined {
  if (given(value) && /[\u0000-\u001f\u007f]/.test(value)) throw new InputError(`input.${field} must hold no control characters, got ${quote(value)}`);
  return text(value, field, MAX_LENGTH.id);
}

function httpsUrl(value: string | null | undefined, field: string): string | undefined {
  if (text(value, field, MAX_LENGTH.url) === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value as string);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' || url.hostname === '') throw new InputError(`input.${field} must be an absolute https URL, got ${quote(value as string)}`);
  return value as string;
}

function between(value: number | null | undefined, field: string, min: number, max: number): number | undefined {
  if (!given(value)) return undefined;
  if (!(value >= min && value <= max)) throw new InputError(`input.${field} must be ${min}..${max}, got ${value}`);
  return value;
}

function toBackground(background: CreateVideoInput['background']): HeyGenBackground | undefined {
  if (!given(background)) return undefined;
  if (background.type === 'COLOR') {
    if (given(background.url) || given(background.assetId)) throw new InputError('input.background takes value alone with type COLOR (url and assetId go with IMAGE)');
    if (!given(background.value) || !/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(background.value)) {
      throw new InputError(`input.background.value must be a hex colour such as #1a2b3c with type COLOR, got ${given(background.value) ? quote(background.value) : 'none'}`);
    }
    return { type: 'color', value: background.value };
  }
  if (given(background.value)) throw new InputError('input.background takes url or assetId with type IMAGE, not value');
  if (given(background.url) === given(background.assetId)) throw new InputError('input.background needs exactly one of url and assetId with type IMAGE');
  const url = httpsUrl(background.url, 'background.url');
  return url !== undefined ? { type: 'image', url } : { type: 'image', asset_id: id(background.assetId, 'background.assetId') as string };
}

function toVoiceSettings(settings: CreateVideoInput['voiceSettings']): HeyGenVoiceSettings | undefined {
  if (!given(settings)) return undefined;
  const out: HeyGenVoiceSettings = {
    speed: between(settings.speed, 'voiceSettings.speed', 0.5, 1.5),
    pitch: between(settings.pitch, 'voiceSettings.pitch', -50, 50),
    locale: text(settings.locale, 'voiceSettings.locale', MAX_LENGTH.locale),
  };
  return withoutUndefined(out);
}

const withoutUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;

/** The one source of speech: exactly one of `script`, `audioUrl` and `audioAssetId`, and a voice with a script only. */
function checkSpeech(input: CreateVideoInput): void {
  const sources = (['script', 'audioUrl', 'audioAssetId'] as const).filter((field) => given(input[field]));
  if (sources.length !== 1) {
    throw new InputError(`input needs exactly one of script, audioUrl and audioAssetId, got ${sources.length === 0 ? 'none' : sources.join(' and ')}`);
  }
  if (sources[0] === 'script' && !given(input.voiceId)) throw new InputError('input.voiceId is required with input.script: the voice that speaks it');
  if (sources[0] !== 'script' && given(input.voiceId)) throw new InputError(`input.voiceId goes only with input.script; the audio of input.${sources[0]} already speaks`);
}

/**
 * HeyGen's body for `input`, or an InputError naming the first field that is wrong. Fields left out are
 * left out of the body, so HeyGen's defaults apply; the idempotency key is not part of it.
 */
export function toCreateVideoBody(input: CreateVideoInput): HeyGenCreateVideoBody {
  checkSpeech(input);
  return withoutUndefined<HeyGenCreateVideoBody>({
    type: 'avatar',
    avatar_id: id(input.lookId, 'lookId') as string,
    script: text(input.script, 'script', MAX_LENGTH.script),
    voice_id: id(input.voiceId, 'voiceId'),
    audio_url: httpsUrl(input.audioUrl, 'audioUrl'),
    audio_asset_id: id(input.audioAssetId, 'audioAssetId'),
    title: text(input.title, 'title', MAX_LENGTH.title),
    resolution: given(input.resolution) ? RESOLUTIONS[input.resolution] : undefined,
    aspect_ratio: given(input.aspectRatio) ? ASPECT_RATIOS[input.aspectRatio] : undefined,
    background: toBackground(input.background),
    remove_background: input.removeBackground ?? undefined,
    callback_url: httpsUrl(input.callbackUrl, 'callbackUrl'),
    callback_id: text(input.callbackId, 'callbackId', MAX_LENGTH.callbackId),
    voice_settings: toVoiceSettings(input.voiceSettings),
    motion_prompt: text(input.motionPrompt, 'motionPrompt', MAX_LENGTH.motionPrompt),
    expressiveness: given(input.expressiveness) ? EXPRESSIVENESS[input.expressiveness] : undefined,
  });
}

/** The idempotency key, if any: 1..128 printable ASCII characters (an InputError otherwise). */
export function toIdempotencyKey(key: string | null | undefined): string | undefined {
  if (!given(key)) return undefined;
  if (!/^[\x20-\x7e]+$/.test(key) || key.length > MAX_LENGTH.idempotencyKey) {
    throw new InputError(`input.idempotencyKey must be 1..${MAX_LENGTH.idempotencyKey} printable ASCII characters, got ${key.length > MAX_LENGTH.idempotencyKey ? `${key.length} characters` : quote(key)}`);
  }
  return key;
}
