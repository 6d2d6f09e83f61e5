import { decodeCursor, PageCursorEncoder, PagingError, type CursorScope } from './cursor.js';

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

/** Whether a failed fetch means upstream refused the page token it was given (HeyGen answers 400). */
export type IsTokenRefused = (error: unknown) => boolean;

/** An upstream page as the edges that came from it remember it (shared by those edges). */
export class PageRef {
  #cursors: PageCursorEncoder | undefined;

  constructor(
    readonly scope: CursorScope,
    readonly token: string | null,
    readonly limit: number,
    /** null when nothing follows the page. */
    readonly nextToken: string | null,
    readonly length: number,
  ) {}

  /** Made on the first cursor a query asks for, then shared by the page's edges. */
  get cursors(): PageCursorEncoder {
    return (this.#cursors ??= new PageCursorEncoder(this.scope, this.token, this.limit));
  }
}

/** An edge: a node and where it sits upstream. Its cursor is made when first read, then kept. */
export class Edge<T> {
  #cursor: string | undefined;

  constructor(
    readonly node: T,
    readonly page: PageRef,
    readonly offset: number,
  ) {}

  /**
   * The opaque cursor. Its tail: the page's next_token when the edge ends a page with more after it,
   * "end of list" when it ends the last page, else "mid-page".
   */
  get cursor(): string {
    if (this.#cursor === undefined) {
      const last = this.offset === this.page.length - 1;
      this.#cursor = this.page.cursors.encode(this.offset, last ? (this.page.nextToken ?? 1) : 0);
    }
    return this.#cursor;
  }
}

export class PageInfoModel<T> {
  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly edges: readonly Edge<T>[],
  ) {}

  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.edges[this.edges.length - 1]?.cursor ?? null;
  }
}

/**
 * A connection as GraphQL reads it: plain fields and getters, no resolvers (cursors are made only when
 * a query asks for them).
 */
export class ConnectionModel<T> {
  readonly pageInfo: PageInfoModel<T>;

  constructor(
    readonly edges: readonly Edge<T>[],
    hasNextPage: boolean,
    hasPreviousPage: boolean,
  ) {
    this.pageInfo = new PageInfoModel(hasNextPage, hasPreviousPage, edges);
  }

  get nodes(): T[] {
    return this.edges.map((edge) => edge.node);
  }
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
 * `first: k` costs at most ceil(N / k) × ceil(k / maxPageSize) + 1 upstream calls. When the token from
 * `after` is refused (`isTokenRefused`), the cursor went stale: a `stale_cursor` PagingError.
 */
export async function loadConnection<T>(
  args: ConnectionArgs,
  scope: CursorScope,
  fetchPage: FetchPage<T>,
  isTokenRefused: IsTokenRefused = () => false,
): Promise<ConnectionModel<T>> {
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 0 || first > MAX_FIRST) {
    throw new PagingError('invalid_first', `first must be 0..${MAX_FIRST}, got ${first}`);
  }
  const after = args.after === null || args.after === undefined ? null : decodeCursor(args.after, scope);
  const hasPreviousPage = after !== null;
  const edges: Edge<T>[] = [];
  const done = (hasNextPage: boolean) => new ConnectionModel(edges, hasNextPage, hasPreviousPage);
  if (after?.end) return done(false);

  let token = after ? (after.nextToken ?? after.pageToken) : null;
  let skip = after && after.nextToken === undefined ? after.offset + 1 : 0;
  let emptyPages = 0;
  for (let firstFetch = true; ; firstFetch = false) {
    // With first: 0 this still asks for one item, to answer hasNextPage truthfully.
    const limit = Math.min(scope.maxPageSize, skip + Math.max(first - edges.length, 1));
    const page = await fetchPage({ token, limit }).catch((error: unknown) => {
      throw firstFetch && token !== null && isTokenRefused(error) ? staleCursor() : error;
    });
    const more = page.hasMore && typeof page.nextToken === 'string' && page.nextToken.length > 0;
    const ref = new PageRef(scope, token, limit, more ? page.nextToken : null, page.items.length);
    let index = skip;
    for (; index < page.items.length && edges.length < first; index++) {
      edges.push(new Edge(page.items[index] as T, ref, index));
    }
    if (edges.length >= first) return done(index < page.items.length || more);
    if (!more) return done(false);
    if (page.nextToken === token) throw new PagingError('repeated_token', 'HeyGen answered the same next_token it was given');
    emptyPages = index === skip ? emptyPages + 1 : 0;
    if (emptyPages >= MAX_EMPTY_PAGES) throw new PagingError('empty_pages', 'HeyGen kept answering empty pages that claim to have more');
    token = ref.nextToken;
    skip = 0;
  }
}

/** A refused token inside a client's cursor means the cursor went stale, not a gateway fault. */
const staleCursor = () =>
  new PagingError('stale_cursor', 'after is no longer accepted by HeyGen (its page token expired or is invalid); start again without after');
