import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';
import { CREATE_VIDEO, subscribe, validInput, type EventStream } from './video-helpers.js';

/*
 * `subscription { videoStatus }` over Server-Sent Events, against the simulator on a clock the tests
 * move: a created video waits 5 s, renders for 20 s and completes. Polls are counted in the simulator's
 * request log; the gateway's loops in its hub's stats.
 */

const KEY = SIMULATOR_KEYS.demo;
const START = Date.UTC(2026, 0, 1);
let now = START;
const FOLLOW = (videoId: string) => `subscription { videoStatus(videoId: "${videoId}") { videoId status videoUrl } }`;

/** Starts a gateway polling every `intervalMs`, on the test clock. */
const startPolling = (intervalMs: number, config: Record<string, unknown> = {}) =>
  startStack({ config: { videoPollIntervalMs: intervalMs, ...config }, simulator: { clock: () => now } });

async function makeVideo(stack: Stack): Promise<string> {
  const response = await stack.query(CREATE_VIDEO, { input: validInput(stack) });
  expect(response.errors).toBeUndefined();
  return response.data.createVideo.video.videoId;
}

const pollsOf = (stack: Stack, videoId: string) => stack.simulator.requests.filter((request) => request.method === 'GET' && request.path === `/v3/videos/${videoId}`).length;
const hubOf = (stack: Stack) => stack.gateway.gateway.videos.status;
const follow = (stack: Stack, videoId: string, key: string = KEY) => subscribe(stack.gateway.url, FOLLOW(videoId), { 'x-api-key': key });

describe('videoStatus with a slow poll', () => {
  let stack: Stack;
  beforeAll(async () => {
    // One poll when a loop starts, and none again within any test.
    stack = await startPolling(600_000);
  });
  afterAll(() => stack.close());

  it('serves several subscribers of one video from one poll loop', async () => {
    const videoId = await makeVideo(stack);
    stack.simulator.clearRequests();
    const streams = [await follow(stack, videoId), await follow(stack, videoId), await follow(stack, videoId)];
    const firsts = await Promise.all(streams.map((stream) => stream.next()));
    expect(firsts).toEqual(streams.map(() => ({ data: { videoStatus: { videoId, status: 'PENDING', videoUrl: null } } })));
    expect(hubOf(stack).stats()).toEqual({ subscriptions: 3, loops: 1 });
    expect(pollsOf(stack, videoId)).toBe(1);
    streams.forEach((stream) => stream.cancel());
    await Promise.all(streams.map((stream) => stream.ended));
    await expect.poll(() => hubOf(stack).stats()).toEqual({ subscriptions: 0, loops: 0 });
  });

  it('keeps the loops of two credentials apart', async () => {
    const video = stack.simulator.videos.videosOf(SIMULATOR_KEYS.tenantA)[5]!;
    const mine = await follow(stack, video.id, SIMULATOR_KEYS.tenantA);
    const theirs = await follow(stack, video.id, SIMULATOR_KEYS.tenantB);
    expect((await mine.next()).data.videoStatus.videoId).toBe(video.id);
    const refused = await theirs.next();
    expect(refused.data).toBeNull();
    expect(refused.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.errors[0].message).toContain('is not a video HeyGen has for this credential');
    expect(await theirs.ended).toBe(true);
    mine.cancel();
  });

  it('ends every stream cleanly when the gateway closes its subscriptions (SIGTERM)', async () => {
    const videoId = await makeVideo(stack);
    const streams = [await follow(stack, videoId), await follow(stack, videoId)];
    await Promise.all(streams.map((stream) => stream.next()));
    hubOf(stack).close();
    expect(await Promise.all(streams.map((stream) => stream.ended))).toEqual([true, true]);
    expect(hubOf(stack).stats()).toEqual({ subscriptions: 0, loops: 0 });
    const late = await follow(stack, videoId);
    expect((await late.next()).errors[0].message).toContain('The gateway is shutting down');
  });
});

