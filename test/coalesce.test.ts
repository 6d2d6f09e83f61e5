import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCachedClient } from '../src/cache/cached-client.js';
import { createMemoryStore } from '../src/cache/memory-store.js';
import { NOTHING_STORED, type CacheStore } from '../src/cache/store.js';
import { loadConfig } from '../src/config.js';
import { account } from '../src/graphql/account.js';
import { resource as groups } from '../src/graphql/resources/avatar-group.js';
import { resource as videos } from '../src/graphql/resources/video.js';
import { CREATE_VIDEO, DELETE_VIDEO } from '../src/graphql/video-writes.js';
import { createHeyGenClient, type HeyGenClient, type ItemResource, type WriteRoute } from '../src/heygen/client.js';
import { Deadline } from '../src/heygen/deadline.js';
import type { Fault } from '../src/simulator/server.js';
import { clientOptions, codesOf, MEMORY_BOUNDS, SIMULATOR_KEYS, startStack, type GraphQLResponse, type Stack } from './helpers.js';

/*
 * Identical reads in flight share one HeyGen call with the cache off (the gateways here run with
 * CACHE_TTL_SECONDS=0): only reads of one credential, only while the call is in flight, never past a
 * write of that credential (never at all for what writes change), no longer than the joining request
 * may wait, and never a failure that was another request's own. Upstream calls are
 * counted from the simulator's request log.
 */

const A = SIMULATOR_KEYS.tenantA;
const B = SIMULATOR_KEYS.tenantB;
const as = (key: string) => ({ 'x-api-key': key });
const PAGE = '{ avatarGroups(first: 5) { nodes { groupId name } } }';
const VIDEOS = '{ videos(first: 50) { nodes { videoId } } }';

/** Resolves once the simulator has received `count` requests. */
async function simulatorSaw(stack: Stack, count: number): Promise<void> {
  while (stack.simulator.requests.length < count) await new Promise((resolve) => setTimeout(resolve, 2));
}

const sumOf = (answers: readonly GraphQLResponse[], field: 'calls' | 'deduplicated') => answers.reduce((sum, answer) => sum + answer.extensions?.upstream[field], 0);

