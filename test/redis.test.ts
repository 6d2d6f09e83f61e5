import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/simulator/server.js';
import { SIMULATOR_KEYS } from './helpers.js';
import { describeWithRedis, freePort, startRedis } from './redis-server.js';

/*
 * Scale-out: two gateway processes (src/main.ts, as `npm start` runs it) share one Redis, started here
 * from Debian's redis-server on a free loopback port with no persistence. Upstream calls are counted
 * from the simulator's log; Redis is killed and restarted mid-run.
 */

const A = SIMULATOR_KEYS.tenantA;
const B = SIMULATOR_KEYS.tenantB;
const PAGE = '{ avatarGroups(first: 5) { nodes { groupId name } } }';
const PUBLIC_PAGE = '{ avatarGroups(first: 5, ownership: PUBLIC) { nodes { groupId name } } }';
const PRIVATE_PAGE = '{ avatarGroups(first: 50, ownership: PRIVATE) { nodes { groupId name } } }';

/** One gateway process; `output()` is everything it printed (JSON log lines). */
async function startReplica(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/[^/\s"]+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`gateway exited early: ${output}`)));
  });
  const replica = {
    child,
    output: () => output,
    lines: (text: string) => output.split('\n').filter((line) => line.includes(text)),
    query: async (query: string, key: string) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as { data: any; errors?: unknown[]; extensions: { upstream: { calls: number; cacheHits: number } } };
    },
    /** Resolves once the replica has logged `count` lines holding `text` (bounded by the test timeout). */
    logged: async (text: string, count = 1) => {
      while (replica.lines(text).length < count) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
  return replica;
}
type Replica = Awaited<ReturnType<typeof startReplica>>;

