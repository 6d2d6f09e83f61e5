import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { createSchema } from '../src/graphql/schema.js';
import { planUpstreamCost } from '../src/graphql/upstream-cost.js';
import type { HeyGenUserInfo, HeyGenVideo } from '../src/heygen/types.js';
import type { RecordedRequest } from '../src/simulator/server.js';
import { codesOf, SIMULATOR_KEYS, startStack, type GraphQLResponse, type Stack } from './helpers.js';

/*
 * Videos and the account through the gateway, over real HTTP, against the simulator on a clock the tests
 * set (videos render on it). Upstream calls are counted from the simulator's request log.
 */

const KEY = SIMULATOR_KEYS.demo;
const START = Date.UTC(2026, 0, 1);
let now = START;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ simulator: { clock: () => now } });
});
afterAll(() => stack.close());
beforeEach(() => {
  now = START;
  stack.simulator.clearRequests();
});

const VIDEO_FIELDS = 'id videoId title status createdAt completedAt duration videoUrl thumbnailUrl gifUrl captionedVideoUrl subtitleUrl pageUrl folderId outputLanguage failureCode failureMessage';
const ACCOUNT_FIELDS = `username email firstName lastName billingType
  wallet { currency remainingBalance autoReload { enabled thresholdUsd amountUsd } }
  subscription { plan credits { premiumCredits { remaining resetsAt } addOnCredits { remaining resetsAt } } }
  usageBased { spendingCurrentUsd spendingCapUsd }`;

const videosOf = (key: string = KEY) => stack.simulator.videos.videosOf(key);
const callsOf = (requests: RecordedRequest[]) => requests.map(({ path, query }) => ({ path, query }));
const iso = (seconds: number | null | undefined) => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null);
const orNull = <T>(value: T | undefined) => value ?? null;

/** What the gateway answers for a video HeyGen sent, every field. */
const expectedVideo = (video: HeyGenVideo) => ({
  id: toGlobalId('Video', video.id),
  videoId: video.id,
  title: orNull(video.title),
  status: video.status.toUpperCase(),
  createdAt: iso(video.created_at),
  completedAt: iso(video.completed_at),
  duration: orNull(video.duration),
  videoUrl: orNull(video.video_url),
  thumbnailUrl: orNull(video.thumbnail_url),
  gifUrl: orNull(video.gif_url),
  captionedVideoUrl: orNull(video.captioned_video_url),
  subtitleUrl: orNull(video.subtitle_url),
  pageUrl: orNull(video.video_page_url),
  folderId: orNull(video.folder_id),
  outputLanguage: orNull(video.output_language),
  failureCode: orNull(video.failure_code),
  failureMessage: orNull(video.failure_message),
});

/** What the gateway answers for an account HeyGen sent, every field. */
const expectedAccount = (account: HeyGenUserInfo) => {
  const pool = (value: { remaining?: number | null; resets_at?: string | null } | null | undefined) =>
    value ? { remaining: orNull(value.remaining), resetsAt: value.resets_at ? new Date(value.resets_at).toISOString() : null } : null;
  const { wallet, subscription, usage_based: usage } = account;
  return {
    username: account.username,
    email: account.email,
    firstName: account.first_name,
    lastName: account.last_name,
    billingType: orNull(account.billing_type?.toUpperCase()),
    wallet: wallet
      ? {
          currency: wallet.currency.toUpperCase(),
          remainingBalance: orNull(wallet.remaining_balance),
          autoReload: wallet.auto_reload ? { enabled: wallet.auto_reload.enabled, thresholdUsd: orNull(wallet.auto_reload.threshold_usd), amountUsd: orNull(wallet.auto_reload.amount_usd) } : null,
        }
      : null,
    subscription: subscription
      ? { plan: subscription.plan.toUpperCase(), credits: { premiumCredits: pool(subscription.credits.premium_credits), addOnCredits: pool(subscription.credits.add_on_credits) } }
      : null,
    usageBased: usage ? { spendingCurrentUsd: orNull(usage.spending_current_usd), spendingCapUsd: orNull(usage.spending_cap_usd) } : null,
  };
};