describe('identical reads in flight, with the cache off', () => {
  let stack: Stack;
  afterEach(() => stack?.close());

  it('is on by default, and HEYGEN_COALESCE_READS=false turns it off', () => {
    expect(loadConfig({}).heygenCoalesceReads).toBe(true);
    expect(loadConfig({ HEYGEN_COALESCE_READS: 'false' }).heygenCoalesceReads).toBe(false);
    expect(() => loadConfig({ HEYGEN_COALESCE_READS: 'sometimes' })).toThrow('HEYGEN_COALESCE_READS must be one of');
  });

  it('makes one call for 20 identical queries of one key, and keeps nothing once it has answered', async () => {
    stack = await startStack();
    stack.simulator.failNext({ delayMs: 150 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => stack.query(PAGE)));
    expect(stack.simulator.requests).toHaveLength(1);
    expect(answers.map((answer) => answer.data)).toEqual(Array(20).fill(answers[0]!.data));
    expect([sumOf(answers, 'calls'), sumOf(answers, 'deduplicated')]).toEqual([1, 19]);
    const after = await stack.query(PAGE);
    expect(after.extensions?.upstream).toEqual({ calls: 1, deduplicated: 0, cacheHits: 0 });
    expect(stack.simulator.requests).toHaveLength(2);
  });

  it('shares a voice call between requests whose pages need the same default voice', async () => {
    stack = await startStack({ simulator: { latencyMs: 40 } });
    const query = '{ avatarGroups(first: 20) { nodes { defaultVoice { voiceId } } } }';
    const alone = await stack.query(query);
    stack.simulator.clearRequests();
    const answers = await Promise.all(Array.from({ length: 8 }, () => stack.query(query)));
    expect(answers.map((answer) => answer.data)).toEqual(Array(8).fill(alone.data));
    // Eight requests' list and voice calls arrive together: one of each reaches HeyGen.
    expect(stack.simulator.requests).toHaveLength(alone.extensions?.upstream.calls);
  });

  it("never shares a call between two keys, even for public data", async () => {
    stack = await startStack();
    stack.simulator.failNext({ delayMs: 100 });
    const query = '{ avatarGroups(first: 5, ownership: PUBLIC) { nodes { groupId } } }';
    const [fromA, fromB] = await Promise.all([stack.query(query, undefined, as(A)), stack.query(query, undefined, as(B))]);
    expect(fromB.data).toEqual(fromA.data);
    expect(stack.simulator.requests.map((request) => request.credential).sort()).toEqual([A, B].sort());
  });

  it('makes every call with HEYGEN_COALESCE_READS=false', async () => {
    stack = await startStack({ config: { heygenCoalesceReads: false } });
    stack.simulator.failNext({ delayMs: 100 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => stack.query(PAGE)));
    expect(stack.simulator.requests).toHaveLength(5);
    expect(sumOf(answers, 'deduplicated')).toBe(0);
  });

  it('lets a request that asked for no-cache make its own call', async () => {
    stack = await startStack();
    stack.simulator.failNext({ delayMs: 100 });
    const first = stack.query(PAGE);
    await simulatorSaw(stack, 1);
    const fresh = await stack.query(PAGE, undefined, { ...as(SIMULATOR_KEYS.demo), 'cache-control': 'no-cache' });
    expect(fresh.extensions?.upstream).toMatchObject({ calls: 1, deduplicated: 0 });
    expect((await first).data).toEqual(fresh.data);
    expect(stack.simulator.requests).toHaveLength(2);
  });

  it("gives a key's failure to the requests of that key that joined it", async () => {
    stack = await startStack();
    stack.simulator.failNext({ status: 403, delayMs: 100 });
    const answers = await Promise.all(Array.from({ length: 3 }, () => stack.query(PAGE)));
    expect(answers.map(codesOf)).toEqual(Array(3).fill(['FORBIDDEN']));
    expect(stack.simulator.requests).toHaveLength(1);
  });

  it('makes one call of their own for the requests that joined a call HeyGen failed through its retries', async () => {
    stack = await startStack();
    stack.simulator.failNext({ status: 503, times: 3, delayMs: 300 }); // the first try and both retries
    const answers = await Promise.all(Array.from({ length: 4 }, () => stack.query(PAGE)));
    expect(answers.map(codesOf).filter((codes) => codes.length > 0)).toEqual([['UPSTREAM_ERROR']]);
    expect(sumOf(answers, 'deduplicated')).toBe(2); // three joined the failed call; then one made a new one, and two joined it
    expect(stack.simulator.requests).toHaveLength(4);
  });

  it('gives a 429 to every request that joined the call: the limit is the credential\'s', async () => {
    stack = await startStack({ config: { heygenRetries: 0 } });
    stack.simulator.failNext({ status: 429, delayMs: 100 });
    const answers = await Promise.all(Array.from({ length: 3 }, () => stack.query(PAGE)));
    expect(answers.map(codesOf)).toEqual(Array(3).fill(['RATE_LIMITED']));
    expect(stack.simulator.requests).toHaveLength(1);
  });

  it('makes its own call when the request it joined runs out of time', async () => {
    stack = await startStack({ config: { requestDeadlineMs: 300 } });
    stack.simulator.failNext({ delayMs: 1000 });
    const first = stack.query(PAGE);
    await simulatorSaw(stack, 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const second = await stack.query(PAGE);
    expect(codesOf(await first)).toEqual(['UPSTREAM_TIMEOUT']);
    expect(codesOf(second)).toEqual([]);
    expect(second.data.avatarGroups.nodes).toHaveLength(5);
    expect(second.extensions?.upstream.calls).toBe(1);
    expect(stack.simulator.requests).toHaveLength(2);
  });

  it.each<[string, Fault]>([
    ['a 503', { status: 503 }],
    ['a broken connection', { reset: true }],
  ])('stops sharing a call once %s made it wait to retry: a read meanwhile makes its own call', async (_, fault) => {
    stack = await startStack({ config: { heygenRetryBaseMs: 1500, heygenRetryBudgetMs: 5000 } });
    stack.simulator.failNext(fault);
    const first = stack.query(PAGE);
    await simulatorSaw(stack, 1);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the 503 has arrived: the call waits to retry
    const started = Date.now();
    const second = await stack.query(PAGE);
    expect(Date.now() - started).toBeLessThan(1000); // the retry waits 1125 ms or more
    expect(second.extensions?.upstream).toEqual({ calls: 1, deduplicated: 0, cacheHits: 0 });
    const answered = await first;
    expect(codesOf(answered)).toEqual([]);
    expect(answered.extensions?.upstream.calls).toBe(2);
    expect(second.data).toEqual(answered.data);
  });

  it('never shares reads of what writes change (videos): a write on another replica could not end the call', async () => {
    stack = await startStack();
    stack.simulator.failNext({ delayMs: 150, method: 'GET', pathPrefix: '/v3/videos' });
    const answers = await Promise.all(Array.from({ length: 3 }, () => stack.query(VIDEOS)));
    expect(answers.map((answer) => answer.extensions?.upstream)).toEqual(Array(3).fill({ calls: 1, deduplicated: 0, cacheHits: 0 }));
    expect(answers.map((answer) => answer.data)).toEqual(Array(3).fill(answers[0]!.data));
  });

  it('stops waiting for a call it joined once its own request has ended', async () => {
    stack = await startStack();
    const upstream = createHeyGenClient(clientOptions({ baseUrl: stack.simulator.url }));
    const client = createCachedClient(upstream, NOTHING_STORED, { baseUrl: stack.simulator.url, ttlMs: 0, ttlMsByResource: {}, salt: '', coalesceUncached: true });
    try {
      stack.simulator.failNext({ delayMs: 1500 });
      const credentials = { header: 'x-api-key', value: SIMULATOR_KEYS.demo } as const;
      const leading = client.list(groups, credentials, { limit: 5 }, { deadline: new Deadline(10_000) });
      await simulatorSaw(stack, 1);
      const own = new Deadline(10_000);
      const joining = client.list(groups, credentials, { limit: 5 }, { deadline: own });
      setTimeout(() => own.dispose(), 50); // its request is answered meanwhile (a non-null field failed, say)
      const started = Date.now();
      await expect(joining).rejects.toMatchObject({ code: 'timeout' });
      expect(Date.now() - started).toBeLessThan(1000);
      expect((await leading).data).toHaveLength(5);
      expect(stack.simulator.requests).toHaveLength(1);
    } finally {
      await upstream.close();
    }
  });
});

describe('identical reads in flight, with the cache on', () => {
  let stack: Stack;
  afterEach(() => stack?.close());

  it("never answers a read that follows a key's write with a call from before it", async () => {
    stack = await startStack({ config: { cacheTtlSeconds: 60 } });
    const { id: videoId } = stack.simulator.videos.videosOf(SIMULATOR_KEYS.demo)[0]!;
    const lookup = `{ video(videoId: "${videoId}") { videoId } }`;
    // A lookup of the video in flight when it is deleted...
    stack.simulator.failNext({ delayMs: 1000, method: 'GET', pathPrefix: `/v3/videos/${videoId}` });
    const before = stack.query(lookup);
    await simulatorSaw(stack, 1);
    const deleted = await stack.query(`mutation { deleteVideo(videoId: "${videoId}") { deleted } }`);
    expect(deleted.data.deleteVideo.deleted).toBe(true);
    // ...is not the answer to the lookup made after it.
    const after = await stack.query(lookup);
    expect(after.extensions?.upstream).toMatchObject({ calls: 1, deduplicated: 0 });
    expect(after.data.video).toBeNull();
    await before;
  });
});

/** A HeyGen whose reads answer when the test says, recording each call. */
function heldHeyGen() {
  const answers: ((item: unknown) => void)[] = [];
  const calls: string[] = [];
  const client: HeyGenClient = {
    list: () => Promise.reject(new Error('not used')),
    get: <Item>(_resource: unknown, _credentials: unknown, id: string) => {
      calls.push(`get ${id}`);
      return new Promise<Item | null>((resolve) => answers.push(resolve as (item: unknown) => void));
    },
    write: async <Data>(route: WriteRoute) => {
      calls.push(route.operation);
      return {} as Data;
    },
    breakerState: () => 'closed',
    close: async () => {},
  };
  return { client, answers, calls };
}

/** What a write changes, and a read of it: the video deleted, the account a new video spent from. */
const WRITES = [
  { written: 'a deleted video', route: DELETE_VIDEO, request: { id: 'v_1' }, resource: videos as ItemResource<unknown>, id: 'v_1', before: { id: 'v_1', status: 'completed' }, after: null },
  { written: 'the account a video spent from', route: CREATE_VIDEO, request: { body: {} }, resource: account as ItemResource<unknown>, id: 'me', before: { username: 'demo', wallet: { remaining_balance: 500 } }, after: { username: 'demo', wallet: { remaining_balance: 458 } } },
];

describe.each(WRITES)('a load of $written that a write overtook', ({ route, request, resource, id, before, after }) => {
  const credentials = { header: 'x-api-key', value: SIMULATOR_KEYS.demo } as const;
  const cachedOver = (heygen: HeyGenClient, store: CacheStore) => createCachedClient(heygen, store, { baseUrl: 'http://heygen.test', ttlMs: 60_000, ttlMsByResource: {}, salt: '' });

  it.each([
    ['in one process', false],
    ['for the replicas sharing the store, where another made the write', true],
  ])('is the answer of the read that made it but is not stored %s: the next read asks HeyGen', async (_, replicas) => {
    const store = createMemoryStore(MEMORY_BOUNDS);
    const { client: heygen, answers, calls } = heldHeyGen();
    const reading = cachedOver(heygen, store);
    const writing = replicas ? cachedOver(heygen, store) : reading;
    const early = reading.get(resource, credentials, id); // HeyGen reads the item...
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    await writing.write(route, credentials, request); // ...the write changes it...
    answers.shift()!(before); // ...and the read made before lands after.
    expect(await early).toEqual(before);
    const late = reading.get(resource, credentials, id);
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    answers.shift()!(after);
    expect(await late).toEqual(after);
    expect(calls).toEqual([`get ${id}`, route.operation, `get ${id}`]);
    // What was read after the write is stored, for every replica.
    expect(await writing.get(resource, credentials, id)).toEqual(after);
    expect(await reading.get(resource, credentials, id)).toEqual(after);
    expect(calls).toHaveLength(3);
  });
});
