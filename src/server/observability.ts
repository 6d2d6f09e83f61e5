import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from './logger.js';

/** What one GraphQL request did, as logged and counted. */
export interface RequestSummary {
  operation: string | undefined;
  durationMs: number;
  upstreamCalls: number;
  cacheHits: number;
  errorCodes: string[];
  /** Which front-end took the request: 'fast' (the JSON front-end) or 'yoga'. */
  path: 'fast' | 'yoga';
  /** The request's trace, when it is traced. */
  traceId?: string;
}

/** Metrics at /metrics plus one JSON log line per request, whichever front-end took it. */
export interface Observability {
  registry: Registry;
  onRequest(summary: RequestSummary): void;
  onUpstreamCall(operation: string, status: number | 'error', durationMs: number): void;
  onRetry(reason: string): void;
  onCache(result: 'hit' | 'miss'): void;
  /** Samples the breaker state for the gauge. */
  trackBreaker(state: () => 'closed' | 'open' | 'half_open'): void;
}

const BREAKER_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

/** Distinct operation names given their own series; clients choose names, so later ones share `other`. */
export const MAX_OPERATION_LABELS = 200;

/**
 * Characters of an operation name kept in a label or a log line; a longer name is cut there and ends
 * in `…`. (The pipeline refuses names over MAX_OPERATION_NAME_LENGTH, 200, but a name may come from
 * anywhere: every label and log line must stay small, or one scrape of 40 names of 1 MB is a string
 * longer than V8 allows.)
 */
export const MAX_OPERATION_LABEL_LENGTH = 100;

/** The operation name as labels and logs show it: at most MAX_OPERATION_LABEL_LENGTH characters, then `…`. */
function toOperationLabel(operation: string | undefined): string {
  if (operation === undefined || operation === '') return 'anonymous';
  return operation.length <= MAX_OPERATION_LABEL_LENGTH ? operation : `${operation.slice(0, MAX_OPERATION_LABEL_LENGTH)}…`;
}

/**
 * prom-client hashes a label object on every observation; a request observes a few, so each label set
 * is bound once and kept. `limit` caps how many are kept (the rest share `overflow`).
 */
function boundBy<T>(bind: (key: string) => T, limit = Infinity, overflow = 'other'): (key: string) => T {
  const bound = new Map<string, T>();
  return (key) => {
    let child = bound.get(key);
    if (child === undefined) {
      if (bound.size >= limit) key = overflow;
      child = bound.get(key) ?? bind(key);
      bound.set(key, child);
    }
    return child;
  };
}

/** Builds a registry of its own (no global default registry), so tests can build many. */
export function createObservability(logger: Logger): Observability {
  const registry = new Registry();
  const requestDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request duration, by operation name',
    labelNames: ['operation'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const requestErrors = new Counter({
    name: 'graphql_request_errors_total',
    help: 'GraphQL errors in answers, by operation name and extensions.code',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const upstreamCalls = new Counter({
    name: 'heygen_upstream_calls_total',
    help: 'Calls to HeyGen, by operation (route) and HTTP status',
    labelNames: ['route', 'status'],
    registers: [registry],
  });
  const upstreamLatency = new Histogram({
    name: 'heygen_upstream_duration_seconds',
    help: 'Latency of calls to HeyGen, by operation (route)',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const retries = new Counter({ name: 'heygen_upstream_retries_total', help: 'Retried calls to HeyGen, by reason', labelNames: ['reason'], registers: [registry] });
  const cache = new Counter({ name: 'heygen_cache_lookups_total', help: 'Cache lookups, by result', labelNames: ['result'], registers: [registry] });
  let breakerState: () => keyof typeof BREAKER_VALUE = () => 'closed';
  new Gauge({
    name: 'heygen_breaker_state',
    help: 'Circuit breaker for HeyGen: 0 closed, 1 half-open, 2 open',
    registers: [registry],
    collect() {
      this.set(BREAKER_VALUE[breakerState()]);
    },
  });

  const logRequests = logger.enabled('info');
  // Names are capped once, here; every series keyed by operation takes the capped name.
  const knownOperation = boundBy((operation) => operation, MAX_OPERATION_LABELS);
  const durationOf = boundBy((operation) => requestDuration.labels({ operation }));
  const callsOf = boundBy((key) => {
    const [route, status] = key.split(' ') as [string, string];
    return upstreamCalls.labels({ route, status });
  });
  const latencyOf = boundBy((route) => upstreamLatency.labels({ route }));

  return {
    registry,
    onRequest: (summary) => {
      const label = toOperationLabel(summary.operation);
      const operation = knownOperation(label);
      durationOf(operation).observe(summary.durationMs / 1000);
      for (const code of summary.errorCodes) requestErrors.inc({ operation, code });
      if (!logRequests) return;
      logger.info('graphql request', {
        operation: label,
        durationMs: Math.round(summary.durationMs * 100) / 100,
        upstreamCalls: summary.upstreamCalls,
        cacheHits: summary.cacheHits,
        errorCodes: summary.errorCodes,
        path: summary.path,
        ...(summary.traceId !== undefined && { traceId: summary.traceId }),
      });
    },
    onUpstreamCall: (operation, status, durationMs) => {
      callsOf(`${operation} ${status}`).inc();
      latencyOf(operation).observe(durationMs / 1000);
    },
    onRetry: (reason) => retries.inc({ reason }),
    onCache: (result) => cache.inc({ result }),
    trackBreaker: (state) => {
      breakerState = state;
    },
  };
}
