import { LRUCache } from 'lru-cache';
import type { CacheStore } from './store.js';

export interface MemoryStoreOptions {
  /** Entries kept; the least recently used go first (Config.cacheMaxEntries). */
  maxEntries: number;
  /** Bytes kept, counted as each value's JSON length, an estimate of its size (Config.cacheMaxBytes). */
  maxBytes: number;
  /** The clock, epoch ms (tests pass their own). @default Date.now */
  now?: () => number;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

/**
 * An in-process LRU cache, bounded by entries and by bytes. It keeps the parsed objects themselves, so
 * a hit costs a map lookup and no JSON; values are deep-frozen on the way in, since every request
 * that hits gets the same object. Only this process sees it: use the Redis store to share between replicas.
 */
export function createMemoryStore(options: MemoryStoreOptions): CacheStore & { readonly size: number; readonly bytes: number } {
  const now = options.now ?? Date.now;
  // lru-cache does the recency order and both bounds. Expiry is checked here against `now`, so the
  // clock a test injects is the only clock (lru-cache's own TTLs read performance.now()).
  const entries = new LRUCache<string, Entry>({ max: options.maxEntries, maxSize: options.maxBytes });

  return {
    kind: 'memory',
    get size() {
      return entries.size;
    },
    get bytes() {
      return entries.calculatedSize;
    },
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value, ttlMs) {
      if (ttlMs <= 0) {
        entries.delete(key);
        return;
      }
      // An entry larger than maxBytes is refused, and any older value under its key is dropped.
      const size = key.length + (JSON.stringify(value)?.length ?? 0);
      entries.set(key, { value: freezeDeep(value), expiresAt: now() + ttlMs }, { size });
    },
    delete(key) {
      entries.delete(key);
    },
    close: async () => {
      entries.clear();
    },
  };
}

function freezeDeep<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) freezeDeep(child);
  return Object.freeze(value);
}
