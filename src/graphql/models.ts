import { HeyGenError } from '../heygen/errors.js';
import type { HeyGenAvatarGroup, HeyGenAvatarLook, HeyGenVoice } from '../heygen/types.js';
import { toGlobalId, type NodeTypeName } from './global-id.js';

/*
 * What GraphQL sees of HeyGen's items: one small object per item around the wire object, with a getter
 * per schema field. A field converts (and checks) its upstream value only when a query reads it.
 *
 * Getters rather than resolvers: a field with no resolver costs graphql-jit (and graphql-js) a property
 * read, while a resolver costs a call with its own args and info objects; on a page of 20 groups that
 * was most of the execution's CPU and garbage.
 *
 * Upstream values are checked where they are read, so every getter answers its field's exact GraphQL
 * type (the fast lane skips graphql's own leaf serialization): a required field that is missing or of
 * the wrong type reads as an UPSTREAM_ERROR naming the item (returned, not thrown: GraphQL then fails that field
 * alone, exactly as for a throwing resolver), and an optional one reads as null, so a malformed item
 * never crashes the request or puts a wrong type in the answer.
 */

export type { ConnectionModel, Edge, PageInfoModel } from '../pagination/connection.js';
export type { HeyGenAvatarGroup, HeyGenAvatarLook, HeyGenVoice };

// The same items come back request after request, and formatting a Date was a visible part of a page's CPU.
const isoBySeconds = new Map<number, string>();
const MAX_REMEMBERED_TIMES = 50_000;

/** Unix seconds → ISO-8601 UTC, or UPSTREAM_ERROR for a number no date has. */
export function toDateTime(seconds: number): string | HeyGenError {
  let iso = isoBySeconds.get(seconds);
  if (iso !== undefined) return iso;
  if (!Number.isFinite(seconds) || Math.abs(seconds) > 8.64e12) return new HeyGenError('bad_body', 'HeyGen sent a timestamp that is not unix seconds');
  iso = new Date(seconds * 1000).toISOString();
  if (isoBySeconds.size >= MAX_REMEMBERED_TIMES) isoBySeconds.clear();
  isoBySeconds.set(seconds, iso);
  return iso;
}

const TRAINING_STATUS = {
  processing: 'PROCESSING',
  pending_consent: 'PENDING_CONSENT',
  completed: 'COMPLETED',
  failed: 'FAILED',
} as const;

export type TrainingStatusName = (typeof TRAINING_STATUS)[keyof typeof TRAINING_STATUS];

/** Told about an upstream enum value the schema does not know yet. */
export type UnknownValueReporter = (enumName: string, value: string) => void;

/**
 * Maps an upstream string onto a GraphQL enum value through `table`. A value the table does not know
 * (HeyGen added one) becomes null instead of failing the field, and is reported.
 */
export function toEnum<T extends string>(
  enumName: string,
  table: Readonly<Record<string, T>>,
  value: string | null | undefined,
  report: UnknownValueReporter,
): T | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') {
    report(enumName, String(value));
    return null;
  }
  const known = table[value];
  if (known !== undefined) return known;
  report(enumName, value);
  return null;
}

/**
 * A reporter that passes each enum/value pair on once per process, so a new upstream value is noticed
 * in the logs without flooding them.
 */
export function createUnknownValueReporter(log: (message: string) => void): UnknownValueReporter {
  const seen = new Set<string>();
  return (enumName, value) => {
    const key = `${enumName}:${value}`;
    if (seen.has(key) || seen.size >= 1000) return;
    seen.add(key);
    log(`HeyGen sent ${JSON.stringify(value.slice(0, 100))}, which ${enumName} does not know; it reads as null`);
  };
}

export const toTrainingStatus = (value: string | null | undefined, report: UnknownValueReporter) =>
  toEnum('TrainingStatus', TRAINING_STATUS, value, report);

const AVATAR_TYPE = {
  studio_avatar: 'STUDIO_AVATAR',
  digital_twin: 'DIGITAL_TWIN',
  video_avatar: 'DIGITAL_TWIN',
  photo_avatar: 'PHOTO_AVATAR',
} as const;

/** Both spellings HeyGen's docs use for a twin, `digital_twin` and `video_avatar`, read as DIGITAL_TWIN. */
export const toAvatarType = (value: string | null | undefined, report: UnknownValueReporter) =>
  toEnum('AvatarType', AVATAR_TYPE, value, report);

const VOICE_TYPE = { public: 'PUBLIC', private: 'PRIVATE' } as const;

export const toVoiceType = (value: string | null | undefined, report: UnknownValueReporter) => toEnum('VoiceType', VOICE_TYPE, value, report);

