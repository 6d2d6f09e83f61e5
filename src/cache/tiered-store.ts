import type { CacheStore } from './store.js';

/**
 * Redis with a short-lived copy in this process's memory in front. Without it every hit is a Redis
 * round trip plus a JSON parse of the whole answer, about twice the CPU of an in-memory hit; with it a
 * hot entry is read from Redis at most once per `localTtlMs` per replica.
 *
 * The price is bounded staleness: a replica may answer from its copy for up to `localTtlMs` after the
 * entry changed or expired in Redis. Locks and waits are the shared store's, so a stampede across
 * replicas is still coalesced there.
 */
export function createTieredStore(local: CacheStore, shared: CacheStore, localTtlMs: number): CacheStore {
  const keepLocally = (key: string, value: unknown) => {
    if (value !== undefined) local.set(key, value, localTtlMs);
    return value;
  };
  const { lock, waitFor } = shared;
  const tiered: CacheStore = {
    kind: shared.kind,
    get(key) {
      const near = local.get(key);
      if (near !== undefined) return near;
      return Promise.resolve(shared.get(key)).then((value) => keepLocally(key, value));
    },
    set(key, value, ttlMs) {
      local.set(key, value, Math.min(ttlMs, localTtlMs));
      return shared.set(key, value, ttlMs);
    },
    delete(key) {
      local.delete(key);
      shared.delete(key);
    },
    close: async () => {
      await shared.close();
      await local.close();
    },
  };
  if (lock) tiered.lock = (key, ttlMs) => lock.call(shared, key, ttlMs);
  if (waitFor) tiered.waitFor = (key, maxMs) => waitFor.call(shared, key, maxMs).then((value) => keepLocally(key, value));
  return tiered;
}