function pick(what: string, matches: (video: HeyGenVideo) => boolean, key = KEY): HeyGenVideo {
  const video = videosOf(key).find(matches);
  if (!video) throw new Error(`the simulator has no ${what}`);
  return video;
}

/** Pages through `videos` with `first` and the filters until hasNextPage is false: every id, and the upstream calls of each page. */
async function walk(first: number, filters: { folderId?: string; title?: string } = {}) {
  const ids: string[] = [];
  const pages: RecordedRequest[][] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    stack.simulator.clearRequests();
    const response: GraphQLResponse = await stack.query(
      `query($first: Int, $after: String, $folderId: ID, $title: String) {
        videos(first: $first, after: $after, folderId: $folderId, title: $title) { nodes { videoId } pageInfo { hasNextPage endCursor } }
      }`,
      { first, after, ...filters },
    );
    expect(response.errors).toBeUndefined();
    ids.push(...response.data.videos.nodes.map((node: { videoId: string }) => node.videoId));
    pages.push([...stack.simulator.requests]);
    if (!response.data.videos.pageInfo.hasNextPage) return { ids, pages };
    after = response.data.videos.pageInfo.endCursor;
  }
  throw new Error('videos did not end within 200 pages');
}

describe('videos paging', () => {
  it.each([1, 7, 20, 45, 100])('walks every video with first %i in the simulator order, within the cost rule', async (first) => {
    const expected = videosOf().map((video) => video.id);
    const { ids, pages } = await walk(first);
    expect(ids).toEqual(expected);
    const calls = pages.flat();
    expect(calls.length).toBeLessThanOrEqual(Math.ceil(expected.length / first) * Math.ceil(first / 100) + 1);
    expect(calls.every((call) => call.path === '/v3/videos' && Number(call.query.limit) <= 100)).toBe(true);
    expect(calls[0]?.query).toEqual({ limit: String(Math.min(first, 100)) });
  });

  it('resumes right after a middle edge, replaying its upstream page', async () => {
    const expected = videosOf().map((video) => video.id);
    const page = await stack.query('{ videos(first: 10) { edges { cursor node { videoId } } } }');
    stack.simulator.clearRequests();
    const resumed = await stack.query('query($after: String) { videos(first: 5, after: $after) { nodes { videoId } pageInfo { hasPreviousPage } } }', {
      after: page.data.videos.edges[4].cursor,
    });
    expect(resumed.data.videos).toEqual({ nodes: expected.slice(5, 10).map((videoId) => ({ videoId })), pageInfo: { hasPreviousPage: true } });
    expect(callsOf(stack.simulator.requests)).toEqual([{ path: '/v3/videos', query: { limit: '10' } }]);
  });

  it('answers first: 0 with no edges and whether any video exists', async () => {
    const response = await stack.query('{ videos(first: 0) { edges { cursor } pageInfo { hasNextPage startCursor endCursor } } }');
    expect(response.data.videos).toEqual({ edges: [], pageInfo: { hasNextPage: true, startCursor: null, endCursor: null } });
    expect(callsOf(stack.simulator.requests)).toEqual([{ path: '/v3/videos', query: { limit: '1' } }]);
  });
});

