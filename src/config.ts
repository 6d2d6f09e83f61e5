import { readFileSync } from 'node:fs';
/** The gateway's settings, validated once at start-up; the only module that reads the environment. */
export interface Config {
  /** TCP port to listen on. @default 4000 */
  readonly port: number;
  /** Interface to bind. @default '0.0.0.0' */
  readonly host: string;
  /** Origin of HeyGen's API, without a path. @default 'https://api.heygen.com' */
  readonly heygenBaseUrl: string;
  /** The server's own key, used when a request brings none. @default null */
  readonly heygenApiKey: string | null;
  /** Per upstream call, ms: for the answer's headers, and again for any pause within its body. @default 10000 */
  readonly heygenTimeoutMs: number;
  /** Opening a socket to HeyGen, ms. @default 5000 */
  readonly heygenConnectTimeoutMs: number;
  /** Retries of a GET that met 429, 500, 502, 503, 504 or a reset connection. @default 2 */
  readonly heygenRetries: number;
  /** First retry backoff, ms (doubles, with jitter; never below Retry-After). @default 250 */
  readonly heygenRetryBaseMs: number;
  /** All the waiting one upstream call may do across its retries, ms. @default 8000 */
  readonly heygenRetryBudgetMs: number;
  /** Failed calls the breaker's window must hold before it opens, whatever the rate (BREAKER_FAILURES). @default 5 */
  readonly breakerFailures: number;
  /** Calls the breaker's window must hold before it opens (BREAKER_MIN_CALLS). @default 10 */
  readonly breakerMinCalls: number;
  /** Share of the window's calls that failed, in percent, that opens the breaker (BREAKER_FAILURE_RATE). @default 50 */
  readonly breakerFailureRate: number;
  /** The breaker's window, ms (BREAKER_WINDOW_MS). @default 10000 */
  readonly breakerWindowMs: number;
  /** How long an open breaker fails fast before a probe, ms. @default 10000 */
  readonly breakerCoolDownMs: number;
  /** Whole GraphQL request, ms: then its pending upstream calls are aborted. On SIGTERM, requests in flight get this long, plus 2 s, to finish. @default 15000 */
  readonly requestDeadlineMs: number;
  /** Receiving one HTTP request, headers and body, ms: a slower client is answered 408 and disconnected. @default 10000 */
  readonly requestBodyTimeoutMs: number;
  /**
   * Calls in flight to HeyGen at once, per process (HEYGEN_MAX_CONNECTIONS): a keep-alive socket each over
   * HTTP/1.1, or streams on a hundredth as many connections over HTTP/2. @default 256
   */
  readonly heygenMaxConnections: number;
  /** Calls waiting for one of those; a call beyond them fails at once with UPSTREAM_ERROR (HEYGEN_MAX_QUEUED_CALLS). @default 1024 */
  readonly heygenMaxQueuedCalls: number;
  /** Offer HTTP/2 to an https HeyGen origin, HTTP/1.1 staying the fallback (HEYGEN_HTTP2; README, Performance). @default false */
  readonly heygenHttp2: boolean;
  /**
   * Identical reads with one credential that are in flight at once share one HeyGen call, cache or no
   * cache: many users opening the same catalogue page cost HeyGen one call (HEYGEN_COALESCE_READS). @default true
   */
  readonly heygenCoalesceReads: boolean;
  /** Certificates (PEM) trusted for HeyGen's origin besides the system's, read from HEYGEN_CA_FILE. @default null */
  readonly heygenCa: string | null;
  /** Upstream calls one GraphQL request may have in flight at once. @default 16 */
  readonly maxConcurrencyPerRequest: number;
  /** The `avatar_type` value sent for DIGITAL_TWIN (the docs disagree). @default 'digital_twin' */
  readonly digitalTwinAvatarType: 'digital_twin' | 'video_avatar';
  /** Serve GraphiQL on GET /graphql. @default true */
  readonly graphiql: boolean;
  /** A key GraphiQL shows filled in its headers pane. Only for the demo: every visitor sees it. Not read from the environment. @default null */
  readonly graphiqlApiKey: string | null;
  /** `debug`, `info`, `warn`, `error` or `silent`. @default 'info' */
  readonly logLevel: LogLevel;
  /** Fields nested in one operation, fragments expanded; introspection's nesting has graphql's own rule. @default 12 */
  readonly maxQueryDepth: number;
  /** Aliases in one document. @default 15 */
  readonly maxAliases: number;
  /** Directives in one document. @default 20 */
  readonly maxDirectives: number;
  /** Tokens in one document, counted while parsing. @default 5000 */
  readonly maxTokens: number;
  /**
   * Field selections, fragment spreads and inline fragments in one document, each counted as written,
   * checked right after parsing: validation's cost grows with the square of it. @default 200
   */
  readonly maxFields: number;
  /** HeyGen calls one request could trigger: page sizes times nested lists, for its variables. @default 500 */
  readonly maxUpstreamCost: number;
  /** Largest request body, bytes; a larger one is refused with 413. @default 1048576 */
  readonly maxBodyBytes: number;
  /**
   * Origins whose pages may read answers in a browser (CORS): a list, or `['*']` for any. null: any origin
   * without a server key (callers bring their own), none with one (README, Browsers and CORS). @default null
   */
  readonly corsOrigins: readonly string[] | null;
  /** Bytes of parsed documents kept for reuse (estimated from their text and tokens), shared by both front-ends. @default 33554432 */
  readonly documentCacheMaxBytes: number;
  /** A manifest of trusted documents (JSON: id → document) that clients may name by id. @default null */
  readonly persistedDocuments: string | null;
  /** Refuse every document that is not in the manifest. @default false */
  readonly persistedDocumentsOnly: boolean;
  /** With `persistedDocumentsOnly`: a request with this in `x-trusted-documents-bypass` may send any document (GraphiQL). @default null */
  readonly persistedDocumentsBypassToken: string | null;
  /** Bytes of documents automatic persisted queries may register (their text, UTF-16); 0 turns registration off. @default 4194304 */
  readonly apqMaxBytes: number;
  /** Where traces go (OTLP over HTTP): OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`; null: no tracing. @default null */
  readonly otlpTracesEndpoint: string | null;
  /** OTEL_SERVICE_NAME. @default 'heygen-graphql-gateway' */
  readonly otelServiceName: string;
  /** OTEL_TRACES_SAMPLER. @default 'parentbased_always_on' */
  readonly otelTracesSampler: TraceSampler;
  /** OTEL_TRACES_SAMPLER_ARG: the ratio of the `traceidratio` samplers, 0..1. @default 1 */
  readonly otelTracesSamplerArg: number;
  /** OTEL_BSP_SCHEDULE_DELAY: how long finished spans wait to be exported in a batch, ms. @default 5000 */
  readonly otelBspScheduleDelayMs: number;
  /** Send `traceparent` on to HeyGen (a third party). @default false */
  readonly tracePropagateUpstream: boolean;
  /** Answer introspection (`__schema`, `__type`); GraphiQL's docs need it. @default true */
  readonly introspection: boolean;
  /** How `_service { sdl }` offers `node`/`nodes` to a supergraph: `shareable` or `omit` (README, Federation). @default 'shareable' */
  readonly federationNodeField: 'shareable' | 'omit';
  /** Redis shared by the replicas for the cache (`redis://…`); unset keeps the cache in this process. @default null */
  readonly redisUrl: string | null;
  /** How long upstream answers are cached, s; 0 turns the cache off. @default 60 */
  readonly cacheTtlSeconds: number;
  /**
   * TTLs by resource name, s, instead of `cacheTtlSeconds` (0 leaves that resource uncached): from
   * `CACHE_TTL_<NAME>_SECONDS`, e.g. CACHE_TTL_VOICES_SECONDS for the resource named `voices`. @default {}
   */
  readonly cacheTtlSecondsByResource: Readonly<Record<string, number>>;
  /** Entries the in-memory cache keeps. @default 10000 */
  readonly cacheMaxEntries: number;
  /** Bytes the in-memory cache keeps, counted as the values' JSON length. @default 67108864 */
  readonly cacheMaxBytes: number;
  /** Salt of the credential HMAC in cache keys; set the same on every replica. @default '' */
  readonly cacheKeySalt: string;
  /** Per Redis command, ms: a slower answer counts as Redis down, and the cache is bypassed for a second. @default 100 */
  readonly cacheRedisTimeoutMs: number;
  /** With Redis, how long each replica also keeps an entry in its own memory, ms; 0 reads Redis every time. @default 1000 */
  readonly cacheLocalTtlMs: number;
  /** Mutation fields one operation may hold (aliases included), so one request cannot order many videos. @default 1 */
  readonly maxMutations: number;
  /** How long an `idempotencyKey` of createVideo is remembered per credential, s. @default 86400 */
  readonly idempotencyTtlSeconds: number;
  /** Without Redis, bytes of idempotency records kept in memory (least recently used out first). @default 16777216 */
  readonly idempotencyMaxBytes: number;
  /** How often a followed video is polled, ms (longer after errors and a 429's Retry-After). @default 5000 */
  readonly videoPollIntervalMs: number;
  /** How long one `videoStatus` subscription may follow a video, min; then its stream completes. @default 60 */
  readonly videoPollMaxMinutes: number;
  /** `videoStatus` subscriptions one credential may hold open at once, per process. @default 20 */
  readonly maxSubscriptions: number;
  /** `videoStatus` subscriptions open at once in this process, all credentials together. @default 1000 */
  readonly maxSubscriptionsPerProcess: number;
}

