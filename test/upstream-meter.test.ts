import DataLoader from 'dataloader';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { withCache } from '../src/cache/from-config.js';
import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import { createHeyGenClient, toQueryString, type CallOptions, type HeyGenClient } from '../src/heygen/client.js';
import { Deadline } from '../src/heygen/deadline.js';
import { clientOptionsFrom } from '../src/heygen/from-config.js';
import { createGateway } from '../src/server/gateway.js';
import { listen } from '../src/server/listen.js';
import { createLogger } from '../src/server/logger.js';
import { createObservability } from '../src/server/observability.js';
import { seededRandom } from '../src/simulator/catalogue.js';
import { SIMULATOR_KEYS, startSimulator, type Fault, type RecordedRequest, type Simulator } from '../src/simulator/server.js';
import { clientOptions } from './helpers.js';

/*
 * `extensions.upstream` against what really happened. Each generated query runs alone, so everything
 * the simulator logs meanwhile is that query's. Three things are compared:
 *
 * - `calls` with the simulator's request log, the request log line (`upstreamCalls`) and the delta of
 *   /metrics' heygen_upstream_calls_total: all four must agree, faults and retries included.
 * - Every load with what ended it. A load is one key a resolver asked a per-request loader for (one
 *   `DataLoader#load`, counted by a spy on the prototype). It ends in exactly one way: answered by the
 *   loaders or by an identical call in flight (`deduplicated`), by the cross-request cache
 *   (`cacheHits`), or handed to the HeyGen client, where it sends k >= 0 HTTP requests (k - 1 of them
 *   retries; k = 0 when it failed before sending: no credential, say). Loads handed to the client are
 *   counted by a wrapper around it, and their requests matched in the simulator's log by path and
 *   query. So: calls + deduplicated + cacheHits = loads - unsent + retries. This is exact for an answer
 *   without errors; an answer with errors may come before the rest of its fields ran (a non-null field
 *   failed), and their loads count nowhere: there, the left side may only be smaller.
 */

const SEED = Number(process.env.METER_SEED ?? 20250612);
const QUERIES = 150;
const KEY = SIMULATOR_KEYS.demo;
const BOGUS = 'hg_bogus_key_9999999999999999';

interface MeteredStack {
  simulator: Simulator;
  url: string;
  logs: string[];
  /** What reached the HeyGen client below the cache, as `path?query`, since the last clear. */
  reached: string[];
  close(): Promise<void>;
}

/** The simulator and a gateway built as startGateway builds it, with a counting wrapper around the HeyGen client. */
async function startMeteredStack(overrides: Partial<Config>): Promise<MeteredStack> {
  const simulator = await startSimulator();
  const config: Config = {
    ...DEFAULT_CONFIG,
    port: 0,
    host: '127.0.0.1',
    heygenBaseUrl: simulator.url,
    logLevel: 'info',
    heygenRetryBaseMs: 1,
    heygenRetryBudgetMs: 1000,
    breakerFailures: 100_000,
    ...overrides,
  };
  const logs: string[] = [];
  const logger = createLogger(config.logLevel, (line) => logs.push(line));
  const observability = createObservability(logger);
  const upstream = createHeyGenClient({ ...clientOptionsFrom(config), onCall: observability.onUpstreamCall });
  const reached: string[] = [];
  const counting: HeyGenClient = {
    list: (resource, credentials, query, call) => {
      reached.push(`${resource.list.path}${toQueryString(query)}`);
      return upstream.list(resource, credentials, query, call);
    },
    get: (resource, credentials, id, call) => {
      reached.push(`${resource.get.path}/${encodeURIComponent(id)}`);
      return upstream.get(resource, credentials, id, call);
    },
    write: (route, credentials, request, call) => upstream.write(route, credentials, request, call),
    breakerState: () => upstream.breakerState(),
    close: () => upstream.close(),
  };
  const { client, store } = withCache(counting, config, { log: logger, onLookup: observability.onCache });
  const gateway = createGateway(config, { client, logger, observability });
  const server = await listen(gateway.handler, { port: 0, host: '127.0.0.1', requestTimeoutMs: config.requestBodyTimeoutMs });
  return {
    simulator,
    url: server.url,
    logs,
    reached,
    close: async () => {
      await server.close(1000);
      await client.close();
      await store?.close();
      await simulator.close();
    },
  };
}

/** A request as the simulator logged it, spelled as the client built it. */
const spelled = (request: RecordedRequest) => `${request.path}${toQueryString(request.query)}`;

