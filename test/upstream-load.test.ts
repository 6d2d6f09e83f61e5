import type { GraphQLError } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig } from '../src/config.js';
import { maskError } from '../src/graphql/errors.js';
import { CallRefusedError, createCallGate, isCallRefused } from '../src/heygen/call-gate.js';
import { createHeyGenClient, type HeyGenClient, type HeyGenResource } from '../src/heygen/client.js';
import { Deadline } from '../src/heygen/deadline.js';
import { HeyGenError } from '../src/heygen/errors.js';
import type { HeyGenVoice, ListVoicesQuery } from '../src/heygen/types.js';
import { SIMULATOR_KEYS, startSimulator, type Simulator } from '../src/simulator/server.js';
import { clientOptions } from './helpers.js';

/** The voices endpoints, as the client sees a resource (no GraphQL). */
const VOICES: HeyGenResource<ListVoicesQuery, HeyGenVoice> = {
  name: 'voices',
  list: { operation: 'listVoicesV3', path: '/v3/voices', maxLimit: 100, isPublic: () => true },
  get: { operation: 'getVoice', path: '/v3/voices' },
  idOf: (voice) => voice.voice_id,
};
const CREDENTIALS = { header: 'x-api-key', value: SIMULATOR_KEYS.demo } as const;

/** A call the test finishes by hand. */
function pending() {
  let finish!: (value: string) => void;
  const promise = new Promise<string>((resolve) => (finish = resolve));
  return { promise, finish };
}

/** Settles every promise, in the order they settled. */
async function settleInOrder<T>(promises: Promise<T>[]) {
  const order: { index: number; result: PromiseSettledResult<T> }[] = [];
  await Promise.all(
    promises.map((promise, index) =>
      promise.then(
        (value) => void order.push({ index, result: { status: 'fulfilled', value } }),
        (reason: unknown) => void order.push({ index, result: { status: 'rejected', reason } }),
      ),
    ),
  );
  return order;
}

describe('the call gate', () => {
  it('runs maxInFlight calls, queues maxQueued more and refuses the rest at once', async () => {
    const gate = createCallGate({ maxInFlight: 2, maxQueued: 2 });
    const calls = Array.from({ length: 6 }, () => pending());
    let started = 0;
    const runs = calls.map((call) => gate.run(() => (started++, call.promise)));
    expect([started, gate.inFlight(), gate.queued()]).toEqual([2, 2, 2]);
    await expect(runs[4]).rejects.toBeInstanceOf(CallRefusedError);
    await expect(runs[5]).rejects.toThrow('Too many calls queued for HeyGen in this gateway (2 waiting)');
    calls[0]!.finish('a');
    await expect(runs[0]).resolves.toBe('a');
    expect([started, gate.inFlight(), gate.queued()]).toEqual([3, 2, 1]);
    for (const call of calls) call.finish('done');
    await Promise.all(runs.slice(1, 4));
    expect([started, gate.inFlight(), gate.queued()]).toEqual([4, 0, 0]);
  });

  it('refuses with a coded HeyGenError that is not retried and that GraphQL clients see as UPSTREAM_ERROR', () => {
    const refused = new CallRefusedError(1024);
    expect(refused).toBeInstanceOf(HeyGenError);
    expect(isCallRefused(refused)).toBe(true);
    expect(isCallRefused(new HeyGenError('circuit_open', 'breaker'))).toBe(false);
    expect((maskError(refused, 'Unexpected error.') as GraphQLError).extensions.code).toBe('UPSTREAM_ERROR');
  });

  it('takes a waiting call out of the queue when its deadline passes, and never starts it', async () => {
    const gate = createCallGate({ maxInFlight: 1, maxQueued: 4 });
    const first = pending();
    const deadline = new Deadline(60_000);
    let startedLate = false;
    const running = gate.run(() => first.promise);
    const waiting = gate.run(async () => {
      startedLate = true;
      return 'late';
    }, deadline);
    deadline.expire();
    await expect(waiting).rejects.toMatchObject({ code: 'timeout' });
    expect(gate.queued()).toBe(0);
    first.finish('first');
    await running;
    expect([startedLate, gate.inFlight()]).toEqual([false, 0]);
  });

  it('drops a waiting call whose request was answered meanwhile', async () => {
    const gate = createCallGate({ maxInFlight: 1, maxQueued: 4 });
    const first = pending();
    const deadline = new Deadline(60_000);
    const running = gate.run(() => first.promise);
    const waiting = gate.run(async () => 'late', deadline);
    deadline.dispose();
    await expect(waiting).rejects.toThrow('already answered');
    first.finish('first');
    await expect(running).resolves.toBe('first');
  });

  it('frees the slot of a call that throws before it returns a promise', async () => {
    const gate = createCallGate({ maxInFlight: 1, maxQueued: 0 });
    await expect(gate.run(() => { throw new Error('bad'); })).rejects.toThrow('bad');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });

  it.each([
    [0, 0],
    [1, -1],
    [1.5, 2],
  ])('rejects maxInFlight %s with maxQueued %s', (maxInFlight, maxQueued) => {
    expect(() => createCallGate({ maxInFlight, maxQueued })).toThrow(RangeError);
  });
});

