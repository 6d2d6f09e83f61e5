import { HeyGenError } from './errors.js';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** Failures in a row that open the circuit. @default 5 */
  failureThreshold: number;
  /** How long an open circuit fails fast before letting a probe through, ms. @default 10000 */
  coolDownMs: number;
}

export interface CircuitBreaker {
  /** Throws `circuit_open` while open; in half-open, lets one probe through at a time. */
  run<T>(call: () => Promise<T>): Promise<T>;
  state(): BreakerState;
}

/** Failures that say the upstream itself is unwell (not the caller's input or credential). */
function countsAsFailure(error: unknown): boolean {
  return (
    error instanceof HeyGenError &&
    (error.code === 'timeout' || error.code === 'connection' || error.code === 'bad_body' || (error.status !== undefined && error.status >= 500))
  );
}

/**
 * A circuit breaker for one upstream host: after `failureThreshold` upstream failures in a row it fails
 * fast for `coolDownMs`, then lets one probe through; a good probe closes it, a bad one reopens it.
 */
export function createCircuitBreaker(options: BreakerOptions, now = () => Date.now()): CircuitBreaker {
  let failures = 0;
  let openedAt = 0;
  let probing = false;
  const state = (): BreakerState => {
    if (failures < options.failureThreshold) return 'closed';
    return now() - openedAt >= options.coolDownMs ? 'half_open' : 'open';
  };
  return {
    state,
    async run(call) {
      const current = state();
      if (current === 'open' || (current === 'half_open' && probing)) {
        const seconds = Math.max(1, Math.ceil((options.coolDownMs - (now() - openedAt)) / 1000));
        throw new HeyGenError('circuit_open', `HeyGen has been failing; calls are paused, try again in about ${seconds} s`, { retryAfterSeconds: seconds });
      }
      const probe = current === 'half_open';
      if (probe) probing = true;
      try {
        const result = await call();
        failures = 0;
        return result;
      } catch (error) {
        if (countsAsFailure(error)) {
          failures++;
          if (failures >= options.failureThreshold) openedAt = now();
        } else if (probe) {
          failures = 0;
        }
        throw error;
      } finally {
        if (probe) probing = false;
      }
    },
  };
}
