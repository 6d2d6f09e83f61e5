/**
 * Where the cross-request cache keeps upstream answers: in this process (memory-store.ts) or in Redis,
 * shared by every replica (redis-store.ts). A store never throws: when it cannot answer (Redis down or
 * slow) a read is a miss and a write is dropped, so the gateway keeps serving from HeyGen.
 */
export interface CacheStore {
  /** `memory` answers synchronously and keeps parsed objects; `redis` keeps JSON. */
  readonly kind: 'memory' | 'redis';
  /** The value stored under `key`, or `undefined` on a miss (`null` is a stored value: a 404). */
  get(key: string): unknown | Promise<unknown>;
  /**
   * Stores `value` for `ttlMs`. A shared store resolves once the write is done (or failed: it never
   * rejects), so another replica asked right after sees it. Treat the value as frozen from now on.
   */
  set(key: string, value: unknown, ttlMs: number): void | Promise<void>;
  /** Drops `key`; never waits. */
  delete(key: string): void;
  /**
   * Cross-process coalescing, for stores shared by replicas: tries to become the one process that
   * loads `key`. Resolves a lock to release once the value is stored, or null while another process
   * holds it. A store that cannot tell (Redis down) resolves a lock, so the caller just loads.
   */
  lock?(key: string, ttlMs: number): Promise<CacheLock | null>;
  /**
   * Waits up to `maxMs` for the value another process is loading under `key`: resolves it, or
   * `undefined` when the wait ran out or that process let go of its lock without storing a value.
   */
  waitFor?(key: string, maxMs: number): Promise<unknown>;
  /** Closes connections; the store answers misses afterwards. */
  close(): Promise<void>;
}

/** A held load lock (see `CacheStore.lock`). */
export interface CacheLock {
  /** Lets go of the lock, if this process still holds it. */
  release(): void;
}

/** What a store reports about itself: one line when it stops working and one when it is back. */
export interface CacheLog {
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
}

/**
 * A store that keeps nothing: with the cache turned off, the cached client runs on it for its
 * coalescing of identical reads in flight alone (every TTL 0, so it is never asked).
 */
export const NOTHING_STORED: CacheStore = Object.freeze({
  kind: 'memory',
  get: () => undefined,
  set: () => {},
  delete: () => {},
  close: () => Promise.resolve(),
});
