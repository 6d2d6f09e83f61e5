import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Config } from '../src/config.js';
import { SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';
import { seededRandom as random } from '../src/simulator/catalogue.js';

/*
 * Two tenants hammer one gateway at once: 400 requests fired together, keys alternating, each a seeded
 * pick of query, credential header (X-Api-Key or Bearer) and lane (the fast lane, or yoga through GET
 * and graphql-response+json), with upstream 501s and 401s scripted in while they run. Every answer is
 * checked against what the simulator says its own key can see, and grepped for the other tenant's ids
 * and for both keys; so are the gateway's log lines (at debug) and anything printed meanwhile.
 */

const REQUESTS = 400;
const KEYS = [SIMULATOR_KEYS.tenantA, SIMULATOR_KEYS.tenantB] as const;
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');


/** What one key can see, from the simulator: its private data, the other tenant's, and what it may be answered. */
function viewOf(stack: Stack, key: string, otherKey: string) {
  const visible = stack.simulator.visibleTo(key);
  const other = stack.simulator.visibleTo(otherKey).tenant;
  const own = visible.tenant;
  const ownGroupIds = new Set(own.groups.map((group) => group.id));
  const idsOf = (data: typeof own) => [
    ...data.groups.flatMap((group) => [group.id, globalId('AvatarGroup', group.id)]),
    ...data.looks.flatMap((look) => [look.id, globalId('AvatarLook', look.id)]),
    ...data.voices.flatMap((voice) => [voice.voice_id, globalId('Voice', voice.voice_id)]),
  ];
  const allowed = new Set(idsOf({ groups: visible.groups, looks: visible.looks, voices: visible.voices }));
  const tenantName = (data: typeof own) => data.groups[0]!.name.replace(/ twin .*/, '');
  return {
    visible,
    own,
    other,
    privateGroups: visible.groups.filter((group) => ownGroupIds.has(group.id)),
    allowed,
    /** Strings only the other tenant's answers may hold. */
    foreign: [...idsOf(other), tenantName(other)],
  };
}
type View = ReturnType<typeof viewOf>;

interface Planned {
  kind: string;
  query: string;
  variables: Record<string, unknown>;
  /** The whole answer when nothing failed. */
  expected: unknown;
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
const lookNodes = (view: View, groupId: string, first: number) =>
  view.visible.looks.filter((look) => look.group_id === groupId).slice(0, first).map((look) => ({ lookId: look.id }));
const voiceOf = (view: View, voiceId: string | null | undefined) => {
  const voice = view.visible.voices.find((item) => item.voice_id === voiceId);
  return voice ? { voiceId: voice.voice_id, name: voice.name } : null;
};

const KINDS: ((view: View, next: () => number) => Planned)[] = [
  (view, next) => {
    const first = 20 + Math.floor(next() * 81);
    return {
      kind: 'private groups',
      query: 'query($first: Int!) { avatarGroups(first: $first, ownership: PRIVATE) { nodes { groupId name defaultVoiceId } pageInfo { hasNextPage } } }',
      variables: { first },
      expected: { avatarGroups: { nodes: view.privateGroups.map((g) => ({ groupId: g.id, name: g.name, defaultVoiceId: g.default_voice_id })), pageInfo: { hasNextPage: false } } },
    };
  },
  (view, next) => {
    const first = 20 + Math.floor(next() * 81);
    const groups = view.visible.groups.slice(0, first);
    return {
      kind: 'all groups, aliased',
      query: 'query($first: Int!) { a: avatarGroups(first: $first) { nodes { groupId } } b: avatarGroups(first: $first) { edges { node { id name } } } }',
      variables: { first },
      expected: { a: { nodes: groups.map((g) => ({ groupId: g.id })) }, b: { edges: groups.map((g) => ({ node: { id: globalId('AvatarGroup', g.id), name: g.name } })) } },
    };
  },
  (view) => ({
    kind: 'nested looks and voices',
    query: '{ avatarGroups(first: 10, ownership: PRIVATE) { nodes { groupId defaultVoice { voiceId name } looks(first: 5) { nodes { lookId } } } } }',
    variables: {},
    expected: { avatarGroups: { nodes: view.privateGroups.slice(0, 10).map((g) => ({ groupId: g.id, defaultVoice: voiceOf(view, g.default_voice_id), looks: { nodes: lookNodes(view, g.id, 5) } })) } },
  }),
  (view, next) => {
    const own = pick(next, view.privateGroups);
    return {
      kind: 'group by id, own and theirs',
      query: 'query($own: ID!, $other: ID!) { mine: avatarGroup(groupId: $own) { groupId name looks(first: 3) { nodes { lookId } } } again: avatarGroup(groupId: $own) { groupId } theirs: avatarGroup(groupId: $other) { groupId name } }',
      variables: { own: own.id, other: pick(next, view.other.groups).id },
      expected: { mine: { groupId: own.id, name: own.name, looks: { nodes: lookNodes(view, own.id, 3) } }, again: { groupId: own.id }, theirs: null },
    };
  },
  (view, next) => {
    const own = pick(next, view.privateGroups);
    return {
      kind: 'node, own and theirs',
      query: 'query($own: ID!, $other: ID!, $look: ID!) { mine: node(id: $own) { id ... on AvatarGroup { groupId name defaultVoice { voiceId name } } } theirs: node(id: $other) { id } theirLook: node(id: $look) { id } }',
      variables: { own: globalId('AvatarGroup', own.id), other: globalId('AvatarGroup', pick(next, view.other.groups).id), look: globalId('AvatarLook', pick(next, view.other.looks).id) },
      expected: { mine: { id: globalId('AvatarGroup', own.id), groupId: own.id, name: own.name, defaultVoice: voiceOf(view, own.default_voice_id) }, theirs: null, theirLook: null },
    };
  },
  (view, next) => {
    const ownLook = pick(next, view.own.looks);
    return {
      kind: 'private looks and voices',
      query: 'query($other: ID!, $look: ID!, $theirLook: ID!) { avatarLooks(first: 50, ownership: PRIVATE) { nodes { lookId group { name } } } voices(type: PRIVATE, first: 10) { nodes { voiceId name } } theirVoice: voice(voiceId: $other) { voiceId } mine: avatarLook(lookId: $look) { lookId } theirs: avatarLook(lookId: $theirLook) { lookId } }',
      variables: { other: pick(next, view.other.voices).voice_id, look: ownLook.id, theirLook: pick(next, view.other.looks).id },
      expected: {
        avatarLooks: { nodes: view.own.looks.slice(0, 50).map((look) => ({ lookId: look.id, group: { name: view.own.groups.find((g) => g.id === look.group_id)!.name } })) },
        voices: { nodes: view.own.voices.slice(0, 10).map((voice) => ({ voiceId: voice.voice_id, name: voice.name })) },
        theirVoice: null,
        mine: { lookId: ownLook.id },
        theirs: null,
      },
    };
  },
  (view, next) => {
    const own = pick(next, view.privateGroups);
    const ownLook = pick(next, view.own.looks);
    const publicGroup = view.visible.groups.find((group) => group.status === null)!;
    return {
      kind: 'nodes (yoga)',
      query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on AvatarGroup { name } } }',
      variables: { ids: [globalId('AvatarGroup', own.id), globalId('AvatarGroup', pick(next, view.other.groups).id), globalId('AvatarLook', ownLook.id), globalId('AvatarLook', pick(next, view.other.looks).id), globalId('AvatarGroup', publicGroup.id)] },
      expected: { nodes: [{ id: globalId('AvatarGroup', own.id), name: own.name }, null, { id: globalId('AvatarLook', ownLook.id) }, null, { id: globalId('AvatarGroup', publicGroup.id), name: publicGroup.name }] },
    };
  },
];