/** The sum of heygen_upstream_calls_total over its labels, from /metrics. */
async function upstreamCallsTotal(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('heygen_upstream_calls_total{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** Polls (bounded) until `done` holds, for calls still finishing after the answer. */
async function settle(done: () => boolean | Promise<boolean>, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await done()) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
}

interface Generated {
  query: string;
  headers: Record<string, string>;
  faults: Fault[];
}

/** A seeded query: a few root fields of every kind, aliased and sometimes repeated, with a credential and faults. */
function generator(simulator: Simulator, seed: number): () => Generated {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const { groups, looks, voices } = simulator.visibleTo(KEY);
  const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');
  const groupId = () => (next() < 0.8 ? pick(groups).id : `ag_unknown_${int(1, 3)}`);
  const lookId = () => (next() < 0.8 ? pick(looks).id : `lk_unknown_${int(1, 3)}`);
  const voiceId = () => (next() < 0.8 ? pick(voices).voice_id : `v_unknown_${int(1, 3)}`);
  const groupFields = () => pick(['name', 'name defaultVoice { name }', `looks(first: ${int(0, 3)}) { nodes { lookId } }`, 'defaultVoiceId']);
  const fields: (() => string)[] = [
    () => `avatarGroups(first: ${int(0, 12)}${pick(['', ', ownership: PUBLIC', ', ownership: PRIVATE'])}) { nodes { groupId ${groupFields()} } }`,
    () => `avatarLooks(first: ${int(1, 8)}) { nodes { lookId ${pick(['', 'group { name }', 'defaultVoice { voiceId }'])} } }`,
    () => `voices(first: ${int(1, 8)}${pick(['', ', type: PUBLIC', ', type: PRIVATE'])}) { nodes { voiceId name } }`,
    () => `avatarGroup(groupId: "${groupId()}") { groupId ${groupFields()} }`,
    () => `avatarLook(lookId: "${lookId()}") { lookId group { name } }`,
    () => `voice(voiceId: "${voiceId()}") { name }`,
    () => `node(id: "${globalId(pick(['AvatarGroup', 'AvatarLook', 'Voice']), pick([groupId, lookId, voiceId])())}") { id }`,
    () => `nodes(ids: [${Array.from({ length: int(1, 4) }, () => `"${globalId('AvatarGroup', groupId())}"`).join(', ')}]) { id }`,
  ];
  return () => {
    const chosen = Array.from({ length: int(1, 4) }, () => pick(fields)());
    if (next() < 0.3) chosen.push(pick(chosen)); // a repeat under another alias
    const query = `{ ${chosen.map((field, index) => `a${index}: ${field}`).join(' ')} }`;
    const credential = next();
    const headers: Record<string, string> = credential < 0.08 ? {} : credential < 0.14 ? { 'x-api-key': BOGUS } : { 'x-api-key': KEY };
    if (next() < 0.1) headers['cache-control'] = 'no-cache';
    const faults: Fault[] = [];
    if (next() < 0.35) {
      faults.push({
        status: pick([500, 503, 503, 429, 404, 401, 400]),
        times: int(1, 3),
        ...(next() < 0.5 && { pathPrefix: pick(['/v3/voices', '/v3/avatars/looks', '/v3/avatars/ag_']) }),
        ...(next() < 0.2 && { delayMs: int(1, 20) }),
      });
    }
    return { query, headers, faults };
  };
}

describe.each([
  ['cache off', { cacheTtlSeconds: 0 }],
  ['cache on', { cacheTtlSeconds: 60 }],
] as const)('extensions.upstream (%s)', (name, config) => {
  let stack: MeteredStack;
  beforeAll(async () => {
    stack = await startMeteredStack(config);
  });
  afterAll(() => stack?.close());
  afterEach(() => vi.restoreAllMocks());

  it('reports no call when there is no credential to send', async () => {
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ avatarGroups(first: 2) { nodes { name } } voices(first: 2) { nodes { name } } }' }),
    }).then((answer) => answer.json());
    expect(response.errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toContain('UNAUTHENTICATED');
    expect(response.extensions.upstream).toEqual({ calls: 0, deduplicated: 0, cacheHits: 0 });
  });

  it(`agrees with the request log, the log line and /metrics for ${QUERIES} generated queries (seed ${SEED})`, async () => {
    const loads = vi.spyOn(DataLoader.prototype, 'load');
    const generate = generator(stack.simulator, SEED + (name === 'cache on' ? 1 : 0));
    let clean = 0;
    for (let index = 0; index < QUERIES; index++) {
      const { query, headers, faults } = generate();
      const replay = `seed ${SEED}, ${name}, query #${index}: ${query} ${JSON.stringify(headers)} faults ${JSON.stringify(faults)}`;
      stack.simulator.clearRequests();
      stack.reached.length = 0;
      const metricsBefore = await upstreamCallsTotal(stack.url);
      const logsBefore = stack.logs.length;
      const loadsBefore = loads.mock.calls.length;
      faults.forEach((fault) => stack.simulator.failNext(fault));

      const response = await fetch(`${stack.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query }),
      }).then((answer) => answer.json() as Promise<{ data?: unknown; errors?: unknown[]; extensions: { upstream: { calls: number; deduplicated: number; cacheHits: number } } }>);
      const { calls, deduplicated, cacheHits } = response.extensions.upstream;
      await settle(async () => stack.simulator.requests.length >= calls && (await upstreamCallsTotal(stack.url)) - metricsBefore >= calls);

      const logged = stack.logs.slice(logsBefore).map((line) => JSON.parse(line)).filter((line) => line.msg === 'graphql request');
      expect(stack.simulator.requests.length, replay).toBe(calls);
      expect((await upstreamCallsTotal(stack.url)) - metricsBefore, replay).toBe(calls);
      expect(logged.map((line) => line.upstreamCalls), replay).toEqual([calls]);

      const attempts = stack.reached.map((path) => stack.simulator.requests.filter((request) => spelled(request) === path).length);
      expect(stack.simulator.requests.filter((request) => !stack.reached.includes(spelled(request))), replay).toEqual([]);
      const unsent = attempts.filter((count) => count === 0).length;
      const retries = attempts.reduce((sum, count) => sum + Math.max(0, count - 1), 0);
      const made = loads.mock.calls.length - loadsBefore;
      if (response.errors === undefined) {
        clean++;
        expect(calls + deduplicated + cacheHits, replay).toBe(made - unsent + retries);
      } else {
        expect(calls + deduplicated + cacheHits, replay).toBeLessThanOrEqual(made - unsent + retries);
      }
    }
    // The mix must exercise both sides: answers that ran to the end, and failures.
    expect(clean).toBeGreaterThan(QUERIES / 3);
    expect(clean).toBeLessThan(QUERIES);
  }, 30_000);
});

describe('CallOptions hooks', () => {
  let simulator: Simulator;
  let client: HeyGenClient;
  beforeAll(async () => {
    simulator = await startSimulator();
    client = createHeyGenClient(clientOptions({ baseUrl: simulator.url, retry: { baseDelayMs: 1 } }));
  });
  afterAll(async () => {
    await client.close();
    await simulator.close();
  });

  /** CallOptions that write down each hook as it runs. */
  const recording = (deadline?: Deadline) => {
    const told: string[] = [];
    const call: CallOptions = { deadline, onSent: () => told.push('sent'), onAnswered: (status) => told.push(`answered ${status}`) };
    return { told, call };
  };
  const groups = { name: 'groups', get: { operation: 'getAvatarGroup', path: '/v3/avatars' } };
  const credentials = { header: 'x-api-key', value: KEY } as const;

  it('tells of each attempt sent and how it ended, a retry included', async () => {
    simulator.failNext({ status: 503 });
    const { told, call } = recording();
    await client.get(groups, credentials, 'ag_missing', call);
    expect(told).toEqual(['sent', 'answered 503', 'sent', 'answered 404']);
  });

  it("tells of an attempt that got no answer as 'error'", async () => {
    simulator.failNext({ delayMs: 500 });
    const deadline = new Deadline(50);
    const { told, call } = recording(deadline);
    await expect(client.get(groups, credentials, 'ag_slow', call)).rejects.toMatchObject({ code: 'timeout' });
    expect(told).toEqual(['sent', 'answered error']);
  });

  it.each([
    ['without a credential', null, undefined],
    ['once the request is answered', credentials, 'disposed'],
    ['once the deadline has passed', credentials, 'expired'],
  ] as const)('tells of nothing %s: nothing was sent', async (_, given, ended) => {
    const deadline = new Deadline(60_000);
    if (ended === 'disposed') deadline.dispose();
    if (ended === 'expired') deadline.expire();
    const { told, call } = recording(deadline);
    simulator.clearRequests();
    await expect(client.get(groups, given, 'ag_1', call)).rejects.toBeInstanceOf(Error);
    expect(told).toEqual([]);
    expect(simulator.requests).toEqual([]);
  });

  it('drops, unsent, a call that waited for a connection past the end of its request', async () => {
    const oneSocket = createHeyGenClient(clientOptions({ baseUrl: simulator.url, connections: 1 }));
    try {
      simulator.clearRequests();
      simulator.failNext({ delayMs: 100, pathPrefix: '/v3/avatars/ag_first' });
      const first = oneSocket.get(groups, credentials, 'ag_first');
      while (simulator.requests.length < 1) await new Promise((resolve) => setImmediate(resolve));
      const deadline = new Deadline(60_000);
      const { told, call } = recording(deadline);
      const queued = oneSocket.get(groups, credentials, 'ag_queued', call);
      deadline.dispose();
      await expect(queued).rejects.toMatchObject({ code: 'timeout' });
      await first;
      expect(told).toEqual([]);
      expect(simulator.requests.map((request) => request.path)).toEqual(['/v3/avatars/ag_first']);
    } finally {
      await oneSocket.close();
    }
  });
});
