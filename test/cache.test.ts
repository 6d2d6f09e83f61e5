import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCachedClient, type CachedClientOptions } from '../src/cache/cached-client.js';
import { createMemoryStore } from '../src/cache/memory-store.js';
import { MEMORY_BOUNDS } from './helpers.js';
import { ConfigError, loadConfig } from '../src/config.js';
import type { CacheStore } from '../src/cache/store.js';
import { createHeyGenClient, type Credentials, type HeyGenClient } from '../src/heygen/client.js';
import { resource as groups } from '../src/graphql/resources/avatar-group.js';
import { resource as looks } from '../src/graphql/resources/avatar-look.js';
import { resource as voices } from '../src/graphql/resources/voice.js';
import { startSimulator, type Simulator } from '../src/simulator/server.js';
import { clientOptions, codesOf, SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';

/*
 * The cross-request cache in one process: the memory store on its own, the cached client over the
 * simulator with a clock the tests move, and whole gateways with the cache on. Upstream calls are
 * counted from the simulator's request log.
 */

const A = SIMULATOR_KEYS.tenantA;
const B = SIMULATOR_KEYS.tenantB;
const BOGUS = 'hg_bogus_key_9999999999999999';
const as = (key: string) => ({ 'x-api-key': key });
const creds = (value: string): Credentials => ({ header: 'x-api-key', value });

describe('cache configuration', () => {
  it('reads the cache variables', () => {
    const config = loadConfig({
      REDIS_URL: 'redis://:secret@cache.internal:6380/2',
      CACHE_TTL_SECONDS: '30',
      CACHE_TTL_VOICES_SECONDS: '300',
      CACHE_TTL_LOOKS_SECONDS: '0',
      CACHE_MAX_ENTRIES: '500',
      CACHE_MAX_BYTES: '2048',
      CACHE_KEY_SALT: 'pepper',
      CACHE_REDIS_TIMEOUT_MS: '50',
    });
    expect(config).toMatchObject({
      redisUrl: 'redis://:secret@cache.internal:6380/2',
      cacheTtlSeconds: 30,
      cacheTtlSecondsByResource: { voices: 300, looks: 0 },
      cacheMaxEntries: 500,
      cacheMaxBytes: 2048,
      cacheKeySalt: 'pepper',
      cacheRedisTimeoutMs: 50,
    });
    expect(loadConfig({})).toMatchObject({ redisUrl: null, cacheTtlSeconds: 60, cacheTtlSecondsByResource: {} });
  });

  it.each([
    [{ REDIS_URL: 'http://:hunter2@cache:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
    [{ CACHE_TTL_SECONDS: '-1' }, 'CACHE_TTL_SECONDS must be a whole number from 0 to 86400'],
    [{ CACHE_TTL_GROUPS_SECONDS: 'soon' }, 'CACHE_TTL_GROUPS_SECONDS must be a whole number'],
    [{ CACHE_MAX_ENTRIES: '0' }, 'CACHE_MAX_ENTRIES must be a whole number from 1'],
  ])('rejects %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never repeats a bad REDIS_URL, which may hold a password', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://:hunter2@cache:6379' })).not.toThrow(/hunter2/);
  });
});

describe('memory store', () => {
  it('evicts the least recently used entry beyond maxEntries', () => {
    const store = createMemoryStore({ ...MEMORY_BOUNDS, maxEntries: 2 });
    store.set('a', 1, 1000);
    store.set('b', 2, 1000);
    expect(store.get('a')).toBe(1);
    store.set('c', 3, 1000);
    expect([store.get('a'), store.get('b'), store.get('c')]).toEqual([1, undefined, 3]);
    expect(store.size).toBe(2);
  });

  it('evicts the least recently used entries beyond maxBytes, counting keys and JSON', () => {
    const store = createMemoryStore({ ...MEMORY_BOUNDS, maxBytes: 30 });
    store.set('a', 'x'.repeat(10), 1000); // 1 + 12 bytes
    store.set('b', 'y'.repeat(10), 1000);
    expect(store.bytes).toBe(26);
    store.set('c', 'z'.repeat(10), 1000);
    expect([store.get('a'), store.get('b')]).toEqual([undefined, 'y'.repeat(10)]);
    expect(store.bytes).toBe(26);
    store.set('d', 'w'.repeat(40), 1000);
    expect(store.get('d')).toBeUndefined();
  });

  it('drops an entry once its TTL has passed, and keeps null as a value', () => {
    let now = 0;
    const store = createMemoryStore({ ...MEMORY_BOUNDS, now: () => now });
    store.set('gone', { a: 1 }, 100);
    store.set('missing', null, 200);
    now = 100;
    expect(store.get('gone')).toBeUndefined();
    expect(store.get('missing')).toBeNull();
    expect(store.size).toBe(1);
  });

  it('keeps parsed objects, frozen, and hands out the same object on every hit', () => {
    const store = createMemoryStore(MEMORY_BOUNDS);
    const page = { data: [{ id: 'ag_1', tags: ['x'] }], has_more: false, next_token: null };
    store.set('page', page, 1000);
    expect(store.get('page')).toBe(page);
    expect(Object.isFrozen(page.data[0]!.tags)).toBe(true);
  });
});

describe('cached client', () => {
  let simulator: Simulator;
  let upstream: HeyGenClient;
  let now: number;
  const keys: string[] = [];
  /** A memory store on the test's clock that records every key written. */
  const recordingStore = (): CacheStore => {
    const store = createMemoryStore({ ...MEMORY_BOUNDS, now: () => now });
    return { ...store, kind: 'memory', get: store.get, set: (key, value, ttl) => (keys.push(key), store.set(key, value, ttl)) };
  };
  const cached = (options: Partial<CachedClientOptions> = {}) =>
    createCachedClient(upstream, recordingStore(), { baseUrl: simulator.url, ttlMs: 1000, ttlMsByResource: {}, salt: '', now: () => now, ...options });

  beforeAll(async () => {
    simulator = await startSimulator();
    upstream = createHeyGenClient(clientOptions({ baseUrl: simulator.url }));
  });
  afterAll(async () => {
    await upstream.close();
    await simulator.close();
  });
  beforeEach(() => {
    now = 1_000_000;
    keys.length = 0;
    simulator.clearRequests();
  });

  it('calls HeyGen again once the TTL has passed', async () => {
    const client = cached();
    await client.list(groups, creds(A), { limit: 5 });
    now += 999;
    await client.list(groups, creds(A), { limit: 5 });
    expect(simulator.requests).toHaveLength(1);
    now += 1;
    await client.list(groups, creds(A), { limit: 5 });
    expect(simulator.requests).toHaveLength(2);
  });

  it('takes each resource its own TTL, and leaves a resource with 0 uncached', async () => {
    const client = cached({ ttlMs: 1000, ttlMsByResource: { looks: 0, voices: 5000 } });
    const voiceId = simulator.catalogue.voices[0]!.voice_id;
    for (let i = 0; i < 2; i++) {
      await client.list(looks, creds(A), { limit: 3 });
      await client.get(voices, creds(A), voiceId);
    }
    expect(simulator.requests.map((request) => request.path)).toEqual(['/v3/avatars/looks', `/v3/voices/${voiceId}`, '/v3/avatars/looks']);
    now += 4999;
    await client.get(voices, creds(A), voiceId);
    expect(simulator.requests).toHaveLength(3);
  });

  it('caches a 404 briefly and only for the credential that met it', async () => {
    const client = cached({ ttlMs: 60_000, notFoundTtlMs: 100 });
    const privateOfA = simulator.visibleTo(A).tenant.groups[0]!.id;
    expect(await client.get(groups, creds(B), privateOfA)).toBeNull();
    expect(await client.get(groups, creds(B), privateOfA)).toBeNull();
    expect(await client.get(groups, creds(A), privateOfA)).toMatchObject({ id: privateOfA });
    expect(simulator.requests.map((request) => request.credential)).toEqual([B, A]);
    now += 100;
    expect(await client.get(groups, creds(B), privateOfA)).toBeNull();
    expect(simulator.requests).toHaveLength(3);
  });

  it('never puts a credential in a key, and keys private answers by a hash of it', async () => {
    const client = cached();
    const bearer: Credentials = { header: 'authorization', value: `Bearer ${A}` };
    await client.list(groups, creds(A), { limit: 2 });
    await client.list(groups, bearer, { limit: 2 });
    await client.list(groups, creds(A), { limit: 2, ownership: 'public' });
    await client.list(voices, creds(A), { limit: 2, type: 'private' });
    expect(keys.length).toBeGreaterThanOrEqual(4);
    for (const key of keys) expect(key).not.toContain(A);
    const privateKeys = keys.filter((key) => key.includes(':k.'));
    expect(new Set(privateKeys.map((key) => key.split(':')[2])).size).toBe(2);
    expect(keys.filter((key) => key.includes(':pub:'))).toEqual([expect.stringMatching(/:pub:listAvatarGroups:\?limit=2&ownership=public$/)]);
  });

  it('gives a request that joined another credential\'s failed call an answer of its own', async () => {
    const client = cached();
    await client.list(groups, creds(A), { limit: 1, ownership: 'private' }); // HeyGen accepts A
    simulator.failNext({ delayMs: 150 });
    const bogus = client.list(groups, creds(BOGUS), { limit: 4, ownership: 'public' });
    while (simulator.requests.length < 2) await new Promise((resolve) => setImmediate(resolve));
    const joined = client.list(groups, creds(A), { limit: 4, ownership: 'public' });
    await expect(bogus).rejects.toMatchObject({ code: 'unauthorized' });
    expect((await joined).data).toHaveLength(4);
    expect(simulator.requests.map((request) => request.credential)).toEqual([A, BOGUS, A]);
  });
});

describe('gateway with the in-memory cache', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack({ config: { cacheTtlSeconds: 60 } });
  });
  afterEach(() => stack.close());

  const PAGE = '{ avatarGroups(first: 5) { nodes { groupId name } } }';
  const PUBLIC_PAGE = '{ avatarGroups(first: 5, ownership: PUBLIC) { nodes { groupId name } } }';
  const PRIVATE_PAGE = '{ avatarGroups(first: 50, ownership: PRIVATE) { nodes { groupId name } } }';

  it('answers a repeated query from the cache and reports the hit in extensions.upstream and the log', async () => {
    const first = await stack.query(PAGE);
    const second = await stack.query(PAGE);
    expect(second.data).toEqual(first.data);
    expect(first.extensions?.upstream).toEqual({ calls: 1, deduplicated: 0, cacheHits: 0 });
    expect(second.extensions?.upstream).toEqual({ calls: 0, deduplicated: 0, cacheHits: 1 });
    expect(stack.simulator.requests).toHaveLength(1);
    expect(stack.logs.filter((line) => line.includes('"msg":"graphql request"')).at(-1)).toContain('"cacheHits":1');
  });

  it('reports cache hits on yoga\'s path too (a GET)', async () => {
    const get = async () => {
      const url = `${stack.gateway.url}/graphql?query=${encodeURIComponent(PAGE)}`;
      return (await fetch(url, { headers: { accept: 'application/json', ...as(SIMULATOR_KEYS.demo) } })).json();
    };
    await get();
    expect((await get()).extensions.upstream).toEqual({ calls: 0, deduplicated: 0, cacheHits: 1 });
  });

  it('makes one upstream call for concurrent misses of the same key', async () => {
    stack.simulator.failNext({ delayMs: 200 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => stack.query(PAGE)));
    expect(stack.simulator.requests).toHaveLength(1);
    expect(answers.every((answer) => answer.data?.avatarGroups.nodes.length === 5)).toBe(true);
    const total = answers.reduce(
      (sum, answer) => ({ calls: sum.calls + answer.extensions?.upstream.calls, joined: sum.joined + answer.extensions?.upstream.deduplicated, hits: sum.hits + answer.extensions?.upstream.cacheHits }),
      { calls: 0, joined: 0, hits: 0 },
    );
    expect(total).toEqual({ calls: 1, joined: 9, hits: 0 });
  });

  it.each<Record<string, string>>([{ 'cache-control': 'no-cache' }, { pragma: 'no-cache' }, { 'cache-control': 'max-age=0' }])('asks HeyGen again for %j and keeps the fresh answer', async (header) => {
    await stack.query(PAGE);
    const fresh = await stack.query(PAGE, undefined, { ...as(SIMULATOR_KEYS.demo), ...header });
    expect(fresh.extensions?.upstream).toMatchObject({ calls: 1, cacheHits: 0 });
    expect(stack.simulator.requests).toHaveLength(2);
    stack.simulator.failNext({ status: 500, times: 10 });
    const after = await stack.query(PAGE);
    expect(after.extensions?.upstream).toMatchObject({ calls: 0, cacheHits: 1 });
    expect(after.data).toEqual(fresh.data);
  });

  it('never serves one key\'s private items to another key', async () => {
    const byKey = await Promise.all([A, B].map(async (key) => [await stack.query(PAGE, undefined, as(key)), await stack.query(PRIVATE_PAGE, undefined, as(key))]));
    for (const [index, key] of [A, B].entries()) {
      const own = stack.simulator.visibleTo(key);
      const [page, privatePage] = byKey[index]!;
      expect(page!.data.avatarGroups.nodes).toEqual(own.groups.slice(0, 5).map((group) => ({ groupId: group.id, name: group.name })));
      expect(privatePage!.data.avatarGroups.nodes).toEqual(own.tenant.groups.map((group) => ({ groupId: group.id, name: group.name })));
    }
    expect(stack.simulator.requests).toHaveLength(4);
    const privateOfA = stack.simulator.visibleTo(A).tenant.groups[0]!.id;
    const lookup = `{ avatarGroup(groupId: "${privateOfA}") { name } }`;
    expect((await stack.query(lookup, undefined, as(A))).data.avatarGroup).not.toBeNull();
    const fromB = await stack.query(lookup, undefined, as(B));
    expect(fromB.data.avatarGroup).toBeNull();
    expect(fromB.extensions?.upstream).toMatchObject({ calls: 1, cacheHits: 0 });
  });

  it.each([
    ['public groups', PUBLIC_PAGE],
    ['public looks', '{ avatarLooks(first: 5, ownership: PUBLIC) { nodes { lookId } } }'],
    ['voices, public by default', '{ voices(first: 5) { nodes { voiceId name } } }'],
  ])('shares %s between keys HeyGen accepted', async (_name, query) => {
    await stack.query('{ avatarGroups(first: 1, ownership: PRIVATE) { nodes { groupId } } }', undefined, as(B));
    const fromA = await stack.query(query, undefined, as(A));
    const fromB = await stack.query(query, undefined, as(B));
    expect(fromB.data).toEqual(fromA.data);
    expect(fromB.extensions?.upstream).toMatchObject({ calls: 0, cacheHits: 1 });
    expect(stack.simulator.requests.map((request) => request.credential)).toEqual([B, A]);
  });

  it('shares a lookup by id of an item a public list showed', async () => {
    await stack.query('{ voices(first: 1, type: PRIVATE) { nodes { voiceId } } }', undefined, as(B));
    const page = await stack.query(PUBLIC_PAGE, undefined, as(A));
    const lookup = `{ avatarGroup(groupId: "${page.data.avatarGroups.nodes[0].groupId}") { name } }`;
    const fromA = await stack.query(lookup, undefined, as(A));
    const fromB = await stack.query(lookup, undefined, as(B));
    expect(fromB.data).toEqual(fromA.data);
    expect([fromA.extensions?.upstream.calls, fromB.extensions?.upstream.cacheHits]).toEqual([1, 1]);
  });

  it('serves nothing cached to a key HeyGen never accepted', async () => {
    await stack.query(PUBLIC_PAGE, undefined, as(A));
    const bogus = await stack.query(PUBLIC_PAGE, undefined, as(BOGUS));
    expect(bogus.data?.avatarGroups ?? null).toBeNull();
    expect(codesOf(bogus)).toEqual(['UNAUTHENTICATED']);
    expect(stack.simulator.requests.map((request) => request.credential)).toEqual([A, BOGUS]);
  });

  it('does not cache errors', async () => {
    stack.simulator.failNext({ status: 500, times: 3 }); // the first try and both retries
    expect(codesOf(await stack.query(PAGE))).toEqual(['UPSTREAM_ERROR']);
    stack.simulator.clearRequests();
    const after = await stack.query(PAGE);
    expect(after.data.avatarGroups.nodes).toHaveLength(5);
    expect(after.extensions?.upstream).toMatchObject({ calls: 1, cacheHits: 0 });
  });
});
