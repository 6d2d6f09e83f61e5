import { createHash, createHmac } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Credentials } from '../heygen/client.js';

/*
 * Cache keys are tenant-safe by construction. Every key names its scope:
 *
 *   <prefix>pub:<operation>:<arguments>          public data only: one entry for every caller
 *   <prefix>k.<credential hash>:<operation>:<arguments>   anything that could hold private data
 *
 * An answer is public when HeyGen says so by the question itself (each resource's `list.isPublic`): a
 * list with ownership=public (groups, looks), a voice list of type public (HeyGen's default for voices),
 * or a lookup by id of an item that arrived in such a list. A list asked with a page token is public
 * only when HeyGen sent that token in a public page: HeyGen applies a token's own filters, and a token
 * in a cursor is the client's to choose. Everything else (lists of all or private items, lookups of
 * any other id, 404s) is keyed by an HMAC-SHA-256 of the credential, never by the credential itself. The prefix binds keys to the upstream origin and the salt, so two deployments
 * sharing one Redis (say staging and production) never read each other's entries.
 */

/** The prefix of every key of one deployment: a version and a short hash of its origin and salt. */
export function keyPrefix(baseUrl: string, salt: string): string {
  return `hg1:${createHash('sha256').update(`${baseUrl}\n${salt}`).digest('base64url').slice(0, 8)}:`;
}

/** How much a per-process memory of keys may hold: entries, and bytes (keys' UTF-16 size plus a fixed cost each). */
export interface MemoryBounds {
  maxEntries: number;
  maxBytes: number;
}

/** Bytes counted for an entry besides its key: the value and the LRU's own bookkeeping, roughly. */
const ENTRY_OVERHEAD_BYTES = 64;

/** An LRU of string keys bounded by `bounds` (callers keep the keys' meaning): `put` stores within both bounds. */
export interface BoundedLru<V extends {}> {
  readonly lru: LRUCache<string, V>;
  put(key: string, value: V): void;
}

/**
 * lru-cache's own `max` would allocate its arrays for that many entries up front (about 3.4 MB for
 * 100,000, in every process, used or not), so the count is kept by `put` and the arrays grow with use.
 */
export function boundedLru<V extends {}>(bounds: MemoryBounds): BoundedLru<V> {
  const lru = new LRUCache<string, V>({ maxSize: bounds.maxBytes, sizeCalculation: (_value, key) => key.length * 2 + ENTRY_OVERHEAD_BYTES });
  return {
    lru,
    put: (key, value) => {
      if (lru.size >= bounds.maxEntries && !lru.has(key)) lru.pop();
      lru.set(key, value);
    },
  };
}

/** Credentials remembered by the hasher: a key may be 1 KiB, so the bytes bound is what holds. */
export const CREDENTIAL_HASHES: MemoryBounds = Object.freeze({ maxEntries: 10_000, maxBytes: 4 * 1024 * 1024 });

/**
 * Hashes credentials to the string their private entries are keyed by: HMAC-SHA-256 under `salt`,
 * 128 bits in base64url. Recent answers are remembered in process (least recently used out first,
 * within `bounds`), so a hot credential costs one hash.
 */
export function createCredentialHasher(salt: string, bounds: MemoryBounds = CREDENTIAL_HASHES): (credentials: Credentials) => string {
  const remembered = boundedLru<string>(bounds);
  return (credentials) => {
    const id = `${credentials.header}:${credentials.value}`;
    let hash = remembered.lru.get(id);
    if (hash === undefined) {
      hash = createHmac('sha256', salt).update(id).digest('base64url').slice(0, 22);
      remembered.put(id, hash);
    }
    return hash;
  };
}

/**
 * A map of keys to expiry times (epoch ms), bounded by `bounds`: what the cached client remembers in
 * process about credentials it saw succeed, ids it saw in public lists and page tokens HeyGen sent in
 * them. When full, the least recently used entries go first.
 */
export function createExpiringSet(bounds: MemoryBounds, now: () => number) {
  const { lru: expiries, put } = boundedLru<number>(bounds);
  return {
    has: (key: string) => {
      const expiresAt = expiries.get(key);
      if (expiresAt === undefined) return false;
      if (expiresAt > now()) return true;
      expiries.delete(key);
      return false;
    },
    /** Epoch ms when `key` expires, or 0 when it is not in the set. */
    expiresAt: (key: string) => expiries.peek(key) ?? 0,
    add: (key: string, expiresAt: number) => put(key, expiresAt),
    delete: (key: string) => void expiries.delete(key),
    /** Entries held now (expired ones included until they are looked up or pushed out). */
    get size() {
      return expiries.size;
    },
    /** Bytes held now, as `bounds` counts them. */
    get bytes() {
      return expiries.calculatedSize;
    },
  };
}
