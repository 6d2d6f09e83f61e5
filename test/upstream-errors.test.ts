import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codesOf, SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';

const GROUPS = `{ avatarGroups(first: 2) { nodes { name } } }`;
const ONE = `query($id: ID!) { avatarGroup(groupId: $id) { name } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ config: { heygenTimeoutMs: 200 } });
});
afterAll(() => stack.close());
beforeEach(() => stack.simulator.clearRequests());

describe('upstream failures', () => {
  it.each([
    [401, 'UNAUTHENTICATED', /rejected the credential/],
    [403, 'FORBIDDEN', /not allowed/],
    [429, 'RATE_LIMITED', /rate limiting/],
    [500, 'UPSTREAM_ERROR', /HeyGen is failing \(it answered 500\); try again shortly/],
    [502, 'UPSTREAM_ERROR', /answered 502/],
    [503, 'UPSTREAM_ERROR', /answered 503/],
  ])('maps an upstream %i to %s once retries are spent', async (status, code, message) => {
    // Retried statuses fail three times (the first try and two retries); the rest fail once.
    stack.simulator.failNext({ status, times: [429, 500, 502, 503, 504].includes(status) ? 3 : 1 });
    const response = await stack.query(GROUPS);
    expect(codesOf(response)).toEqual([code]);
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(response.errors?.[0]?.extensions?.upstreamStatus).toBe(status);
    expect(response.errors?.[0]?.path).toEqual(['avatarGroups']);
    expect(response.text).not.toMatch(/stack|at .*\.ts/);
  });

  it('passes the Retry-After of a 429 on as extensions.retryAfter', async () => {
    stack.simulator.failNext({ status: 429, retryAfter: 7 });
    const response = await stack.query(GROUPS);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 7, upstreamCode: 'rate_limit_exceeded' });
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    stack.simulator.failNext({ status: 429, retryAfter: new Date(Date.now() + 30_000).toUTCString() });
    const response = await stack.query(GROUPS);
    expect(response.errors?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(28);
  });

  it.each([
    ['broken JSON', '{"data": [', 200],
    ['an HTML error page', '<html>Bad gateway</html>', 502],
    ['the wrong shape', '{"data": "nope"}', 200],
    ['an empty body', '', 200],
  ])('answers UPSTREAM_ERROR for %s without leaking it', async (_, body, status) => {
    stack.simulator.failNext({ status, body, times: status === 502 ? 3 : 1 });
    const response = await stack.query(GROUPS);
    expect(codesOf(response)).toEqual(['UPSTREAM_ERROR']);
    if (body) expect(response.text).not.toContain(body);
  });

  it('answers UPSTREAM_TIMEOUT when HeyGen is slower than HEYGEN_TIMEOUT_MS', async () => {
    stack.simulator.failNext({ delayMs: 1000 });
    const response = await stack.query(GROUPS);
    expect(codesOf(response)).toEqual(['UPSTREAM_TIMEOUT']);
    expect(response.errors?.[0]?.message).toMatch(/within 200 ms/);
  });

  it('answers UPSTREAM_ERROR when HeyGen cannot be reached', async () => {
    const down = await startStack({ config: { heygenBaseUrl: 'http://127.0.0.1:1' } });
    try {
      const response = await down.query(GROUPS);
      expect(codesOf(response)).toEqual(['UPSTREAM_ERROR']);
      expect(response.errors?.[0]?.message).toMatch(/Could not reach HeyGen/);
    } finally {
      await down.close();
    }
  });

  it('answers null, not an error, for a group HeyGen does not have', async () => {
    const response = await stack.query(ONE, { id: 'ag_does_not_exist' });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ avatarGroup: null });
    expect(stack.simulator.requests.map((request) => request.path)).toEqual(['/v3/avatars/ag_does_not_exist']);
  });

  it("answers null for another tenant's private group", async () => {
    const foreign = stack.simulator.visibleTo(SIMULATOR_KEYS.tenantB).tenant.groups[0]!.id;
    const response = await stack.query(ONE, { id: foreign }, { 'x-api-key': SIMULATOR_KEYS.tenantA });
    expect(response.data).toEqual({ avatarGroup: null });
  });

  it('answers a single group with every field converted', async () => {
    const key = Object.values(SIMULATOR_KEYS).find((k) => stack.simulator.visibleTo(k).tenant.groups.some((item) => item.status === 'failed'))!;
    const group = stack.simulator.visibleTo(key).tenant.groups.find((item) => item.status === 'failed')!;
    const response = await stack.query(
      `query($id: ID!) { avatarGroup(groupId: $id) { id groupId name gender previewImageUrl previewVideoUrl looksCount defaultVoiceId consentStatus status createdAt } }`,
      { id: group.id },
      { 'x-api-key': key },
    );
    expect(response.data.avatarGroup).toEqual({
      id: Buffer.from(`AvatarGroup:${group.id}`).toString('base64url'),
      groupId: group.id,
      name: group.name,
      gender: group.gender,
      previewImageUrl: group.preview_image_url,
      previewVideoUrl: group.preview_video_url,
      looksCount: group.looks_count,
      defaultVoiceId: group.default_voice_id,
      consentStatus: group.consent_status,
      status: 'FAILED',
      createdAt: new Date(group.created_at * 1000).toISOString(),
    });
  });

  it('reads an upstream status it does not know as null, and says so once in the log', async () => {
    const body = JSON.stringify({ data: { id: 'ag_new', name: 'New', created_at: 1_700_000_000, looks_count: 1, status: 'archived' } });
    stack.simulator.failNext({ status: 200, body, times: 2 });
    const first = await stack.query(`{ a: avatarGroup(groupId: "ag_new") { status } }`);
    const second = await stack.query(`{ b: avatarGroup(groupId: "ag_new") { status } }`);
    expect(first).toMatchObject({ data: { a: { status: null } } });
    expect(first.errors).toBeUndefined();
    expect(second).toMatchObject({ data: { b: { status: null } } });
    expect(stack.logs.filter((line) => line.includes('"archived'))).toHaveLength(1);
  });

  it.each(['.', '..', '', 'x'.repeat(300)])('rejects the group id %j without calling HeyGen', async (id) => {
    const response = await stack.query(ONE, { id });
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/^groupId must be 1\.\.256 printable characters/);
    expect(stack.simulator.requests).toHaveLength(0);
  });

  it('URL-encodes ids into the upstream path', async () => {
    await stack.query(ONE, { id: '../voices?x=1#y' });
    expect(stack.simulator.requests.map((request) => request.path)).toEqual(['/v3/avatars/..%2Fvoices%3Fx%3D1%23y']);
  });
});

describe('node lookups', () => {
  it('fetches a group by its global id', async () => {
    const group = stack.simulator.catalogue.groups[0]!;
    const id = Buffer.from(`AvatarGroup:${group.id}`).toString('base64url');
    const response = await stack.query(`query($id: ID!) { node(id: $id) { id __typename ... on AvatarGroup { name } } }`, { id });
    expect(response.data.node).toEqual({ id, __typename: 'AvatarGroup', name: group.name });
  });

  it('answers nodes in order, with null for a missing one and an error only for a malformed one', async () => {
    const [a, b] = stack.simulator.catalogue.groups;
    const ids = [a!.id, 'ag_missing', b!.id].map((id) => Buffer.from(`AvatarGroup:${id}`).toString('base64url'));
    const response = await stack.query(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on AvatarGroup { groupId } } }`, { ids: [...ids, 'junk'] });
    expect(response.data.nodes).toEqual([{ groupId: a!.id }, null, { groupId: b!.id }, null]);
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.path).toEqual(['nodes', 3]);
  });

  it('rejects more than 100 ids', async () => {
    const response = await stack.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array(101).fill('x') });
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe('ids must hold at most 100 ids, got 101');
  });
});

