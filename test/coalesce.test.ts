import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { codesOf, SIMULATOR_KEYS, startStack, type GraphQLResponse, type Stack } from './helpers.js';
import { makeVideo, validInput } from './video-helpers.js';

/*
 * Identical reads in flight share one HeyGen call with the cache off (the gateways here run with
 * CACHE_TTL_SECONDS=0): only reads of one credential, only while the call is in flight, never past a
 * write of that credential, and never a failure that was another request's own. Upstream calls are
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
    stack.simulator.failNext({ status: 503, times: 3, delayMs: 100 }); // the first try and both retries
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

  it('stops sharing a call once an attempt of it failed: a read meanwhile makes its own call, not waiting out the retry', async () => {
    stack = await startStack({ config: { heygenRetryBaseMs: 400, heygenRetryBudgetMs: 5000 } });
    stack.simulator.failNext({ status: 503 });
    const first = stack.query(PAGE);
    await simulatorSaw(stack, 1);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the 503 has arrived: the call waits to retry
    const started = Date.now();
    const second = await stack.query(PAGE);
    expect(Date.now() - started).toBeLessThan(300);
    expect(second.extensions?.upstream).toEqual({ calls: 1, deduplicated: 0, cacheHits: 0 });
    const answered = await first;
    expect(codesOf(answered)).toEqual([]);
    expect(answered.extensions?.upstream.calls).toBe(2);
    expect(second.data).toEqual(answered.data);
  });

  it("never answers a read that follows a key's write with a call from before it", async () => {
    stack = await startStack();
    const path = '/v3/videos';
    // A page of videos in flight when the write lands...
    stack.simulator.failNext({ delayMs: 300, method: 'GET', pathPrefix: path });
    const before = stack.query(VIDEOS);
    await simulatorSaw(stack, 1);
    const made = await makeVideo(stack, validInput(stack));
    expect(codesOf(made)).toEqual([]);
    const videoId = made.data.createVideo.video.videoId;
    // ...is not the answer to the page asked for after it.
    const after = await stack.query(VIDEOS);
    expect(after.extensions?.upstream).toMatchObject({ calls: 1, deduplicated: 0 });
    expect(after.data.videos.nodes.map((node: { videoId: string }) => node.videoId)).toContain(videoId);
    await before;
    const pages = stack.simulator.requests.filter((request) => request.method === 'GET' && request.path === path);
    expect(pages).toHaveLength(2);
  });

  it('still shares reads of a key that another key wrote meanwhile', async () => {
    stack = await startStack();
    stack.simulator.failNext({ delayMs: 300, method: 'GET', pathPrefix: '/v3/videos' });
    const first = stack.query(VIDEOS);
    await simulatorSaw(stack, 1);
    expect(codesOf(await makeVideo(stack, validInput(stack), A))).toEqual([]);
    const second = await stack.query(VIDEOS);
    expect(second.extensions?.upstream).toMatchObject({ calls: 0, deduplicated: 1 });
    expect(second.data).toEqual((await first).data);
  });
});
