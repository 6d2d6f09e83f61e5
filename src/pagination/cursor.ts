import { crc32 } from 'node:zlib';
import { toBase64Url } from './base64url.js';
import { LRUCache } from 'lru-cache';
import { createStringMemo } from './string-memo.js';

/*
 * The cursor format, version 1.
 *
 * HeyGen pages forward only, by an opaque `token` per page. A Relay client may hand back any edge's
 * cursor, so each cursor says where that edge sits upstream: the token that produced its page (null for
 * the first page), its offset in the page and the page's limit. Resuming replays that page from the same
 * token and skips past the edge. When the edge ends its page, the cursor also carries the page's
 * next_token (or an end mark when nothing follows), so resuming from an endCursor costs no replay.
 *
 * A cursor is bound to its scope (the connection plus its filters, "no filter" included) by a hash, so
 * a cursor from one list cannot silently page another. It is integrity-checked by a CRC over the whole
 * text: edited bytes are caught, but it is not a secret (HeyGen still checks its own tokens, and the
 * caller's credential still gates what they see). It holds no server state, so it stays valid across
 * restarts and replicas.
 *
 * Layout: base64url("1." + JSON [scopeHash, pageToken, offset, pageSize, tail] + "." + crc32 base36),
 * where tail is the next_token string, 1 for "end of list", or 0 for "mid-page".
 */

/** The one version this gateway writes and reads. */
export const CURSOR_VERSION = 1;

const MAX_CURSOR_LENGTH = 4096;
const MAX_TOKEN_LENGTH = 2048;

/** Which list a cursor belongs to. */
export interface CursorScope {
  /** The connection's name, e.g. `avatarGroups`. */
  readonly connection: string;
  /** The filters as one canonical string, e.g. `ownership=PUBLIC`. */
  readonly filters: string;
  /** The largest limit the upstream list accepts. */
  readonly maxPageSize: number;
}

/** Where an edge sits upstream. */
export interface CursorPosition {
  /** The token its page was fetched with; null for the first page. */
  readonly pageToken: string | null;
  /** Its index in that page. */
  readonly offset: number;
  /** The limit its page was fetched with. */
  readonly pageSize: number;
  /** The page's next_token, when the edge ends a page that has more after it. */
  readonly nextToken?: string;
  /** True when the edge ends the last page: nothing follows it. */
  readonly end?: boolean;
}

/**
 * Why paging failed, as a stable code:
 * - `invalid_first`, `invalid_cursor`: a bad paging argument; the message names it and the reason.
 * - `stale_cursor`: upstream no longer accepts the page token inside the `after` cursor.
 * - `repeated_token`, `empty_pages`: upstream's paging is broken (it loops, or never ends); not the caller's fault.
 */
export type PagingErrorCode = 'invalid_first' | 'invalid_cursor' | 'stale_cursor' | 'repeated_token' | 'empty_pages';

