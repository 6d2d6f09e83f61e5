import type { Config } from '../config.js';
import type { HeyGenClientOptions } from './client.js';

/**
 * The upstream client's options as `config` sets them (HEYGEN_*, BREAKER_*): the one mapping from the
 * settings to `createHeyGenClient`. Add the hooks (`onRetry`, `onCall`) to what it returns.
 */
export function clientOptionsFrom(config: Config): HeyGenClientOptions {
  return {
    baseUrl: config.heygenBaseUrl,
    timeoutMs: config.heygenTimeoutMs,
    connectTimeoutMs: config.heygenConnectTimeoutMs,
    connections: config.heygenMaxConnections,
    maxQueuedCalls: config.heygenMaxQueuedCalls,
    http2: config.heygenHttp2,
    ca: config.heygenCa,
    retry: { retries: config.heygenRetries, baseDelayMs: config.heygenRetryBaseMs, budgetMs: config.heygenRetryBudgetMs },
    breaker: {
      windowMs: config.breakerWindowMs,
      minCalls: config.breakerMinCalls,
      minFailures: config.breakerFailures,
      failureRatePercent: config.breakerFailureRate,
      coolDownMs: config.breakerCoolDownMs,
    },
  };
}
