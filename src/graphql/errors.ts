import { GraphQLError, Kind, type GraphQLErrorExtensions } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { isIdempotencyError, type IdempotencyErrorCode } from '../cache/idempotency.js';
import { isHeyGenError, type HeyGenError, type HeyGenErrorCode } from '../heygen/errors.js';
import { isPagingError, type PagingErrorCode } from '../pagination/cursor.js';

/** The stable `extensions.code` values a client can branch on. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'BAD_REQUEST'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_TIMEOUT'
  | 'IDEMPOTENCY_IN_DOUBT'
  | 'IDEMPOTENCY_UNAVAILABLE';

declare module 'graphql' {
  interface GraphQLErrorExtensions {
    code?: ErrorCode | string;
    /** Seconds HeyGen asked us to wait (RATE_LIMITED). */
    retryAfter?: number;
    /** HTTP status of the failed upstream call. */
    upstreamStatus?: number;
    /** HeyGen's own error code, e.g. `rate_limit_exceeded`. */
    upstreamCode?: string;
    /** The request field HeyGen's 400 blames, as HeyGen names it (e.g. `avatar_id`). */
    param?: string;
    /** `UNKNOWN` when a write may have reached HeyGen with no answer back: HeyGen may have carried it out. */
    outcome?: 'UNKNOWN';
  }
}

/** The one table from upstream failures to GraphQL codes. */
const CODE_FOR_UPSTREAM: Record<HeyGenErrorCode, ErrorCode> = {
  no_credentials: 'UNAUTHENTICATED',
  unauthorized: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  bad_request: 'BAD_USER_INPUT',
  rate_limited: 'RATE_LIMITED',
  not_found: 'UPSTREAM_ERROR',
  upstream_status: 'UPSTREAM_ERROR',
  bad_body: 'UPSTREAM_ERROR',
  connection: 'UPSTREAM_ERROR',
  circuit_open: 'UPSTREAM_ERROR',
  timeout: 'UPSTREAM_TIMEOUT',
};

/** The same for paging: bad paging arguments are the caller's to fix; a broken upstream list is not. */
const CODE_FOR_PAGING: Record<PagingErrorCode, ErrorCode> = {
  invalid_first: 'BAD_USER_INPUT',
  invalid_cursor: 'BAD_USER_INPUT',
  stale_cursor: 'BAD_USER_INPUT',
  repeated_token: 'UPSTREAM_ERROR',
  empty_pages: 'UPSTREAM_ERROR',
};

/** The same for idempotency keys: a key reused with another input is the caller's to fix; a key in doubt has its own code. */
const CODE_FOR_IDEMPOTENCY: Record<IdempotencyErrorCode, ErrorCode> = {
  conflict: 'BAD_USER_INPUT',
  in_doubt: 'IDEMPOTENCY_IN_DOUBT',
  unavailable: 'IDEMPOTENCY_UNAVAILABLE',
  busy: 'UPSTREAM_TIMEOUT',
};

/** A bad argument the gateway itself caught (ids, list sizes); the message names argument, value and rule. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

type UpstreamExtensions = {
  code: ErrorCode;
  upstreamStatus?: number;
  upstreamCode?: string;
  retryAfter?: number;
  param?: string;
  outcome?: 'UNKNOWN';
};

function upstreamExtensions(error: HeyGenError): UpstreamExtensions {
  const extensions: UpstreamExtensions = { code: CODE_FOR_UPSTREAM[error.code] };
  if (error.status !== undefined) extensions.upstreamStatus = error.status;
  if (error.upstreamCode !== undefined) extensions.upstreamCode = error.upstreamCode;
  if (error.retryAfterSeconds !== undefined) extensions.retryAfter = error.retryAfterSeconds;
  if (error.upstreamParam !== undefined) extensions.param = error.upstreamParam;
  if (error.outcomeUnknown) extensions.outcome = 'UNKNOWN';
  return extensions;
}

function upstreamMessage(error: HeyGenError): string {
  return error.upstreamMessage && error.code === 'bad_request' ? `${error.message}: ${error.upstreamMessage}` : error.message;
}

/**
 * Yoga's `maskError`: known failures become GraphQL errors with a stable code and a message a person
 * can act on; anything else is masked by yoga (no stack, no internal message outside development).
 * Every message is bounded (`boundMessage`), and `extensions.originalError` is dropped: yoga puts the
 * JSON parser's own error there, V8's words quoting the body.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const masked = codedError(error, message, isDev);
  // In place: yoga logs, at `error` level, every error its mask replaces, and a client's mistake is not
  // the server's. Each error here is the request's own, or a cached one that bounding again leaves as it is.
  masked.message = boundMessage(masked.message);
  const extensions = (masked as Partial<GraphQLError>).extensions as Record<string, unknown> | undefined;
  if (extensions?.originalError !== undefined) {
    delete extensions.originalError;
    // yoga answers an application/json client 200 for errors whose HTTP status is the spec's, unless one
    // holds an originalError: without it, the status must stop being the spec's, or a bad body gets 200.
    if (typeof extensions.http === 'object' && extensions.http !== null) extensions.http = Object.assign({}, extensions.http, { spec: false });
  }
  return masked;
}

/** Longest quoted value a message keeps, characters: the rest is cut, and `…` says so. */
export const MAX_ECHOED_VALUE = 100;
/** Longest message, characters, once quoted values are cut. */
export const MAX_MESSAGE_LENGTH = 1000;

