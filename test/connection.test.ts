import { describe, expect, it } from 'vitest';
import { loadConnection, type ConnectionModel, type FetchPage } from '../src/pagination/connection.js';
import { decodeCursor, PagingError, type CursorScope } from '../src/pagination/cursor.js';

const scope: CursorScope = { connection: 'letters', filters: 'none', maxPageSize: 5 };
const LETTERS = 'abcdefghijklm'.split('');

/** What the in-memory upstream throws for a token it never gave out, as HeyGen answers 400. */
class RefusedToken extends Error {}
const isTokenRefused = (error: unknown) => error instanceof RefusedToken;

/** An in-memory upstream that pages LETTERS by `{last}` tokens and logs each request. */
function upstream(items = LETTERS) {
  const calls: { token: string | null; limit: number }[] = [];
  const fetchPage: FetchPage<string> = async ({ token, limit }) => {
    calls.push({ token, limit });
    if (limit < 1 || limit > scope.maxPageSize) throw new Error(`limit ${limit} out of range`);
    const start = token === null ? 0 : items.indexOf(token.slice(5)) + 1;
    if (token !== null && start === 0) throw new RefusedToken('invalid token');
    const page = items.slice(start, start + limit);
    const hasMore = start + limit < items.length;
    return { items: page, hasMore, nextToken: hasMore ? `last:${page[page.length - 1]}` : null };
  };
  return { calls, fetchPage };
}

/** The whole connection as a client would see it. */
function view(connection: ConnectionModel<string>) {
  return {
    nodes: connection.edges.map((edge) => edge.node).join(''),
    pageInfo: {
      hasNextPage: connection.pageInfo.hasNextPage,
      hasPreviousPage: connection.pageInfo.hasPreviousPage,
      startCursor: connection.pageInfo.startCursor,
      endCursor: connection.pageInfo.endCursor,
    },
  };
}

async function walk(first: number) {
  const { calls, fetchPage } = upstream();
  let seen = '';
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const connection: ConnectionModel<string> = await loadConnection({ first, after }, scope, fetchPage);
    seen += view(connection).nodes;
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return { seen, calls: calls.length };
}

