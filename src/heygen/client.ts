import type { Dispatcher, Pool } from 'undici';
import { createCallGate, isCallRefused } from './call-gate.js';
import { createCircuitBreaker, type BreakerOptions, type BreakerState } from './breaker.js';
import { deadlineError, endedError, type Deadline } from './deadline.js';
import { HeyGenError, codeForStatus, parseRetryAfter } from './errors.js';
import { isRetryable, withRetries, type RetryPolicy } from './retry.js';
import type { HeyGenErrorBody, HeyGenListPage, ListQuery } from './types.js';
import { createUpstreamPool } from './upstream-pool.js';

/** The caller's credential, forwarded upstream in the header it came in. */
export interface Credentials {
  readonly header: 'x-api-key' | 'authorization';
  readonly value: string;
}

export interface HeyGenClientOptions {
  /** Origin of the API, e.g. https://api.heygen.com (Config.heygenBaseUrl). */
  baseUrl: string;
  /** Upstream call, ms: for the answer's headers, and again for any pause within its body (Config.heygenTimeoutMs). */
  timeoutMs: number;
  /** Opening a socket, ms (Config.heygenConnectTimeoutMs). */
  connectTimeoutMs: number;
  /**
   * Calls in flight to HeyGen at once, for the whole process: a keep-alive socket each over HTTP/1.1, or
   * streams on a hundredth as many connections over HTTP/2 (Config.heygenMaxConnections).
   */
  connections: number;
  /** Calls waiting for one of `connections`; a call beyond them fails at once (UPSTREAM_ERROR, "too many calls queued") (Config.heygenMaxQueuedCalls). */
  maxQueuedCalls: number;
  /**
   * Offer HTTP/2 on an https origin (ALPN; HTTP/1.1 stays the fallback): a few connections instead of one
   * per call in flight, at more CPU and memory per call in Node (README, Performance) (Config.heygenHttp2).
   */
  http2: boolean;
  /** Certificates (PEM) to trust besides the system's, e.g. a test simulator's self-signed one; null: the system's only (Config.heygenCa). */
  ca: string | null;
  /** Retries of idempotent GETs (Config.heygenRetries, heygenRetryBaseMs, heygenRetryBudgetMs). */
  retry: RetryPolicy;
  /** The circuit breaker for this upstream host: a failure rate over a time window (Config.breaker*). */
  breaker: BreakerOptions;
  /** Told about each retry (for metrics and logs). */
  onRetry?: (error: HeyGenError) => void;
  /** Told about each call made: HeyGen's operation name, the status (or 'error' without one) and ms taken. */
  onCall?: (operation: string, status: number | 'error', durationMs: number) => void;
}

/**
 * Per-call options. One object may serve every call of a GraphQL request (the loaders share one), so
 * the hooks take no per-call argument beyond what they report. Each hook runs synchronously and must
 * not throw.
 */
export interface CallOptions {
  /** The GraphQL request's deadline: no call starts once it has ended, no retry starts past it, and it cancels the call in flight. */
  deadline?: Deadline;
  /** Skip cached answers and ask HeyGen (the answer still refreshes the cache). @default false */
  fresh?: boolean;
  /**
   * Told each time an HTTP request to HeyGen is sent: when undici hands an attempt to a connection,
   * right before it is written. Once per attempt, so a retry is told again; a call that fails before
   * that (no credential, breaker open, deadline, refused by a queue, socket never connected) is not.
   */
  onSent?: () => void;
  /**
   * Told once for each attempt `onSent` told of, when it ends: HeyGen's HTTP status once the whole
   * answer has arrived, or 'error' when none did (timeout, reset, cancelled, body over the limit).
   */
  onAnswered?: (status: number | 'error') => void;
  /** Told when an attempt failed and the call will try again after a wait (told before the wait). */
  onRetry?: () => void;
  /** Told when a caching client answered from its cache instead of calling. */
  onCacheHit?: () => void;
  /** Told when a caching client answered with an identical call already in flight (this request's or another's) instead of calling. */
  onJoined?: () => void;
  /** Headers sent with the call besides the client's own (a trace's `traceparent`). @default none */
  headers?: Readonly<Record<string, string>>;
}

