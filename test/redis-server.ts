import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, it } from 'vitest';

/** Debian's redis-server, which the tests that share a Redis start on a free loopback port. */
export const REDIS_SERVER = '/usr/bin/redis-server';
export const redisAvailable = existsSync(REDIS_SERVER);

/** A free loopback port. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts redis-server on `port` (loopback, nothing saved) and resolves once it accepts connections. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  return child;
}

/**
 * `describe` for a suite that needs redis-server: without it, skipped with a warning naming `file`,
 * unless CI is set, where a failing test stands in its place (CI must install it).
 */
export function describeWithRedis(name: string, file: string, suite: () => void): void {
  if (!redisAvailable && process.env.CI) {
    describe(name, () => {
      it('needs redis-server', () => {
        throw new Error(`${REDIS_SERVER} is missing: CI must install it (apt-get install -y --no-install-recommends redis-server)`);
      });
    });
    return;
  }
  if (!redisAvailable) console.warn(`${file} skipped: ${REDIS_SERVER} not found (apt-get install -y redis-server); CI=true makes this a failure.`);
  describe.skipIf(!redisAvailable)(`${name}${redisAvailable ? '' : ` (skipped: ${REDIS_SERVER} not found; apt-get install -y redis-server)`}`, suite);
}
