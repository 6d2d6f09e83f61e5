import { withCache } from '../cache/from-config.js';
import type { Config } from '../config.js';
import { createHeyGenClient } from '../heygen/client.js';
import type { HeyGenError } from '../heygen/errors.js';
import { clientOptionsFrom } from '../heygen/from-config.js';
import { createGateway, type Gateway } from './gateway.js';
import { listen } from './listen.js';
import { readTrustedDocuments } from './trusted-documents.js';
import type { Logger } from './logger.js';
import { createObservability } from './observability.js';

export interface RunningGateway {
  url: string;
  gateway: Gateway;
  /**
   * Drains requests in flight (up to `graceMs`, by default the request deadline plus SHUTDOWN_MARGIN_MS,
   * so a request that keeps to its deadline is never cut), then closes the upstream pool and the cache.
   */
  close(graceMs?: number): Promise<void>;
}

/** What a drain allows beyond the request deadline, ms: for the answer to a request cut at its deadline to be written. */
const SHUTDOWN_MARGIN_MS = 2000;

/** Builds the client and gateway from `config` and listens. Used by both bins and by the tests. */
export async function startGateway(config: Config, logger: Logger): Promise<RunningGateway> {
  const observability = createObservability(logger);
  const upstream = createHeyGenClient(
    Object.assign(clientOptionsFrom(config), {
      onRetry: (error: HeyGenError) => {
        observability.onRetry(error.status ? String(error.status) : error.code);
        logger.debug(`retrying a HeyGen call after ${error.code}${error.status ? ` ${error.status}` : ''}`);
      },
      onCall: observability.onUpstreamCall,
    }),
  );
  const { client, store } = withCache(upstream, config, { log: logger, onLookup: observability.onCache });
  logger.info(
    store === null ? 'cache: off' : `cache: ${store.kind === 'redis' ? 'Redis, shared by the replicas' : 'in memory'}`,
    store === null ? {} : { ttlSeconds: config.cacheTtlSeconds, ...config.cacheTtlSecondsByResource },
  );
  observability.trackBreaker(client.breakerState);
  const trustedDocuments = config.persistedDocuments === null ? undefined : await readTrustedDocuments(config.persistedDocuments);
  const tracing = config.otlpTracesEndpoint === null ? null : (await import('./tracing-sdk.js')).createTracing(config.otlpTracesEndpoint, config);
  const gateway = createGateway(config, { client, logger, observability, trustedDocuments, tracing });
  const server = await listen(gateway.handler, { port: config.port, host: config.host, requestTimeoutMs: config.requestBodyTimeoutMs });
  return {
    url: server.url,
    gateway,
    close: async (graceMs = config.requestDeadlineMs + SHUTDOWN_MARGIN_MS) => {
      // Live status streams complete first: an open stream would otherwise hold the drain to its grace.
      gateway.videos.status.close();
      await server.close(graceMs);
      await client.close();
      await gateway.videos.close();
      await store?.close();
      await tracing?.shutdown();
    },
  };
}

/** Closes `running` on SIGTERM or SIGINT and exits 0 once it has drained. */
export function exitOnSignals(running: { close(): Promise<void> }, logger: Logger): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: draining requests in flight`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/**
 * Logs an unhandled rejection or an uncaught exception, bounded (name, message, the first frames of its
 * stack), and keeps serving: one bad request or scrape must not take every other request down with the
 * process. Install it once per process, in a bin.
 */
export function logUnhandledErrors(logger: Logger): void {
  const report = (kind: string) => (error: unknown) => {
    try {
      logger.error(`${kind}: kept serving`, describeError(error));
    } catch {
      // Logging failed too (a value whose toString throws): nothing is left to tell.
    }
  };
  process.on('unhandledRejection', report('unhandled rejection'));
  process.on('uncaughtException', report('uncaught exception'));
}

/** An error as a log line's fields: its name, message and the first frames of its stack (the logger bounds each). */
function describeError(error: unknown): Record<string, string | undefined> {
  if (!(error instanceof Error)) return { error: typeof error, message: String(error) };
  const frames = error.stack?.split('\n').filter((line) => /^\s+at /.test(line));
  return { error: error.name, message: error.message, stack: frames?.slice(0, 8).join('\n') };
}