function malformed(what: string, id: unknown, field: string): HeyGenError {
  const name = typeof id === 'string' ? ` ${JSON.stringify(id.slice(0, 64))}` : '';
  return new HeyGenError('bad_body', `HeyGen sent ${what}${name} without a valid ${field}`);
}

/** A required string, or UPSTREAM_ERROR for this item. */
export function requiredString(value: unknown, what: string, id: unknown, field: string): string | HeyGenError {
  return typeof value === 'string' ? value : malformed(what, id, field);
}

/** GraphQL's Int: a 32-bit signed whole number. */
const isInt = (value: unknown): value is number => Number.isInteger(value) && (value as number) <= 0x7fffffff && (value as number) >= -0x80000000;

/** A required whole number that fits GraphQL's Int, or UPSTREAM_ERROR for this item. */
export function requiredInt(value: unknown, what: string, id: unknown, field: string): number | HeyGenError {
  return isInt(value) ? value : malformed(what, id, field);
}

/** A required boolean, or UPSTREAM_ERROR for this item. */
export function requiredBoolean(value: unknown, what: string, id: unknown, field: string): boolean | HeyGenError {
  return typeof value === 'boolean' ? value : malformed(what, id, field);
}

/** An optional string: anything else reads as null. */
export const optionalString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** An optional whole number that fits GraphQL's Int: anything else reads as null. */
export const optionalInt = (value: unknown): number | null => (isInt(value) ? value : null);

/** An optional boolean: anything else reads as null. */
export const optionalBoolean = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

/** A list of strings; a missing or malformed list reads as empty, and non-strings in it are dropped. */
export const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** A non-empty id to follow to another item (a group's default voice, a look's group), else null. */
export const linkedId = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

const VOICE = 'voice';

/** The global id of an item whose own id may have failed its check (the error then stands for both). */
const globalIdOf = (type: NodeTypeName, id: string | HeyGenError) => (typeof id === 'string' ? toGlobalId(type, id) : id);

/** What groups and looks have alike: both are avatars, with a name, previews, a voice and a training status. */
abstract class AvatarModel<Wire extends HeyGenAvatarGroup | HeyGenAvatarLook> {
  /** How errors name the item, e.g. `avatar group` (on the prototype: no field per item). */
  protected abstract get what(): string;

  constructor(
    readonly wire: Wire,
    protected readonly report: UnknownValueReporter,
  ) {}

  /** HeyGen's id of the item (`groupId` or `lookId`). */
  protected get ownId() {
    return requiredString(this.wire.id, this.what, this.wire.id, 'id');
  }
  get name() {
    return requiredString(this.wire.name, this.what, this.wire.id, 'name');
  }
  get gender() {
    return optionalString(this.wire.gender);
  }
  get previewImageUrl() {
    return optionalString(this.wire.preview_image_url);
  }
  get previewVideoUrl() {
    return optionalString(this.wire.preview_video_url);
  }
  get defaultVoiceId() {
    return optionalString(this.wire.default_voice_id);
  }
  get status() {
    return toTrainingStatus(this.wire.status, this.report);
  }
}

/** HeyGen's `AvatarGroupItem` as the AvatarGroup type. */
export class AvatarGroupModel extends AvatarModel<HeyGenAvatarGroup> {
  protected get what() {
    return 'avatar group';
  }

  get id() {
    return globalIdOf('AvatarGroup', this.ownId);
  }
  get groupId() {
    return this.ownId;
  }
  get looksCount() {
    return requiredInt(this.wire.looks_count, this.what, this.wire.id, 'looks_count');
  }
  get consentStatus() {
    return optionalString(this.wire.consent_status);
  }
  get createdAt(): string | HeyGenError {
    const seconds = this.wire.created_at;
    return Number.isSafeInteger(seconds) ? toDateTime(seconds) : malformed(this.what, this.wire.id, 'created_at');
  }
}

/** HeyGen's `AvatarLookItem` as the AvatarLook type. */
export class AvatarLookModel extends AvatarModel<HeyGenAvatarLook> {
  protected get what() {
    return 'avatar look';
  }

  get id() {
    return globalIdOf('AvatarLook', this.ownId);
  }
  get lookId() {
    return this.ownId;
  }
  get avatarType() {
    return toAvatarType(this.wire.avatar_type, this.report);
  }
  get groupId() {
    return optionalString(this.wire.group_id);
  }
  get tags() {
    return stringList(this.wire.tags);
  }
  get supportedApiEngines() {
    return stringList(this.wire.supported_api_engines);
  }
  get imageWidth() {
    return optionalInt(this.wire.image_width);
  }
  get imageHeight() {
    return optionalInt(this.wire.image_height);
  }
  get preferredOrientation() {
    return optionalString(this.wire.preferred_orientation);
  }
}

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
    return globalIdOf('Voice', this.voiceId);
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
    return toVoiceType(this.wire.type, this.report);
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