describe('videos filters', () => {
  const folderId = () => stack.simulator.videos.foldersOf(KEY)[0] as string;

  it.each<[string, () => { folderId?: string; title?: string }]>([
    ['folderId', () => ({ folderId: folderId() })],
    ['title', () => ({ title: 'Demo' })],
    ['both', () => ({ folderId: folderId(), title: 'e' })],
  ])('walks the videos of a %s filter, sending it with every page', async (_, filters) => {
    const { folderId: folder, title } = filters();
    const expected = videosOf().filter((video) => (!folder || video.folder_id === folder) && (!title || video.title?.toLowerCase().includes(title.toLowerCase())));
    expect(expected.length).toBeGreaterThan(2);
    const { ids, pages } = await walk(2, filters());
    expect(ids).toEqual(expected.map((video) => video.id));
    const upstreamFilters = { ...(folder && { folder_id: folder }), ...(title && { title }) };
    expect(pages.flat().map((call) => call.query)).toEqual(pages.flat().map((_, index) => ({ ...upstreamFilters, limit: '2', ...(index > 0 && { token: expect.any(String) }) })));
  });

  it.each<[string, Record<string, unknown>]>([
    ['no filter', {}],
    ['another title', { title: 'update' }],
    ['another folder', { folderId: 'folder_other' }],
  ])('refuses a cursor made for other filters (%s), with no upstream call', async (_, filters) => {
    const first = await stack.query('{ videos(first: 2, title: "demo") { pageInfo { endCursor } } }');
    stack.simulator.clearRequests();
    const response = await stack.query('query($after: String, $title: String, $folderId: ID) { videos(first: 2, after: $after, title: $title, folderId: $folderId) { nodes { videoId } } }', {
      after: first.data.videos.pageInfo.endCursor,
      ...filters,
    });
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe('after is not a valid cursor: it was made for another list or other filters; use it only with the videos filters it came from');
    expect(stack.simulator.requests).toEqual([]);
  });

  it.each<[string, string, Record<string, unknown>, string]>([
    ['first above 100', 'query($first: Int) { videos(first: $first) { nodes { videoId } } }', { first: 101 }, 'first must be 0..100, got 101'],
    ['a negative first', 'query($first: Int) { videos(first: $first) { nodes { videoId } } }', { first: -1 }, 'first must be 0..100, got -1'],
    ['a cursor that is not one', 'query($after: String) { videos(after: $after) { nodes { videoId } } }', { after: 'not-a-cursor' }, 'after is not a valid cursor'],
    ['a title of 65 characters', 'query($title: String) { videos(title: $title) { nodes { videoId } } }', { title: 'x'.repeat(65) }, 'title must be at most 64 characters, got 65'],
    ['an empty folderId', 'query($folderId: ID) { videos(folderId: $folderId) { nodes { videoId } } }', { folderId: '' }, 'folderId must be 1..256 printable characters'],
    ['an avatarGroups cursor', 'query($after: String) { videos(after: $after) { nodes { videoId } } }', { after: '<groups cursor>' }, 'it was made for another list or other filters'],
  ])('answers %s with BAD_USER_INPUT and no upstream call', async (_, query, variables, message) => {
    if (variables.after === '<groups cursor>') {
      variables.after = (await stack.query('{ avatarGroups(first: 1) { pageInfo { endCursor } } }')).data.avatarGroups.pageInfo.endCursor;
      stack.simulator.clearRequests();
    }
    const response = await stack.query(query, variables);
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toContain(message);
    expect(stack.simulator.requests).toEqual([]);
  });
});