/** The samplers of OTEL_TRACES_SAMPLER. */
export const TRACE_SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;
export type TraceSampler = (typeof TRACE_SAMPLERS)[number];

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export const DEFAULT_CONFIG: Config = Object.freeze({
  port: 4000,
  host: '0.0.0.0',
  heygenBaseUrl: 'https://api.heygen.com',
  heygenApiKey: null,
  heygenTimeoutMs: 10_000,
  heygenConnectTimeoutMs: 5000,
  heygenRetries: 2,
  heygenRetryBaseMs: 250,
  heygenRetryBudgetMs: 8000,
  breakerFailures: 5,
  breakerMinCalls: 10,
  breakerFailureRate: 50,
  breakerWindowMs: 10_000,
  breakerCoolDownMs: 10_000,
  requestDeadlineMs: 15_000,
  requestBodyTimeoutMs: 10_000,
  heygenMaxConnections: 256,
  heygenMaxQueuedCalls: 1024,
  heygenHttp2: false,
  heygenCoalesceReads: true,
  heygenCa: null,
  maxConcurrencyPerRequest: 16,
  digitalTwinAvatarType: 'digital_twin',
  graphiql: true,
  graphiqlApiKey: null,
  logLevel: 'info',
  maxQueryDepth: 12,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 5000,
  maxFields: 200,
  maxUpstreamCost: 500,
  maxBodyBytes: 1_048_576,
  corsOrigins: null,
  otlpTracesEndpoint: null,
  otelServiceName: 'heygen-graphql-gateway',
  otelTracesSampler: 'parentbased_always_on',
  otelTracesSamplerArg: 1,
  otelBspScheduleDelayMs: 5000,
  tracePropagateUpstream: false,
  persistedDocuments: null,
  persistedDocumentsOnly: false,
  persistedDocumentsBypassToken: null,
  apqMaxBytes: 4 * 1_048_576,
  documentCacheMaxBytes: 32 * 1_048_576,
  introspection: true,
  federationNodeField: 'shareable',
  redisUrl: null,
  cacheTtlSeconds: 60,
  cacheTtlSecondsByResource: Object.freeze({}),
  cacheMaxEntries: 10_000,
  cacheMaxBytes: 64 * 1_048_576,
  cacheKeySalt: '',
  cacheRedisTimeoutMs: 100,
  cacheLocalTtlMs: 1000,
  maxMutations: 1,
  idempotencyTtlSeconds: 86_400,
  idempotencyMaxBytes: 16 * 1_048_576,
  videoPollIntervalMs: 5000,
  videoPollMaxMinutes: 60,
  maxSubscriptions: 20,
  maxSubscriptionsPerProcess: 1000,
});