/** A list endpoint: `GET <path>?<query>`, answering one page. */
export interface ListRoute<Query extends ListQuery> {
  /** HeyGen's operation id, e.g. `listAvatarGroups`: the `route` label of the upstream metrics. */
  readonly operation: string;
  /** The path, e.g. `/v3/avatars`. */
  readonly path: string;
  /** The largest `limit` the endpoint accepts. */
  readonly maxLimit: number;
  /** Whether HeyGen answers `query` with public items only, the same for every caller (a cache may share it). */
  isPublic(query: Query): boolean;
  /** The operation's name in cache keys, when it is not `operation` (kept so that stored entries stay valid). */
  readonly keyName?: string;
  /** Whether a `WriteRoute` that `changes` this resource adds or removes items of this list: a cache then drops the writer's pages. @default false */
  readonly writable?: boolean;
}

/** A get-by-id endpoint: `GET <path>/<id>`, the id as one encoded segment. */
export interface ItemRoute {
  /** HeyGen's operation id, e.g. `getAvatarGroup`. */
  readonly operation: string;
  /** The path the id is appended to, e.g. `/v3/avatars`. */
  readonly path: string;
}

/** What a lookup needs of a resource: its name and item route (all the account, `/v3/users/me`, has). */
export interface ItemResource<Item> {
  /** Names the resource's settings, e.g. `groups` (its cache TTL is `CACHE_TTL_GROUPS_SECONDS`). */
  readonly name: string;
  readonly get: ItemRoute;
  /** The longest a cache may keep this item, ms, when shorter than the resource's TTL (a video still rendering). @default the TTL */
  itemMaxAgeMs?(item: Item): number | undefined;
  /**
   * Whether a `WriteRoute` changes this item without adding or removing it (`alsoChanges`: the account,
   * whose balance a video spends): a cache then never lets a read of it from before a write answer one
   * after. A resource whose list is `writable` is written anyway. @default false
   */
  readonly written?: boolean;
}

/** One item of a resource, e.g. the account: `{ resource: account, id: 'me' }`. */
export interface ItemRef {
  readonly resource: ItemResource<unknown>;
  readonly id: string;
}

/** What the client (and a cache around it) needs of a resource: its routes and its items' ids. */
export interface HeyGenResource<Query extends ListQuery, Item> extends ItemResource<Item> {
  readonly list: ListRoute<Query>;
  /** HeyGen's id of an item. */
  idOf(item: Item): string;
  /** The longest a cache may keep this page, ms, when shorter than the resource's TTL (a list that grows). @default the TTL */
  pageMaxAgeMs?(page: HeyGenListPage<Item>): number | undefined;
}

/** A write endpoint: `POST <path>` with a JSON body, or `DELETE <path>/<id>`. */
export interface WriteRoute {
  /** HeyGen's operation id, e.g. `createVideo`. */
  readonly operation: string;
  readonly method: 'POST' | 'DELETE';
  /** The path, e.g. `/v3/videos`; a request's `id` is appended as one encoded segment. */
  readonly path: string;
  /** The resource whose items the write adds or removes: a cache drops the credential's pages of it, and the item written. */
  readonly changes?: ItemResource<unknown>;
  /** Other items the write changes (the account, whose balance a video spends), each `written`: a cache drops the credential's entries of them. */
  readonly alsoChanges?: readonly ItemRef[];
}

/** What one write sends: an item's id for the path, and a JSON body. */
export interface WriteRequest {
  readonly id?: string;
  readonly body?: object;
}

/** HeyGen's operations, one pair of reads per resource (src/graphql/resources/), and writes. Knows nothing of GraphQL. */
export interface HeyGenClient {
  /** One page of `resource`'s list. */
  list<Query extends ListQuery, Item>(resource: HeyGenResource<Query, Item>, credentials: Credentials | null, query: Query, options?: CallOptions): Promise<HeyGenListPage<Item>>;
  /** One item by HeyGen's id; resolves null when HeyGen answers 404. */
  get<Item>(resource: ItemResource<Item>, credentials: Credentials | null, id: string, options?: CallOptions): Promise<Item | null>;
  /**
   * One write; resolves the answer's `data`, or null when HeyGen answers 404. Never sent twice: only a
   * connection HeyGen refused (nothing sent) is tried again, and a 429 fails at once (`rate_limited`). A
   * failure once the request may have reached HeyGen has `outcomeUnknown`: a timeout, a broken
   * connection, a 5xx, or a 2xx whose body is unreadable.
   */
  write<Data>(route: WriteRoute, credentials: Credentials | null, request: WriteRequest, options?: CallOptions): Promise<Data | null>;
  /** The circuit breaker's state: `open` while calls fail fast. */
  breakerState(): BreakerState;
  /** Closes the socket pool, letting calls in flight finish. */
  close(): Promise<void>;
}

