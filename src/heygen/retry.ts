import { HeyGenError } from './errors.js';

/** When and how long to retry an idempotent GET. */
export interface RetryPolicy {
  /** Retries after the first try (Config.heygenRetries). */
  retries: number;
  /** First backoff, ms; doubles each retry, up to MAX_BACKOFF_MS (Config.heygenRetryBaseMs). */
  baseDelayMs: number;
  /** All waiting one call may do across its retries, ms (Config.heygenRetryBudgetMs). */
  budgetMs: number;
}

/** Largest single backoff, ms: a longer one would eat most of the retry budget in one wait. */
export const MAX_BACKOFF_MS = 4000;

/** ± fraction of random spread on each backoff, so clients do not retry in step. */
const JITTER = 0.25;

/** undici's retry defaults: a GET is idempotent, so a 500 is worth another try within the budget. */
const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);

/** Retried: 429, 500, 502, 503, 504 and failed connections (refused, reset). Never another 4xx, a timeout or a bad body. */
export function isRetryable(error: unknown): error is HeyGenError {
  return error instanceof HeyGenError && (error.code === 'connection' || (error.status !== undefined && RETRIED_STATUSES.has(error.status)));
}

/**
 * How long to wait before retry number `attempt` (1-based): exponential backoff with jitter, but never
 * less than HeyGen's Retry-After.
 */
export function backoffMs(attempt: number, policy: RetryPolicy, retryAfterSeconds: number | undefined, random = Math.random): number {
  const exponential = Math.min(MAX_BACKOFF_MS, policy.baseDelayMs * 2 ** (attempt - 1));
  const spread = exponential * JITTER * (random() * 2 - 1);
  return Math.max(Math.round(exponential + spread), (retryAfterSeconds ?? 0) * 1000);
}

/**
 * Runs `call`, retrying the failures `retryable` accepts (by default `isRetryable`'s) while the retry
 * budget and the caller's deadline (epoch ms) allow the wait. The last error is thrown as it is: a 429
 * keeps its retry-after for the client.
 */
export async function withRetries<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  deadline?: number,
  onRetry?: (error: HeyGenError) => void,
  retryable: (error: unknown) => error is HeyGenError = isRetryable,
): Promise<T> {
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!retryable(error) || attempt > policy.retries) throw error;
      const delay = backoffMs(attempt, policy, error.retryAfterSeconds);
      const remaining = deadline === undefined ? Infinity : deadline - Date.now();
      if (waited + delay > policy.budgetMs || delay >= remaining) throw error;
      onRetry?.(error);
      waited += delay;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
