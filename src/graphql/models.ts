import { HeyGenError } from '../heygen/errors.js';
import type { HeyGenAvatarGroup, HeyGenAvatarLook, HeyGenVoice } from '../heygen/types.js';

/**
 * Wire → GraphQL conversions. Objects stay as HeyGen sent them: the resolvers read snake_case fields
 * directly, which costs no copy per item, and convert only the fields a query selects.
 */

export type { ConnectionModel, Edge, PageInfoModel } from '../pagination/connection.js';
export type { HeyGenAvatarGroup, HeyGenAvatarLook, HeyGenVoice };

/** Unix seconds → ISO-8601 UTC. */
export function toDateTime(seconds: number): string {
  if (!Number.isFinite(seconds) || Math.abs(seconds) > 8.64e12) throw new HeyGenError('bad_body', `HeyGen sent a timestamp that is not unix seconds`);
  return new Date(seconds * 1000).toISOString();
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

/*
 * Upstream values are checked where they are read: a required field that is missing or of the wrong
 * type fails that field with UPSTREAM_ERROR naming the item, and an optional one reads as null, so a
 * malformed item never crashes the request or puts a wrong type in the answer.
 */

function malformed(what: string, id: unknown, field: string): HeyGenError {
  const name = typeof id === 'string' ? ` ${JSON.stringify(id.slice(0, 64))}` : '';
  return new HeyGenError('bad_body', `HeyGen sent ${what}${name} without a valid ${field}`);
}

/** A required string, or UPSTREAM_ERROR for this item. */
export function requiredString(value: unknown, what: string, id: unknown, field: string): string {
  if (typeof value === 'string') return value;
  throw malformed(what, id, field);
}

/** A required whole number, or UPSTREAM_ERROR for this item. */
export function requiredInt(value: unknown, what: string, id: unknown, field: string): number {
  if (Number.isSafeInteger(value)) return value as number;
  throw malformed(what, id, field);
}

/** A required boolean, or UPSTREAM_ERROR for this item. */
export function requiredBoolean(value: unknown, what: string, id: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  throw malformed(what, id, field);
}

/** An optional string: anything else reads as null. */
export const optionalString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** An optional whole number: anything else reads as null. */
export const optionalInt = (value: unknown): number | null => (Number.isSafeInteger(value) ? (value as number) : null);

/** An optional boolean: anything else reads as null. */
export const optionalBoolean = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

/** A list of strings; a missing or malformed list reads as empty, and non-strings in it are dropped. */
export const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
