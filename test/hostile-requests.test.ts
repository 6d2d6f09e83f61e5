import { getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLError } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig } from '../src/config.js';
import { maskError } from '../src/graphql/errors.js';
import { seededRandom as seeded } from '../src/simulator/catalogue.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { createLimitedParse, createLimitRules } from '../src/graphql/limits.js';
import { planUpstreamCost } from '../src/graphql/upstream-cost.js';
import { createSchema } from '../src/graphql/schema.js';
import { encodeCursor } from '../src/pagination/cursor.js';
import * as examples from '../src/server/examples.js';
import { codesOf, SIMULATOR_KEYS, startStack, type GraphQLResponse, type Stack } from './helpers.js';

/*
 * What a hostile or careless client can send: limits on size and shape, CSRF, masking, and a fuzz of
 * every argument. Every answer must be a 4xx or a GraphQL error with a stable code, never a 5xx or a
 * stack, and HeyGen must only ever see its six routes with ids percent-encoded into one path segment.
 */

const schema = createSchema({ nodeField: DEFAULT_CONFIG.federationNodeField });
const DEMO = { 'x-api-key': SIMULATOR_KEYS.demo };

// Seeded, so every run fuzzes the same values.
const random = seeded(20250219);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const randomText = (alphabet: readonly string[], length: number) => Array.from({ length }, () => pick(alphabet)).join('');

const HOSTILE_CHARACTERS = ['/', '.', '..', '%', '%2e', '%2F', '?', '#', '&', '=', ';', '\\', ' ', '+', 'é', '漢', '🙂', '\u202e', 'a', 'Z', '0', '_', '-', ':'];
const BASE64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];

/** The six HeyGen routes; an id must fill exactly one segment. */
const ROUTES = [/^\/v3\/avatars$/, /^\/v3\/avatars\/looks$/, /^\/v3\/voices$/, /^\/v3\/avatars\/looks\/[^/]+$/, /^\/v3\/avatars\/[^/]+$/, /^\/v3\/voices\/[^/]+$/];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.simulator.clearRequests());

type Lane = 'fast lane' | 'yoga';
const LANES: Lane[] = ['fast lane', 'yoga'];
/** Plain JSON POSTs take the fast lane; asking for graphql-response+json takes yoga. */
const ask = (lane: Lane, query: string, variables?: Record<string, unknown>, target: Stack = stack) =>
  target.query(query, variables, lane === 'yoga' ? { ...DEMO, accept: 'application/graphql-response+json' } : DEMO);

/** A raw request to /graphql, for bodies and headers the helper does not send. */
async function send(init: RequestInit & { path?: string }, target: Stack = stack): Promise<{ status: number; text: string; body: any }> {
  const response = await fetch(`${target.gateway.url}${init.path ?? '/graphql'}`, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body };
}