describe('video lookups', () => {
  it.each<[string, () => HeyGenVideo]>([
    ['a pending video', () => pick('pending video', (video) => video.status === 'pending')],
    ['a processing video', () => pick('processing video', (video) => video.status === 'processing')],
    ['a completed video with captions', () => pick('captioned video', (video) => video.status === 'completed' && video.subtitle_url !== null)],
    ['a failed video', () => pick('failed video', (video) => video.status === 'failed')],
    ['a translated video', () => pick('translated video', (video) => video.status === 'completed' && typeof video.output_language === 'string')],
  ])('reads every field of %s', async (_, choose) => {
    const video = choose();
    const response = await stack.query(`query($id: ID!) { video(videoId: $id) { ${VIDEO_FIELDS} } }`, { id: video.id });
    expect(response.errors).toBeUndefined();
    expect(response.data.video).toEqual(expectedVideo(video));
    expect(callsOf(stack.simulator.requests)).toEqual([{ path: `/v3/videos/${video.id}`, query: {} }]);
  });

  it("answers null, with no error, for an unknown video and for another tenant's", async () => {
    const theirs = videosOf(SIMULATOR_KEYS.tenantB)[0]!.id;
    const response = await stack.query('query($theirs: ID!) { unknown: video(videoId: "v_000000000000") { videoId } theirs: video(videoId: $theirs) { videoId } }', { theirs });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ unknown: null, theirs: null });
    expect(stack.simulator.requests.map((request) => request.path).sort()).toEqual(['/v3/videos/v_000000000000', `/v3/videos/${theirs}`].sort());
  });

  it('resolves videos through node and nodes by global id, beside other types', async () => {
    const [video, group] = [videosOf()[3]!, stack.simulator.visibleTo(KEY).groups[0]!];
    const ids = { v: toGlobalId('Video', video.id), g: toGlobalId('AvatarGroup', group.id), missing: toGlobalId('Video', 'v_000000000000') };
    const response = await stack.query(
      `query($v: ID!, $g: ID!, $missing: ID!) {
        node(id: $v) { __typename id ... on Video { videoId title } }
        nodes(ids: [$v, $g, $missing]) { __typename id }
      }`,
      ids,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      node: { __typename: 'Video', id: ids.v, videoId: video.id, title: video.title },
      nodes: [{ __typename: 'Video', id: ids.v }, { __typename: 'AvatarGroup', id: ids.g }, null],
    });
  });

  it('costs no call for a video that a page in the same request brought, and one for aliases of another', async () => {
    const [listed, other] = [videosOf()[1]!, videosOf()[12]!];
    const response = await stack.query(
      `query($listed: ID!, $other: ID!) {
        videos(first: 5) { nodes { videoId } }
        a: video(videoId: $listed) { title }
        b: video(videoId: $other) { title }
        c: video(videoId: $other) { status }
        d: node(id: "${toGlobalId('Video', other.id)}") { id }
      }`,
      { listed: listed.id, other: other.id },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.a).toEqual({ title: listed.title });
    expect(callsOf(stack.simulator.requests).sort((x, y) => x.path.localeCompare(y.path))).toEqual([
      { path: '/v3/videos', query: { limit: '5' } },
      { path: `/v3/videos/${other.id}`, query: {} },
    ]);
    expect(response.extensions?.upstream).toEqual({ calls: 2, deduplicated: 3, cacheHits: 0 });
  });

  it("follows a video's status on HeyGen's clock: pending, processing, then completed or failed", async () => {
    const [newest, , third] = videosOf() as [HeyGenVideo, HeyGenVideo, HeyGenVideo];
    const query = `query($a: ID!, $b: ID!) { a: video(videoId: $a) { status completedAt videoUrl duration } b: video(videoId: $b) { status failureCode failureMessage } }`;
    const ask = async () => (await stack.query(query, { a: newest.id, b: third.id })).data;
    expect(await ask()).toEqual({
      a: { status: 'PENDING', completedAt: null, videoUrl: null, duration: null },
      b: { status: 'PROCESSING', failureCode: null, failureMessage: null },
    });
    now = START + 60_000;
    expect((await ask()).a.status).toBe('PROCESSING');
    now = START + 600_000;
    const done = await ask();
    const [completed, failed] = [videosOf()[0]!, videosOf()[2]!];
    expect(done).toEqual({
      a: { status: 'COMPLETED', completedAt: iso(completed.completed_at), videoUrl: completed.video_url, duration: completed.duration },
      b: { status: 'FAILED', failureCode: failed.failure_code, failureMessage: failed.failure_message },
    });
    expect(done.a.videoUrl).toContain('Expires=');
  });

  it('reads a status HeyGen adds later as null, logging it once', async () => {
    const video = videosOf()[4]!;
    stack.simulator.failNext({ status: 200, times: 2, pathPrefix: `/v3/videos/${video.id}`, body: JSON.stringify({ data: { id: video.id, status: 'archived' } }) });
    for (let round = 0; round < 2; round++) {
      const response = await stack.query('query($id: ID!) { video(videoId: $id) { videoId status title createdAt } }', { id: video.id });
      expect(response.errors).toBeUndefined();
      expect(response.data.video).toEqual({ videoId: video.id, status: null, title: null, createdAt: null });
    }
    expect(stack.logs.filter((line) => line.includes('VideoStatus') && line.includes('archived'))).toHaveLength(1);
  });
});

