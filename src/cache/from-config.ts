import type { Config } from '../config.js';
import type { HeyGenClient } from '../heygen/client.js';
import { createCachedClient } from './cached-client.js';
import { createMemoryStore } from './memory-store.js';
import { createRedisStore } from './redis-store.js';
import { createTieredStore } from './tiered-store.js';
import { NOTHING_STORED, type CacheLog, type CacheStore } from './store.js';

export interface CacheDeps {
  log: CacheLog;
  /** Told about each lookup, for metrics. */
  onLookup?: (result: 'hit' | 'miss') => void;
}

/**
 * Puts the cross-request cache in front of `client` as `config` says: Redis when `redisUrl` is set
 * (with each replica's short-lived copy in memory in front, see tiered-store.ts), else an in-memory
 * LRU; none when `cacheTtlSeconds` is 0, when only identical reads in flight are shared
 * (`heygenCoalesceReads`). Close the returned store after the client.
 */
export function withCache(client: HeyGenClient, config: Config, deps: CacheDeps): { client: HeyGenClient; store: CacheStore | null } {
  const coalesceUncached = config.heygenCoalesceReads;
  if (config.cacheTtlSeconds <= 0) {
    if (!coalesceUncached) return { client, store: null };
    const coalescing = createCachedClient(client, NOTHING_STORED, { baseUrl: config.heygenBaseUrl, ttlMs: 0, ttlMsByResource: {}, salt: config.cacheKeySalt, coalesceUncached });
    return { client: coalescing, store: null };
  }
  const memory = createMemoryStore({ maxEntries: config.cacheMaxEntries, maxBytes: config.cacheMaxBytes });
  const redis = config.redisUrl ? createRedisStore({ url: config.redisUrl, log: deps.log, commandTimeoutMs: config.cacheRedisTimeoutMs }) : null;
  const store = redis === null ? memory : config.cacheLocalTtlMs > 0 ? createTieredStore(memory, redis, config.cacheLocalTtlMs) : redis;
  const cached = createCachedClient(client, store, {
    baseUrl: config.heygenBaseUrl,
    ttlMs: config.cacheTtlSeconds * 1000,
    ttlMsByResource: Object.fromEntries(Object.entries(config.cacheTtlSecondsByResource).map(([resource, seconds]) => [resource, seconds * 1000])),
    validatedTtlMs: config.cacheTtlSeconds * 1000,
    salt: config.cacheKeySalt,
    coalesceUncached,
    ...(deps.onLookup && { onLookup: deps.onLookup }),
  });
  return { client: cached, store };
}
