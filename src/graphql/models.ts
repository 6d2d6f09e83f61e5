import { HeyGenError } from '../heygen/errors.js';
import type { UnknownValueReporter } from '../loaders.js';
import { toGlobalId } from './global-id.js';

/*
 * What GraphQL sees of HeyGen's items: one small object per item around the wire object, with a getter
 * per schema field (each resource's model class, in resources/). A field converts (and checks) its
 * upstream value only when a query reads it. This module holds the conversions they share.
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
export type { UnknownValueReporter };

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

/** UPSTREAM_ERROR for an item whose `field` is missing or malformed, naming the item by `id`. */
export function malformed(what: string, id: unknown, field: string): HeyGenError {
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

/** An optional finite number, GraphQL's Float: anything else reads as null. */
export const optionalFloat = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** An optional boolean: anything else reads as null. */
export const optionalBoolean = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

/** A list of strings; a missing or malformed list reads as empty, and non-strings in it are dropped. */
export const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** A non-empty id to follow to another item (a group's default voice, a look's group), else null. */
export const linkedId = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** The global id of an item whose own id may have failed its check (the error then stands for both). */
export const globalIdOf = (type: string, id: string | HeyGenError) => (typeof id === 'string' ? toGlobalId(type, id) : id);