/** A paging failure; branch on `code` (graphql/errors.ts maps each code to the client's). */
export class PagingError extends Error {
  override readonly name = 'PagingError';
  constructor(
    readonly code: PagingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isPagingError(error: unknown): error is PagingError {
  return error instanceof PagingError;
}

// Worked out on every use (under a microsecond): filters come from clients, so a memory of them is one
// more thing a client could fill.
const scopeHash = (scope: CursorScope): string => crc32(`${scope.connection}|${scope.filters}`).toString(36);

/** A page token as a cursor may carry it: 1..MAX_TOKEN_LENGTH characters of well-formed Unicode (it goes into a URL). */
const isToken = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_TOKEN_LENGTH && !LONE_SURROGATE.test(value);

const LONE_SURROGATE = /\p{Cs}/u;

/** A cursor from its text before the checksum. */
const makeCursor = (body: string) => toBase64Url(`${body}.${crc32(body).toString(36)}`);

/** Longest text before the offset whose page's cursors are kept: a page token can be MAX_TOKEN_LENGTH. */
const MAX_KEPT_PREFIX = 256;

/**
 * The cursors made lately. The first pages of a list are the same for every caller, so their cursors
 * are made once, not per answer: a page's mid-page cursors by offset (found once per page, not once per
 * edge), and the cursors that end a page by their text. Both bounded in bytes; pages with long tokens
 * are not kept.
 */
const midPageCursorsMade = new LRUCache<string, string[]>({ maxSize: 1024 * 1024 });
const endCursorsMade = createStringMemo(makeCursor, { maxBytes: 256 * 1024, maxKeyLength: MAX_KEPT_PREFIX + 64 });

/** What the kept cursors take, bytes (as counted for their bounds). */
export const keptCursorBytes = (): number => midPageCursorsMade.calculatedSize + endCursorsMade.bytes;

/** Encodes the cursors of one upstream page's edges, which share the text up to their offset. */
export class PageCursorEncoder {
  readonly #prefix: string;
  readonly #pageSize: number;
  /** This page's mid-page cursors by offset, shared with every encoder of the same page; none when not kept. */
  readonly #midPage: string[] | undefined;

  constructor(scope: CursorScope, pageToken: string | null, pageSize: number) {
    this.#prefix = `${CURSOR_VERSION}.[${JSON.stringify(scopeHash(scope))},${JSON.stringify(pageToken)},`;
    this.#pageSize = pageSize;
    if (this.#prefix.length > MAX_KEPT_PREFIX) return;
    const key = `${this.#prefix}${pageSize}`;
    this.#midPage = midPageCursorsMade.get(key);
    if (this.#midPage === undefined) {
      // Counted at its fullest: every offset's cursor, each about 4/3 of its text, two bytes a character.
      const size = 2 * (key.length + pageSize * Math.ceil(((this.#prefix.length + 24) * 4) / 3)) + 64 * (pageSize + 1);
      midPageCursorsMade.set(key, (this.#midPage = []), { size });
    }
  }

  /** The cursor of the edge at `offset`; `tail` is the page's next_token, 1 for "end of list", 0 for "mid-page". */
  encode(offset: number, tail: string | 0 | 1): string {
    if (tail !== 0) return endCursorsMade.get(this.#body(offset, typeof tail === 'string' ? JSON.stringify(tail) : tail));
    if (this.#midPage === undefined || !(offset >= 0 && offset < this.#pageSize)) return makeCursor(this.#body(offset, 0));
    return (this.#midPage[offset] ??= makeCursor(this.#body(offset, 0)));
  }

  #body(offset: number, tail: string | number): string {
    return `${this.#prefix}${offset},${this.#pageSize},${tail}]`;
  }
}

/** Encodes an edge's position as an opaque cursor bound to `scope`. */
export function encodeCursor(position: CursorPosition, scope: CursorScope): string {
  const tail = position.nextToken ?? (position.end ? 1 : 0);
  return new PageCursorEncoder(scope, position.pageToken, position.pageSize).encode(position.offset, tail);
}

/**
 * Decodes and validates a cursor for `scope`. Throws a PagingError naming what is wrong: not a cursor,
 * another version, damaged, made for other filters, or a field out of range.
 */
export function decodeCursor(cursor: string, scope: CursorScope, argument = 'after'): CursorPosition {
  const fail = (why: string) => new PagingError('invalid_cursor', `${argument} is not a valid cursor: ${why}`);
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) throw fail(`its length must be 1..${MAX_CURSOR_LENGTH}, got ${cursor.length}`);
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.toString('base64url') !== cursor) throw fail('it was not made by this gateway (not base64url)');
  const text = bytes.toString('utf8');

  const firstDot = text.indexOf('.');
  const lastDot = text.lastIndexOf('.');
  if (firstDot <= 0 || lastDot === firstDot) throw fail('it was not made by this gateway');
  const version = text.slice(0, firstDot);
  if (version !== String(CURSOR_VERSION)) {
    throw fail(`version ${JSON.stringify(version.slice(0, 8))} is not supported (this gateway reads version ${CURSOR_VERSION}); start again without after`);
  }
  const body = text.slice(0, lastDot);
  if (crc32(body).toString(36) !== text.slice(lastDot + 1)) throw fail('it was modified or damaged');

  let fields: unknown;
  try {
    fields = JSON.parse(body.slice(firstDot + 1));
  } catch {
    throw fail('it was modified or damaged');
  }
  if (!Array.isArray(fields) || fields.length !== 5) throw fail('it has the wrong shape');
  const [hash, pageToken, offset, pageSize, tail] = fields as unknown[];
  if (hash !== scopeHash(scope)) {
    throw fail(`it was made for another list or other filters; use it only with the ${scope.connection} filters it came from`);
  }
  if (pageToken !== null && !isToken(pageToken)) throw fail('its page token is malformed');
  if (!Number.isInteger(pageSize) || (pageSize as number) < 1 || (pageSize as number) > scope.maxPageSize) {
    throw fail(`its page size must be 1..${scope.maxPageSize}, got ${String(pageSize)}`);
  }
  if (!Number.isInteger(offset) || (offset as number) < 0 || (offset as number) >= (pageSize as number)) {
    throw fail(`its offset must be 0..${(pageSize as number) - 1}, got ${String(offset)}`);
  }
  const position = { pageToken, offset: offset as number, pageSize: pageSize as number };
  if (tail === 0) return position;
  if (tail === 1) return Object.assign(position, { end: true });
  if (isToken(tail)) return Object.assign(position, { nextToken: tail });
  throw fail('its next token is malformed');
}