const USER_AGENT = 'heygen-graphql-gateway';

/**
 * Builds a client over one keep-alive undici Pool. Every call needs credentials: without them it fails
 * with `no_credentials` before touching the network.
 */
export function createHeyGenClient(options: HeyGenClientOptions): HeyGenClient {
  const { baseUrl, timeoutMs, connectTimeoutMs, connections, http2, ca, retry } = options;
  const pool = createUpstreamPool({ baseUrl, connections, timeoutMs, connectTimeoutMs, http2, ca });
  const gate = createCallGate({ maxInFlight: connections, maxQueued: options.maxQueuedCalls });
  const breaker = createCircuitBreaker(options.breaker);

  /**
   * One logical call with its retries, through the breaker. A GET is retried as `retry` says; a write
   * (any other method) only while nothing of it was sent, and its failures after sending are marked
   * `outcomeUnknown`.
   */
  function send<T>(request: Outgoing, credentials: Credentials | null, call: CallOptions | undefined, validate: (body: unknown) => body is T): Promise<T> {
    if (!credentials) {
      return Promise.reject(
        new HeyGenError('no_credentials', 'No HeyGen credential: send your API key in the X-Api-Key header (or Authorization: Bearer <token>).'),
      );
    }
    const { operation, path } = request;
    const isWrite = request.method !== 'GET';
    const headers: Record<string, string> = Object.assign({}, call?.headers, { accept: 'application/json', 'user-agent': USER_AGENT, [credentials.header]: credentials.value });
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const attempt = async (): Promise<T> => {
      const started = performance.now();
      let sent = false;
      let answer: Answer;
      try {
        answer = await gate.run(
          () =>
            exchange(pool, request, headers, call?.deadline, () => {
              sent = true;
              call?.onSent?.();
            }),
          call?.deadline,
        );
      } catch (error) {
        // Only a request that was sent is a call (metrics and the request log count the same ones).
        if (sent) {
          options.onCall?.(operation, 'error', performance.now() - started);
          call?.onAnswered?.('error');
        }
        const failure = transportError(error, timeoutMs);
        throw sent && isWrite ? withUnknownOutcome(failure) : failure;
      }
      options.onCall?.(operation, answer.status, performance.now() - started);
      call?.onAnswered?.(answer.status);
      if (answer.status >= 200 && answer.status < 300) {
        const body = parseJson(answer.text);
        if (validate(body)) return body;
        const failure = new HeyGenError('bad_body', `HeyGen answered ${answer.status} with a body that is not the documented shape`, { status: answer.status });
        throw isWrite ? withUnknownOutcome(failure) : failure;
      }
      const failure = errorFromResponse(answer.status, answer.headers, answer.text, credentials);
      throw isWrite && answer.status >= 500 ? withUnknownOutcome(failure) : failure;
    };
    // The breaker sees the logical call once, after its retries; a call its own request cut short (its
    // deadline passed, or it was answered) says nothing about HeyGen.
    const deadline = call?.deadline;
    // A call the gate refused was never made: it says nothing about HeyGen either.
    const notHeyGens = (error: unknown) => isCallRefused(error) || (deadline?.ended === true && error instanceof HeyGenError && error.code === 'timeout');
    const onRetry = call?.onRetry === undefined ? options.onRetry : (error: HeyGenError) => (options.onRetry?.(error), call.onRetry?.());
    return breaker.run(() => withRetries(attempt, retry, deadline?.at, onRetry, isWrite ? isRefused : isRetryable), notHeyGens);
  }

  const sendOrNull = async <T>(request: Outgoing, credentials: Credentials | null, call: CallOptions | undefined): Promise<T | null> => {
    try {
      return (await send(request, credentials, call, isItemEnvelope)).data as T;
    } catch (error) {
      if (error instanceof HeyGenError && error.code === 'not_found') return null;
      throw error;
    }
  };

  return {
    list<Query extends ListQuery, Item>(resource: HeyGenResource<Query, Item>, credentials: Credentials | null, query: Query, call?: CallOptions) {
      const request: Outgoing = { operation: resource.list.operation, method: 'GET', path: `${resource.list.path}${toQueryString(query)}` };
      return send(request, credentials, call, isListPage<Item>);
    },
    get: (resource, credentials, id, call) =>
      sendOrNull({ operation: resource.get.operation, method: 'GET', path: `${resource.get.path}/${encodeURIComponent(id)}` }, credentials, call),
    write: (route, credentials, { id, body }, call) => {
      const path = id === undefined ? route.path : `${route.path}/${encodeURIComponent(id)}`;
      return sendOrNull({ operation: route.operation, method: route.method, path, body: body === undefined ? undefined : JSON.stringify(body) }, credentials, call);
    },
    breakerState: () => breaker.state(),
    close: () => pool.close(),
  };
}