describe('the bound on calls to HeyGen', () => {
  let simulator: Simulator;
  let client: HeyGenClient;
  beforeAll(async () => {
    simulator = await startSimulator({ latencyMs: 50 });
  });
  afterEach(() => client?.close());
  afterAll(() => simulator.close());

  it('fails the calls beyond in-flight plus queued at once, without calling HeyGen or opening the breaker', async () => {
    client = createHeyGenClient(clientOptions({ baseUrl: simulator.url, connections: 2, maxQueuedCalls: 3, breaker: { minCalls: 1, minFailures: 1 } }));
    simulator.clearRequests();
    const ids = simulator.catalogue.voices.slice(0, 8).map((voice) => voice.voice_id);
    const order = await settleInOrder(ids.map((id) => client.get(VOICES, CREDENTIALS, id)));
    const refused = order.filter(({ result }) => result.status === 'rejected');
    expect(order.filter(({ result }) => result.status === 'fulfilled').map(({ index }) => index).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(refused.map(({ index }) => index).sort()).toEqual([5, 6, 7]);
    for (const { result } of refused) expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'circuit_open', message: expect.stringMatching(/too many calls queued/i) });
    // Refused without waiting: each refusal settled before the first answer.
    expect(order.slice(0, 3).map(({ index }) => index).sort()).toEqual([5, 6, 7]);
    expect(simulator.requests).toHaveLength(5);
    expect(client.breakerState()).toBe('closed');
  });

  it('queues up to 1024 calls by default (a burst of 500 over 32 connections all lands)', async () => {
    client = createHeyGenClient(clientOptions({ baseUrl: simulator.url, connections: 32 }));
    const results = await Promise.allSettled(Array.from({ length: 500 }, (_, index) => client.list(VOICES, CREDENTIALS, { limit: 1 + (index % 20) })));
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
  });
});

describe('HTTP/2 to HeyGen', () => {
  let simulator: Simulator;
  let client: HeyGenClient;
  afterEach(async () => {
    await client?.close();
    await simulator?.close();
  });

  it('carries many calls over a few HTTP/2 connections when the origin offers HTTP/2', async () => {
    simulator = await startSimulator({ tls: true, latencyMs: 20, recordRequests: false });
    client = createHeyGenClient(clientOptions({ baseUrl: simulator.url, ca: simulator.ca, http2: true }));
    const pages = await Promise.all(Array.from({ length: 250 }, (_, index) => client.list(VOICES, CREDENTIALS, { limit: 1 + (index % 50) })));
    expect(pages.every((page, index) => page.data.length === 1 + (index % 50))).toBe(true);
    expect(simulator.httpVersions()).toEqual({ '2.0': 250 });
    // 256 calls in flight at most, 100 streams a connection.
    expect(simulator.connections()).toBeLessThanOrEqual(3);
  });

  it('falls back to HTTP/1.1 on as many connections as calls when the origin offers only that', async () => {
    simulator = await startSimulator({ tls: true, http2: false, latencyMs: 20, recordRequests: false });
    client = createHeyGenClient(clientOptions({ baseUrl: simulator.url, ca: simulator.ca, http2: true }));
    await client.list(VOICES, CREDENTIALS, { limit: 1 });
    const pages = await Promise.all(Array.from({ length: 100 }, () => client.list(VOICES, CREDENTIALS, { limit: 2 })));
    expect(pages.every((page) => page.data.length === 2)).toBe(true);
    expect(simulator.httpVersions()).toEqual({ '1.1': 101 });
    expect(simulator.connections()).toBeGreaterThan(3);
  });

  it('speaks HTTP/1.1 unless HTTP/2 is asked for', async () => {
    simulator = await startSimulator({ tls: true, recordRequests: false });
    client = createHeyGenClient(clientOptions({ baseUrl: simulator.url, ca: simulator.ca }));
    await Promise.all(Array.from({ length: 4 }, () => client.list(VOICES, CREDENTIALS, { limit: 1 })));
    expect(simulator.httpVersions()).toEqual({ '1.1': 4 });
  });

  it('verifies the certificate: without the simulator CA a call fails as a connection error', async () => {
    simulator = await startSimulator({ tls: true });
    client = createHeyGenClient(clientOptions({ baseUrl: simulator.url, retry: { retries: 0 } }));
    await expect(client.list(VOICES, CREDENTIALS, { limit: 1 })).rejects.toMatchObject({ code: 'connection' });
    expect(simulator.httpVersions()).toEqual({});
  });
});

describe('upstream load settings', () => {
  it('defaults to 256 calls in flight, 1024 queued, HTTP/1.1 and the system CAs', () => {
    expect(loadConfig({})).toMatchObject({ heygenMaxConnections: 256, heygenMaxQueuedCalls: 1024, heygenHttp2: false, heygenCa: null });
    expect(DEFAULT_CONFIG.heygenMaxConnections).toBe(256);
  });

  it('reads HEYGEN_MAX_QUEUED_CALLS, HEYGEN_HTTP2 and the certificates in HEYGEN_CA_FILE', async () => {
    const simulator = await startSimulator({ tls: true });
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const folder = mkdtempSync(join(tmpdir(), 'heygen-ca-'));
    try {
      writeFileSync(join(folder, 'ca.pem'), simulator.ca!);
      const config = loadConfig({ HEYGEN_MAX_QUEUED_CALLS: '0', HEYGEN_HTTP2: 'true', HEYGEN_CA_FILE: join(folder, 'ca.pem') });
      expect(config).toMatchObject({ heygenMaxQueuedCalls: 0, heygenHttp2: true, heygenCa: simulator.ca });
    } finally {
      rmSync(folder, { recursive: true, force: true });
      await simulator.close();
    }
  });

  it.each([
    [{ HEYGEN_MAX_QUEUED_CALLS: '-1' }, /HEYGEN_MAX_QUEUED_CALLS must be a whole number/],
    [{ HEYGEN_HTTP2: 'maybe' }, /HEYGEN_HTTP2 must be one of/],
    [{ HEYGEN_CA_FILE: '/nonexistent/ca.pem' }, /HEYGEN_CA_FILE could not be read/],
    [{ HEYGEN_CA_FILE: '/etc/hostname' }, /HEYGEN_CA_FILE must hold PEM certificates/],
  ])('rejects %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
