import { isHeyGenError, HeyGenError } from '../heygen/errors.js';
import { decodeCursor, encodeCursor, PagingError, type CursorPosition, type CursorScope } from './cursor.js';

/** The most edges one connection field returns. */
export const MAX_FIRST = 100;
/** `first` when the query gives none. */
export const DEFAULT_FIRST = 20;

/** One upstream page, as every HeyGen list answers it. */
export interface UpstreamPage<T> {
  readonly items: readonly T[];
  readonly hasMore: boolean;
  readonly nextToken: string | null;
}

/** Fetches one upstream page; the only I/O a connection does, passed in by the caller. */
export type FetchPage<T> = (request: { token: string | null; limit: number }) => Promise<UpstreamPage<T>>;

/** An upstream page as the edges that came from it remember it (shared by those edges). */
export interface PageRef {
  readonly scope: CursorScope;
  readonly token: string | null;
  readonly limit: number;
  /** null when nothing follows the page. */
  readonly nextToken: string | null;
  readonly length: number;
}

export interface Edge<T> {
  readonly node: T;
  readonly page: PageRef;
  readonly offset: number;
}

export interface PageInfoModel<T> {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly edges: readonly Edge<T>[];
}

/** A connection before GraphQL sees it: cursors are made only when a query asks for them. */
export interface ConnectionModel<T> {
  readonly edges: readonly Edge<T>[];
  readonly pageInfo: PageInfoModel<T>;
}

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

/** Upstream pages in a row that may bring no new edge before the list counts as broken. */
const MAX_EMPTY_PAGES = 3;

/**
 * Loads `first` edges after the `after` cursor, following next_token across as many upstream pages as
 * it takes. Each upstream limit is exactly what is still needed (capped by the scope's page size), so
 * the last edge ends its upstream page and its cursor resumes with no replay. Walking N items with
 * `first: k` costs at most ceil(N / k) × ceil(k / maxPageSize) + 1 upstream calls.
 */
export async function loadConnection<T>(args: ConnectionArgs, scope: CursorScope, fetchPage: FetchPage<T>): Promise<ConnectionModel<T>> {
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 0 || first > MAX_FIRST) {
    throw new PagingError('invalid_first', `first must be 0..${MAX_FIRST}, got ${first}`);
  }
  const after = args.after === null || args.after === undefined ? null : decodeCursor(args.after, scope);
  const hasPreviousPage = after !== null;
  const edges: Edge<T>[] = [];
  const done = (hasNextPage: boolean): ConnectionModel<T> => ({ edges, pageInfo: { hasNextPage, hasPreviousPage, edges } });
  if (after?.end) return done(false);

  let token = after ? (after.nextToken ?? after.pageToken) : null;
  let skip = after && after.nextToken === undefined ? after.offset + 1 : 0;
  let emptyPages = 0;
  for (let firstFetch = true; ; firstFetch = false) {
    // With first: 0 this still asks for one item, to answer hasNextPage truthfully.
    const limit = Math.min(scope.maxPageSize, skip + Math.max(first - edges.length, 1));
    const page = await fetchPage({ token, limit }).catch((error: unknown) => {
      throw firstFetch && token !== null ? staleCursorOr(error) : error;
    });
    const more = page.hasMore && typeof page.nextToken === 'string' && page.nextToken.length > 0;
    const ref: PageRef = { scope, token, limit, nextToken: more ? page.nextToken : null, length: page.items.length };
    let index = skip;
    for (; index < page.items.length && edges.length < first; index++) {
      edges.push({ node: page.items[index] as T, page: ref, offset: index });
    }
    if (edges.length >= first) return done(index < page.items.length || more);
    if (!more) return done(false);
    if (page.nextToken === token) throw new HeyGenError('bad_body', 'HeyGen answered the same next_token it was given');
    emptyPages = index === skip ? emptyPages + 1 : 0;
    if (emptyPages >= MAX_EMPTY_PAGES) throw new HeyGenError('bad_body', 'HeyGen kept answering empty pages that claim to have more');
    token = ref.nextToken;
    skip = 0;
  }
}

/** A 400 for the token inside a client's cursor means the cursor went stale, not a gateway fault. */
function staleCursorOr(error: unknown): unknown {
  if (isHeyGenError(error) && error.code === 'bad_request') {
    return new PagingError('stale_cursor', 'after is no longer accepted by HeyGen (its page token expired or is invalid); start again without after');
  }
  return error;
}

/** Where an edge sits upstream. */
export function positionOf(edge: Edge<unknown>): CursorPosition {
  const { page, offset } = edge;
  const last = offset === page.length - 1;
  return {
    pageToken: page.token,
    offset,
    pageSize: page.limit,
    ...(last && page.nextToken !== null ? { nextToken: page.nextToken } : {}),
    ...(last && page.nextToken === null ? { end: true } : {}),
  };
}

/** The opaque cursor of an edge; made on demand, since most queries ask for few of them. */
export function cursorOf(edge: Edge<unknown>): string {
  return encodeCursor(positionOf(edge), edge.page.scope);
}

/** startCursor or endCursor: the first or last edge's cursor, null when there are no edges. */
export function boundaryCursor(pageInfo: PageInfoModel<unknown>, which: 'start' | 'end'): string | null {
  const edge = which === 'start' ? pageInfo.edges[0] : pageInfo.edges[pageInfo.edges.length - 1];
  return edge ? cursorOf(edge) : null;
}
