import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { codesOf, SIMULATOR_KEYS, startStack, type GraphQLResponse, type Stack } from './helpers.js';
import { CREATE_VIDEO, makeVideo, postsIn, validInput } from './video-helpers.js';

/*
 * createVideo and deleteVideo over real HTTP against the simulator, which checks POST bodies as HeyGen
 * does and spends each accepted video's price. Upstream calls are counted from its request log.
 */

const KEY = SIMULATOR_KEYS.demo;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.simulator.clearRequests());

const posts = () => postsIn(stack.simulator.requests);
const make = (input: Record<string, unknown>, key?: string) => makeVideo(stack, input, key);

describe('createVideo', () => {
  it('makes a video with one POST of HeyGen’s body, and answers it with the look and voice it was made with', async () => {
    const input = validInput(stack, { title: 'Launch', resolution: 'RESOLUTION_1080P', aspectRatio: 'PORTRAIT_9_16', voiceSettings: { speed: 1.1, locale: 'en-US' } });
    const before = stack.simulator.videos.accountOf(KEY).wallet!.remaining_balance!;
    const response = await make(input);
    expect(response.errors).toBeUndefined();
    const made = stack.simulator.videos.videosOf(KEY)[0]!;
    expect(response.data.createVideo).toEqual({
      replayed: false,
      video: { videoId: made.id, status: 'PENDING', title: 'Launch' },
      look: { lookId: input.lookId },
      voice: { voiceId: input.voiceId },
    });
    expect(posts()).toEqual([
      expect.objectContaining({
        path: '/v3/videos',
        body: {
          type: 'avatar',
          avatar_id: input.lookId,
          script: input.script,
          voice_id: input.voiceId,
          title: 'Launch',
          resolution: '1080p',
          aspect_ratio: '9:16',
          voice_settings: { speed: 1.1, locale: 'en-US' },
        },
      }),
    ]);
    expect(stack.simulator.videos.accountOf(KEY).wallet!.remaining_balance).toBe(before - 1.5);
    // The POST, then the video, the look and the voice, each looked up once.
    expect(response.extensions?.upstream).toEqual({ calls: 4, deduplicated: 0, cacheHits: 0 });
  });

  it('makes a video from audio, with no voice', async () => {
    const response = await make({ lookId: validInput(stack).lookId, audioUrl: 'https://files.example.com/speech.mp3' });
    expect(response.errors).toBeUndefined();
    expect(response.data.createVideo.voice).toBeNull();
    expect(posts()[0]?.body).toEqual({ type: 'avatar', avatar_id: validInput(stack).lookId, audio_url: 'https://files.example.com/speech.mp3' });
  });

  const long = (length: number) => 'x'.repeat(length);
  it.each<[string, Record<string, unknown>, string]>([
    ['no speech at all', { script: undefined }, 'input needs exactly one of script, audioUrl and audioAssetId, got none'],
    ['a script and audio', { audioUrl: 'https://a.example/x.mp3' }, 'got script and audioUrl'],
    ['audio and an asset', { script: undefined, voiceId: undefined, audioUrl: 'https://a.example/x.mp3', audioAssetId: 'as_1' }, 'got audioUrl and audioAssetId'],
    ['a script without a voice', { voiceId: undefined }, 'input.voiceId is required with input.script'],
    ['a voice with audio', { script: undefined, audioAssetId: 'as_1' }, 'input.voiceId goes only with input.script'],
    ['an empty script', { script: '' }, 'input.script must be 1..5000 characters, got 0'],
    ['a script of 5001 characters', { script: long(5001) }, 'input.script must be 1..5000 characters, got 5001'],
    ['a title of 256 characters', { title: long(256) }, 'input.title must be 1..255 characters, got 256'],
    ['a lookId of 257 characters', { lookId: long(257) }, 'input.lookId must be 1..256 characters, got 257'],
    ['a lookId with a newline', { lookId: 'lk\n1' }, 'input.lookId must hold no control characters'],
    ['an http audioUrl', { script: undefined, voiceId: undefined, audioUrl: 'http://a.example/x.mp3' }, 'input.audioUrl must be an absolute https URL, got "http://a.example/x.mp3"'],
    ['a relative audioUrl', { script: undefined, voiceId: undefined, audioUrl: '/x.mp3' }, 'input.audioUrl must be an absolute https URL'],
    ['an http callbackUrl', { callbackUrl: 'http://hooks.example/done' }, 'input.callbackUrl must be an absolute https URL'],
    ['a callbackUrl of 2049 characters', { callbackUrl: `https://a.example/${long(2031)}` }, 'input.callbackUrl must be 1..2048 characters, got 2049'],
    ['a speed of 2', { voiceSettings: { speed: 2 } }, 'input.voiceSettings.speed must be 0.5..1.5, got 2'],
    ['a pitch of -51', { voiceSettings: { pitch: -51 } }, 'input.voiceSettings.pitch must be -50..50, got -51'],
    ['a colour background without a colour', { background: { type: 'COLOR' } }, 'input.background.value must be a hex colour'],
    ['an image background with both sources', { background: { type: 'IMAGE', url: 'https://a.example/b.png', assetId: 'as_2' } }, 'input.background needs exactly one of url and assetId'],
    ['an image background over http', { background: { type: 'IMAGE', url: 'http://a.example/b.png' } }, 'input.background.url must be an absolute https URL'],
    ['a motionPrompt of 1001 characters', { motionPrompt: long(1001) }, 'input.motionPrompt must be 1..1000 characters, got 1001'],
    ['an idempotencyKey of 129 characters', { idempotencyKey: long(129) }, 'input.idempotencyKey must be 1..128 printable ASCII characters, got 129 characters'],
    ['an empty idempotencyKey', { idempotencyKey: '' }, 'input.idempotencyKey must be 1..128 printable ASCII characters, got ""'],
    ['an idempotencyKey with a tab', { idempotencyKey: 'a\tb' }, 'input.idempotencyKey must be 1..128 printable ASCII characters'],
  ])('refuses %s with BAD_USER_INPUT naming the field, before any call', async (_, change, message) => {
    const response = await make(validInput(stack, change));
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toContain(message);
    expect(response.data).toBeNull();
    expect(stack.simulator.requests).toEqual([]);
  });

  it("passes HeyGen's 400 on with its message, scrubbed, and its param", async () => {
    const response = await make(validInput(stack, { lookId: 'lk_nobody_has_this' }));
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe("HeyGen rejected the request as invalid (400): Avatar look 'lk_nobody_has_this' not found.");
    expect(response.errors?.[0]?.extensions).toMatchObject({ upstreamStatus: 400, upstreamCode: 'invalid_parameter', param: 'avatar_id' });
    expect(posts()).toHaveLength(1);
  });

  it('never echoes the key in what HeyGen said', async () => {
    stack.simulator.failNext({ method: 'POST', status: 400, body: JSON.stringify({ error: { code: 'invalid_parameter', message: `bad key ${KEY}`, param: 'voice_id' } }) });
    const response = await make(validInput(stack));
    expect(response.errors?.[0]?.message).toBe('HeyGen rejected the request as invalid (400): bad key [redacted]');
    expect(response.text).not.toContain(KEY);
  });

  it('answers a 429 as RATE_LIMITED with retryAfter, sending no second POST', async () => {
    stack.simulator.failNext({ method: 'POST', status: 429, retryAfter: 1 });
    const response = await make(validInput(stack));
    expect(codesOf(response)).toEqual(['RATE_LIMITED']);
    expect(response.errors?.[0]?.extensions?.retryAfter).toBe(1);
    expect(posts()).toHaveLength(1);
  });

  it.each([500, 503])('never retries a POST HeyGen answered %i, and says its outcome is unknown', async (status) => {
    stack.simulator.failNext({ method: 'POST', status, times: 3 });
    const response = await make(validInput(stack));
    expect(codesOf(response)).toEqual(['UPSTREAM_ERROR']);
    expect(response.errors?.[0]?.extensions?.outcome).toBe('UNKNOWN');
    expect(response.errors?.[0]?.message).toContain('HeyGen may have carried it out');
    expect(posts()).toHaveLength(1);
  });

  it('answers UNAUTHENTICATED with no credential, before any call', async () => {
    const response = await stack.query(CREATE_VIDEO, { input: validInput(stack) }, {});
    expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
    expect(stack.simulator.requests).toEqual([]);
  });
});

