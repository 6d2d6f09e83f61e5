import { GraphQLError, Kind, type GraphQLErrorExtensions } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { isHeyGenError, type HeyGenError, type HeyGenErrorCode } from '../heygen/errors.js';
import { isPagingError } from '../pagination/cursor.js';

/** The stable `extensions.code` values a client can branch on. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'BAD_REQUEST'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_TIMEOUT';

declare module 'graphql' {
  interface GraphQLErrorExtensions {
    code?: ErrorCode | string;
    /** Seconds HeyGen asked us to wait (RATE_LIMITED). */
    retryAfter?: number;
    /** HTTP status of the failed upstream call. */
    upstreamStatus?: number;
    /** HeyGen's own error code, e.g. `rate_limit_exceeded`. */
    upstreamCode?: string;
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

/** A bad argument the gateway itself caught (ids, list sizes); the message names argument, value and rule. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

function upstreamExtensions(error: HeyGenError) {
  return {
    code: CODE_FOR_UPSTREAM[error.code],
    ...(error.status !== undefined && { upstreamStatus: error.status }),
    ...(error.upstreamCode !== undefined && { upstreamCode: error.upstreamCode }),
    ...(error.retryAfterSeconds !== undefined && { retryAfter: error.retryAfterSeconds }),
  };
}

function upstreamMessage(error: HeyGenError): string {
  return error.upstreamMessage && error.code === 'bad_request' ? `${error.message}: ${error.upstreamMessage}` : error.message;
}

/**
 * Yoga's `maskError`: known failures become GraphQL errors with a stable code and a message a person
 * can act on; anything else is masked by yoga (no stack, no internal message outside development).
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  // Duck-typed: yoga may hand over a GraphQLError from graphql's other (CJS or ESM) build.
  const source = error as Partial<Pick<GraphQLError, 'originalError' | 'nodes' | 'path' | 'locations'>> | null;
  const original = source?.originalError ?? error;
  if (isHeyGenError(original)) return locatedLike(source, upstreamMessage(original), upstreamExtensions(original));
  if (isPagingError(original) || original instanceof InputError) return locatedLike(source, original.message, { code: 'BAD_USER_INPUT' });
  if (isCodelessRequestError(error)) {
    const code = error.nodes?.[0]?.kind === Kind.VARIABLE_DEFINITION ? 'BAD_USER_INPUT' : 'BAD_REQUEST';
    return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code } });
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
