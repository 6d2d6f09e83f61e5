import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCachedClient } from '../src/cache/cached-client.js';
import { createMemoryStore } from '../src/cache/memory-store.js';
import { MEMORY_BOUNDS } from './helpers.js';
import type { CacheStore } from '../src/cache/store.js';
import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import { account } from '../src/graphql/account.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { resource as videos } from '../src/graphql/resources/video.js';
import { createHeyGenClient, type Credentials, type HeyGenClient } from '../src/heygen/client.js';
import type { HeyGenVideo } from '../src/heygen/types.js';
import { createLogger } from '../src/server/logger.js';
import { startGateway, type RunningGateway } from '../src/server/start.js';
import { seededRandom } from '../src/simulator/catalogue.js';
import { startSimulator, type Simulator } from '../src/simulator/server.js';
import { clientOptions, SIMULATOR_KEYS, startStack, type GraphQLResponse, type Stack } from './helpers.js';

/*
 * Videos and the account in the cross-request cache: the cached client over the simulator with a clock
 * the tests move (entry lifetimes), then whole gateways with the cache on, in memory and in a Redis that
 * two replicas share, hammered by two tenants at once. The simulator's clock stands still here, so no
 * video changes while a test runs.
 */

const A = SIMULATOR_KEYS.tenantA;
const B = SIMULATOR_KEYS.tenantB;
const START = Date.UTC(2026, 0, 1);
const creds = (value: string): Credentials => ({ header: 'x-api-key', value });

describe('video and account cache entries', () => {
  let simulator: Simulator;
  let upstream: HeyGenClient;
  let now: number;
  /** Every entry the cache wrote, as `<key> <TTL ms>`. */
  const keys: string[] = [];
  const recordingStore = (): CacheStore =>
    new Proxy(createMemoryStore({ ...MEMORY_BOUNDS, now: () => now }), {
      get: (store, name) => (name === 'set' ? (key: string, value: unknown, ttl: number) => (keys.push(`${key} ${ttl}`), store.set(key, value, ttl)) : Reflect.get(store, name)),
    });
  /** A cached client with a fresh store, on a clock that starts again. */
  const cached = (ttlMs = 60_000) => {
    [now, keys.length] = [1_000_000, 0];
    simulator.clearRequests();
    return createCachedClient(upstream, recordingStore(), { baseUrl: simulator.url, ttlMs, ttlMsByResource: {}, salt: '', now: () => now });
  };
  const video = (status: string) => simulator.videos.videosOf(A).find((item) => item.status === status)!;

  beforeAll(async () => {
    simulator = await startSimulator({ clock: () => START });
    upstream = createHeyGenClient(clientOptions({ baseUrl: simulator.url }));
    return async () => void (await upstream.close(), await simulator.close());
  });

  /** Asks `ask` at each offset from now (ms), and says which of the asks reached HeyGen. */
  async function reached(ask: () => Promise<unknown>, offsets: number[]): Promise<boolean[]> {
    const started = now;
    const calls: boolean[] = [];
    for (const offset of offsets) {
      now = started + offset;
      const before = simulator.requests.length;
      await ask();
      calls.push(simulator.requests.length > before);
    }
    return calls;
  }

  it('keeps a page of videos for at most 5 s', async () => {
    const client = cached();
    expect(await reached(() => client.list(videos, creds(A), { limit: 10 }), [0, 4999, 5000])).toEqual([true, false, true]);
  });

  it('keeps a COMPLETED or FAILED video for the whole TTL, and one still rendering for at most 5 s', async () => {
    const client = cached();
    for (const status of ['completed', 'failed']) {
      expect(await reached(() => client.get(videos, creds(A), video(status).id), [0, 59_999, 60_000]), status).toEqual([true, false, true]);
    }
    for (const status of ['pending', 'processing']) {
      expect(await reached(() => client.get(videos, creds(A), video(status).id), [0, 4999, 5000]), status).toEqual([true, false, true]);
    }
  });

  it('keeps the account for at most 5 s', async () => {
    const client = cached();
    expect(await reached(() => client.get(account, creds(A), 'me'), [0, 4999, 5000])).toEqual([true, false, true]);
  });

  it('never keeps an entry longer than the TTL, even a settled video', async () => {
    const client = cached(2000);
    expect(await reached(() => client.list(videos, creds(A), { limit: 10 }), [0, 1999, 2000])).toEqual([true, false, true]);
    expect(await reached(() => client.get(videos, creds(A), video('completed').id), [0, 1999, 2000])).toEqual([true, false, true]);
  });

  it('keeps every video and account entry under the credential, never shared', async () => {
    const client = cached();
    for (const key of [A, B, A]) {
      await client.list(videos, creds(key), { limit: 10 });
      await client.get(videos, creds(key), simulator.videos.videosOf(key)[5]!.id);
      await client.get(account, creds(key), 'me');
    }
    expect(simulator.requests.map((request) => request.credential)).toEqual([A, A, A, B, B, B]);
    expect(keys).toHaveLength(6);
    expect(keys.filter((key) => !key.includes(':k.'))).toEqual([]);
    expect(keys.map((key) => key.split(':').slice(3).join(':'))).toEqual([
      'listVideosV3:?limit=10 5000',
      `getVideoV3:${simulator.videos.videosOf(A)[5]!.id} 60000`,
      'getUserMeV3:me 5000',
      'listVideosV3:?limit=10 5000',
      `getVideoV3:${simulator.videos.videosOf(B)[5]!.id} 60000`,
      'getUserMeV3:me 5000',
    ]);
  });
});

