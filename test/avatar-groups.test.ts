import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/pagination/cursor.js';
import { codesOf, SIMULATOR_KEYS, startStack, type GraphQLResponse, type Stack } from './helpers.js';

const PAGE = /* GraphQL */ `
  query Page($first: Int, $after: String, $ownership: Ownership) {
    avatarGroups(first: $first, after: $after, ownership: $ownership) {
      edges { cursor node { groupId name } }
      nodes { groupId }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.simulator.clearRequests());

const listCalls = () => stack.simulator.requests.filter((request) => request.path === '/v3/avatars');

async function walk(first: number, ownership?: 'PUBLIC' | 'PRIVATE') {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 500; pages++) {
    const response: GraphQLResponse = await stack.query(PAGE, { first, after, ownership });
    expect(response.errors).toBeUndefined();
    const connection: any = response.data.avatarGroups;
    ids.push(...connection.edges.map((edge: any) => edge.node.groupId));
    expect(connection.nodes.map((node: any) => node.groupId)).toEqual(connection.edges.map((edge: any) => edge.node.groupId));
    expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return ids;
}

describe('avatarGroups paging', () => {
  const visible = () => stack.simulator.visibleTo(SIMULATOR_KEYS.demo);

  it.each([1, 7, 20, 50, 51, 100])('walks every public group with first %i in upstream order, within the cost rule', async (first) => {
    const expected = visible().groups.filter((group) => group.status === null).map((group) => group.id);
    expect(expected.length).toBeGreaterThan(100);
    const ids = await walk(first, 'PUBLIC');
    expect(ids).toEqual(expected);
    const bound = Math.ceil(expected.length / first) * Math.ceil(first / 50) + 1;
    expect(listCalls().length).toBeLessThanOrEqual(bound);
    expect(listCalls().every((request) => request.query.ownership === 'public')).toBe(true);
  });

  it('walks public and private groups together when ownership is omitted', async () => {
    const ids = await walk(33);
    expect(ids).toEqual(visible().groups.map((group) => group.id));
    expect(listCalls().every((request) => request.query.ownership === undefined)).toBe(true);
  });

  it('serves first above 50 from several upstream pages in one request', async () => {
    const response = await stack.query(PAGE, { first: 100 });
    expect(response.data.avatarGroups.edges).toHaveLength(100);
    expect(listCalls().map((request) => request.query.limit)).toEqual(['50', '50']);
    expect(listCalls()[1]?.query.token).toBeDefined();
    expect(response.extensions?.upstream).toEqual({ calls: 2, deduplicated: 0, cacheHits: 0 });
  });

  it('resumes right after a middle edge', async () => {
    const first = await stack.query(PAGE, { first: 10, ownership: 'PUBLIC' });
    const edges = first.data.avatarGroups.edges;
    const resumed = await stack.query(PAGE, { first: 5, after: edges[3].cursor, ownership: 'PUBLIC' });
    const all = await stack.query(PAGE, { first: 20, ownership: 'PUBLIC' });
    const expected = all.data.avatarGroups.edges.slice(4, 9).map((edge: any) => edge.node.groupId);
    expect(resumed.data.avatarGroups.edges.map((edge: any) => edge.node.groupId)).toEqual(expected);
    expect(resumed.data.avatarGroups.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('resumes from every edge of a page to the same next items', async () => {
    const page = await stack.query(PAGE, { first: 6 });
    const ids = visible().groups.map((group) => group.id);
    for (const [index, edge] of page.data.avatarGroups.edges.entries()) {
      const resumed = await stack.query(PAGE, { first: 3, after: edge.cursor });
      expect(resumed.data.avatarGroups.nodes.map((node: any) => node.groupId)).toEqual(ids.slice(index + 1, index + 4));
    }
  });

  it('resumes from an endCursor with one upstream call and no replay', async () => {
    const page = await stack.query(PAGE, { first: 20 });
    stack.simulator.clearRequests();
    await stack.query(PAGE, { first: 20, after: page.data.avatarGroups.pageInfo.endCursor });
    expect(listCalls()).toHaveLength(1);
    expect(listCalls()[0]?.query).toMatchObject({ limit: '20' });
    expect(listCalls()[0]?.query.token).toBeDefined();
  });

  it('answers an empty page with null cursors after the last edge, costing nothing', async () => {
    const last = await stack.query(PAGE, { first: 100, ownership: 'PRIVATE' });
    expect(last.data.avatarGroups.pageInfo.hasNextPage).toBe(false);
    stack.simulator.clearRequests();
    const after = await stack.query(PAGE, { first: 10, after: last.data.avatarGroups.pageInfo.endCursor, ownership: 'PRIVATE' });
    expect(after.data.avatarGroups).toEqual({
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
    expect(listCalls()).toHaveLength(0);
  });

  it('costs one call for two aliases of the same page', async () => {
    const response = await stack.query(`{ a: avatarGroups(first: 5) { nodes { name } } b: avatarGroups(first: 5) { nodes { groupId } } }`);
    expect(response.errors).toBeUndefined();
    expect(listCalls()).toHaveLength(1);
    expect(response.extensions?.upstream).toMatchObject({ calls: 1 });
  });

  it('primes groups from a list page so a lookup by id costs nothing', async () => {
    const id = visible().groups[2]!.id;
    const response = await stack.query(`query($id: ID!) { avatarGroups(first: 5) { nodes { name } } avatarGroup(groupId: $id) { name } }`, { id });
    expect(response.data.avatarGroup.name).toBe(visible().groups[2]!.name);
    expect(stack.simulator.requests).toHaveLength(1);
  });
});

describe('avatarGroups bad input', () => {
  const someCursor = async (ownership?: string) => (await stack.query(PAGE, { first: 3, ownership })).data.avatarGroups.edges[1].cursor;

  it.each([
    [-1, 'first must be 0..100, got -1'],
    [101, 'first must be 0..100, got 101'],
    [500, 'first must be 0..100, got 500'],
  ])('rejects first %i as BAD_USER_INPUT without calling HeyGen', async (first, message) => {
    const response = await stack.query(PAGE, { first });
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe(message);
    expect(stack.simulator.requests).toHaveLength(0);
  });

  it.each([
    ['garbage', 'garbage!!', /not a valid cursor/],
    ['edited bytes', 'MS5bIjFmcXEyNmUiLG51bGwsMCwzLDBdLjRodjVocq', /not a valid cursor/],
    ['a base64 string', Buffer.from('{"offset":3}').toString('base64url'), /not made by this gateway/],
  ])('rejects %s as a cursor', async (_, after, message) => {
    const response = await stack.query(PAGE, { first: 3, after });
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(message);
  });

  it.each([
    ['PUBLIC', 'PRIVATE'],
    ['PUBLIC', undefined],
    [undefined, 'PUBLIC'],
  ])('rejects a cursor made with ownership %s used with ownership %s', async (madeWith, usedWith) => {
    const after = await someCursor(madeWith);
    stack.simulator.clearRequests();
    const response = await stack.query(PAGE, { first: 3, after, ownership: usedWith });
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/made for another list or other filters/);
    expect(stack.simulator.requests).toHaveLength(0);
  });

  it('rejects a cursor whose upstream token HeyGen refuses, as BAD_USER_INPUT', async () => {
    const scope = { connection: 'avatarGroups', filters: 'ownership=*', maxPageSize: 50 };
    const after = encodeCursor({ pageToken: null, offset: 0, pageSize: 5, nextToken: 'expired-token' }, scope);
    const response = await stack.query(PAGE, { first: 3, after });
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/no longer accepted by HeyGen/);
    expect(listCalls()).toHaveLength(1);
  });

  it('rejects an unknown ownership literal as a validation error', async () => {
    const response = await stack.query(`{ avatarGroups(ownership: ALL) { nodes { name } } }`);
    expect(response.errors?.[0]?.message).toMatch(/ALL/);
    expect(stack.simulator.requests).toHaveLength(0);
  });
});
