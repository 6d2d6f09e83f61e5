import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore } from '../src/cache/idempotency-store.js';
import { createHeyGenClient, type WriteRoute } from '../src/heygen/client.js';
import { startSimulator } from '../src/simulator/server.js';
import { clientOptions, codesOf, SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';
// A free port is one nothing listens on: connecting to it is refused.
import { freePort } from './redis-server.js';
import { expectOneVideo, makeVideo, postsIn, validInput } from './video-helpers.js';

/*
 * createVideo never charges twice: with an idempotencyKey, repeats, concurrent duplicates and calls
 * whose outcome is unknown make at most one POST, counted in the simulator's request log. Replicas on
 * one Redis: test/idempotency-redis.test.ts.
 */

const KEY = SIMULATOR_KEYS.demo;
let stack: Stack;
let keys = 0;
/** A key no earlier test used. */
const freshKey = () => `order-${++keys}-${Date.now()}`;

beforeAll(async () => {
  // Calls give up after 300 ms, so a POST the simulator accepts and never answers times out quickly.
  stack = await startStack({ config: { heygenTimeoutMs: 300 } });
});
afterAll(() => stack.close());
beforeEach(() => stack.simulator.clearRequests());

const posts = () => postsIn(stack.simulator.requests);
const make = (input: Record<string, unknown>, key?: string) => makeVideo(stack, input, key);

describe('createVideo with an idempotencyKey', () => {
  it('answers repeats with the first call’s video and makes one POST', async () => {
    const input = validInput(stack, { idempotencyKey: freshKey() });
    const answers = [await make(input), await make(input), await make(input)];
    expect(answers.map((answer) => answer.errors)).toEqual([undefined, undefined, undefined]);
    expect(answers.map((answer) => answer.data.createVideo.replayed)).toEqual([false, true, true]);
    expect(new Set(answers.map((answer) => answer.data.createVideo.video.videoId)).size).toBe(1);
    expect(posts()).toHaveLength(1);
  });

  it('makes one POST for 20 concurrent duplicates, and answers each with its video', async () => {
    const input = validInput(stack, { idempotencyKey: freshKey() });
    const answers = await Promise.all(Array.from({ length: 20 }, () => make(input)));
    expectOneVideo(answers);
    expect(posts()).toHaveLength(1);
  });

  it('refuses the same key with another input, making no second POST', async () => {
    const key = freshKey();
    expect((await make(validInput(stack, { idempotencyKey: key }))).errors).toBeUndefined();
    const other = await make(validInput(stack, { idempotencyKey: key, script: 'Something else.' }));
    expect(codesOf(other)).toEqual(['BAD_USER_INPUT']);
    expect(other.errors?.[0]?.message).toContain('idempotencyKey was used with another input');
    expect(posts()).toHaveLength(1);
  });

  it('refuses concurrent calls of one key with other inputs, making one POST', async () => {
    const key = freshKey();
    const answers = await Promise.all([make(validInput(stack, { idempotencyKey: key })), make(validInput(stack, { idempotencyKey: key, title: 'Other' }))]);
    expect(answers.flatMap((answer) => codesOf(answer)).sort()).toEqual(['BAD_USER_INPUT']);
    expect(posts()).toHaveLength(1);
  });

  it('keeps keys per credential: the same key from two keys makes two videos', async () => {
    const input = validInput(stack, { idempotencyKey: freshKey() });
    const [mine, theirs] = await Promise.all([make(input), make(input, SIMULATOR_KEYS.tenantA)]);
    expect(mine.data.createVideo.video.videoId).not.toBe(theirs.data.createVideo.video.videoId);
    expect(posts().map((post) => post.credential).sort()).toEqual([KEY, SIMULATOR_KEYS.tenantA].sort());
  });

  it('frees a key whose call HeyGen refused (429): a repeat makes the video', async () => {
    const input = validInput(stack, { idempotencyKey: freshKey() });
    stack.simulator.failNext({ method: 'POST', status: 429, retryAfter: 2 });
    expect(codesOf(await make(input))).toEqual(['RATE_LIMITED']);
    const repeat = await make(input);
    expect(repeat.errors).toBeUndefined();
    expect(repeat.data.createVideo.replayed).toBe(false);
    expect(posts()).toHaveLength(2);
  });

  it('records a key in doubt when HeyGen accepts and never answers, and never POSTs for it again', async () => {
    const input = validInput(stack, { idempotencyKey: freshKey() });
    const before = stack.simulator.videos.videosOf(KEY).length;
    stack.simulator.failNext({ method: 'POST', acceptThenHang: true });
    const first = await make(input);
    expect(codesOf(first)).toEqual(['UPSTREAM_TIMEOUT']);
    expect(first.errors?.[0]?.extensions?.outcome).toBe('UNKNOWN');
    // HeyGen did make it: exactly why the gateway must not guess.
    expect(stack.simulator.videos.videosOf(KEY)).toHaveLength(before + 1);
    const repeats = await Promise.all([make(input), make(input)]);
    expect(repeats.flatMap((answer) => codesOf(answer))).toEqual(['IDEMPOTENCY_IN_DOUBT', 'IDEMPOTENCY_IN_DOUBT']);
    expect(repeats[0]!.errors?.[0]?.message).toContain('look for it in `videos` before making it again with a new idempotencyKey');
    expect(posts()).toHaveLength(1);
  });

  it('answers concurrent duplicates of a call in doubt with IDEMPOTENCY_IN_DOUBT, after one POST', async () => {
    const input = validInput(stack, { idempotencyKey: freshKey() });
    stack.simulator.failNext({ method: 'POST', acceptThenHang: true });
    const answers = await Promise.all(Array.from({ length: 5 }, () => make(input)));
    expect(answers.flatMap((answer) => codesOf(answer)).sort()).toEqual(['IDEMPOTENCY_IN_DOUBT', 'IDEMPOTENCY_IN_DOUBT', 'IDEMPOTENCY_IN_DOUBT', 'IDEMPOTENCY_IN_DOUBT', 'UPSTREAM_TIMEOUT']);
    expect(posts()).toHaveLength(1);
  });

  it('never retries a POST whose connection broke after sending, and holds its key in doubt', async () => {
    const input = validInput(stack, { idempotencyKey: freshKey() });
    stack.simulator.failNext({ method: 'POST', reset: true });
    const first = await make(input);
    expect(codesOf(first)).toEqual(['UPSTREAM_ERROR']);
    expect(first.errors?.[0]?.extensions?.outcome).toBe('UNKNOWN');
    expect(codesOf(await make(input))).toEqual(['IDEMPOTENCY_IN_DOUBT']);
    expect(posts()).toHaveLength(1);
  });

  it('refuses a key in doubt even with another input: the key never calls again', async () => {
    const key = freshKey();
    stack.simulator.failNext({ method: 'POST', acceptThenHang: true });
    await make(validInput(stack, { idempotencyKey: key }));
    expect(codesOf(await make(validInput(stack, { idempotencyKey: key, title: 'Changed' })))).toEqual(['BAD_USER_INPUT']);
    expect(posts()).toHaveLength(1);
  });
});

describe('idempotency keys without their store', () => {
  let cut: Stack;
  beforeAll(async () => {
    // REDIS_URL names a port nothing listens on: every record command fails.
    cut = await startStack({ config: { redisUrl: `redis://127.0.0.1:${await freePort()}` } });
  });
  afterAll(async () => {
    await cut.close();
    await cut.gateway.gateway.videos.close();
  });

  it('refuses a call with a key it cannot check, making no POST, and serves calls without one', async () => {
    const refused = await makeVideo(cut, validInput(cut, { idempotencyKey: freshKey() }));
    expect(codesOf(refused)).toEqual(['IDEMPOTENCY_UNAVAILABLE']);
    expect(refused.errors?.[0]?.message).toContain('no call was made: try again shortly with the same idempotencyKey');
    expect(postsIn(cut.simulator.requests)).toEqual([]);
    expect((await makeVideo(cut, validInput(cut))).errors).toBeUndefined();
    expect(postsIn(cut.simulator.requests)).toHaveLength(1);
  });
});

describe('idempotency records in memory', () => {
  it('stay within their bytes, dropping the least recently used key first', async () => {
    const store = createMemoryIdempotencyStore({ maxBytes: 65_536 });
    for (let i = 0; i < 2000; i++) await store.claim(`key-${i}`, { state: 'done', input: 'x'.repeat(32), result: { video_id: `v_${i}`, status: 'waiting' } }, 60_000);
    expect(store.bytes).toBeLessThanOrEqual(65_536);
    expect(await store.get('key-1999')).toMatchObject({ state: 'done' });
    expect(await store.get('key-0')).toBeUndefined();
  });
});

describe('write retries', () => {
  const CREATE: WriteRoute = { operation: 'createVideo', method: 'POST', path: '/v3/videos' };

  it('tries a POST again when HeyGen refused the connection, since nothing was sent', async () => {
    const port = await freePort();
    let simulator: Awaited<ReturnType<typeof startSimulator>> | undefined;
    const starting: Promise<unknown>[] = [];
    const client = createHeyGenClient(
      clientOptions({
        baseUrl: `http://127.0.0.1:${port}`,
        retry: { retries: 2, baseDelayMs: 200 },
        // The first try is refused; HeyGen comes up before the retry.
        onRetry: () => void starting.push(startSimulator({ port }).then((started) => (simulator = started))),
      }),
    );
    try {
      const body = { type: 'avatar', avatar_id: 'lk_nobody', script: 'Hi', voice_id: 'x' };
      const answer = client.write(CREATE, { header: 'x-api-key', value: KEY }, { body });
      await expect(answer).rejects.toMatchObject({ code: 'bad_request', status: 400, outcomeUnknown: false, upstreamParam: 'avatar_id' });
      await Promise.all(starting);
      expect(postsIn(simulator!.requests)).toHaveLength(1);
    } finally {
      await client.close();
      await simulator?.close();
    }
  });

  it('fails a POST at once when HeyGen refuses every connection, with its outcome known', async () => {
    const client = createHeyGenClient(clientOptions({ baseUrl: `http://127.0.0.1:${await freePort()}`, retry: { retries: 2, baseDelayMs: 1 } }));
    try {
      await expect(client.write(CREATE, { header: 'x-api-key', value: KEY }, { body: {} })).rejects.toMatchObject({ code: 'connection', outcomeUnknown: false });
    } finally {
      await client.close();
    }
  });
});