/** A request and the whole answer it must get. */
interface Planned {
  kind: string;
  query: string;
  variables: Record<string, unknown>;
  expected: unknown;
}

/** What one request of a tenant is made from: its videos and username, one video of its own and one of the other tenant's, a page size. */
interface Draw {
  own: HeyGenVideo[];
  username: string;
  mine: HeyGenVideo;
  other: HeyGenVideo;
  first: number;
}

const upper = (video: HeyGenVideo) => video.status.toUpperCase();

const KINDS: ((draw: Draw) => Planned)[] = [
  ({ own, first }) => ({
    kind: 'a page of videos',
    query: 'query($first: Int) { videos(first: $first) { nodes { videoId title status } pageInfo { hasNextPage } } }',
    variables: { first },
    expected: { videos: { nodes: own.slice(0, first).map((video) => ({ videoId: video.id, title: video.title, status: upper(video) })), pageInfo: { hasNextPage: own.length > first } } },
  }),
  ({ own }) => ({
    kind: 'videos by title',
    query: '{ videos(first: 50, title: "demo") { nodes { videoId } } }',
    variables: {},
    expected: { videos: { nodes: own.filter((video) => video.title?.toLowerCase().includes('demo')).map((video) => ({ videoId: video.id })) } },
  }),
  ({ mine, other }) => ({
    kind: 'own and their video by id',
    query: 'query($mine: ID!, $other: ID!) { mine: video(videoId: $mine) { videoId title } theirs: video(videoId: $other) { videoId } }',
    variables: { mine: mine.id, other: other.id },
    expected: { mine: { videoId: mine.id, title: mine.title }, theirs: null },
  }),
  ({ mine, other }) => ({
    kind: 'own and their video by global id',
    query: 'query($mine: ID!, $other: ID!) { mine: node(id: $mine) { ... on Video { videoId status } } theirs: node(id: $other) { id } }',
    variables: { mine: toGlobalId('Video', mine.id), other: toGlobalId('Video', other.id) },
    expected: { mine: { videoId: mine.id, status: upper(mine) }, theirs: null },
  }),
  ({ mine, other }) => ({
    kind: 'video entities',
    query: 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Video { videoId title } } }',
    variables: { reps: [mine, other].map((video) => ({ __typename: 'Video', videoId: video.id })) },
    expected: { _entities: [{ videoId: mine.id, title: mine.title }, null] },
  }),
  ({ username }) => ({ kind: 'the account', query: '{ me { username billingType } }', variables: {}, expected: { me: { username, billingType: expect.any(String) } } }),
];

/** Gateways that share one simulator (and, with Redis, one cache). */
interface Replicas {
  simulator: Simulator;
  replicas: RunningGateway[];
  close(): Promise<void>;
}

async function post(gateway: RunningGateway, key: string, planned: Planned): Promise<GraphQLResponse> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ query: planned.query, variables: planned.variables }),
  });
  const text = await response.text();
  return { status: response.status, text, ...JSON.parse(text) };
}

const REDIS_SERVER = '/usr/bin/redis-server';

/** A redis-server on a free loopback port, nothing saved; resolves once it answers PING. */
async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const child: ChildProcess = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: null, retryStrategy: () => 20 });
  client.on('error', () => {});
  await client.ping();
  client.disconnect();
  return { url: `redis://127.0.0.1:${port}`, stop: async () => void (child.kill('SIGTERM'), await once(child, 'exit')) };
}

