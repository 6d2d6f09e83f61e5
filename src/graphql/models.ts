import type { HeyGenAvatarGroup, HeyGenAvatarLook, HeyGenVoice } from '../heygen/types.js';

/**
 * Wire → GraphQL conversions. Objects stay as HeyGen sent them: the resolvers read snake_case fields
 * directly, which costs no copy per item, and convert only the fields a query selects.
 */

export type { ConnectionModel, Edge, PageInfoModel } from '../pagination/connection.js';
export type { HeyGenAvatarGroup, HeyGenAvatarLook, HeyGenVoice };

/** Unix seconds → ISO-8601 UTC. */
export function toDateTime(seconds: number): string {
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
