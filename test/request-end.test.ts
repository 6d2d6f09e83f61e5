import { afterEach, describe, expect, it } from 'vitest';
import { Deadline } from '../src/heygen/deadline.js';
import { createLimiter } from '../src/loaders.js';
import { codesOf, startStack, type Stack } from './helpers.js';

/*
 * No upstream call starts, or stays queued, once its request is answered or past its deadline. The
 * simulator answers slowly, so the request's calls queue behind its concurrency cap; after the answer,
 * the request log is watched for a few of those latencies.
 */

const LATENCY_MS = 60;
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');
const ids = (count: number) => Array.from({ length: count }, (_, index) => globalId('AvatarGroup', `ag_missing_${index}`));

/** Watches the request log for `ms`, then answers how many requests it holds. */
async function requestsAfter(stack: Stack, ms: number): Promise<number> {
  const until = Date.now() + ms;
  while (Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  return stack.simulator.requests.length;
}

describe('calls of a request that has ended', () => {
  let stack: Stack;
  afterEach(() => stack?.close());

  it('starts none of the queued lookups once a non-null field has failed the whole answer', async () => {
    stack = await startStack({ simulator: { latencyMs: LATENCY_MS }, config: { maxConcurrencyPerRequest: 4 } });
    const response = await stack.query('query($ids: [ID!]!) { avatarGroups(first: 101) { nodes { name } } nodes(ids: $ids) { id } }', { ids: ids(100) });
    expect(response.data).toBeNull();
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    const { calls } = response.extensions?.upstream;
    expect(calls).toBeLessThanOrEqual(4);
    expect(await requestsAfter(stack, 5 * LATENCY_MS)).toBe(calls);
  });

  it('starts none of the queued lookups once the deadline has passed, and cancels those in flight', async () => {
    stack = await startStack({ simulator: { latencyMs: 10 * LATENCY_MS }, config: { maxConcurrencyPerRequest: 4, requestDeadlineMs: 2 * LATENCY_MS } });
    const response = await stack.query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ids(40) });
    expect(new Set(codesOf(response))).toEqual(new Set(['UPSTREAM_TIMEOUT']));
    expect(response.extensions?.upstream.calls).toBe(4);
    expect(await requestsAfter(stack, 3 * LATENCY_MS)).toBe(4);
  });

  it('starts no retry once the request is answered', async () => {
    stack = await startStack({ config: { heygenRetryBaseMs: 5 * LATENCY_MS } });
    // The group list fails at once and waits to retry; meanwhile HeyGen refuses the voice list, a non-null
    // field, which fails the whole answer (`nodes` makes graphql-js run it, which answers right then).
    stack.simulator.failNext({ status: 503, pathPrefix: '/v3/avatars' });
    stack.simulator.failNext({ status: 400, pathPrefix: '/v3/voices', delayMs: LATENCY_MS });
    const response = await stack.query('{ avatarGroups(first: 2) { nodes { name } } voices(first: 1) { nodes { name } } nodes(ids: []) { id } }');
    expect(response.data).toBeNull();
    expect(response.extensions?.upstream.calls).toBe(2);
    expect(await requestsAfter(stack, 10 * LATENCY_MS)).toBe(2);
  });
});

describe('createLimiter', () => {
  const pending = () => new Promise<never>(() => {});

  it.each([
    ['passes', (deadline: Deadline) => deadline.expire(), /ran out of time/],
    ['is disposed (the request was answered)', (deadline: Deadline) => deadline.dispose(), /already answered/],
  ])('drops the waiting tasks, unstarted, when the deadline %s', async (_, end, message) => {
    const deadline = new Deadline(60_000);
    const limit = createLimiter(2, deadline);
    const started: number[] = [];
    const task = (index: number) => () => {
      started.push(index);
      return pending();
    };
    const results = [0, 1, 2, 3].map((index) => limit(task(index)));
    end(deadline);
    await expect(results[2]).rejects.toThrow(message);
    await expect(results[3]).rejects.toThrow(message);
    await expect(limit(task(4))).rejects.toThrow(message);
    expect(started).toEqual([0, 1]);
  });
});
