import { loadRedis } from './ioredis.js';
import { LRUCache } from 'lru-cache';

/** One idempotency key's record (see idempotency.ts): claimed, then settled with a result, or in doubt. */
export type IdempotencyRecord =
  /** A call holds the key: `owner` made it, and a waiter takes the key for in doubt once `leaseUntil` (epoch ms) passes. */
  | { readonly state: 'pending'; readonly input: string; readonly owner: string; readonly leaseUntil: number }
  /** HeyGen answered; `result` is what it answered, for every repeat. */
  | { readonly state: 'done'; readonly input: string; readonly result: unknown }
  /** The call may have reached HeyGen with no answer back: the key never calls again. */
  | { readonly state: 'in_doubt'; readonly input: string };

/**
 * Where idempotency records live: this process's memory, or Redis, shared by every replica. Unlike the
 * cache's stores, a failing store rejects: a key that cannot be checked must not call HeyGen.
 */
export interface IdempotencyStore {
  readonly kind: 'memory' | 'redis';
  /** Creates `record` under `key` for `ttlMs` unless a record is there (Redis: SET NX); resolves whether it did. */
  claim(key: string, record: IdempotencyRecord, ttlMs: number): Promise<boolean>;
  /** The record under `key`, or undefined. */
  get(key: string): Promise<IdempotencyRecord | undefined>;
  /** Replaces a pending record `owner` holds with `record` for `ttlMs`, or drops it when `record` is null; any other record stays. */
  settle(key: string, owner: string, record: IdempotencyRecord | null, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Bytes counted for a record besides its key and JSON, roughly the LRU's own. */
const ENTRY_OVERHEAD_BYTES = 64;

/**
 * Records in this process: an LRU bounded by `maxBytes` (keys and records as UTF-16), each record
 * expiring on its own TTL. Under pressure the least recently used record goes first, and its key is
 * then forgotten: size `maxBytes` for a day of keys.
 */
export function createMemoryIdempotencyStore(options: { maxBytes: number }): IdempotencyStore & { readonly bytes: number } {
  const records = new LRUCache<string, IdempotencyRecord>({
    maxSize: options.maxBytes,
    sizeCalculation: (record, key) => (key.length + JSON.stringify(record).length) * 2 + ENTRY_OVERHEAD_BYTES,
  });
  return {
    kind: 'memory',
    get bytes() {
      return records.calculatedSize;
    },
    claim: async (key, record, ttlMs) => {
      if (records.has(key)) return false;
      records.set(key, record, { ttl: ttlMs });
      return true;
    },
    get: async (key) => records.get(key),
    settle: async (key, owner, record, ttlMs) => {
      const current = records.get(key);
      if (current?.state !== 'pending' || current.owner !== owner) return;
      if (record === null) records.delete(key);
      else records.set(key, record, { ttl: ttlMs });
    },
    close: async () => void records.clear(),
  };
}

/** Replaces (ARGV[2]) or drops (ARGV[2] empty) the record at KEYS[1] when the pending owner is ARGV[1]; PX ARGV[3]. */
const SETTLE_IF_OWNER = `local current = redis.call('get', KEYS[1])
if not current then return 0 end
local ok, record = pcall(cjson.decode, current)
if not ok or record.state ~= 'pending' or record.owner ~= ARGV[1] then return 0 end
if ARGV[2] == '' then return redis.call('del', KEYS[1]) end
return redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3])`;

export interface RedisIdempotencyStoreOptions {
  /** `redis://…` or `rediss://…`, the cache's REDIS_URL. */
  url: string;
}

/** Per command, ms: a slower Redis fails the command, and the write it guards is refused; longer than the cache's, which only misses. */
const COMMAND_TIMEOUT_MS = 2000;

/**
 * Records in Redis, shared by every replica: a claim is `SET NX PX`, settling a compare-and-set on the
 * owner (a Lua script). It connects on first use and reconnects by itself; while Redis cannot answer,
 * every command rejects.
 */
export function createRedisIdempotencyStore(options: RedisIdempotencyStoreOptions): IdempotencyStore {
  const Redis = loadRedis();
  const redis = new Redis(options.url, {
    lazyConnect: true,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 1000,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 1000),
  });
  // Each command reports its own failure to its caller; the connection's errors need no other listener.
  redis.on('error', () => {});
  const parse = (text: string | null): IdempotencyRecord | undefined => {
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as IdempotencyRecord;
    } catch {
      return undefined;
    }
  };
  return {
    kind: 'redis',
    claim: async (key, record, ttlMs) => (await redis.set(key, JSON.stringify(record), 'PX', Math.ceil(ttlMs), 'NX')) === 'OK',
    get: async (key) => parse(await redis.get(key)),
    settle: async (key, owner, record, ttlMs) => {
      await redis.eval(SETTLE_IF_OWNER, 1, key, owner, record === null ? '' : JSON.stringify(record), String(Math.ceil(ttlMs)));
    },
    close: async () => {
      if (redis.status === 'wait' || redis.status === 'end') return redis.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
