import { createHash, createHmac } from 'node:crypto';
import type { Credentials } from '../heygen/client.js';

/*
 * Cache keys are tenant-safe by construction. Every key names its scope:
 *
 *   <prefix>pub:<operation>:<arguments>          public data only: one entry for every caller
 *   <prefix>k.<credential hash>:<operation>:<arguments>   anything that could hold private data
 *
 * An answer is public when HeyGen says so by the question itself (each resource's `list.isPublic`): a
 * list with ownership=public (groups, looks), a voice list of type public (HeyGen's default for voices),
 * or a lookup by id of an item that arrived in such a list. Everything else (lists of all or private
 * items, lookups of any other id, 404s) is keyed by an HMAC-SHA-256 of the credential, never by the
 * credential itself. The prefix binds keys to the upstream origin and the salt, so two deployments
 * sharing one Redis (say staging and production) never read each other's entries.
 */

/** The prefix of every key of one deployment: a version and a short hash of its origin and salt. */
export function keyPrefix(baseUrl: string, salt: string): string {
  return `hg1:${createHash('sha256').update(`${baseUrl}\n${salt}`).digest('base64url').slice(0, 8)}:`;
}

const MAX_REMEMBERED = 10_000;

/**
 * Hashes credentials to the string their private entries are keyed by: HMAC-SHA-256 under `salt`,
 * 128 bits in base64url. Recent answers are remembered in process, so a hot credential costs one hash.
 */
export function createCredentialHasher(salt: string): (credentials: Credentials) => string {
  const remembered = new Map<string, string>();
  return (credentials) => {
    const id = `${credentials.header}:${credentials.value}`;
    let hash = remembered.get(id);
    if (hash === undefined) {
      hash = createHmac('sha256', salt).update(id).digest('base64url').slice(0, 22);
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      remembered.set(id, hash);
    }
    return hash;
  };
}

/**
 * A bounded map of keys to expiry times (epoch ms): what the cached client remembers in process about
 * credentials it saw succeed and ids it saw in public lists. When full, the oldest entries go first.
 */
export function createExpiringSet(maxSize: number, now: () => number) {
  const expiries = new Map<string, number>();
  return {
    has: (key: string) => {
      const expiresAt = expiries.get(key);
      if (expiresAt === undefined) return false;
      if (expiresAt > now()) return true;
      expiries.delete(key);
      return false;
    },
    /** Epoch ms when `key` expires, or 0 when it is not in the set. */
    expiresAt: (key: string) => expiries.get(key) ?? 0,
    add: (key: string, expiresAt: number) => {
      expiries.delete(key);
      if (expiries.size >= maxSize) expiries.delete(expiries.keys().next().value as string);
      expiries.set(key, expiresAt);
    },
    delete: (key: string) => void expiries.delete(key),
  };
}