/** One HTTP request to HeyGen: its operation (for metrics), method, path and query, and JSON body. */
interface Outgoing {
  operation: string;
  method: 'GET' | WriteRoute['method'];
  path: string;
  body?: string;
}

/** A write may be tried again only when HeyGen refused the connection: nothing of it was sent. */
const isRefused = (error: unknown): error is HeyGenError => error instanceof HeyGenError && error.code === 'connection' && !error.outcomeUnknown;

/** `failure` of a write that may have reached HeyGen: its outcome is unknown, and its message says so. */
const withUnknownOutcome = (failure: HeyGenError) =>
  new HeyGenError(failure.code, `${failure.message}; the request was sent, so HeyGen may have carried it out`, Object.assign({}, failure, { outcomeUnknown: true }));

/** What one call answered. */
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** The largest upstream body read; a larger one fails the call rather than the process's memory. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * One request through undici's dispatcher API: no Readable stream and no AbortSignal per call (the
 * request's Deadline cancels it), which is most of what `pool.request` costs on top of the socket work.
 * undici's own headers and body timers bound the call. `onSent` runs when the request is about to be
 * written; a request whose deadline ended while it waited for a connection is dropped instead.
 */
function exchange(pool: Pool, request: Outgoing, headers: Record<string, string>, deadline: Deadline | undefined, onSent: () => void): Promise<Answer> {
  if (deadline?.ended) return Promise.reject(endedError(deadline));
  return new Promise((resolve, reject) => {
    let status = 0;
    let answered: Answer['headers'] = {};
    const chunks: Buffer[] = [];
    let size = 0;
    let unregister: (() => void) | undefined;
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(controller) {
        unregister?.();
        // Thrown, not aborted: undici then fails the request unwritten and keeps the connection.
        if (deadline?.ended) throw endedError(deadline);
        unregister = deadline?.onExpire(() => controller.abort(deadlineError()));
        onSent();
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        status = statusCode;
        answered = responseHeaders;
      },
      onResponseData(controller, chunk) {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) return controller.abort(new HeyGenError('bad_body', `HeyGen answered more than ${MAX_RESPONSE_BYTES} bytes`));
        chunks.push(chunk);
      },
      onResponseEnd() {
        unregister?.();
        resolve({ status, headers: answered, text: (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8') });
      },
      onResponseError(_controller, error) {
        unregister?.();
        reject(error);
      },
    };
    pool.dispatch({ method: request.method, path: request.path, headers, body: request.body }, handler);
  });
}

/** Builds `?a=1&b=2` from the defined values, in a fixed order so equal queries give equal strings. */
export function toQueryString(query: object): string {
  let out = '';
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    out += `${out ? '&' : '?'}${name}=${encodeURIComponent(String(value))}`;
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isListPage<T>(body: unknown): body is HeyGenListPage<T> {
  return (
    isObject(body) &&
    Array.isArray(body.data) &&
    body.data.every(isObject) &&
    typeof body.has_more === 'boolean' &&
    (body.next_token === null || body.next_token === undefined || typeof body.next_token === 'string')
  );
}

function isItemEnvelope(body: unknown): body is { data: Record<string, unknown> } {
  return isObject(body) && isObject(body.data);
}

/** Characters of HeyGen's message kept, once scrubbed. */
const MAX_UPSTREAM_MESSAGE = 300;
/** HeyGen's `error.code` is passed on only when it looks like one: `rate_limit_exceeded`, `invalid_parameter`. */
const UPSTREAM_CODE = /^[a-z0-9_.-]{1,64}$/i;

/** Turns a non-2xx answer into a HeyGenError, keeping HeyGen's code (when it looks like one) and a scrubbed message. */
function errorFromResponse(status: number, headers: Record<string, string | string[] | undefined>, text: string, credentials: Credentials): HeyGenError {
  const body = parseJson(text) as Partial<HeyGenErrorBody> | undefined;
  const envelope = isObject(body) && isObject(body.error) ? body.error : undefined;
  const givenCode = envelope?.code;
  const upstreamCode = typeof givenCode === 'string' && UPSTREAM_CODE.test(givenCode) && scrub(givenCode, credentials) === givenCode ? givenCode : undefined;
  const upstreamMessage = typeof envelope?.message === 'string' ? cut(scrub(headOf(envelope.message), credentials), MAX_UPSTREAM_MESSAGE) : undefined;
  const givenParam = envelope?.param;
  const upstreamParam = typeof givenParam === 'string' && UPSTREAM_CODE.test(givenParam) && scrub(givenParam, credentials) === givenParam ? givenParam : undefined;
  const code = codeForStatus(status);
  const retryAfterSeconds = status === 429 ? parseRetryAfter(headers['retry-after']) : undefined;
  return new HeyGenError(code, describeStatus(status, retryAfterSeconds), { status, upstreamCode, upstreamMessage, retryAfterSeconds, upstreamParam });
}

function describeStatus(status: number, retryAfterSeconds: number | undefined): string {
  switch (status) {
    case 400:
      return 'HeyGen rejected the request as invalid (400)';
    case 401:
      return 'HeyGen rejected the credential (401): check the API key or bearer token';
    case 402:
      return 'HeyGen refused: the account has too few credits, or its plan does not allow this (402)';
    case 403:
      return 'The credential is not allowed to read this resource (403)';
    case 404:
      return 'HeyGen has no such resource (404)';
    case 429:
      return retryAfterSeconds === undefined
        ? 'HeyGen is rate limiting this credential (429)'
        : `HeyGen is rate limiting this credential (429); retry after ${retryAfterSeconds} s`;
    default:
      return status >= 500
        ? `HeyGen is failing (it answered ${status}); try again shortly`
        : `HeyGen answered with unexpected status ${status}`;
  }
}

/** A run of 20 or more characters keys and tokens are made of: what a secret looks like in a sentence. */
const TOKEN_RUN = /[\w\-.~+/=]{20,}/g;
/** A bearer token, whoever's it is. */
const BEARER_TOKEN = /\bbearer\s+[\w\-.~+/=]{8,}/gi;
/** Characters of the key's start or end that mark a token-looking run as holding (part of) the key. */
const KEY_MARK_LENGTH = 8;

/**
 * Removes secrets from text HeyGen wrote, which may echo the credential: the key in any letter case, any
 * bearer token, and any token-looking run of 20+ characters holding the key's first or last 8 characters
 * (the key cut short, or glued to other characters). Control characters become spaces. Other words are
 * kept, so the message stays useful.
 */
export function scrub(text: string, credentials: Credentials): string {
  const secret = credentials.value.replace(/^Bearer\s+/i, '').toLowerCase();
  const marks = secret.length >= 2 * KEY_MARK_LENGTH ? [secret.slice(0, KEY_MARK_LENGTH), secret.slice(-KEY_MARK_LENGTH)] : [secret];
  const out = text
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(BEARER_TOKEN, 'Bearer [redacted]')
    .replace(TOKEN_RUN, (run) => (marks.some((mark) => run.toLowerCase().includes(mark)) ? '[redacted]' : run));
  return secret.length < 4 ? out : out.replace(new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '[redacted]');
}

/** `text` cut to `length` characters, never leaving half a surrogate pair. */
const cut = (text: string, length: number) => text.slice(0, length).replace(/[\uD800-\uDBFF]$/, '');

/** Characters of HeyGen's message scrubbed (a body may be megabytes); what is kept comes from these. */
const MAX_SCRUBBED = 8192;

/** The start of a long message, less any token-looking run the cut went through (a piece of a key that scrub could not recognise). */
const headOf = (text: string) => (text.length <= MAX_SCRUBBED ? text : text.slice(0, MAX_SCRUBBED).replace(/[\w\-.~+/=]+$/, ''));

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function transportError(error: unknown, timeoutMs: number): HeyGenError {
  if (error instanceof HeyGenError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    return new HeyGenError('timeout', `HeyGen did not answer within ${timeoutMs} ms`);
  }
  if ((error as { name?: unknown } | null)?.name === 'AbortError' || code === 'UND_ERR_ABORTED') {
    return new HeyGenError('timeout', 'The request ran out of time, so its upstream call was cancelled');
  }
  return new HeyGenError('connection', 'Could not reach HeyGen (connection failed)');
}
