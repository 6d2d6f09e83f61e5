import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig } from '../src/config.js';
import { createCircuitBreaker, type BreakerOptions } from '../src/heygen/breaker.js';
import { HeyGenError, parseRetryAfter } from '../src/heygen/errors.js';
import { clientOptionsFrom } from '../src/heygen/from-config.js';
import { backoffMs, isRetryable, MAX_BACKOFF_MS, withRetries } from '../src/heygen/retry.js';

/** The retry policy and breaker options the gateway builds from its defaults. */
const defaults = clientOptionsFrom(DEFAULT_CONFIG);
const fast = { ...defaults.retry, baseDelayMs: 1, budgetMs: 100 };
const status = (code: number, retryAfterSeconds?: number) =>
  new HeyGenError(code === 429 ? 'rate_limited' : code >= 500 ? 'upstream_status' : 'bad_request', `status ${code}`, { status: code, retryAfterSeconds });

describe('retry policy', () => {
  it.each([
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
  ])('retries a %i: %s', (code, retried) => {
    expect(isRetryable(status(code))).toBe(retried);
  });

  it('retries a reset connection but not a timeout or a bad body', () => {
    expect(isRetryable(new HeyGenError('connection', 'reset'))).toBe(true);
    expect(isRetryable(new HeyGenError('timeout', 'slow'))).toBe(false);
    expect(isRetryable(new HeyGenError('bad_body', 'junk', { status: 200 }))).toBe(false);
  });

  it('backs off exponentially within the jitter', () => {
    const policy = { ...defaults.retry, baseDelayMs: 100 };
    expect(backoffMs(1, policy, undefined, () => 0.5)).toBe(100);
    expect(backoffMs(3, policy, undefined, () => 0.5)).toBe(400);
    expect(backoffMs(2, policy, undefined, () => 0)).toBe(150);
    expect(backoffMs(2, policy, undefined, () => 1)).toBe(250);
    expect(backoffMs(20, policy, undefined, () => 0.5)).toBe(MAX_BACKOFF_MS);
  });

  it('never waits less than Retry-After', () => {
    expect(backoffMs(1, defaults.retry, 3, () => 0.5)).toBe(3000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('retries until the call succeeds', async () => {
    const failures = [status(503), status(429)];
    let calls = 0;
    const result = await withRetries(async () => {
      calls++;
      const failure = failures.shift();
      if (failure) throw failure;
      return 'ok';
    }, fast);
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after the allowed retries with the last error', async () => {
    let calls = 0;
    const error = await withRetries(async () => {
      calls++;
      throw status(502);
    }, fast).catch((e) => e);
    expect(error.status).toBe(502);
    expect(calls).toBe(1 + fast.retries);
  });

  it('does not wait past the retry budget', async () => {
    let calls = 0;
    const error = await withRetries(async () => {
      calls++;
      throw status(429, 60);
    }, fast).catch((e) => e);
    expect(error.retryAfterSeconds).toBe(60);
    expect(calls).toBe(1);
  });

  it('does not start a retry past the deadline', async () => {
    let calls = 0;
    await withRetries(async () => {
      calls++;
      throw status(503);
    }, { ...fast, baseDelayMs: 50 }, Date.now() + 10).catch(() => {});
    expect(calls).toBe(1);
  });
});

describe('circuit breaker', () => {
  const fail = (code: number) => () => Promise.reject(status(code));
  const ok = () => Promise.resolve('ok');
  /** A breaker on a clock the test moves. */
  const clocked = (options: Partial<BreakerOptions> = {}) => {
    const clock = { now: 0 };
    const breaker = createCircuitBreaker({ ...defaults.breaker, ...options }, () => clock.now);
    return { clock, breaker };
  };
  const settle = (promise: Promise<unknown>) => promise.catch(() => {});

  it('stays closed on a blip of two failures, however little else is going on', async () => {
    const { breaker } = clocked();
    await settle(breaker.run(fail(500)));
    await settle(breaker.run(fail(503)));
    expect(breaker.state()).toBe('closed');
  });

  it('stays closed when failures are scattered among healthy calls', async () => {
    const { clock, breaker } = clocked();
    for (let i = 0; i < 60; i++) {
      clock.now = i * 100;
      await settle(breaker.run(i % 3 === 0 ? fail(500) : ok));
    }
    expect(breaker.state()).toBe('closed');
  });

  it('opens when most calls in the window fail, and then fails fast without calling', async () => {
    const { clock, breaker } = clocked();
    for (let i = 0; i < 10; i++) {
      clock.now = i * 300;
      await settle(breaker.run(i < 4 ? ok : fail(500)));
    }
    expect(breaker.state()).toBe('open');
    let called = false;
    const fastFail = await breaker.run(async () => ((called = true), 'x')).catch((e) => e);
    expect(fastFail).toMatchObject({ code: 'circuit_open', retryAfterSeconds: 10 });
    expect(fastFail.message).toMatch(/calls are paused, try again in about 10 s/);
    expect(called).toBe(false);
  });

  it('needs the minimum number of calls in the window before a failure rate means anything', async () => {
    const { breaker } = clocked({ minCalls: 10, minFailures: 1 });
    for (let i = 0; i < 9; i++) await settle(breaker.run(fail(502)));
    expect(breaker.state()).toBe('closed');
    await settle(breaker.run(fail(502)));
    expect(breaker.state()).toBe('open');
  });

  it('forgets failures that have left the window', async () => {
    const { clock, breaker } = clocked({ windowMs: 10_000, minCalls: 1, minFailures: 5 });
    for (let i = 0; i < 4; i++) await settle(breaker.run(fail(500)));
    clock.now = 10_000;
    for (let i = 0; i < 4; i++) await settle(breaker.run(fail(500)));
    expect(breaker.state()).toBe('closed');
    await settle(breaker.run(fail(500)));
    expect(breaker.state()).toBe('open');
  });

  it('judges only the calls in the window, after any amount of earlier traffic', async () => {
    const { clock, breaker } = clocked({ windowMs: 1000, minCalls: 1, minFailures: 1, failureRatePercent: 100 });
    for (let i = 0; i < 10_000; i++) {
      clock.now = i;
      await breaker.run(ok);
    }
    // A 100 % failure rate opens it only if the window holds nothing but the failure.
    clock.now = 20_000;
    await settle(breaker.run(fail(500)));
    expect(breaker.state()).toBe('open');
  });

  it.each([
    ['a 5xx', status(500)],
    ['a timeout of HeyGen', new HeyGenError('timeout', 'HeyGen did not answer within 10000 ms')],
    ['a failed connection', new HeyGenError('connection', 'reset')],
    ['a bad body', new HeyGenError('bad_body', 'junk', { status: 200 })],
  ])('counts %s against HeyGen', async (_, error) => {
    const { breaker } = clocked({ minCalls: 1, minFailures: 1 });
    await settle(breaker.run(() => Promise.reject(error)));
    expect(breaker.state()).toBe('open');
  });

  it.each([400, 401, 403, 404, 429])('does not count a %i against HeyGen', async (code) => {
    const { breaker } = clocked({ minCalls: 1, minFailures: 1 });
    await settle(breaker.run(fail(code)));
    expect(breaker.state()).toBe('closed');
  });

  it('does not count calls their caller cut short', async () => {
    const { breaker } = clocked({ minCalls: 1, minFailures: 1 });
    const cut = new HeyGenError('timeout', 'The request ran out of time, so its upstream call was cancelled');
    for (let i = 0; i < 50; i++) await settle(breaker.run(() => Promise.reject(cut), (error) => error === cut));
    expect(breaker.state()).toBe('closed');
  });

  it('counts a retried call once, by how it ended', async () => {
    const { breaker } = clocked({ minCalls: 1, minFailures: 2 });
    const flaky = [status(503), status(502)];
    await breaker.run(() => withRetries(async () => {
      const failure = flaky.shift();
      if (failure) throw failure;
      return 'ok';
    }, fast));
    let attempts = 0;
    await settle(breaker.run(() => withRetries(() => (attempts++, Promise.reject(status(500))), fast)));
    expect(attempts).toBe(1 + fast.retries);
    expect(breaker.state()).toBe('closed');
    await settle(breaker.run(() => withRetries(fail(500), fast)));
    expect(breaker.state()).toBe('open');
  });

  it('lets one probe through after the cool-down, which closes it with an empty window', async () => {
    const { clock, breaker } = clocked({ minCalls: 3, minFailures: 3, coolDownMs: 1000 });
    for (let i = 0; i < 3; i++) await settle(breaker.run(fail(500)));
    expect(breaker.state()).toBe('open');
    clock.now = 1000;
    expect(breaker.state()).toBe('half_open');
    await expect(breaker.run(ok)).resolves.toBe('ok');
    expect(breaker.state()).toBe('closed');
    await settle(breaker.run(fail(500)));
    expect(breaker.state()).toBe('closed');
  });

  it('reopens when the probe fails', async () => {
    const { clock, breaker } = clocked({ minCalls: 2, minFailures: 2, coolDownMs: 100 });
    for (let i = 0; i < 2; i++) await settle(breaker.run(fail(503)));
    clock.now = 100;
    await settle(breaker.run(fail(503)));
    expect(breaker.state()).toBe('open');
  });

  it('stays half-open when its caller cuts the probe short', async () => {
    const { clock, breaker } = clocked({ minCalls: 1, minFailures: 1, coolDownMs: 100 });
    await settle(breaker.run(fail(500)));
    clock.now = 100;
    const cut = new HeyGenError('timeout', 'cut');
    await settle(breaker.run(() => Promise.reject(cut), () => true));
    expect(breaker.state()).toBe('half_open');
  });

  it('lets only one probe through at a time', async () => {
    const { clock, breaker } = clocked({ minCalls: 1, minFailures: 1, coolDownMs: 10 });
    await settle(breaker.run(fail(500)));
    clock.now = 10;
    let release!: () => void;
    const probe = breaker.run(() => new Promise<string>((resolve) => (release = () => resolve('probe'))));
    const second = await breaker.run(ok).catch((e) => e);
    expect(second.code).toBe('circuit_open');
    release();
    await expect(probe).resolves.toBe('probe');
  });

  it('does not count a call admitted before it opened in a later window', async () => {
    const { clock, breaker } = clocked({ minCalls: 2, minFailures: 2, coolDownMs: 10 });
    let failLate!: () => void;
    const late = breaker.run(() => new Promise((_, reject) => (failLate = () => reject(status(500)))));
    for (let i = 0; i < 2; i++) await settle(breaker.run(fail(500)));
    clock.now = 10;
    await breaker.run(ok);
    failLate();
    await settle(late);
    await settle(breaker.run(fail(500)));
    expect(breaker.state()).toBe('closed');
  });

  it.each([
    [{ windowMs: 0 }],
    [{ minCalls: 0 }],
    [{ failureRatePercent: 0 }],
    [{ failureRatePercent: 101 }],
  ])('refuses the options %j', (options) => {
    expect(() => createCircuitBreaker({ ...defaults.breaker, ...options })).toThrow(RangeError);
  });
});

describe('breaker settings', () => {
  it('reads them from the environment, keeping BREAKER_FAILURES and BREAKER_COOLDOWN_MS', () => {
    const env = { BREAKER_WINDOW_MS: '30000', BREAKER_MIN_CALLS: '40', BREAKER_FAILURE_RATE: '75', BREAKER_FAILURES: '12', BREAKER_COOLDOWN_MS: '5000' };
    expect(loadConfig(env)).toMatchObject({ breakerWindowMs: 30_000, breakerMinCalls: 40, breakerFailureRate: 75, breakerFailures: 12, breakerCoolDownMs: 5000 });
  });

  it("hands them to the client as its breaker's options", () => {
    const env = { BREAKER_WINDOW_MS: '30000', BREAKER_MIN_CALLS: '40', BREAKER_FAILURE_RATE: '75', BREAKER_FAILURES: '12', BREAKER_COOLDOWN_MS: '5000' };
    expect(clientOptionsFrom(loadConfig(env)).breaker).toEqual({ windowMs: 30_000, minCalls: 40, failureRatePercent: 75, minFailures: 12, coolDownMs: 5000 });
  });

  it.each([
    [{ BREAKER_FAILURE_RATE: '0' }, 'BREAKER_FAILURE_RATE must be a whole number from 1 to 100, got "0"'],
    [{ BREAKER_FAILURE_RATE: '50%' }, 'BREAKER_FAILURE_RATE must be a whole number from 1 to 100, got "50%"'],
    [{ BREAKER_MIN_CALLS: '0' }, 'BREAKER_MIN_CALLS must be a whole number from 1 to 1000000, got "0"'],
    [{ BREAKER_WINDOW_MS: '5' }, 'BREAKER_WINDOW_MS must be a whole number from 10 to 3600000, got "5"'],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
