import type { CacheStore } from './store.js';

export interface MemoryStoreOptions {
  /** Entries kept; the least recently used go first. @default 10000 */
  maxEntries?: number;
  /** Bytes kept, counted as each value's JSON length (an estimate of its size). @default 67108864 (64 MiB) */
  maxBytes?: number;
  /** The clock, epoch ms (tests pass their own). @default Date.now */
  now?: () => number;
}

interface Entry {
  value: unknown;
  expiresAt: number;
  bytes: number;
}

/**
 * An in-process LRU cache, bounded by entries and by bytes. It keeps the parsed objects themselves, so
 * a hit costs a map lookup and no JSON; values are deep-frozen on the way in, since every request
 * that hits gets the same object. Only this process sees it: use the Redis store to share between replicas.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): CacheStore & { readonly size: number; readonly bytes: number } {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  const entries = new Map<string, Entry>();
  let bytes = 0;

  const remove = (key: string, entry: Entry) => {
    entries.delete(key);
    bytes -= entry.bytes;
  };

  return {
    kind: 'memory',
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= now()) {
        remove(key, entry);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value, ttlMs) {
      const size = key.length + (JSON.stringify(value)?.length ?? 0);
      const old = entries.get(key);
      if (old !== undefined) remove(key, old);
      if (ttlMs <= 0 || size > maxBytes) return;
      entries.set(key, { value: freezeDeep(value), expiresAt: now() + ttlMs, bytes: size });
      bytes += size;
      for (const [oldest, entry] of entries) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        remove(oldest, entry);
      }
    },
    delete(key) {
      const entry = entries.get(key);
      if (entry !== undefined) remove(key, entry);
    },
    close: async () => {
      entries.clear();
      bytes = 0;
    },
  };
}

function freezeDeep<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) freezeDeep(child);
  return Object.freeze(value);
}
