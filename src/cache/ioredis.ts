import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

const require = createRequire(import.meta.url);

/**
 * ioredis's client class, loaded on first use rather than imported: a gateway without `REDIS_URL`
 * never loads it (about 7 MB of heap), and the stores that need it stay synchronous to build.
 */
export function loadRedis(): typeof Redis {
  return (require('ioredis') as typeof import('ioredis')).Redis;
}
