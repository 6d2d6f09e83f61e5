import { HeyGenError } from './errors.js';

/*
 * The breaker reflects HeyGen's health, not one caller's luck. A logical call (a GET with its retries)
 * is counted once, by how it ended: a failure if HeyGen answered 5xx, timed out by its own headers or
 * body timer, could not be reached, or sent a bad body; a success otherwise, 4xx and 429 included. A
 * call its caller's deadline cut short is not counted at all. Counts go in a ring of ten time buckets
 * spanning `windowMs`, so memory stays the same however busy the gateway is. When a failure leaves the
 * window with at least `minCalls` calls and `minFailures` failures, failures making up at least
 * `failureRatePercent` of the calls, it opens: calls fail fast for `coolDownMs`, then one probe goes
 * through. A probe HeyGen answers closes it with an empty window; a failed probe reopens it; a probe its
 * caller cut short changes nothing. A call admitted before it opened is not counted afterwards.
 */

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** The span over which calls are counted, ms, kept as ten buckets (so it slides in tenths) (Config.breakerWindowMs). */
  windowMs: number;
  /** Counted calls the window must hold before it can open: too few calls say nothing (Config.breakerMinCalls). */
  minCalls: number;
  /** Failed calls the window must hold before it can open, whatever the rate: a blip never opens it (Config.breakerFailures). */
  minFailures: number;
  /** Share of the window's counted calls that failed, in percent, that opens it (Config.breakerFailureRate). */
  failureRatePercent: number;
  /** How long an open circuit fails fast before letting a probe through, ms (Config.breakerCoolDownMs). */
  coolDownMs: number;
}

export interface CircuitBreaker {
  /**
   * Runs one logical call (retries included) and records its outcome once. Throws `circuit_open` while
   * open; in half-open, lets one probe through at a time. `isCallerAbort` picks out failures the caller
   * caused by cutting the call short (its deadline): those are not held against HeyGen.
   */
  run<T>(call: () => Promise<T>, isCallerAbort?: (error: unknown) => boolean): Promise<T>;
  state(): BreakerState;
}

/** Failures that say the upstream itself is unwell: 5xx, its own timeouts, failed sockets, bad bodies. Never a 4xx or a 429. */
function countsAsFailure(error: unknown): boolean {
  return (
    error instanceof HeyGenError &&
    (error.code === 'timeout' || error.code === 'connection' || error.code === 'bad_body' || (error.status !== undefined && error.status >= 500))
  );
}

const BUCKETS = 10;

/** A circuit breaker for one upstream host, with the rule at the top of this file; `now` is injectable for tests. */
export function createCircuitBreaker(options: BreakerOptions, now = () => Date.now()): CircuitBreaker {
  checkOptions(options);
  const bucketMs = Math.max(1, Math.ceil(options.windowMs / BUCKETS));
  const buckets = Array.from({ length: BUCKETS }, () => ({ epoch: -Infinity, calls: 0, failures: 0 }));
  let openedAt: number | null = null;
  /** Bumped each time it opens, so a call admitted before then is not counted in a later window. */
  let generation = 0;
  let probing = false;

  const state = (): BreakerState => {
    if (openedAt === null) return 'closed';
    return now() - openedAt >= options.coolDownMs ? 'half_open' : 'open';
  };

  const open = () => {
    openedAt = now();
    generation++;
  };

  /** Counts one settled call in the current bucket; answers whether the window now calls for opening. */
  const record = (failed: boolean): boolean => {
    const epoch = Math.floor(now() / bucketMs);
    const current = buckets[epoch % BUCKETS] as (typeof buckets)[number];
    if (current.epoch !== epoch) Object.assign(current, { epoch, calls: 0, failures: 0 });
    current.calls++;
    if (!failed) return false;
    current.failures++;
    let calls = 0;
    let failures = 0;
    for (const bucket of buckets) {
      if (bucket.epoch <= epoch - BUCKETS) continue;
      calls += bucket.calls;
      failures += bucket.failures;
    }
    return calls >= options.minCalls && failures >= options.minFailures && failures * 100 >= options.failureRatePercent * calls;
  };

  const settle = (admittedIn: number, probe: boolean, outcome: 'success' | 'failure' | 'ignored') => {
    if (outcome === 'ignored') return;
    if (probe) {
      if (outcome === 'failure') return open();
      openedAt = null;
      for (const bucket of buckets) bucket.epoch = -Infinity;
    } else if (admittedIn === generation && openedAt === null && record(outcome === 'failure')) {
      open();
    }
  };

  return {
    state,
    async run(call, isCallerAbort) {
      const current = state();
      if (current === 'open' || (current === 'half_open' && probing)) {
        const seconds = Math.max(1, Math.ceil((options.coolDownMs - (now() - (openedAt ?? 0))) / 1000));
        throw new HeyGenError('circuit_open', `HeyGen has been failing; calls are paused, try again in about ${seconds} s`, { retryAfterSeconds: seconds });
      }
      const probe = current === 'half_open';
      if (probe) probing = true;
      const admittedIn = generation;
      try {
        const result = await call();
        settle(admittedIn, probe, 'success');
        return result;
      } catch (error) {
        settle(admittedIn, probe, isCallerAbort?.(error) ? 'ignored' : countsAsFailure(error) ? 'failure' : 'success');
        throw error;
      } finally {
        if (probe) probing = false;
      }
    },
  };
}

function checkOptions(options: BreakerOptions): void {
  const { windowMs, minCalls, minFailures, failureRatePercent, coolDownMs } = options;
  if (!(windowMs >= 1 && minCalls >= 1 && minFailures >= 1 && coolDownMs >= 0 && failureRatePercent > 0 && failureRatePercent <= 100)) {
    throw new RangeError(
      `breaker options must have windowMs, minCalls and minFailures >= 1, coolDownMs >= 0 and failureRatePercent in (0, 100], got ${JSON.stringify(options)}`,
    );
  }
}