/** A per-resource cache TTL: `CACHE_TTL_<NAME>_SECONDS`, where <name> is a resource's name (src/graphql/resources/). */
const CACHE_TTL_VARIABLE = /^CACHE_TTL_([A-Z][A-Z0-9_]*)_SECONDS$/;

/** Thrown with every problem found in the environment, in words a person can act on. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the environment (PORT, HOST, HEYGEN_BASE_URL, HEYGEN_API_KEY, HEYGEN_TIMEOUT_MS,
 * HEYGEN_MAX_CONNECTIONS, MAX_UPSTREAM_CONCURRENCY, DIGITAL_TWIN_AVATAR_TYPE, GRAPHIQL, LOG_LEVEL).
 * Throws a ConfigError listing every bad variable at once.
 */
export function loadConfig(env: Env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${allowed.join(', ')}, got "${env[name]}"`);
    return fallback;
  };

  const config: Config = {
    port: integer('PORT', DEFAULT_CONFIG.port, 0, 65535),
    host: env.HOST?.trim() || DEFAULT_CONFIG.host,
    heygenBaseUrl: parseBaseUrl(env.HEYGEN_BASE_URL, problems),
    heygenApiKey: env.HEYGEN_API_KEY?.trim() || null,
    heygenTimeoutMs: integer('HEYGEN_TIMEOUT_MS', DEFAULT_CONFIG.heygenTimeoutMs, 1, 600_000),
    heygenConnectTimeoutMs: integer('HEYGEN_CONNECT_TIMEOUT_MS', DEFAULT_CONFIG.heygenConnectTimeoutMs, 1, 600_000),
    heygenRetries: integer('HEYGEN_RETRIES', DEFAULT_CONFIG.heygenRetries, 0, 10),
    heygenRetryBaseMs: integer('HEYGEN_RETRY_BASE_MS', DEFAULT_CONFIG.heygenRetryBaseMs, 1, 60_000),
    heygenRetryBudgetMs: integer('HEYGEN_RETRY_BUDGET_MS', DEFAULT_CONFIG.heygenRetryBudgetMs, 0, 600_000),
    breakerFailures: integer('BREAKER_FAILURES', DEFAULT_CONFIG.breakerFailures, 1, 10_000),
    breakerMinCalls: integer('BREAKER_MIN_CALLS', DEFAULT_CONFIG.breakerMinCalls, 1, 1_000_000),
    breakerFailureRate: integer('BREAKER_FAILURE_RATE', DEFAULT_CONFIG.breakerFailureRate, 1, 100),
    breakerWindowMs: integer('BREAKER_WINDOW_MS', DEFAULT_CONFIG.breakerWindowMs, 10, 3_600_000),
    breakerCoolDownMs: integer('BREAKER_COOLDOWN_MS', DEFAULT_CONFIG.breakerCoolDownMs, 1, 3_600_000),
    requestDeadlineMs: integer('REQUEST_DEADLINE_MS', DEFAULT_CONFIG.requestDeadlineMs, 1, 600_000),
    requestBodyTimeoutMs: integer('REQUEST_BODY_TIMEOUT_MS', DEFAULT_CONFIG.requestBodyTimeoutMs, 100, 600_000),
    heygenMaxConnections: integer('HEYGEN_MAX_CONNECTIONS', DEFAULT_CONFIG.heygenMaxConnections, 1, 4096),
    heygenMaxQueuedCalls: integer('HEYGEN_MAX_QUEUED_CALLS', DEFAULT_CONFIG.heygenMaxQueuedCalls, 0, 1_000_000),
    heygenHttp2: oneOf('HEYGEN_HTTP2', ['true', 'false', '1', '0'], 'false').match(/^(true|1)$/) !== null,
    heygenCoalesceReads: oneOf('HEYGEN_COALESCE_READS', ['true', 'false', '1', '0'], 'true').match(/^(true|1)$/) !== null,
    heygenCa: readCaFile(env.HEYGEN_CA_FILE, problems),
    maxConcurrencyPerRequest: integer('MAX_UPSTREAM_CONCURRENCY', DEFAULT_CONFIG.maxConcurrencyPerRequest, 1, 1024),
    digitalTwinAvatarType: oneOf('DIGITAL_TWIN_AVATAR_TYPE', ['digital_twin', 'video_avatar'], DEFAULT_CONFIG.digitalTwinAvatarType),
    graphiql: oneOf('GRAPHIQL', ['true', 'false', '1', '0'], 'true').match(/^(true|1)$/) !== null,
    graphiqlApiKey: null,
    logLevel: oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'], DEFAULT_CONFIG.logLevel),
    maxQueryDepth: integer('MAX_QUERY_DEPTH', DEFAULT_CONFIG.maxQueryDepth, 1, 1000),
    maxAliases: integer('MAX_ALIASES', DEFAULT_CONFIG.maxAliases, 0, 10_000),
    maxDirectives: integer('MAX_DIRECTIVES', DEFAULT_CONFIG.maxDirectives, 0, 10_000),
    maxTokens: integer('MAX_TOKENS', DEFAULT_CONFIG.maxTokens, 100, 1_000_000),
    maxFields: integer('MAX_FIELDS', DEFAULT_CONFIG.maxFields, 1, 100_000),
    maxUpstreamCost: integer('MAX_UPSTREAM_COST', DEFAULT_CONFIG.maxUpstreamCost, 1, 1_000_000),
    maxBodyBytes: integer('MAX_BODY_BYTES', DEFAULT_CONFIG.maxBodyBytes, 1024, 100 * 1_048_576),
    corsOrigins: parseOrigins(env.CORS_ORIGINS, problems),
    otlpTracesEndpoint: parseTracesEndpoint(env, problems),
    otelServiceName: env.OTEL_SERVICE_NAME?.trim().slice(0, 200) || DEFAULT_CONFIG.otelServiceName,
    otelTracesSampler: oneOf('OTEL_TRACES_SAMPLER', TRACE_SAMPLERS, DEFAULT_CONFIG.otelTracesSampler),
    otelTracesSamplerArg: parseRatio(env.OTEL_TRACES_SAMPLER_ARG, problems),
    otelBspScheduleDelayMs: integer('OTEL_BSP_SCHEDULE_DELAY', DEFAULT_CONFIG.otelBspScheduleDelayMs, 1, 600_000),
    tracePropagateUpstream: oneOf('TRACE_PROPAGATE_UPSTREAM', ['true', 'false', '1', '0'], 'false').match(/^(true|1)$/) !== null,
    persistedDocuments: env.PERSISTED_DOCUMENTS?.trim() || null,
    persistedDocumentsOnly: oneOf('PERSISTED_DOCUMENTS_ONLY', ['true', 'false', '1', '0'], 'false').match(/^(true|1)$/) !== null,
    persistedDocumentsBypassToken: parseToken(env.PERSISTED_DOCUMENTS_BYPASS_TOKEN, problems),
    apqMaxBytes: integer('APQ_MAX_BYTES', DEFAULT_CONFIG.apqMaxBytes, 0, 2 ** 34),
    documentCacheMaxBytes: integer('DOCUMENT_CACHE_MAX_BYTES', DEFAULT_CONFIG.documentCacheMaxBytes, 65_536, 2 ** 34),
    introspection: oneOf('INTROSPECTION', ['true', 'false', '1', '0'], 'true').match(/^(true|1)$/) !== null,
    federationNodeField: oneOf('FEDERATION_NODE_FIELD', ['shareable', 'omit'], DEFAULT_CONFIG.federationNodeField),
    redisUrl: parseRedisUrl(env.REDIS_URL, problems),
    cacheTtlSeconds: integer('CACHE_TTL_SECONDS', DEFAULT_CONFIG.cacheTtlSeconds, 0, 86_400),
    cacheTtlSecondsByResource: Object.freeze(
      Object.fromEntries(
        Object.keys(env).flatMap((name) => {
          const resource = CACHE_TTL_VARIABLE.exec(name)?.[1];
          return resource !== undefined && env[name]?.trim() ? [[resource.toLowerCase(), integer(name, 0, 0, 86_400)]] : [];
        }),
      ),
    ),
    cacheMaxEntries: integer('CACHE_MAX_ENTRIES', DEFAULT_CONFIG.cacheMaxEntries, 1, 10_000_000),
    cacheMaxBytes: integer('CACHE_MAX_BYTES', DEFAULT_CONFIG.cacheMaxBytes, 1024, 2 ** 40),
    cacheKeySalt: env.CACHE_KEY_SALT?.trim() ?? DEFAULT_CONFIG.cacheKeySalt,
    cacheRedisTimeoutMs: integer('CACHE_REDIS_TIMEOUT_MS', DEFAULT_CONFIG.cacheRedisTimeoutMs, 1, 60_000),
    cacheLocalTtlMs: integer('CACHE_LOCAL_TTL_MS', DEFAULT_CONFIG.cacheLocalTtlMs, 0, 60_000),
    maxMutations: integer('MAX_MUTATIONS', DEFAULT_CONFIG.maxMutations, 1, 100),
    idempotencyTtlSeconds: integer('IDEMPOTENCY_TTL_SECONDS', DEFAULT_CONFIG.idempotencyTtlSeconds, 60, 30 * 86_400),
    idempotencyMaxBytes: integer('IDEMPOTENCY_MAX_BYTES', DEFAULT_CONFIG.idempotencyMaxBytes, 65_536, 2 ** 34),
    videoPollIntervalMs: integer('VIDEO_POLL_INTERVAL_MS', DEFAULT_CONFIG.videoPollIntervalMs, 10, 600_000),
    videoPollMaxMinutes: integer('VIDEO_POLL_MAX_MINUTES', DEFAULT_CONFIG.videoPollMaxMinutes, 1, 24 * 60),
    maxSubscriptions: integer('MAX_SUBSCRIPTIONS', DEFAULT_CONFIG.maxSubscriptions, 1, 100_000),
    maxSubscriptionsPerProcess: integer('MAX_SUBSCRIPTIONS_PER_PROCESS', DEFAULT_CONFIG.maxSubscriptionsPerProcess, 1, 1_000_000),
    ...overrides,
  };
  if (config.persistedDocumentsOnly && config.persistedDocuments === null) problems.push('PERSISTED_DOCUMENTS_ONLY=true needs PERSISTED_DOCUMENTS, the manifest of the documents to allow');
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  return Object.freeze(config);
}

/** The OTLP/HTTP traces URL: the signal's own variable as is, or the general one with `/v1/traces`. */
function parseTracesEndpoint(env: Env, problems: string[]): string | null {
  const own = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const general = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const url = own || (general ? `${general.replace(/\/+$/, '')}/v1/traces` : '');
  if (!url) return null;
  try {
    const { protocol } = new URL(url);
    if (protocol === 'http:' || protocol === 'https:') return url;
  } catch {
    // reported below
  }
  problems.push(`${own ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT'} must be an http(s) URL such as http://127.0.0.1:4318 (value not shown: it may hold a token)`);
  return null;
}

/** OTEL_TRACES_SAMPLER_ARG: a number from 0 to 1. */
function parseRatio(raw: string | undefined, problems: string[]): number {
  const text = raw?.trim();
  if (!text) return DEFAULT_CONFIG.otelTracesSamplerArg;
  const value = Number(text);
  if (Number.isFinite(value) && value >= 0 && value <= 1) return value;
  problems.push(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got "${text.slice(0, 20)}"`);
  return DEFAULT_CONFIG.otelTracesSamplerArg;
}

/** `PERSISTED_DOCUMENTS_BYPASS_TOKEN`: a secret of 32..256 printable characters (value never echoed). */
function parseToken(raw: string | undefined, problems: string[]): string | null {
  const text = raw?.trim();
  if (!text) return null;
  if (!/^[\x21-\x7e]{32,256}$/.test(text)) problems.push('PERSISTED_DOCUMENTS_BYPASS_TOKEN must be 32..256 printable characters, with no spaces (value not shown)');
  return text;
}

/** `HEYGEN_CA_FILE`: a PEM file of certificates to trust for HeyGen's origin (a private CA, a test simulator's). */
function readCaFile(raw: string | undefined, problems: string[]): string | null {
  const path = raw?.trim();
  if (!path) return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    problems.push(`HEYGEN_CA_FILE could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): "${path.slice(0, 200)}"`);
    return null;
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    problems.push(`HEYGEN_CA_FILE must hold PEM certificates (-----BEGIN CERTIFICATE-----), and "${path.slice(0, 200)}" has none`);
    return null;
  }
  return text;
}

/** `CORS_ORIGINS`: `*`, or a comma list of origins such as `https://app.example.com`. */
function parseOrigins(raw: string | undefined, problems: string[]): readonly string[] | null {
  const text = raw?.trim();
  if (!text) return null;
  if (text === '*') return Object.freeze(['*']);
  const origins: string[] = [];
  for (const item of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    let origin: string | undefined;
    try {
      origin = new URL(item).origin;
    } catch {
      origin = undefined;
    }
    if (origin === undefined || origin === 'null' || origin !== item.replace(/\/$/, '')) {
      problems.push(`CORS_ORIGINS must be * or a comma list of origins such as https://app.example.com (scheme, host and port only), got "${item.slice(0, 100)}"`);
    } else {
      origins.push(origin);
    }
  }
  return Object.freeze(origins);
}

function parseRedisUrl(raw: string | undefined, problems: string[]): string | null {
  const text = raw?.trim();
  if (!text) return null;
  let protocol: string | undefined;
  try {
    protocol = new URL(text).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    problems.push('REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379 (value not shown: it may hold a password)');
    return null;
  }
  return text;
}

function parseBaseUrl(raw: string | undefined, problems: string[]): string {
  const text = raw?.trim();
  if (!text) return DEFAULT_CONFIG.heygenBaseUrl;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push(`HEYGEN_BASE_URL must be an absolute http(s) URL such as https://api.heygen.com, got "${text}"`);
    return DEFAULT_CONFIG.heygenBaseUrl;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`HEYGEN_BASE_URL must use http or https, got "${url.protocol}"`);
  } else if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    problems.push(`HEYGEN_BASE_URL must be an origin with no path, query or credentials, got "${text}"`);
  }
  return url.origin;
}