describe('videoStatus following a render', () => {
  let stack: Stack;
  let open: EventStream[] = [];
  beforeAll(async () => {
    stack = await startPolling(20, { maxSubscriptions: 2 });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    now = START;
  });
  afterEach(async () => {
    open.forEach((stream) => stream.cancel());
    await Promise.all(open.map((stream) => stream.ended));
    open = [];
    await expect.poll(() => hubOf(stack).stats().loops).toBe(0);
  });

  const opened = async (videoId: string, key: string = KEY) => {
    const stream = await follow(stack, videoId, key);
    open.push(stream);
    return stream;
  };

  it('sends each change once, then the completed video, then completes', async () => {
    const videoId = await makeVideo(stack);
    const stream = await opened(videoId);
    expect((await stream.next()).data.videoStatus).toEqual({ videoId, status: 'PENDING', videoUrl: null });
    now = START + 10_000;
    expect((await stream.next()).data.videoStatus).toEqual({ videoId, status: 'PROCESSING', videoUrl: null });
    now = START + 60_000;
    const done = (await stream.next()).data.videoStatus;
    expect(done).toEqual({ videoId, status: 'COMPLETED', videoUrl: expect.stringContaining(`${videoId}.mp4`) });
    expect(await stream.ended).toBe(true);
    await expect.poll(() => hubOf(stack).stats()).toEqual({ subscriptions: 0, loops: 0 });
  });

  it('sends a video that is already FAILED once, and completes', async () => {
    const failed = stack.simulator.videos.videosOf(KEY).find((video) => video.status === 'failed')!;
    const stream = await opened(failed.id);
    expect((await stream.next()).data.videoStatus).toEqual({ videoId: failed.id, status: 'FAILED', videoUrl: null });
    expect(await stream.ended).toBe(true);
  });

  it('streams to a subscription whose request body came chunked, and stops when the client goes away', async () => {
    const videoId = await makeVideo(stack);
    const stream = await subscribe(stack.gateway.url, FOLLOW(videoId), { 'x-api-key': KEY }, { chunked: true });
    open.push(stream);
    // Each event arrives while the video renders, not all at the end: the answer is streamed, not buffered.
    expect((await stream.next()).data.videoStatus).toEqual({ videoId, status: 'PENDING', videoUrl: null });
    now = START + 10_000;
    expect((await stream.next()).data.videoStatus).toEqual({ videoId, status: 'PROCESSING', videoUrl: null });
    expect(hubOf(stack).stats()).toEqual({ subscriptions: 1, loops: 1 });
    stream.cancel();
    await expect.poll(() => hubOf(stack).stats()).toEqual({ subscriptions: 0, loops: 0 });
  });

  it('stops polling when the client goes away', async () => {
    const videoId = await makeVideo(stack);
    const stream = await opened(videoId);
    await stream.next();
    expect(hubOf(stack).stats()).toEqual({ subscriptions: 1, loops: 1 });
    stream.cancel();
    await expect.poll(() => hubOf(stack).stats()).toEqual({ subscriptions: 0, loops: 0 });
    const polls = pollsOf(stack, videoId);
    // More polls would come every 20 ms: wait for another loop's first poll instead, then count again.
    const other = await opened(await makeVideo(stack));
    await other.next();
    expect(pollsOf(stack, videoId)).toBe(polls);
  });

  it('ends the stream with an error for a video HeyGen does not know', async () => {
    const stream = await opened('v_nobody_has_this');
    const answer = await stream.next();
    expect(answer).toEqual({ data: null, errors: [expect.objectContaining({ message: 'videoId "v_nobody_has_this" is not a video HeyGen has for this credential', path: ['videoStatus'] })] });
    expect(await stream.ended).toBe(true);
  });

  it('refuses a subscription beyond MAX_SUBSCRIPTIONS for one credential, not for another', async () => {
    const videoId = await makeVideo(stack);
    await (await opened(videoId)).next();
    await (await opened(videoId)).next();
    const third = await opened(videoId);
    const refused = await third.next();
    expect(refused.errors[0]).toMatchObject({ message: 'this credential already follows 2 videos here; the limit is 2 (end one first)', extensions: { code: 'RATE_LIMITED' } });
    const video = stack.simulator.videos.videosOf(SIMULATOR_KEYS.tenantA)[0]!;
    expect((await (await opened(video.id, SIMULATOR_KEYS.tenantA)).next()).data.videoStatus.videoId).toBe(video.id);
  });

  it('answers UNAUTHENTICATED without a credential, with no call', async () => {
    stack.simulator.clearRequests();
    const stream = await subscribe(stack.gateway.url, FOLLOW('v_1'), {});
    expect((await stream.next()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(stack.simulator.requests).toEqual([]);
  });

  it('backs off on a 429 and goes on following', async () => {
    const videoId = await makeVideo(stack);
    const stream = await opened(videoId);
    await stream.next();
    stack.simulator.failNext({ pathPrefix: `/v3/videos/${videoId}`, status: 429, times: 3 });
    now = START + 10_000;
    expect((await stream.next()).data.videoStatus.status).toBe('PROCESSING');
  });
});