/** No 5xx, no stack trace, no internal path in the body. */
function expectClean(response: { status: number; text: string }): void {
  expect(response.status).toBeLessThan(500);
  expect(response.text).not.toMatch(/"stack"|\n\s+at |\bat [\w.<>]+ \(|node_modules|file:\/\/|\.ts:\d+/);
}

/** Every upstream call is one of the six routes, with no dot segment and every segment percent-encoded. */
function expectSafeUpstreamPaths(): void {
  for (const { path } of stack.simulator.requests) {
    expect(ROUTES.some((route) => route.test(path)), path).toBe(true);
    for (const segment of path.split('/').slice(1)) {
      expect(segment, path).not.toMatch(/^\.{1,2}$/);
      expect(encodeURIComponent(decodeURIComponent(segment)), path).toBe(segment);
    }
  }
}

/** Either no error at all, or only errors with one of `codes`. */
function expectCodes(response: GraphQLResponse, codes: string[]): void {
  expectClean(response);
  for (const code of codesOf(response)) expect(codes).toContain(code);
}

describe('request limits', () => {
  const valid = (query: string) => validate(schema, parse(query), [...specifiedRules, ...createLimitRules(DEFAULT_CONFIG)]);

  it.each(Object.entries(examples))('admits the GraphiQL example %s', (_, query) => {
    expect(valid(query)).toEqual([]);
  });

  it("admits GraphiQL's introspection query", () => {
    expect(valid(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true, directiveIsRepeatable: true }))).toEqual([]);
  });

  const nest = (levels: number) => {
    // avatarGroups > nodes > (looks > nodes > group) × n > name, with first: 1 so the cost stays small.
    let inner = 'name';
    for (let i = 0; i < levels; i++) inner = `looks(first: 1) { nodes { group { ${inner} } } }`;
    return `{ avatarGroups(first: 1) { nodes { ${inner} } } }`;
  };

  it.each(LANES)('on the %s, runs a query 12 fields deep and refuses one 15 deep', async (lane) => {
    const within = await ask(lane, nest(3));
    expect(within.errors).toBeUndefined();
    const deep = await ask(lane, nest(4));
    expect(codesOf(deep)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(deep.errors?.[0]?.message).toBe('query is 15 fields deep; the limit is 12 (nest fewer fields)');
  });

  it('counts the depth fragments add', () => {
    const query = `{ avatarGroups(first: 1) { nodes { ...g } } } fragment g on AvatarGroup { looks(first: 1) { nodes { ...l } } }
      fragment l on AvatarLook { group { looks(first: 1) { nodes { group { looks(first: 1) { nodes { group { looks(first: 1) { nodes { name } } } } } } } } } }`;
    expect(valid(query).map((error) => error.message)).toEqual(['query is 14 fields deep; the limit is 12 (nest fewer fields)']);
  });

  it.each([
    ['aliases', 16, (i: number) => `a${i}: __typename`, 'query has 16 aliases; the limit is 15'],
    ['directives', 21, (i: number) => `f${i}: __typename @include(if: true)`, 'query has 21 directives; the limit is 20'],
  ])('refuses more %s than allowed, on both paths', async (_, count, field, message) => {
    const query = `{ ${Array.from({ length: count }, (__, i) => field(i)).join(' ')} }`;
    for (const lane of LANES) {
      const response = await ask(lane, query);
      expect(response.errors?.map((error) => [error.message, error.extensions?.code])).toContainEqual([message, 'QUERY_TOO_COMPLEX']);
    }
  });

  it.each(LANES)('on the %s, refuses a document over MAX_FIELDS before validating it', async (lane) => {
    const response = await ask(lane, `{ ${'_service { sdl } '.repeat(1249)} }`);
    expect(codesOf(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.errors?.[0]?.message).toBe('query has more than 200 fields and fragments; the limit is 200');
  });

  it('counts fields, fragment spreads and inline fragments as written, each fragment once', () => {
    const limitedParse = createLimitedParse({ ...DEFAULT_CONFIG, maxFields: 6 });
    expect(() => limitedParse('{ a ...f ... on Query { b } } fragment f on Query { c d }')).not.toThrow();
    expect(() => limitedParse('{ a ...f ...f ... on Query { b } } fragment f on Query { c d }')).toThrow('query has more than 6 fields and fragments; the limit is 6');
  });

  it("parses GraphiQL's introspection query and examples within MAX_FIELDS", () => {
    const limitedParse = createLimitedParse(DEFAULT_CONFIG);
    const introspection = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true, directiveIsRepeatable: true });
    for (const query of [introspection, ...Object.values(examples)]) expect(() => limitedParse(query)).not.toThrow();
  });

  it.each(LANES)('on the %s, refuses a document over MAX_TOKENS without parsing it all', async (lane) => {
    const response = await ask(lane, `{ ${'__typename '.repeat(5000)} }`);
    expect(codesOf(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.errors?.[0]?.message).toBe('query has more than 5000 tokens; the limit is 5000');
  });

  const EXPENSIVE = 'query($n: Int) { avatarGroups(first: $n) { nodes { looks(first: $n) { nodes { group { name } } } } } }';

  it.each(LANES)('on the %s, refuses a query that could make too many upstream calls, and makes none', async (lane) => {
    const response = await ask(lane, EXPENSIVE, { n: 50 });
    expect(codesOf(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.errors?.[0]?.message).toBe('query could cost up to 2551 upstream calls; the limit is 500 (lower first, or nest fewer lists)');
    expect(stack.simulator.requests).toEqual([]);
  });

  it.each(LANES)('on the %s, judges the cost by the variables sent, as Relay clients page', async (lane) => {
    const response = await ask(lane, EXPENSIVE, { n: 3 });
    expect(response.errors).toBeUndefined();
    expect(response.data.avatarGroups.nodes).toHaveLength(3);
  });

  it.each([
    ['the README example', '{ avatarGroups(first: 2) { edges { node { defaultVoice { name } looks(first: 2) { nodes { lookId } } } } } }', undefined, 5],
    ['20 groups with default voices', '{ avatarGroups(first: 20) { nodes { defaultVoice { name } } } }', undefined, 21],
    ['10 groups with 5 looks each', '{ avatarGroups(first: 10) { nodes { looks(first: 5) { nodes { lookId } } } } }', undefined, 11],
    ['the default page size', '{ avatarLooks { nodes { group { name } defaultVoice { name } } } }', undefined, 41],
    ['100 groups, two HeyGen pages', '{ avatarGroups(first: 100) { nodes { name } } }', undefined, 2],
    ['100 voices, one HeyGen page', '{ voices(first: 100) { nodes { name } } }', undefined, 1],
    ['first: 0, which still asks HeyGen once', '{ avatarGroups(first: 0) { nodes { defaultVoice { name } } } }', undefined, 1],
    ['ids in a list', '{ nodes(ids: ["a", "b", "c"]) { id } }', undefined, 3],
    ['representations in a variable', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on AvatarGroup { defaultVoice { name } } } }', { r: Array(50).fill({}) }, 100],
    ['a variable with a default', 'query($n: Int = 7) { avatarGroups(first: $n) { nodes { defaultVoice { name } } } }', {}, 8],
    ['a fragment spread on two levels', '{ avatarGroup(groupId: "x") { ...g looks(first: 3) { nodes { group { ...g } } } } } fragment g on AvatarGroup { defaultVoice { name } }', undefined, 9],
    ['a type-conditioned node', '{ node(id: "x") { ... on AvatarLook { group { defaultVoice { name } } } ... on Voice { name } } }', undefined, 3],
  ])('counts the upstream calls of %s', (_, query, variables, calls) => {
    expect(planUpstreamCost(schema, parse(query))(variables)).toBe(calls);
  });

  it('plans fragments of fragments without expanding them', () => {
    const fragments = Array.from({ length: 60 }, (_, i) => `fragment f${i} on Query { ...f${i + 1} ...f${i + 1} }`).join(' ');
    const query = `{ ...f0 } ${fragments} fragment f60 on Query { voice(voiceId: "v") { name } }`;
    expect(planUpstreamCost(schema, parse(query))(undefined)).toBe(1);
  });
});