describe('malformed upstream items', () => {
  const item = (fields: Record<string, unknown>) =>
    JSON.stringify({ data: { id: 'ag_odd', name: 'Odd', created_at: 1_700_000_000, looks_count: 2, ...fields } });
  const GROUP = `{ avatarGroup(groupId: "ag_odd") { groupId name gender previewImageUrl looksCount consentStatus status createdAt } }`;

  it.each([
    ['name', { name: 42 }],
    ['name', { name: undefined }],
    ['looks_count', { looks_count: 'two' }],
    ['created_at', { created_at: '2024-01-01' }],
  ])('answers UPSTREAM_ERROR naming the item when its %s is missing or mistyped', async (field, fields) => {
    stack.simulator.failNext({ status: 200, body: item(fields) });
    const response = await stack.query(GROUP);
    expect(codesOf(response)).toEqual(['UPSTREAM_ERROR']);
    expect(response.errors?.[0]?.message).toBe(`HeyGen sent avatar group "ag_odd" without a valid ${field}`);
    expect(response.data).toEqual({ avatarGroup: null });
  });

  it('reads mistyped optional fields as null, never a wrong type', async () => {
    stack.simulator.failNext({ status: 200, body: item({ gender: 7, preview_image_url: { a: 1 }, consent_status: [], status: 3 }) });
    const response = await stack.query(GROUP);
    expect(response.errors).toBeUndefined();
    expect(response.data.avatarGroup).toMatchObject({ gender: null, previewImageUrl: null, consentStatus: null, status: null, looksCount: 2 });
  });

  it('answers a look GraphQL Int cannot hold as an error or null, never an out-of-range number', async () => {
    const look = { id: 'look_big', name: 'Big', avatar_type: 'studio_avatar', image_width: 2 ** 40, image_height: 1080 };
    stack.simulator.failNext({ status: 200, body: JSON.stringify({ data: look }), pathPrefix: '/v3/avatars/looks/' });
    const response = await stack.query(`{ avatarLook(lookId: "look_big") { imageWidth imageHeight } }`);
    expect(response.data.avatarLook).toEqual({ imageWidth: null, imageHeight: 1080 });
    stack.simulator.failNext({ status: 200, body: item({ looks_count: 2 ** 31 }) });
    expect(codesOf(await stack.query(GROUP))).toEqual(['UPSTREAM_ERROR']);
  });

  // The fast lane writes the models' values without graphql's leaf serializers; yoga runs them. Both
  // must answer malformed items the same, to the byte.
  const ODD_GROUPS = [
    { name: 42 },
    { looks_count: 2 ** 31 },
    { looks_count: 1.5 },
    { created_at: 1e20 },
    { created_at: '2024-01-01' },
    { gender: 7, preview_image_url: { a: 1 }, consent_status: [], status: 'retraining', default_voice_id: false },
    { id: 3 },
  ];
  it.each(ODD_GROUPS)('answers the malformed group %j alike on the fast lane and on yoga', async (fields) => {
    const query = `query Odd { avatarGroup(groupId: "ag_odd") { id groupId name gender previewImageUrl previewVideoUrl looksCount defaultVoiceId consentStatus status createdAt } }`;
    stack.simulator.failNext({ status: 200, body: item(fields) });
    const fast = await stack.query(query);
    stack.simulator.failNext({ status: 200, body: item(fields) });
    const yoga = await stack.query(query, {}, { 'x-api-key': SIMULATOR_KEYS.demo, accept: 'application/graphql-response+json' });
    expect(fast.data).toEqual(yoga.data);
    // graphql-js stops at an object's first failing non-null field; graphql-jit reports each of them.
    expect(fast.errors ?? []).toEqual(expect.arrayContaining(yoga.errors ?? []));
    expect(codesOf(fast).every((code) => code === 'UPSTREAM_ERROR')).toBe(true);
  });

  it('answers a malformed look alike on the fast lane and on yoga', async () => {
    const look = { id: 'look_odd', name: 'Odd', avatar_type: 'hologram', tags: ['a', 2, null, 'b'], supported_api_engines: 'v3', image_width: -1, image_height: '1080', status: 'completed' };
    const query = `query OddLook { avatarLook(lookId: "look_odd") { id lookId name avatarType groupId tags supportedApiEngines imageWidth imageHeight preferredOrientation status } }`;
    const answers = [];
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      stack.simulator.failNext({ status: 200, body: JSON.stringify({ data: look }), pathPrefix: '/v3/avatars/looks/' });
      answers.push(await stack.query(query, {}, { 'x-api-key': SIMULATOR_KEYS.demo, accept }));
    }
    expect(answers[0]!.data).toEqual(answers[1]!.data);
    expect(answers[0]!.data.avatarLook).toMatchObject({ avatarType: null, tags: ['a', 'b'], supportedApiEngines: [], imageWidth: -1, imageHeight: null, status: 'COMPLETED' });
  });

  it('keeps a page whose voice lookup is malformed, nulling only that voice', async () => {
    stack.simulator.failNext({ status: 200, body: JSON.stringify({ data: { voice_id: 'v1', name: 'V' } }), pathPrefix: '/v3/voices/' });
    const response = await stack.query(`{ avatarGroups(first: 3, ownership: PUBLIC) { nodes { name defaultVoice { name supportPause } } } }`);
    expect(response.data.avatarGroups.nodes).toHaveLength(3);
    expect(codesOf(response)).toEqual(['UPSTREAM_ERROR']);
    expect(response.errors?.[0]?.message).toMatch(/without a valid support_pause/);
    const path = response.errors?.[0]?.path ?? [];
    expect(path.slice(-2)).toEqual(['defaultVoice', 'supportPause']);
    expect(response.data.avatarGroups.nodes[path[2] as number].defaultVoice).toBeNull();
  });
});
