import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/**
 * The two HTTP front-ends over the one pipeline: the JSON front-end takes `accept: application/json`,
 * yoga's own takes `application/graphql-response+json`. Whatever differs between them is HTTP only.
 */
const viaFastLane = (query: string, variables?: Record<string, unknown>) => stack.query(query, variables);
const viaYoga = (query: string, variables?: Record<string, unknown>) =>
  stack.query(query, variables, { 'x-api-key': SIMULATOR_KEYS.demo, accept: 'application/graphql-response+json' });

const QUERIES: [string, string][] = [
  ['a page of groups', `{ avatarGroups(first: 20) { edges { cursor node { id groupId name gender previewImageUrl looksCount defaultVoiceId consentStatus status createdAt } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`],
  ['groups with default voices', `{ avatarGroups(first: 20) { nodes { name defaultVoice { id voiceId name type supportPause supportLocale } } } }`],
  ['groups with looks', `{ avatarGroups(first: 10) { nodes { groupId looks(first: 5) { edges { cursor node { lookId avatarType tags supportedApiEngines group { name } } } } } } }`],
  ['fragments and aliases', `query Q { a: avatarGroups(first: 2) { ...page } b: avatarGroups(first: 3, ownership: PRIVATE) { ...page } } fragment page on AvatarGroupConnection { nodes { __typename name status } }`],
  ['a bad argument', `{ avatarGroups(first: 500) { nodes { name } } }`],
  ['a list with a failing last item', `{ nodes(ids: ["QXZhdGFyR3JvdXA6YWdfNDU0OGI5YzAzNzJh", "junk"]) { id } }`],
];

const lastPath = () =>
  stack.logs
    .map((line) => JSON.parse(line))
    .filter((entry) => entry.msg === 'graphql request')
    .pop()?.path;

describe('the JSON front-end and yoga', () => {
  it('serves a plain JSON query itself and leaves graphql-response+json to yoga', async () => {
    await viaFastLane(QUERIES[0]![1]);
    expect(lastPath()).toBe('fast');
    await viaYoga(QUERIES[0]![1]);
    expect(lastPath()).toBe('yoga');
  });

  it.each(QUERIES)('answers %s exactly as yoga does', async (_, query) => {
    // One after the other: at once, the second would join the first's HeyGen calls and report no calls of its own.
    const fast = await viaFastLane(query);
    const slow = await viaYoga(query);
    expect(fast.data).toEqual(slow.data);
    expect(fast.errors?.map(({ message, path, extensions }) => ({ message, path, code: extensions?.code }))).toEqual(
      slow.errors?.map(({ message, path, extensions }) => ({ message, path, code: extensions?.code })),
    );
    expect(fast.extensions?.upstream).toEqual(slow.extensions?.upstream);
    if (!fast.errors) expect(fast.text).toBe(slow.text);
  });

  it('answers a document that fails validation with the same bytes and status as yoga', async () => {
    const query = '{ avatarGroups(first: 1) { nodes { nope } } }';
    const asYoga = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, multipart/mixed', 'x-api-key': SIMULATOR_KEYS.demo },
      body: JSON.stringify({ query }),
    });
    const fast = await viaFastLane(query);
    expect(lastPath()).toBe('yoga');
    expect([fast.status, fast.text]).toEqual([asYoga.status, await asYoga.text()]);
  });

  it.each([
    ['the JSON front-end', { accept: 'application/json' }],
    ['yoga', { accept: 'application/graphql-response+json' }],
  ])('sends the same CORS headers from %s', async (_, headers) => {
    const response = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://app.example.com', 'x-api-key': SIMULATOR_KEYS.demo, ...headers },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('answers null in place of a failing last list item', async () => {
    const response = await viaFastLane(QUERIES[5]![1]);
    expect(response.data.nodes).toHaveLength(2);
    expect(response.data.nodes[1]).toBeNull();
  });

  it('runs operations picked by name with variables', async () => {
    const response = await stack.query(`query A { avatarGroups(first: 1) { nodes { name } } } query B($n: Int) { avatarGroups(first: $n) { nodes { name } } }`, { n: 2 });
    expect(response.errors?.[0]?.message).toMatch(/Could not determine what operation/);
    const named = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': SIMULATOR_KEYS.demo },
      body: JSON.stringify({ query: `query A { avatarGroups(first: 1) { nodes { name } } } query B($n: Int) { avatarGroups(first: $n) { nodes { name } } }`, operationName: 'B', variables: { n: 2 } }),
    });
    expect((await named.json()).data.avatarGroups.nodes).toHaveLength(2);
  });

  it.each([
    ['a syntax error', '{ avatarGroups(', /Syntax Error/],
    ['an unknown field', '{ nope }', /Cannot query field "nope"/],
    ['a wrong variable type', 'query($n: Int) { avatarGroups(first: $n) { nodes { name } } }', /Int cannot represent/],
  ])('leaves %s to yoga, which explains it', async (_, query, message) => {
    const response = await stack.query(query, { n: 'ten' });
    expect(response.errors?.[0]?.message).toMatch(message);
  });

  it('leaves a body over its size limit to yoga unread', async () => {
    const response = await stack.query(`# ${'x'.repeat(150_000)}\n{ avatarGroups(first: 1) { nodes { name } } }`);
    expect(response.data.avatarGroups.nodes).toHaveLength(1);
  });

  it('leaves a malformed JSON body to yoga', async () => {
    const response = await fetch(`${stack.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
  });
});