describe('me', () => {
  it.each([
    ['the demo key', SIMULATOR_KEYS.demo, 'WALLET'],
    ['tenant A', SIMULATOR_KEYS.tenantA, 'SUBSCRIPTION'],
    ['tenant B', SIMULATOR_KEYS.tenantB, 'USAGE_BASED'],
  ])('reads every field of the account of %s, billed %s', async (_, key, billingType) => {
    const response = await stack.query(`{ me { ${ACCOUNT_FIELDS} } }`, {}, { 'x-api-key': key });
    expect(response.errors).toBeUndefined();
    expect(response.data.me).toEqual(expectedAccount(stack.simulator.videos.accountOf(key)));
    expect(response.data.me.billingType).toBe(billingType);
    expect(callsOf(stack.simulator.requests)).toEqual([{ path: '/v3/users/me', query: {} }]);
  });

  it('lowers the wallet balance as videos finish rendering', async () => {
    const before = (await stack.query('{ me { wallet { remainingBalance } } }')).data.me.wallet.remainingBalance;
    now = START + 600_000;
    const after = (await stack.query('{ me { wallet { remainingBalance } } }')).data.me.wallet.remainingBalance;
    expect(after).toBeLessThan(before);
    expect(after).toBe(stack.simulator.videos.accountOf(KEY).wallet?.remaining_balance);
  });

  it('costs one call however often a request asks for it', async () => {
    const response = await stack.query('{ a: me { username } b: me { email billingType } }');
    expect(response.data.a.username).toBe(stack.simulator.videos.accountOf(KEY).username);
    expect(callsOf(stack.simulator.requests)).toEqual([{ path: '/v3/users/me', query: {} }]);
    expect(response.extensions?.upstream).toEqual({ calls: 1, deduplicated: 1, cacheHits: 0 });
  });

  it('reads enum values HeyGen adds later as null, logging each once', async () => {
    const odd = {
      username: 'user_odd',
      email: null,
      first_name: null,
      last_name: null,
      billing_type: 'prepaid_credits',
      wallet: { currency: 'eur', remaining_balance: 3.25, auto_reload: null },
      subscription: { plan: 'galaxy', credits: { premium_credits: { remaining: 7, resets_at: 'soon' } } },
    };
    stack.simulator.failNext({ status: 200, times: 2, pathPrefix: '/v3/users/me', body: JSON.stringify({ data: odd }) });
    for (let round = 0; round < 2; round++) {
      const response = await stack.query(`{ me { ${ACCOUNT_FIELDS} } }`);
      expect(response.errors).toBeUndefined();
      expect(response.data.me).toEqual({
        username: 'user_odd',
        email: null,
        firstName: null,
        lastName: null,
        billingType: null,
        wallet: { currency: null, remainingBalance: 3.25, autoReload: null },
        subscription: { plan: null, credits: { premiumCredits: { remaining: 7, resetsAt: null }, addOnCredits: null } },
        usageBased: null,
      });
    }
    for (const value of ['prepaid_credits', 'eur', 'galaxy']) expect(stack.logs.filter((line) => line.includes(`\\"${value}\\"`))).toHaveLength(1);
  });

  it('answers UPSTREAM_ERROR naming the field when HeyGen sends no username, and UNAUTHENTICATED with no credential', async () => {
    stack.simulator.failNext({ status: 200, pathPrefix: '/v3/users/me', body: JSON.stringify({ data: { email: 'x@example.com' } }) });
    const malformed = await stack.query('{ me { username email } }');
    expect(malformed.data.me).toBeNull();
    expect(malformed.errors?.map(({ path, message, extensions }) => ({ path, message, code: extensions?.code }))).toEqual([
      { path: ['me', 'username'], message: 'HeyGen sent account without a valid username', code: 'UPSTREAM_ERROR' },
    ]);
    stack.simulator.clearRequests();
    const anonymous = await stack.query('{ me { username } }', {}, {});
    expect(codesOf(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(stack.simulator.requests).toEqual([]);
  });
});

describe('upstream cost of videos and the account', () => {
  it.each([
    ['a page of 100 videos', '{ videos(first: 100) { nodes { videoId } } }', 1],
    ['a page of 100 videos, one video and the account', '{ videos(first: 100) { nodes { videoId } } video(videoId: "v_1") { title } me { username } }', 3],
    ['three videos by global id', '{ nodes(ids: ["a", "b", "c"]) { id } }', 3],
    ['video entities', '{ _entities(representations: [{ __typename: "Video", videoId: "v_1" }, { __typename: "Video", videoId: "v_2" }]) { __typename } }', 2],
  ])('plans %s at %i calls', (_, query, cost) => {
    expect(planUpstreamCost(createSchema({ nodeField: DEFAULT_CONFIG.federationNodeField }), parse(query))({})).toBe(cost);
  });
});
