import { createIdempotency } from '../cache/idempotency.js';
import { createMemoryIdempotencyStore, createRedisIdempotencyStore, type IdempotencyStore } from '../cache/idempotency-store.js';
import { createCredentialHasher } from '../cache/keys.js';
import type { Config } from '../config.js';
import type { HeyGenClient } from '../heygen/client.js';
import type { Context } from './context.js';
import type { UnknownValueReporter } from './models.js';
import { createVideoStatusHub, type VideoStatusHub } from './video-status.js';
import { createVideoWrites, type VideoWrites } from './video-writes.js';

/** What the mutations and the subscription keep across requests: one set per gateway, reached from each request's context. */
export interface VideoServices {
  readonly writes: VideoWrites;
  /** The `videoStatus` poll loops. Call `status.close()` first on SIGTERM: it ends every stream, so the drain need not wait for them. */
  readonly status: VideoStatusHub;
  /** Told about statuses the schema does not know yet. */
  readonly reportUnknown: UnknownValueReporter;
  /** Closes the idempotency records' Redis connection (if any); call it after the drain. */
  close(): Promise<void>;
}

/** Where a context holds the gateway's VideoServices (`withVideoServices` puts them there). */
export const VIDEO_SERVICES = Symbol('video services');

/** The longest a pending idempotency record holds beyond the write's own deadline, ms: time to settle it. */
const LEASE_MARGIN_MS = 5000;

/**
 * Builds the services from `config`: idempotency records in Redis when REDIS_URL is set (connecting on
 * first use), else in memory bounded by IDEMPOTENCY_MAX_BYTES; the poll loops' settings. Opens nothing.
 */
export function createVideoServices(config: Config, deps: { client: HeyGenClient; reportUnknown: UnknownValueReporter }): VideoServices {
  const store: IdempotencyStore = config.redisUrl ? createRedisIdempotencyStore({ url: config.redisUrl }) : createMemoryIdempotencyStore({ maxBytes: config.idempotencyMaxBytes });
  const idempotency = createIdempotency(store, {
    baseUrl: config.heygenBaseUrl,
    salt: config.cacheKeySalt,
    ttlMs: config.idempotencyTtlSeconds * 1000,
    leaseMs: config.requestDeadlineMs + LEASE_MARGIN_MS,
  });
  return {
    writes: createVideoWrites({ client: deps.client, idempotency, deadlineMs: config.requestDeadlineMs }),
    status: createVideoStatusHub({
      client: deps.client,
      intervalMs: config.videoPollIntervalMs,
      maxFollowMs: config.videoPollMaxMinutes * 60_000,
      maxPerCredential: config.maxSubscriptions,
      maxPerProcess: config.maxSubscriptionsPerProcess,
      hashOf: createCredentialHasher(`heygen-graphql-gateway:${config.cacheKeySalt}`),
      reportUnknown: deps.reportUnknown,
    }),
    reportUnknown: deps.reportUnknown,
    close: () => store.close(),
  };
}

/**
 * Puts the gateway's VideoServices in a request's context: createGateway's context function does, for
 * every request on both front-ends (in the context factory rather than a plugin hook of its own: each
 * hook is a step of envelop's per-request machinery).
 */
export function withVideoServices(context: Context, services: VideoServices): Context {
  (context as Context & { [VIDEO_SERVICES]?: VideoServices })[VIDEO_SERVICES] = services;
  return context;
}

/** The gateway's VideoServices from a request's context; throws when the gateway put none there (a schema run on its own). */
export function videoServicesOf(context: Context): VideoServices {
  const services = (context as Context & { [VIDEO_SERVICES]?: VideoServices })[VIDEO_SERVICES];
  if (services === undefined) throw new Error('This schema runs without the gateway: mutations and subscriptions need createGateway');
  return services;
}
