import { spawnSync } from 'node:child_process';
import { Client, Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LOG_TEXT } from '../src/server/logger.js';
import { startSimulator, type Simulator } from '../src/simulator/server.js';
import { SIMULATOR_KEYS } from './helpers.js';
import { startGatewayProcess } from './hostile-process.js';

/*
 * The gateway as a process: SIGTERM while keep-alive clients hammer it, and errors nothing handles.
 */

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(() => simulator.close());

const KEEP_ALIVE_CLIENTS = 20;
const GROUPS = JSON.stringify({ query: '{ avatarGroups(first: 1) { nodes { name } } }' });
const SLOW_VOICES = JSON.stringify({ query: '{ voices(first: 1) { nodes { name } } }' });

describe('SIGTERM under keep-alive load', () => {
  it('finishes every request it accepted, refuses new connections, and exits 0', async () => {
    const gateway = startGatewayProcess({ HEYGEN_BASE_URL: simulator.url, HEYGEN_API_KEY: SIMULATOR_KEYS.demo, REQUEST_DEADLINE_MS: '5000' });
    const url = await gateway.url;
    let signalled = false;
    const answered = { before: 0, after: 0 };
    const failures: string[] = [];
    // Each client sends on its kept-alive connection, back to back, until the gateway refuses to connect.
    const hammer = async () => {
      const pool = new Pool(url, { connections: 1 });
      for (;;) {
        try {
          const answer = await pool.request({ path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json' }, body: GROUPS });
          const body = (await answer.body.json()) as { data?: unknown };
          if (answer.statusCode !== 200 || !body.data) failures.push(`status ${answer.statusCode}`);
          answered[signalled ? 'after' : 'before']++;
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code !== 'ECONNREFUSED') failures.push(`${code}: ${(error as Error).message}`);
          break;
        }
      }
      await pool.close();
    };
    const clients = Array.from({ length: KEEP_ALIVE_CLIENTS }, hammer);
    while (answered.before < 100) await new Promise((resolve) => setImmediate(resolve));

    // A request in flight whose upstream answers slowly, well within the request deadline.
    simulator.clearRequests();
    simulator.failNext({ delayMs: 2500, pathPrefix: '/v3/voices' });
    const slowClient = new Client(url);
    const slow = slowClient.request({ path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json' }, body: SLOW_VOICES });
    while (!simulator.requests.some(({ path }) => path === '/v3/voices')) await new Promise((resolve) => setImmediate(resolve));

    signalled = true;
    gateway.child.kill('SIGTERM');
    const slowAnswer = await slow;
    expect(slowAnswer.statusCode).toBe(200);
    expect(slowAnswer.headers.connection).toBe('close');
    expect(((await slowAnswer.body.json()) as { data: { voices: { nodes: unknown[] } } }).data.voices.nodes).toHaveLength(1);
    await Promise.all(clients);
    await slowClient.close();

    expect(await gateway.exited).toBe(0);
    expect(failures).toEqual([]);
    expect(answered.after).toBeGreaterThanOrEqual(KEEP_ALIVE_CLIENTS);
    expect(gateway.output()).not.toMatch(/"level":"error"/);
  }, 30_000);
});

describe('errors nothing handles', () => {
  it('logs an unhandled rejection and an uncaught exception, bounded, and keeps serving', () => {
    const modules = (path: string) => JSON.stringify(new URL(path, import.meta.url).href);
    const script = `
      const { logUnhandledErrors } = await import(${modules('../src/server/start.ts')});
      const { createLogger } = await import(${modules('../src/server/logger.ts')});
      logUnhandledErrors(createLogger('info'));
      Promise.reject(new Error('rejected ' + 'x'.repeat(1_000_000)));
      setImmediate(() => { throw new TypeError('thrown'); });
      setTimeout(() => { createLogger('info').info('still serving'); setImmediate(() => process.exit(0)); }, 50);`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map(({ level, msg, error }) => [level, msg, error])).toEqual([
      ['error', 'unhandled rejection: kept serving', 'Error'],
      ['error', 'uncaught exception: kept serving', 'TypeError'],
      ['info', 'still serving', undefined],
    ]);
    expect(lines[0].message.length).toBeLessThan(MAX_LOG_TEXT + 50);
    expect(lines[1].stack).toMatch(/^\s+at /);
  });
});