type Lane = 'post' | 'get' | 'graphql-response';

interface Sent extends Planned {
  key: string;
  view: View;
  request: string;
  status: number;
  text: string;
  body: { data?: any; errors?: { extensions?: { code?: string } }[] };
}

/**
 * Sends one planned query with the key in X-Api-Key or as a bearer token, as a JSON POST (the fast
 * lane), or a GET or graphql-response+json POST (both yoga).
 */
async function send(stack: Stack, key: string, form: 'x-api-key' | 'bearer', lane: Lane, planned: Planned) {
  const params = { query: planned.query, variables: planned.variables };
  const search = new URLSearchParams({ query: params.query, variables: JSON.stringify(params.variables) });
  const url = lane === 'get' ? `${stack.gateway.url}/graphql?${search}` : `${stack.gateway.url}/graphql`;
  const headers: Record<string, string> = form === 'x-api-key' ? { 'x-api-key': key } : { authorization: `Bearer ${key}` };
  headers.accept = lane === 'graphql-response' ? 'application/graphql-response+json' : 'application/json';
  if (lane !== 'get') headers['content-type'] = 'application/json';
  const response = await fetch(url, { method: lane === 'get' ? 'GET' : 'POST', headers, ...(lane !== 'get' && { body: JSON.stringify(params) }) });
  const text = await response.text();
  return { request: `${url} ${JSON.stringify(params)}`, status: response.status, text, body: JSON.parse(text) as Sent['body'] };
}

/** Every string under an id-like key of `data`. */
function idsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => idsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) {
      if (typeof item === 'string' && /^(id|groupId|lookId|voiceId|defaultVoiceId)$/.test(name)) found.push(item);
      else idsIn(item, found);
    }
  }
  return found;
}

const FAULTS = [
  { status: 501 },
  { status: 401 },
  { status: 501, pathPrefix: '/v3/voices/' },
  { status: 401, body: JSON.stringify({ error: { code: 'authentication_failed', message: 'Invalid or expired API key.', param: null, doc_url: null } }) },
  { status: 501, pathPrefix: '/v3/avatars/' },
];

/** Gateway configurations the hammering runs against; add one for every cross-request mechanism (a cache, say). */
const CONFIGS: [string, Partial<Config>][] = [
  ['default config', {}],
  ['in-memory cache', { cacheTtlSeconds: 60 }],
];