/** A stack with the cache on and, with `redis`, a second gateway sharing its simulator and Redis. */
async function startReplicas(redis: boolean): Promise<Replicas> {
  const server = redis ? await startRedis() : null;
  const config: Partial<Config> = { cacheTtlSeconds: 60, ...(server && { redisUrl: server.url, cacheRedisTimeoutMs: 1000 }) };
  const stack: Stack = await startStack({ config, simulator: { clock: () => START } });
  const replicas = [stack.gateway];
  if (server) {
    const logs: string[] = [];
    const second = { ...DEFAULT_CONFIG, port: 0, host: '127.0.0.1', heygenBaseUrl: stack.simulator.url, logLevel: 'info' as const, heygenRetryBaseMs: 5, ...config };
    replicas.push(await startGateway(second, createLogger('info', (line) => logs.push(line))));
    // Until then a replica's cache reads miss; wait (bounded by the hook's timeout) so the warm round is warm.
    while (![stack.logs, logs].every((lines) => lines.some((line) => line.includes('connected to Redis')))) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    simulator: stack.simulator,
    replicas,
    close: async () => {
      for (const replica of replicas.slice(1)) await replica.close(1000);
      await stack.close();
      await server?.stop();
    },
  };
}

const REQUESTS = 240;
const CONFIGS: [string, boolean][] = [
  ['memory cache', false],
  ['Redis cache shared by two replicas', true],
];

describe.each(CONFIGS)('video tenant isolation under interleaved concurrent requests (%s)', (_, redis) => {
  const skip = redis && !existsSync(REDIS_SERVER);
  let setup: Replicas;
  let rounds: { key: string; planned: Planned; response: GraphQLResponse }[][];
  let callsPerRound: number[];

  beforeAll(async () => {
    if (skip) return;
    setup = await startReplicas(redis);
    const { simulator } = setup;
    const views = [A, B].map((key, index) => ({ key, own: simulator.videos.videosOf(key), theirs: simulator.videos.videosOf([B, A][index]!), username: simulator.videos.accountOf(key).username }));
    const next = seededRandom(20260101);
    const any = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
    const plan = Array.from({ length: REQUESTS }, (__, index) => {
      const { key, own, theirs, username } = views[index % 2]!;
      const planned = any(KINDS)({ own, username, mine: any(own), other: any(theirs), first: 5 + Math.floor(next() * 40) });
      return { key, replica: setup.replicas[Math.floor(index / 2) % setup.replicas.length]!, planned };
    });
    rounds = [];
    callsPerRound = [];
    // The same plan twice: first on a cold cache, then on a warm one.
    for (let round = 0; round < 2; round++) {
      const before = simulator.requests.length;
      rounds.push(await Promise.all(plan.map(async ({ key, replica, planned }) => ({ key, planned, response: await post(replica, key, planned) }))));
      callsPerRound.push(simulator.requests.length - before);
    }
  }, 60_000);
  afterAll(() => setup?.close());

  it.skipIf(skip)('answers each tenant exactly its own videos and account, cold and warm', () => {
    for (const round of rounds) {
      for (const { planned, response } of round) {
        expect(response.errors, planned.kind).toBeUndefined();
        expect(response.data, planned.kind).toEqual(planned.expected);
      }
    }
  });

  it.skipIf(skip)("never puts the other tenant's video ids or account in an answer", () => {
    const foreignOf = (key: string) => {
      const other = key === A ? B : A;
      return [...setup.simulator.videos.videosOf(other).map((video) => video.id), setup.simulator.videos.accountOf(other).username];
    };
    for (const { key, planned, response } of rounds.flat()) {
      const asked = JSON.stringify(planned.variables);
      expect(foreignOf(key).filter((text) => response.text.includes(text) && !asked.includes(text)), planned.kind).toEqual([]);
    }
  });

  it.skipIf(skip)('answers the warm round from the cache, and asks HeyGen only with the two keys', () => {
    expect(callsPerRound[1]).toBeLessThan(callsPerRound[0]! / 2);
    expect(rounds[1]!.reduce((hits, { response }) => hits + (response.extensions?.upstream?.cacheHits ?? 0), 0)).toBeGreaterThan(0);
    expect(new Set(setup.simulator.requests.map((request) => request.credential))).toEqual(new Set([A, B]));
  });
});