describe('mutation limits', () => {
  it('refuses a mutation over GET, with no call', async () => {
    const url = new URL(`${stack.gateway.url}/graphql`);
    url.searchParams.set('query', 'mutation { deleteVideo(videoId: "v_1") { deleted } }');
    const response = await fetch(url, { headers: { 'x-api-key': KEY, accept: 'application/json' } });
    expect(response.status).toBe(405);
    expect(stack.simulator.requests).toEqual([]);
  });

  it.each([
    ['two aliases', 'mutation { a: deleteVideo(videoId: "v_1") { deleted } b: deleteVideo(videoId: "v_2") { deleted } }', 2],
    ['fifteen aliases', `mutation { ${Array.from({ length: 15 }, (_, index) => `v${index}: deleteVideo(videoId: "v_${index}") { deleted }`).join(' ')} }`, 15],
    ['fields spread from fragments', 'mutation { ...A ...B } fragment A on Mutation { a: deleteVideo(videoId: "v_1") { deleted } } fragment B on Mutation { b: deleteVideo(videoId: "v_2") { deleted } }', 2],
  ])('refuses %s with QUERY_TOO_COMPLEX (MAX_MUTATIONS 1), with no call', async (_, query, count) => {
    const response = await stack.query(query);
    expect(codesOf(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.errors?.[0]?.message).toBe(`mutation has ${count} mutation fields; the limit is 1 (send one mutation per request)`);
    expect(stack.simulator.requests).toEqual([]);
  });

  it('counts one field repeated under one response key once, and __typename not at all', async () => {
    const response = await stack.query('mutation { __typename deleteVideo(videoId: "v_none") { deleted } deleteVideo(videoId: "v_none") { videoId } }');
    expect(response.errors).toBeUndefined();
    expect(stack.simulator.requests.map((request) => request.method)).toEqual(['DELETE']);
  });
});

describe('deleteVideo', () => {
  it('deletes a video with one DELETE, then answers deleted: false for it', async () => {
    const video = stack.simulator.videos.videosOf(KEY)[3]!;
    const query = 'mutation($id: ID!) { deleteVideo(videoId: $id) { videoId deleted } }';
    const first = await stack.query(query, { id: video.id });
    expect(first.data).toEqual({ deleteVideo: { videoId: video.id, deleted: true } });
    expect(stack.simulator.videos.videosOf(KEY).some((item) => item.id === video.id)).toBe(false);
    const again = await stack.query(query, { id: video.id });
    expect(again.data).toEqual({ deleteVideo: { videoId: video.id, deleted: false } });
    expect(stack.simulator.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([`DELETE /v3/videos/${video.id}`, `DELETE /v3/videos/${video.id}`]);
  });

  it("cannot delete another tenant's video", async () => {
    const theirs = stack.simulator.videos.videosOf(SIMULATOR_KEYS.tenantB)[4]!;
    const response = await stack.query('mutation($id: ID!) { deleteVideo(videoId: $id) { deleted } }', { id: theirs.id });
    expect(response.data).toEqual({ deleteVideo: { deleted: false } });
    expect(stack.simulator.videos.videosOf(SIMULATOR_KEYS.tenantB)).toContainEqual(theirs);
  });

  it('never retries a DELETE whose connection broke after sending', async () => {
    stack.simulator.failNext({ method: 'DELETE', reset: true });
    const response = await stack.query('mutation { deleteVideo(videoId: "v_gone") { deleted } }');
    expect(codesOf(response)).toEqual(['UPSTREAM_ERROR']);
    expect(response.errors?.[0]?.extensions?.outcome).toBe('UNKNOWN');
    expect(stack.simulator.requests.map((request) => request.method)).toEqual(['DELETE']);
  });
});

describe('writes and the cache', () => {
  let cached: Stack;
  beforeAll(async () => {
    cached = await startStack({ config: { cacheTtlSeconds: 60 } });
  });
  afterAll(() => cached.close());

  const page = async () => (await cached.query('{ videos(first: 3) { nodes { videoId } } }')).data.videos.nodes.map((node: { videoId: string }) => node.videoId);

  it("drops the credential's cached video pages when it makes or deletes a video, and no one else's", async () => {
    const first = await page();
    const otherKey = { 'x-api-key': SIMULATOR_KEYS.tenantA };
    await cached.query('{ videos(first: 3) { nodes { videoId } } }', undefined, otherKey);
    cached.simulator.clearRequests();
    expect(await page()).toEqual(first);
    expect(cached.simulator.requests).toEqual([]);

    const made = await cached.query(CREATE_VIDEO, { input: validInput(cached) });
    const id = made.data.createVideo.video.videoId;
    cached.simulator.clearRequests();
    expect(await page()).toEqual([id, ...first.slice(0, 2)]);
    expect(cached.simulator.requests.map((request) => request.path)).toEqual(['/v3/videos']);

    cached.simulator.clearRequests();
    await cached.query('{ videos(first: 3) { nodes { videoId } } }', undefined, otherKey);
    expect(cached.simulator.requests).toEqual([]);

    await cached.query('mutation($id: ID!) { deleteVideo(videoId: $id) { deleted } }', { id });
    cached.simulator.clearRequests();
    expect(await page()).toEqual(first);
    expect((await cached.query('query($id: ID!) { video(videoId: $id) { videoId } }', { id })).data.video).toBeNull();
    expect(cached.simulator.requests.map((request) => request.path)).toEqual(['/v3/videos', `/v3/videos/${id}`]);
  });
});

describe('createVideo and the account', () => {
  const BALANCE = '{ me { wallet { remainingBalance } } }';
  const balanceOf = (response: GraphQLResponse): number => response.data.me.wallet.remainingBalance;
  let cached: Stack | undefined;
  afterEach(async () => {
    await cached?.close();
    cached = undefined;
  });

  it('shows the balance a video spent at once in `me`, through a cached entry of it', async () => {
    const stack = (cached = await startStack({ config: { cacheTtlSeconds: 60 } }));
    const before = balanceOf(await stack.query(BALANCE));
    await stack.query(BALANCE);
    expect(stack.simulator.requests.filter((request) => request.path === '/v3/users/me')).toHaveLength(1); // the second read was the cache's
    const made = await stack.query(CREATE_VIDEO, { input: validInput(stack) });
    expect(codesOf(made)).toEqual([]);
    const after = balanceOf(await stack.query(BALANCE));
    expect(after).toBeLessThan(before);
    expect(after).toBe(stack.simulator.videos.accountOf(KEY).wallet?.remaining_balance);
  });

  it('never answers a read of `me` after a createVideo with a call from before it, cache on or off', async () => {
    for (const cacheTtlSeconds of [60, 0]) {
      await cached?.close();
      const stack = (cached = await startStack({ config: { cacheTtlSeconds } }));
      // A read of the account in flight while the video is made...
      stack.simulator.failNext({ delayMs: 500, method: 'GET', pathPrefix: '/v3/users/me' });
      const early = stack.query(BALANCE);
      await vi.waitFor(() => expect(stack.simulator.requests.some((request) => request.path === '/v3/users/me')).toBe(true));
      const made = await stack.query(CREATE_VIDEO, { input: validInput(stack) });
      expect(codesOf(made)).toEqual([]);
      // ...answers only its own request: the read after the write makes a call of its own.
      const after = await stack.query(BALANCE);
      expect(after.extensions?.upstream).toMatchObject({ calls: 1, deduplicated: 0, cacheHits: 0 });
      expect(balanceOf(after)).toBe(stack.simulator.videos.accountOf(KEY).wallet?.remaining_balance);
      expect(codesOf(await early)).toEqual([]);
    }
  });
});