/** Fires the seeded plan all at once, with faults scripted in as answers come back, capturing everything printed meanwhile. */
async function hammer(stack: Stack): Promise<{ sent: Sent[]; printed: string[] }> {
  const views = [viewOf(stack, KEYS[0], KEYS[1]), viewOf(stack, KEYS[1], KEYS[0])];
  const next = random(20250611);
  const plan = Array.from({ length: REQUESTS }, (_, index) => {
    const view = views[index % 2]!;
    const planned = pick(next, KINDS)(view, next);
    return { key: KEYS[index % 2]!, view, planned, form: pick(next, ['x-api-key', 'bearer'] as const), lane: pick(next, ['post', 'post', 'get', 'graphql-response'] as const) };
  });
  const spies = [...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method)), vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write')];
  FAULTS.forEach((fault) => stack.simulator.failNext(fault));
  let done = 0;
  try {
    const sent = await Promise.all(
      plan.map(async ({ key, view, planned, form, lane }) => {
        const answer = await send(stack, key, form, lane, planned);
        // More faults as answers come in, so failures land all through the run, not only at its start.
        if (++done % 20 === 0) stack.simulator.failNext(FAULTS[(done / 20) % FAULTS.length]!);
        return { ...planned, ...answer, key, view };
      }),
    );
    return { sent, printed: spies.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(' '))) };
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}

describe.each(CONFIGS)('tenant isolation under concurrent load (%s)', (_, config) => {
  let stack: Stack;
  let sent: Sent[];
  let printed: string[];
  beforeAll(async () => {
    stack = await startStack({ config });
    ({ sent, printed } = await hammer(stack));
  }, 30_000);
  afterAll(() => stack?.close());

  it('runs every kind of query for both tenants on both paths, and some fail upstream', () => {
    expect(sent).toHaveLength(REQUESTS);
    for (const key of KEYS) expect(new Set(sent.filter((item) => item.key === key).map((item) => item.kind)).size).toBe(KINDS.length);
    expect(new Set(stack.logs.map((line) => /"path":"(\w+)"/.exec(line)?.[1]).filter(Boolean))).toEqual(new Set(['fast', 'yoga']));
    const failed = sent.filter((item) => item.body.errors);
    expect(failed.length).toBeGreaterThanOrEqual(FAULTS.length);
    expect(new Set(failed.flatMap((item) => item.body.errors!.map((error) => error.extensions?.code)))).toEqual(new Set(['UPSTREAM_ERROR', 'UNAUTHENTICATED']));
  });

  it("never answers one tenant with the other's private data", () => {
    for (const item of sent) {
      const leaked = item.view.foreign.filter((text) => item.text.includes(text) && !item.request.includes(text));
      expect(leaked, `${item.kind} for ${item.view.own.groups[0]!.name}`).toEqual([]);
      expect(idsIn(item.body.data).filter((id) => !item.view.allowed.has(id)), item.kind).toEqual([]);
    }
  });

  it('answers each tenant exactly its own data when nothing failed', () => {
    const clean = sent.filter((item) => !item.body.errors);
    expect(clean.length).toBeGreaterThan(REQUESTS / 2);
    for (const item of clean) expect(item.body.data, item.kind).toEqual(item.expected);
  });

  it('sends upstream only the two keys, in both header forms', () => {
    expect(new Set(stack.simulator.requests.map((request) => request.credential))).toEqual(new Set(KEYS));
    expect(new Set(stack.simulator.requests.map((request) => request.credentialHeader))).toEqual(new Set(['x-api-key', 'authorization']));
  });

  it('keeps both keys out of every response, error and log line', () => {
    expect(stack.logs.length).toBeGreaterThan(0);
    const output = [...sent.map((item) => item.text), ...stack.logs, ...printed];
    expect(output.filter((line) => KEYS.some((key) => line.includes(key)))).toEqual([]);
  });
});

describe('keys echoed by HeyGen', () => {
  let echo: Stack;
  beforeAll(async () => {
    echo = await startStack();
  });
  afterAll(() => echo?.close());

  it.each([400, 401, 403, 429, 500, 503])('never pass on a key that a %i answer echoes', async (status) => {
    const texts: string[] = [];
    for (const key of KEYS) {
      for (const [form, headers] of [['x-api-key', { 'x-api-key': key }], ['bearer', { authorization: `Bearer ${key}` }]] as const) {
        // A path of its own, failing every attempt: retries meet the same fault, and nothing is left over for the next request.
        const groupId = `ag_echo_${status}_${form}_${key.slice(3, 11)}`;
        const message = `Credential ${key} (Bearer ${key}) is not valid for ${groupId}`;
        echo.simulator.failNext({ status, times: 10, pathPrefix: `/v3/avatars/${groupId}`, body: JSON.stringify({ error: { code: 'invalid_parameter', message, param: key, doc_url: null } }) });
        const response = await echo.query('query($id: ID!) { avatarGroup(groupId: $id) { groupId } }', { id: groupId }, headers);
        expect(response.errors, `${status} ${form}`).toHaveLength(1);
        texts.push(response.text);
      }
    }
    const output = [...texts, ...echo.logs];
    expect(output.filter((line) => KEYS.some((key) => line.includes(key)))).toEqual([]);
  });
});