/**
 * A message that may echo what a client sent (graphql quotes variable values, literals and names),
 * bounded: each quoted value keeps its first MAX_ECHOED_VALUE characters, then the whole message its
 * first MAX_MESSAGE_LENGTH. One pass, for any length.
 */
export function boundMessage(message: string): string {
  if (message.length <= MAX_ECHOED_VALUE) return message;
  let cut = '';
  let from = 0;
  while (from < message.length) {
    const open = message.indexOf('"', from);
    if (open < 0) break;
    let close = open + 1;
    while (close < message.length && message[close] !== '"') close += message[close] === '\\' ? 2 : 1;
    const long = close - open - 1 > MAX_ECHOED_VALUE;
    cut += long ? `${message.slice(from, open)}${prefix(message.slice(open, open + 1 + MAX_ECHOED_VALUE))}…"` : message.slice(from, close + 1);
    from = close + 1;
  }
  cut += message.slice(from);
  return cut.length <= MAX_MESSAGE_LENGTH ? cut : `${prefix(cut.slice(0, MAX_MESSAGE_LENGTH))}…`;
}

/** `text` without a last, unpaired high surrogate (what cutting a string can leave). */
const prefix = (text: string) => text.replace(/[\uD800-\uDBFF]$/, '');

/** `error` with its code from the tables above, or masked by yoga when it is none of theirs. */
function codedError(error: unknown, message: string, isDev?: boolean): Error {
  // Duck-typed: yoga may hand over a GraphQLError from graphql's other (CJS or ESM) build.
  const source = error as Partial<Pick<GraphQLError, 'originalError' | 'nodes' | 'path' | 'locations'>> | null;
  const original = source?.originalError ?? error;
  if (isHeyGenError(original)) return locatedLike(source, upstreamMessage(original), upstreamExtensions(original));
  if (isPagingError(original)) return locatedLike(source, original.message, { code: CODE_FOR_PAGING[original.code] });
  if (isIdempotencyError(original)) return locatedLike(source, original.message, { code: CODE_FOR_IDEMPOTENCY[original.code] });
  if (original instanceof InputError) return locatedLike(source, original.message, { code: 'BAD_USER_INPUT' });
  if (isCodelessRequestError(error)) {
    const code = error.nodes?.[0]?.kind === Kind.VARIABLE_DEFINITION ? 'BAD_USER_INPUT' : 'BAD_REQUEST';
    Object.assign(error.extensions, { code });
    return error;
  }
  return yogaMaskError(error, message, isDev);
}

/** A new error at the same place in the query (path and locations) as `source`. */
function locatedLike(source: Partial<Pick<GraphQLError, 'nodes' | 'path' | 'locations'>> | null, message: string, extensions: GraphQLErrorExtensions): GraphQLError {
  const error = new GraphQLError(message, { nodes: source?.nodes, path: source?.path, extensions });
  // graphql-jit's errors carry their locations but no AST nodes to compute them from.
  if (error.locations === undefined && source?.locations) Object.assign(error, { locations: source.locations });
  return error;
}

/**
 * An error graphql-js or yoga raises about the request itself and leaves without a code: a variable of
 * the wrong type or missing (BAD_USER_INPUT), or a missing CSRF header and the like (BAD_REQUEST,
 * keeping yoga's HTTP status). Resolver errors always have a path, so they never match.
 */
function isCodelessRequestError(error: unknown): error is GraphQLError {
  const isGraphQLError = (value: unknown): value is Partial<GraphQLError> => (value as Error | null | undefined)?.name === 'GraphQLError';
  return (
    isGraphQLError(error) &&
    !error.path &&
    error.extensions?.code === undefined &&
    (error.originalError == null || isGraphQLError(error.originalError))
  );
}