describe('hostile requests over HTTP', () => {
  it('refuses a body over MAX_BODY_BYTES with 413, however it is sent', async () => {
    const query = JSON.stringify({ query: `# ${'x'.repeat(DEFAULT_CONFIG.maxBodyBytes)}\n{ __typename }` });
    const chunked = () => new ReadableStream({ start: (controller) => (controller.enqueue(new TextEncoder().encode(query)), controller.close()) });
    const cases: RequestInit[] = [
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: query },
      { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: query },
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunked(), duplex: 'half' } as RequestInit,
      { method: 'POST', headers: { 'content-type': 'application/graphql+json', ...DEMO }, body: chunked(), duplex: 'half' } as RequestInit,
    ];
    for (const init of cases) {
      const response = await send(init);
      expect(response.status).toBe(413);
      expect(response.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    }
  });

  it('hands a chunked body within the limit to yoga whole', async () => {
    const query = JSON.stringify({ query: '{ __typename }' });
    const body = new ReadableStream({ start: (controller) => (controller.enqueue(new TextEncoder().encode(query)), controller.close()) });
    const init = { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body, duplex: 'half' };
    const response = await send(init as RequestInit);
    expect(response.body.data).toEqual({ __typename: 'Query' });
  });

  it('refuses a batch (a JSON array) with 400', async () => {
    const response = await send({ method: 'POST', headers: { 'content-type': 'application/json', ...DEMO }, body: JSON.stringify([{ query: '{ __typename }' }]) });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ message: 'Batching is not supported.', extensions: { code: 'BAD_REQUEST' } });
  });

  const GET_QUERY = `/graphql?query=${encodeURIComponent('{ __typename }')}`;
  it.each([
    ['a GET', { path: GET_QUERY, headers: { accept: 'application/json' } }],
    ['a form POST', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' }],
    ['a text/plain POST', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' }],
  ])('refuses %s that no header marks as preflighted (CSRF)', async (_, init) => {
    const response = await send(init as RequestInit);
    expect(response.status).toBe(403);
    expect(response.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it.each([
    ['a credential', { ...DEMO, accept: 'application/json' }],
    ["yoga's CSRF header", { 'x-graphql-yoga-csrf': '1', accept: 'application/json' }],
  ])('serves a GET that carries %s', async (_, headers) => {
    const response = await send({ path: GET_QUERY, headers });
    expect(response.body.data).toEqual({ __typename: 'Query' });
  });

  it('still serves GraphiQL to a browser GET', async () => {
    const response = await send({ headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/graphiql/i);
  });

  it.each(LANES)('on the %s, answers introspection by default', async (lane) => {
    const response = await ask(lane, '{ __schema { queryType { name } } }');
    expect(response.data.__schema.queryType.name).toBe('Query');
  });

  it.each(LANES)('on the %s, names a malformed upstream item without a stack', async (lane) => {
    const body = JSON.stringify({ data: [{ id: 'ag_broken', name: 'Broken', looks_count: 0, created_at: 'yesterday' }], has_more: false, next_token: null });
    stack.simulator.failNext({ body, pathPrefix: '/v3/avatars' });
    const response = await ask(lane, '{ avatarGroups(first: 1) { nodes { name createdAt } } }');
    expect(response.errors?.map(({ message, extensions }) => [message, extensions?.code])).toEqual([
      ['HeyGen sent avatar group "ag_broken" without a valid created_at', 'UPSTREAM_ERROR'],
    ]);
    expect(response.text).not.toMatch(/RangeError|Invalid time value/);
    expectClean(response);
  });

  it('masks an error it does not know as "Unexpected error." with no internals', () => {
    const masked = maskError(new Error('secret internal detail'), 'Unexpected error.', false) as GraphQLError;
    expect(masked.message).toBe('Unexpected error.');
    expect(JSON.stringify(masked)).not.toMatch(/secret internal detail|at .*\.ts/);
  });
});

describe('limit settings', () => {
  it('reads every limit from the environment', () => {
    const env = {
      MAX_QUERY_DEPTH: '8',
      MAX_ALIASES: '3',
      MAX_DIRECTIVES: '4',
      MAX_TOKENS: '900',
      MAX_FIELDS: '50',
      MAX_UPSTREAM_COST: '50',
      MAX_BODY_BYTES: '4096',
      REQUEST_BODY_TIMEOUT_MS: '2000',
      INTROSPECTION: 'false',
    };
    expect(loadConfig(env)).toMatchObject({
      maxQueryDepth: 8,
      maxAliases: 3,
      maxDirectives: 4,
      maxTokens: 900,
      maxFields: 50,
      maxUpstreamCost: 50,
      maxBodyBytes: 4096,
      requestBodyTimeoutMs: 2000,
      introspection: false,
    });
  });

  it.each([
    [{ MAX_QUERY_DEPTH: '0' }, 'MAX_QUERY_DEPTH must be a whole number from 1 to 1000, got "0"'],
    [{ MAX_TOKENS: 'lots' }, 'MAX_TOKENS must be a whole number from 100 to 1000000, got "lots"'],
    [{ MAX_FIELDS: '0' }, 'MAX_FIELDS must be a whole number from 1 to 100000, got "0"'],
    [{ REQUEST_BODY_TIMEOUT_MS: '5' }, 'REQUEST_BODY_TIMEOUT_MS must be a whole number from 100 to 600000, got "5"'],
    [{ MAX_UPSTREAM_COST: '-5' }, 'MAX_UPSTREAM_COST must be a whole number from 1 to 1000000, got "-5"'],
    [{ MAX_BODY_BYTES: '10' }, 'MAX_BODY_BYTES must be a whole number from 1024 to 104857600, got "10"'],
    [{ INTROSPECTION: 'maybe' }, 'INTROSPECTION must be one of true, false, 1, 0, got "maybe"'],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('with tighter settings and introspection off', () => {
  let closed: Stack;
  beforeAll(async () => {
    closed = await startStack({ config: { introspection: false, maxQueryDepth: 3, maxAliases: 1, maxTokens: 100, maxFields: 4, maxUpstreamCost: 10, maxBodyBytes: 2048 } });
  });
  afterAll(() => closed.close());

  it.each([
    ['depth', '{ avatarGroups(first: 1) { nodes { defaultVoice { name } } } }', 'query is 4 fields deep; the limit is 3 (nest fewer fields)'],
    ['aliases', '{ a: __typename b: __typename }', 'query has 2 aliases; the limit is 1'],
    ['tokens', `{ ${'__typename '.repeat(100)} }`, 'query has more than 100 tokens; the limit is 100'],
    ['fields', '{ __typename __typename __typename __typename __typename }', 'query has more than 4 fields and fragments; the limit is 4'],
    ['upstream cost', `{ nodes(ids: ${JSON.stringify(Array(11).fill('x'))}) { id } }`, 'query could cost up to 11 upstream calls; the limit is 10 (lower first, or nest fewer lists)'],
  ])('applies its %s limit on both paths', async (_, query, message) => {
    for (const lane of LANES) {
      const response = await ask(lane, query, undefined, closed);
      expect(response.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([[message, 'QUERY_TOO_COMPLEX']]);
    }
  });

  it('applies its body limit', async () => {
    const response = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `#${'x'.repeat(2048)}\n{ __typename }` }) }, closed);
    expect(response.status).toBe(413);
  });

  it.each(LANES)('on the %s, refuses __schema and __type but answers __typename', async (lane) => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Query") { name } }']) {
      const response = await ask(lane, query, undefined, closed);
      expect(new Set(codesOf(response))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
      expect(response.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    }
    expect((await ask(lane, '{ __typename }', undefined, closed)).data).toEqual({ __typename: 'Query' });
  });
});

describe('argument fuzz', () => {
  const SCOPE = { connection: 'avatarGroups', filters: 'ownership=*', maxPageSize: 50 };
  const CURSORS: [string, string][] = [
    ['empty', ''],
    ['garbage', 'not a cursor'],
    ['base64 of nothing useful', Buffer.from('hello').toString('base64url')],
    ['another version', Buffer.from('9.[]').toString('base64url')],
    ['very long', 'A'.repeat(20_000)],
    ['unicode', '游标🙂\u202e'],
    ['a lone surrogate', '\ud800abc'],
    ...Array.from({ length: 12 }, (_, i): [string, string] => [`random ${i}`, randomText(BASE64URL, 1 + Math.floor(random() * 120))]),
    ...Array.from({ length: 4 }, (_, i): [string, string] => [`hostile ${i}`, randomText(HOSTILE_CHARACTERS, 1 + Math.floor(random() * 20))]),
  ];

  it.each(CURSORS)('refuses a %s cursor as BAD_USER_INPUT without calling HeyGen', async (_, after) => {
    for (const lane of LANES) {
      const response = await ask(lane, 'query($after: String) { avatarGroups(first: 2, after: $after) { nodes { name } } }', { after });
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expectClean(response);
    }
    expect(stack.simulator.requests).toEqual([]);
  });

  it('sends a forged cursor’s token to HeyGen only as the token parameter', async () => {
    const token = '../../v3/voices?limit=1000&x=/';
    const after = encodeCursor({ pageToken: token, offset: 0, pageSize: 2 }, SCOPE);
    const response = await ask('fast lane', 'query($after: String) { avatarGroups(first: 2, after: $after) { nodes { name } } }', { after });
    expectCodes(response, ['BAD_USER_INPUT']);
    expect(stack.simulator.requests.map(({ path, query }) => [path, query.token])).toEqual([['/v3/avatars', token]]);
    expectSafeUpstreamPaths();
  });

  const IDS: [string, string][] = [
    ['a dot', '.'],
    ['two dots', '..'],
    ['three dots', '...'],
    ['a traversal', '../voices'],
    ['a deep traversal', '../../../v3/voices/x'],
    ['a slash', 'ag_1/looks'],
    ['the looks route', 'looks'],
    ['encoded dots', '%2e%2e'],
    ['an encoded slash', 'a%2Fb'],
    ['a query string', 'x?limit=1000'],
    ['a fragment', 'x#y'],
    ['a backslash', '..\\..\\x'],
    ['spaces', '  '],
    ['unicode', 'ünïcødé-漢字-🙂'],
    ['a lone surrogate', 'ag_\udc00'],
    ['a control character', 'ag_\u0000'],
    ['too long', 'x'.repeat(300)],
    ...Array.from({ length: 16 }, (_, i): [string, string] => [`random ${i}`, randomText(HOSTILE_CHARACTERS, 1 + Math.floor(random() * 12))]),
  ];
  const LOOKUPS = [
    ['avatarGroup', 'query($id: ID!) { avatarGroup(groupId: $id) { name } }'],
    ['avatarLook', 'query($id: ID!) { avatarLook(lookId: $id) { name } }'],
    ['voice', 'query($id: ID!) { voice(voiceId: $id) { name } }'],
    ['avatarLooks', 'query($id: ID!) { avatarLooks(first: 1, groupId: $id) { nodes { name } } }'],
  ] as const;

  /** Each call for `id` names it whole, in its own segment or as the group_id filter. */
  function expectIdInItsPlace(id: string): void {
    const segment = encodeURIComponent(id);
    const places = new Set([`/v3/avatars/${segment}`, `/v3/avatars/looks/${segment}`, `/v3/voices/${segment}`]);
    for (const { path, query } of stack.simulator.requests) {
      if (path === '/v3/avatars/looks') expect(query.group_id).toBe(id);
      else expect(places, path).toContain(path);
    }
  }

  it.each(IDS)('keeps an id with %s inside one encoded path segment', async (_, id) => {
    for (const lane of LANES) {
      for (const [field, query] of LOOKUPS) {
        const response = await ask(lane, query, { id });
        expectCodes(response, ['BAD_USER_INPUT']);
        if (!response.errors) expect(response.data[field], field).not.toBeUndefined();
      }
      const globals = (['AvatarGroup', 'AvatarLook', 'Voice'] as const).map((type) => toGlobalId(type, id));
      const nodes = await ask(lane, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: globals });
      expectCodes(nodes, ['BAD_USER_INPUT']);
      const entities = await ask(lane, 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
        r: [{ __typename: 'AvatarGroup', groupId: id }, { __typename: 'AvatarLook', lookId: id }, { __typename: 'Voice', voiceId: id }],
      });
      expectCodes(entities, ['BAD_USER_INPUT']);
    }
    expectSafeUpstreamPaths();
    // A global id is UTF-8 inside: a lone surrogate in one arrives as U+FFFD, a lookup like any other.
    expectIdInItsPlace(Buffer.from(id).toString());
  });

  it('survives variables nested 200000 deep', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
    const body = `{"query":${JSON.stringify(query)},"variables":{"r":[${'['.repeat(200_000)}${']'.repeat(200_000)}]}}`;
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const response = await send({ method: 'POST', headers: { 'content-type': 'application/json', accept, ...DEMO }, body });
      expectClean(response);
      expect(response.body.errors.map((error: any) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it.each([
    ['a huge literal first', '{ avatarGroups(first: 2147483648) { nodes { name } } }', undefined, 'GRAPHQL_VALIDATION_FAILED'],
    ['a float literal first', '{ avatarGroups(first: 1e100) { nodes { name } } }', undefined, 'GRAPHQL_VALIDATION_FAILED'],
    ['a negative first', '{ avatarGroups(first: -1) { nodes { name } } }', undefined, 'BAD_USER_INPUT'],
    ['first over 100', '{ avatarGroups(first: 101) { nodes { name } } }', undefined, 'BAD_USER_INPUT'],
    ['a huge variable first', 'query($n: Int) { avatarGroups(first: $n) { nodes { name } } }', { n: 9007199254740993 }, 'BAD_USER_INPUT'],
    ['a string for an Int', 'query($n: Int) { avatarGroups(first: $n) { nodes { name } } }', { n: '10' }, 'BAD_USER_INPUT'],
    ['an object for an ID', 'query($id: ID!) { avatarGroup(groupId: $id) { name } }', { id: { $ne: 1 } }, 'BAD_USER_INPUT'],
    ['null for a non-null variable', 'query($id: ID!) { avatarGroup(groupId: $id) { name } }', { id: null }, 'BAD_USER_INPUT'],
    ['a missing variable', 'query($id: ID!) { avatarGroup(groupId: $id) { name } }', {}, 'BAD_USER_INPUT'],
    ['a number for a cursor', 'query($a: String) { avatarGroups(after: $a) { nodes { name } } }', { a: 5 }, 'BAD_USER_INPUT'],
    ['an unknown enum literal', '{ avatarGroups(ownership: EVERYONE) { nodes { name } } }', undefined, 'GRAPHQL_VALIDATION_FAILED'],
    ['a lowercase enum literal', '{ voices(type: public) { nodes { name } } }', undefined, 'GRAPHQL_VALIDATION_FAILED'],
    ['a string for an enum literal', '{ avatarGroups(ownership: "PUBLIC") { nodes { name } } }', undefined, 'GRAPHQL_VALIDATION_FAILED'],
    ['an unknown enum variable', 'query($o: Ownership) { avatarGroups(ownership: $o) { nodes { name } } }', { o: 'EVERYONE' }, 'BAD_USER_INPUT'],
    ['an unknown avatar type', 'query($t: AvatarType) { avatarLooks(avatarType: $t) { nodes { name } } }', { t: 'HOLOGRAM' }, 'BAD_USER_INPUT'],
    ['a wrong variable type', 'query($n: String) { avatarGroups(first: $n) { nodes { name } } }', { n: '1' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['more than 100 ids', 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array(101).fill('x') }, 'BAD_USER_INPUT'],
    ['a lone surrogate in a filter', 'query($l: String) { voices(first: 1, language: $l) { nodes { name } } }', { l: '\ud800' }, 'BAD_USER_INPUT'],
    ['a lone surrogate in a representation', 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: [{ __typename: 'Voice', voiceId: 'v\ud800' }] }, 'BAD_USER_INPUT'],
    ['two operations and no operationName', 'query A { __typename } query B { __typename }', undefined, 'OPERATION_RESOLUTION_FAILURE'],
  ])('answers %s with a stable code on both paths', async (_, query, variables, code) => {
    for (const lane of LANES) {
      const response = await ask(lane, query, variables);
      expect(codesOf(response), lane).toContain(code);
      expectClean(response);
    }
    expectSafeUpstreamPaths();
  });
});