describe('connection paging', () => {
  it('returns the first page with pageInfo', async () => {
    const connection = await loadConnection({ first: 3 }, scope, upstream().fetchPage);
    expect(view(connection)).toEqual({
      nodes: 'abc',
      pageInfo: {
        hasNextPage: true,
        hasPreviousPage: false,
        startCursor: connection.edges[0]!.cursor,
        endCursor: connection.edges[2]!.cursor,
      },
    });
  });

  it.each([1, 2, 3, 4, 5, 6, 9, 13, 20])('walks the whole list with first %i in order, within the cost rule', async (first) => {
    const { seen, calls } = await walk(first);
    expect(seen).toBe(LETTERS.join(''));
    const bound = Math.ceil(LETTERS.length / first) * Math.ceil(first / scope.maxPageSize) + 1;
    expect(calls).toBeLessThanOrEqual(bound);
  });

  it('follows next_token across upstream pages to fill first', async () => {
    const { calls, fetchPage } = upstream();
    const connection = await loadConnection({ first: 12 }, scope, fetchPage);
    expect(view(connection).nodes).toBe('abcdefghijkl');
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(calls).toEqual([
      { token: null, limit: 5 },
      { token: 'last:e', limit: 5 },
      { token: 'last:j', limit: 2 },
    ]);
  });

  it('resumes right after a middle edge by replaying its page', async () => {
    const { calls, fetchPage } = upstream();
    const page = await loadConnection({ first: 5 }, scope, fetchPage);
    const middle = page.edges[1]!.cursor;
    calls.length = 0;
    const resumed = await loadConnection({ first: 4, after: middle }, scope, fetchPage);
    expect(view(resumed).nodes).toBe('cdef');
    expect(resumed.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(calls).toEqual([
      { token: null, limit: 5 },
      { token: 'last:e', limit: 1 },
    ]);
  });

  it('resumes from an edge that ends its page without replaying it', async () => {
    const { calls, fetchPage } = upstream();
    const page = await loadConnection({ first: 5 }, scope, fetchPage);
    calls.length = 0;
    const resumed = await loadConnection({ first: 2, after: page.edges[4]!.cursor }, scope, fetchPage);
    expect(view(resumed).nodes).toBe('fg');
    expect(calls).toEqual([{ token: 'last:e', limit: 2 }]);
  });

  it('answers after the last edge with an empty page and no upstream call', async () => {
    const { calls, fetchPage } = upstream();
    const all = await loadConnection({ first: 13 }, scope, fetchPage);
    expect(all.pageInfo.hasNextPage).toBe(false);
    expect(decodeCursor(all.edges[12]!.cursor, scope).end).toBe(true);
    calls.length = 0;
    const after = await loadConnection({ first: 5, after: all.pageInfo.endCursor }, scope, fetchPage);
    expect(view(after)).toEqual({ nodes: '', pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null } });
    expect(calls).toEqual([]);
  });

  it('answers first: 0 with no edges and a truthful hasNextPage', async () => {
    const connection = await loadConnection({ first: 0 }, scope, upstream().fetchPage);
    expect(view(connection)).toEqual({ nodes: '', pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null } });
    const empty = await loadConnection({ first: 0 }, scope, upstream([]).fetchPage);
    expect(empty.pageInfo.hasNextPage).toBe(false);
  });

  it('reports no next page when the list ends exactly at first', async () => {
    const connection = await loadConnection({ first: 5 }, scope, upstream(LETTERS.slice(0, 5)).fetchPage);
    expect(view(connection).nodes).toBe('abcde');
    expect(connection.pageInfo.hasNextPage).toBe(false);
  });

  it.each([-1, 101, 1.5, 500])('rejects first %s', async (first) => {
    await expect(loadConnection({ first }, scope, upstream().fetchPage)).rejects.toThrow(`first must be 0..100, got ${first}`);
  });

  it('turns a refusal of a cursor\'s token into a stale-cursor error', async () => {
    const { fetchPage } = upstream();
    const page = await loadConnection({ first: 5 }, scope, fetchPage);
    const gone = await loadConnection({ first: 1, after: page.edges[4]!.cursor }, scope, upstream(['x', 'y']).fetchPage, isTokenRefused).catch((error) => error);
    expect(gone).toBeInstanceOf(PagingError);
    expect(gone.code).toBe('stale_cursor');
  });

  it('passes on any other failure of a cursor\'s page as it is', async () => {
    const page = await loadConnection({ first: 5 }, scope, upstream().fetchPage);
    const down = new Error('upstream down');
    const failing: FetchPage<string> = async () => Promise.reject(down);
    await expect(loadConnection({ first: 1, after: page.edges[1]!.cursor }, scope, failing, isTokenRefused)).rejects.toBe(down);
  });

  it('stops on an upstream that repeats its token', async () => {
    const stuck: FetchPage<string> = async () => ({ items: ['a'], hasMore: true, nextToken: 'same' });
    const first = await loadConnection({ first: 1 }, scope, stuck);
    await expect(loadConnection({ first: 3, after: first.edges[0]!.cursor }, scope, stuck)).rejects.toMatchObject({
      code: 'repeated_token',
      message: 'HeyGen answered the same next_token it was given',
    });
  });

  it('stops on an upstream that keeps sending empty pages claiming more', async () => {
    let n = 0;
    const empty: FetchPage<string> = async () => ({ items: [], hasMore: true, nextToken: `t${n++}` });
    await expect(loadConnection({ first: 3 }, scope, empty)).rejects.toMatchObject({
      code: 'empty_pages',
      message: 'HeyGen kept answering empty pages that claim to have more',
    });
  });
});
