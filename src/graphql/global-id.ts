import { toBase64Url } from '../pagination/base64url.js';
import { createStringMemo, type StringMemo } from '../pagination/string-memo.js';
import { InputError } from './errors.js';

/**
 * The global ids made lately, one memo per type: a catalogue's ids are in every answer, and a lookup
 * by HeyGen's id as it came (no key to build) costs a fraction of encoding again. Bounded in bytes per
 * type; HeyGen's ids are short, and only short ones are kept. Types are the schema's, never a client's.
 */
const globalIdsMade = new Map<string, StringMemo>();

/** Encodes a type and HeyGen id as an opaque global id: base64url of `Type:id`. */
export function toGlobalId(type: string, id: string): string {
  let made = globalIdsMade.get(type);
  if (made === undefined) globalIdsMade.set(type, (made = createStringMemo((raw) => toBase64Url(`${type}:${raw}`), { maxBytes: 256 * 1024, maxKeyLength: 128 })));
  return made.get(id);
}

/**
 * Decodes a global id whose type must be one of `types` (nodes.ts passes the resources' types); throws
 * an InputError naming what is wrong.
 */
export function fromGlobalId<Type extends string>(globalId: string, types: ReadonlySet<Type>, argument = 'id'): { type: Type; id: string } {
  const text = globalId.length <= 512 ? Buffer.from(globalId, 'base64url').toString('utf8') : '';
  const colon = text.indexOf(':');
  const type = text.slice(0, colon) as Type;
  if (colon <= 0 || !types.has(type) || Buffer.from(text).toString('base64url') !== globalId) {
    throw new InputError(`${argument} must be a global id from an \`id\` field, got ${JSON.stringify(globalId.slice(0, 64))}`);
  }
  return { type, id: assertResourceId(text.slice(colon + 1), argument) };
}

/**
 * Path segments that would send an id's lookup to another endpoint: dot segments, and `looks`
 * (`/v3/avatars/looks`). createSchema checks at start-up that every route below another resource's
 * item path is listed here.
 */
export const ROUTE_SEGMENTS: ReadonlySet<string> = new Set(['.', '..', 'looks']);

/**
 * Checks a HeyGen id before it goes into an upstream path: 1..256 printable characters, and not a dot
 * segment (`.` or `..`), which a server could resolve to another endpoint, nor `looks`, which is one.
 */
export function assertResourceId(id: string, argument: string): string {
  if (id.length === 0 || id.length > 256 || ROUTE_SEGMENTS.has(id) || /[\u0000-\u001f\u007f]/.test(id)) {
    throw new InputError(`${argument} must be 1..256 printable characters and not "." or ".." (nor "looks", a HeyGen route), got ${JSON.stringify(id.slice(0, 64))}`);
  }
  return id;
}
