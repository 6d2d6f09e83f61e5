import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../src/config.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { codesOf, startStack, type Stack } from './helpers.js';

const GROUPS = `{ avatarGroups(first: 2) { nodes { name } } }`;

describe('upstream retries', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.simulator.clearRequests());

  it.each([429, 500, 502, 503, 504])('retries a %i and answers', async (status) => {
    stack.simulator.failNext({ status, times: 2 });
    const response = await stack.query(GROUPS);
    expect(response.errors).toBeUndefined();
    expect(response.data.avatarGroups.nodes).toHaveLength(2);
    expect(stack.simulator.requests).toHaveLength(3);
  });

  it.each([400, 401, 403])('does not retry a %i', async (status) => {
    stack.simulator.failNext({ status });
    await stack.query(GROUPS);
    expect(stack.simulator.requests).toHaveLength(1);
  });

  it('gives up at once when Retry-After is beyond the retry budget, passing it on', async () => {
    stack.simulator.failNext({ status: 429, retryAfter: 120 });
    const response = await stack.query(GROUPS);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 120 });
    expect(stack.simulator.requests).toHaveLength(1);
  });

  it('retries a lookup inside a page without failing its neighbours', async () => {
    stack.simulator.failNext({ status: 503, pathPrefix: '/v3/voices/' });
    const response = await stack.query(`{ avatarGroups(first: 5, ownership: PUBLIC) { nodes { defaultVoice { name } } } }`);
    expect(response.errors).toBeUndefined();
  });
});

describe('request deadline', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ config: { requestDeadlineMs: 300 } });
  });
  afterAll(() => stack.close());

  it('answers UPSTREAM_TIMEOUT and aborts the pending call when the request runs out of time', async () => {
    stack.simulator.failNext({ delayMs: 5000 });
    const started = Date.now();
    const response = await stack.query(GROUPS);
    expect(codesOf(response)).toEqual(['UPSTREAM_TIMEOUT']);
    expect(response.errors?.[0]?.message).toMatch(/ran out of time/);
    expect(Date.now() - started).toBeLessThan(4000);
  });
});

describe('circuit breaker', () => {
  // Touchy on purpose: any three calls of which half failed open it, so a wrongly counted call would show.
  const TOUCHY: Partial<Config> = { breakerFailures: 3, breakerMinCalls: 3, breakerFailureRate: 50, breakerWindowMs: 60_000, breakerCoolDownMs: 300 };
  let stack: Stack;
  const start = async (config: Partial<Config> = {}) => (stack = await startStack({ config: { ...TOUCHY, ...config } }));
  afterEach(() => stack.close());

  const ready = async () => (await fetch(`${stack.gateway.url}/ready`)).status;
  /** Each failing request's one call fails on every attempt: the first try and two retries. */
  const ATTEMPTS = 1 + 2;

  it('stays closed when failures are scattered among healthy traffic', async () => {
    await start();
    for (let i = 0; i < 9; i++) {
      if (i % 3 === 0) stack.simulator.failNext({ status: 500, times: ATTEMPTS });
      const response = await stack.query(GROUPS);
      expect(codesOf(response)).toEqual(i % 3 === 0 ? ['UPSTREAM_ERROR'] : []);
    }
    expect(await ready()).toBe(200);
  });

  it('counts a retried call once', async () => {
    await start({ breakerMinCalls: 1, breakerFailures: 2 });
    stack.simulator.failNext({ status: 500, times: ATTEMPTS });
    expect(codesOf(await stack.query(GROUPS))).toEqual(['UPSTREAM_ERROR']);
    expect(stack.simulator.requests).toHaveLength(ATTEMPTS);
    expect(await ready()).toBe(200);

    stack.simulator.failNext({ status: 500, times: ATTEMPTS });
    await stack.query(GROUPS);
    expect(await ready()).toBe(503);
  });

  it("stays closed when a request's own deadline cancels many of its calls", async () => {
    await start({ requestDeadlineMs: 300 });
    const voices = stack.simulator.catalogue.voices.slice(0, 10);
    stack.simulator.failNext({ delayMs: 5000, times: voices.length, pathPrefix: '/v3/voices/' });
    const ids = voices.map((voice) => toGlobalId('Voice', voice.voice_id));
    const response = await stack.query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(codesOf(response)).toEqual(Array(voices.length).fill('UPSTREAM_TIMEOUT'));
    expect(await ready()).toBe(200);
    expect((await stack.query(GROUPS)).errors).toBeUndefined();
  });

  it('fails fast while HeyGen keeps failing, shows it on /ready, then recovers through a probe', async () => {
    await start();
    expect(await ready()).toBe(200);
    stack.simulator.failNext({ status: 500, times: 3 * ATTEMPTS });
    for (let i = 0; i < 3; i++) expect(codesOf(await stack.query(GROUPS))).toEqual(['UPSTREAM_ERROR']);
    stack.simulator.clearRequests();

    const fastFail = await stack.query(GROUPS);
    expect(codesOf(fastFail)).toEqual(['UPSTREAM_ERROR']);
    expect(fastFail.errors?.[0]?.message).toMatch(/calls are paused/);
    expect(stack.simulator.requests).toHaveLength(0);
    expect(await ready()).toBe(503);
    expect((await fetch(`${stack.gateway.url}/health`)).status).toBe(200);

    // The cool-down is 300 ms: poll /ready (bounded) until the breaker lets a probe through.
    for (let tries = 0; tries < 100 && (await ready()) !== 200; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    const probe = await stack.query(GROUPS);
    expect(probe.errors).toBeUndefined();
    expect(await ready()).toBe(200);
  });
});
