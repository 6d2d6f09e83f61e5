import { randomUUID } from 'node:crypto';
import { loadRedis } from './ioredis.js';
import type { CacheLock, CacheLog, CacheStore } from './store.js';

export interface RedisStoreOptions {
  /** `redis://[:password@]host:port[/db]` (or `rediss://` for TLS). */
  url: string;
  /** Gets one line when Redis stops answering and one when it is back. Never given the URL's password. */
  log: CacheLog;
  /** Per command, ms: a slower Redis counts as down, so a hung one cannot stall requests (Config.cacheRedisTimeoutMs). */
  commandTimeoutMs: number;
}

/** After a failed command, how long reads and writes skip Redis, ms: meanwhile no request waits out a command timeout. */
const BYPASS_MS = 1000;
/** How often a request waiting for another replica's load looks for the value, ms: a fraction of a typical HeyGen call. */
const POLL_MS = 20;

const RELEASE_IF_HELD = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const NO_LOCK: CacheLock = { release: () => {} };

/**
 * A cache store in Redis, shared by every replica: values are JSON with a PX expiry, load locks are
 * `SET NX PX` with a token. It reconnects by itself; while Redis is down or slow every read is a miss
 * and every write is dropped (commands are not queued), so requests go to HeyGen and never fail or
 * wait long because of the cache. It logs the outage once and the recovery once.
 */
export function createRedisStore(options: RedisStoreOptions): CacheStore {
  const where = describe(options.url);
  const Redis = loadRedis();
  const redis = new Redis(options.url, {
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: 1000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 1000),
  });
  let state: 'starting' | 'up' | 'down' = 'starting';
  let bypassUntil = 0;
  let closing = false;

  const up = () => {
    bypassUntil = 0;
    if (state === 'up' || closing) return;
    options.log.info(state === 'down' ? 'cache: Redis answers again; caching resumed' : 'cache: connected to Redis', { redis: where });
    state = 'up';
  };
  const down = (error: unknown) => {
    bypassUntil = Date.now() + BYPASS_MS;
    if (state === 'down' || closing) return;
    state = 'down';
    const reason = (error as { code?: unknown } | null)?.code ?? (error instanceof Error ? error.message : String(error));
    options.log.warn('cache: Redis unreachable; serving from HeyGen without the cache until it is back', { redis: where, reason: String(reason) });
  };
  redis.on('ready', up);
  redis.on('error', down);
  redis.on('close', () => down(new Error('connection closed')));

  const usable = () => redis.status === 'ready' && (bypassUntil === 0 || Date.now() >= bypassUntil);
  const parse = (text: string | null): unknown => {
    if (text === null) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  const lockKey = (key: string) => `${key}|lock`;

  return {
    kind: 'redis',
    get(key) {
      if (!usable()) return undefined;
      return redis.get(key).then(
        (text) => {
          up();
          return parse(text);
        },
        (error: unknown) => {
          down(error);
          return undefined;
        },
      );
    },
    async set(key, value, ttlMs) {
      if (!usable() || ttlMs <= 0) return;
      await redis.set(key, JSON.stringify(value), 'PX', Math.ceil(ttlMs)).then(up, down);
    },
    delete(key) {
      if (usable()) redis.del(key).then(up, down);
    },
    async lock(key, ttlMs) {
      if (!usable()) return NO_LOCK;
      const token = randomUUID();
      try {
        const taken = await redis.set(lockKey(key), token, 'PX', Math.ceil(ttlMs), 'NX');
        up();
        if (taken === null) return null;
      } catch (error) {
        down(error);
        return NO_LOCK;
      }
      return { release: () => void redis.eval(RELEASE_IF_HELD, 1, lockKey(key), token).then(up, down) };
    },
    async waitFor(key, maxMs) {
      const until = Date.now() + maxMs;
      while (Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        if (!usable()) return undefined;
        try {
          const [text, holder] = await redis.mget(key, lockKey(key));
          if (text !== null && text !== undefined) return parse(text);
          if (holder === null) return undefined;
        } catch (error) {
          down(error);
          return undefined;
        }
      }
      return undefined;
    },
    close: async () => {
      closing = true;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** host:port/db of a Redis URL, for logs: never its password. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
  } catch {
    return 'redis';
  }
}