describeWithRedis('gateway replicas sharing Redis', 'test/redis.test.ts', () => {
  let simulator: Simulator;
  let port: number;
  let redisServer: ChildProcess;
  let redis: Redis;
  let replicaA: Replica;
  let replicaB: Replica;

  beforeAll(async () => {
    simulator = await startSimulator();
    port = await freePort();
    redisServer = await startRedis(port);
    redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
    redis.on('error', () => {});
    await redis.connect();
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      HEYGEN_BASE_URL: simulator.url,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      CACHE_TTL_SECONDS: '60',
      // A loaded CI machine can stall a process for over 100 ms; a slow command would then bypass Redis for a second.
      CACHE_REDIS_TIMEOUT_MS: '1000',
    };
    [replicaA, replicaB] = await Promise.all([startReplica(env), startReplica(env)]);
    await Promise.all([replicaA.logged('connected to Redis'), replicaB.logged('connected to Redis')]);
  });

  const keyspaceHits = async () => Number(/keyspace_hits:(\d+)/.exec(await redis.info('stats'))?.[1]);

  afterAll(async () => {
    for (const child of [replicaA?.child, replicaB?.child, redisServer]) {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
    redis?.disconnect();
    await simulator?.close();
  });

  it('serves a page fetched through replica A from the cache on replica B, with no upstream call', async () => {
    simulator.clearRequests();
    const viaA = await replicaA.query(PAGE, A);
    const viaB = await replicaB.query(PAGE, A);
    expect(viaB.data).toEqual(viaA.data);
    expect(viaA.extensions.upstream).toMatchObject({ calls: 1, cacheHits: 0 });
    expect(viaB.extensions.upstream).toMatchObject({ calls: 0, cacheHits: 1 });
    expect(simulator.requests).toHaveLength(1);
  });

  it('reads a hot entry from Redis about once per CACHE_LOCAL_TTL_MS on each replica, not once per request', async () => {
    const page = '{ avatarGroups(first: 9) { nodes { groupId name } } }';
    await replicaA.query(page, A);
    const hitsBefore = await keyspaceHits();
    for (let i = 0; i < 20; i++) expect((await replicaB.query(page, A)).extensions.upstream).toMatchObject({ calls: 0, cacheHits: 1 });
    // The first request on B reads Redis (the page, and perhaps the credential's marker); the other 19
    // are answered from B's copy, which lives for the default 1000 ms.
    expect((await keyspaceHits()) - hitsBefore).toBeLessThanOrEqual(4);
  });

  it('shares public pages across keys and replicas, and never private items', async () => {
    await replicaB.query(PRIVATE_PAGE, B); // HeyGen accepts B (through B)
    simulator.clearRequests();
    expect((await replicaA.query(PUBLIC_PAGE, A)).extensions.upstream.calls).toBe(1);
    const publicViaB = await replicaB.query(PUBLIC_PAGE, B);
    expect(publicViaB.extensions.upstream).toMatchObject({ calls: 0, cacheHits: 1 });

    await replicaA.query(PRIVATE_PAGE, A);
    const ownOfB = await replicaB.query(PRIVATE_PAGE, B);
    expect(ownOfB.data.avatarGroups.nodes.map((node: { groupId: string }) => node.groupId)).toEqual(simulator.visibleTo(B).tenant.groups.map((group) => group.id));
    const privateOfA = simulator.visibleTo(A).tenant.groups[0]!.id;
    expect((await replicaA.query(`{ avatarGroup(groupId: "${privateOfA}") { name } }`, A)).data.avatarGroup).not.toBeNull();
    expect((await replicaB.query(`{ avatarGroup(groupId: "${privateOfA}") { name } }`, B)).data.avatarGroup).toBeNull();

    // What Redis holds: no key anywhere; shared entries hold nothing private of either tenant.
    const keys = await redis.keys('*');
    expect(keys.join('\n')).not.toMatch(new RegExp(`${A}|${B}`));
    const privateStrings = [A, B].flatMap((key) => {
      const tenant = simulator.visibleTo(key).tenant;
      return [...tenant.groups.map((group) => group.id), ...tenant.looks.map((look) => look.id), ...tenant.voices.map((voice) => voice.voice_id)];
    });
    const shared = keys.filter((key) => key.includes(':pub:'));
    expect(shared.length).toBeGreaterThan(0);
    for (const value of await redis.mget(...shared)) for (const text of privateStrings) expect(value).not.toContain(text);
  });

  it('keeps concurrent misses on both replicas to one upstream call', async () => {
    simulator.clearRequests();
    simulator.failNext({ delayMs: 300 });
    const query = '{ avatarGroups(first: 7) { nodes { groupId } } }';
    const answers = await Promise.all(Array.from({ length: 8 }, (_, index) => (index % 2 ? replicaB : replicaA).query(query, A)));
    expect(answers.every((answer) => answer.data.avatarGroups.nodes.length === 7)).toBe(true);
    expect(simulator.requests).toHaveLength(1);
  });

  it('answers from upstream, without waiting long, while Redis hangs', async () => {
    const warnings = replicaA.lines('Redis unreachable').length;
    redisServer.kill('SIGSTOP');
    try {
      simulator.clearRequests();
      const answer = await replicaA.query('{ avatarGroups(first: 4) { nodes { groupId } } }', A);
      expect(answer.data.avatarGroups.nodes).toHaveLength(4);
      expect(simulator.requests).toHaveLength(1);
      await replicaA.logged('Redis unreachable', warnings + 1);
    } finally {
      redisServer.kill('SIGCONT');
    }
    const recoveries = replicaA.lines('Redis answers again').length;
    while (replicaA.lines('Redis answers again').length === recoveries) {
      await replicaA.query('{ avatarGroups(first: 4) { nodes { groupId } } }', A);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('serves from upstream while Redis is down, logs it once, and caches again once Redis is back', async () => {
    const warnings = replicaA.lines('Redis unreachable').length;
    const recoveries = replicaA.lines('Redis answers again').length;
    redisServer.kill('SIGKILL');
    await once(redisServer, 'exit');
    simulator.clearRequests();
    // Pages no replica has seen, so no replica's short-lived local copy can answer them.
    const page = (size: number) => `{ avatarGroups(first: ${size}) { nodes { groupId } } }`;
    for (const size of [11, 12, 13, 14]) {
      const answer = await replicaA.query(page(size), A);
      expect(answer.data.avatarGroups.nodes).toHaveLength(size);
      expect(answer.extensions.upstream).toMatchObject({ calls: 1, cacheHits: 0 });
    }
    expect(simulator.requests).toHaveLength(4);
    await replicaA.logged('Redis unreachable', warnings + 1);
    expect(replicaA.lines('Redis unreachable')).toHaveLength(warnings + 1);
    expect(replicaA.lines('Redis unreachable').at(-1)).toContain('"level":"warn"');

    redisServer = await startRedis(port);
    await replicaA.logged('Redis answers again', recoveries + 1);
    await replicaB.logged('Redis answers again');
    await replicaA.query(page(15), A);
    const again = await replicaB.query(page(15), A);
    expect(again.extensions.upstream).toMatchObject({ calls: 0, cacheHits: 1 });
    expect(replicaA.lines('Redis unreachable')).toHaveLength(warnings + 1);
    expect(replicaA.lines('Redis answers again')).toHaveLength(recoveries + 1);
  });
});
