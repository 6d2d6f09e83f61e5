import { InputError } from './errors.js';

/** The types `node(id:)` can fetch. */
export type NodeTypeName = 'AvatarGroup' | 'AvatarLook' | 'Voice';

const NODE_TYPES: ReadonlySet<string> = new Set<NodeTypeName>(['AvatarGroup', 'AvatarLook', 'Voice']);

/** Encodes a type and HeyGen id as an opaque global id: base64url of `Type:id`. */
export function toGlobalId(type: NodeTypeName, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

/** Decodes a global id; throws an InputError naming what is wrong. */
export function fromGlobalId(globalId: string, argument = 'id'): { type: NodeTypeName; id: string } {
  const text = globalId.length <= 512 ? Buffer.from(globalId, 'base64url').toString('utf8') : '';
  const colon = text.indexOf(':');
  const type = text.slice(0, colon);
  if (colon <= 0 || !NODE_TYPES.has(type) || Buffer.from(text).toString('base64url') !== globalId) {
    throw new InputError(`${argument} must be a global id from an \`id\` field, got ${JSON.stringify(globalId.slice(0, 64))}`);
  }
  return { type: type as NodeTypeName, id: assertResourceId(text.slice(colon + 1), argument) };
}

/** Path segments that would send an id's lookup to another endpoint: dot segments, and `looks` (`/v3/avatars/looks`). */
const ROUTE_SEGMENTS: ReadonlySet<string> = new Set(['.', '..', 'looks']);

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
