/**
 * Why an upstream call failed, as a stable code to branch on (never the message).
 * - `no_credentials`: the caller sent no key and the server has none; no call was made.
 * - `unauthorized` 401, `forbidden` 403, `not_found` 404, `bad_request` 400, `rate_limited` 429.
 * - `upstream_status`: any other non-2xx status (5xx above all).
 * - `bad_body`: a 2xx whose body is not the JSON shape HeyGen documents.
 * - `timeout`: no full answer within the per-call timeout.
 * - `connection`: the socket failed (refused, reset, DNS).
 * - `circuit_open`: HeyGen kept failing, so calls are paused for a cool-down; no call was made.
 */
export type HeyGenErrorCode =
  | 'no_credentials'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'upstream_status'
  | 'bad_body'
  | 'timeout'
  | 'connection'
  | 'circuit_open';

export interface HeyGenErrorDetails {
  /** HTTP status of the upstream answer, when there was one. */
  status?: number;
  /** HeyGen's own `error.code`, when the body was the documented error envelope. */
  upstreamCode?: string;
  /** HeyGen's own `error.message`, scrubbed of the credential and cut to a sane length. */
  upstreamMessage?: string;
  /** Seconds to wait, from a 429's `Retry-After`. */
  retryAfterSeconds?: number;
  /** HeyGen's `error.param`, the request field a 400 blames (e.g. `avatar_id`), when it looks like a name. */
  upstreamParam?: string;
  /**
   * A write (POST, DELETE) that may have reached HeyGen with no success answer back: it timed out or its
   * connection broke after sending, or HeyGen answered 5xx. HeyGen may have carried it out. @default false
   */
  outcomeUnknown?: boolean;
}

/**
 * A failed upstream call. It never holds an API key, an auth header or a raw body, so it is safe to
 * log and to turn into a GraphQL error.
 */
export class HeyGenError extends Error {
  override readonly name = 'HeyGenError';
  readonly code: HeyGenErrorCode;
  readonly status: number | undefined;
  readonly upstreamCode: string | undefined;
  readonly upstreamMessage: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly upstreamParam: string | undefined;
  readonly outcomeUnknown: boolean;

  constructor(code: HeyGenErrorCode, message: string, details: HeyGenErrorDetails = {}) {
    super(message);
    this.code = code;
    this.status = details.status;
    this.upstreamCode = details.upstreamCode;
    this.upstreamMessage = details.upstreamMessage;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.upstreamParam = details.upstreamParam;
    this.outcomeUnknown = details.outcomeUnknown === true;
  }
}

export function isHeyGenError(error: unknown): error is HeyGenError {
  return error instanceof HeyGenError;
}

/** The code for a non-2xx status. */
export function codeForStatus(status: number): HeyGenErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 429:
      return 'rate_limited';
    default:
      return 'upstream_status';
  }
}

/** Parses `Retry-After` given as integer seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim());
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
