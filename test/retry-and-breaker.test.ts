import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../src/heygen/breaker.js';
import { HeyGenError, parseRetryAfter } from '../src/heygen/errors.js';
import { backoffMs, DEFAULT_RETRY_POLICY, isRetryable, withRetries } from '../src/heygen/retry.js';

const fast = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 4, budgetMs: 100 };
const status = (code: number, retryAfterSeconds?: number) =>
  new HeyGenError(code === 429 ? 'rate_limited' : code >= 500 ? 'upstream_status' : 'bad_request', `status ${code}`, { status: code, retryAfterSeconds });

describe('retry policy', () => {
  it.each([
    [429, true],
    [502, true],
    [503, true],
    [504, true],
    [500, false],
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
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, jitter: 0.25 };
    expect(backoffMs(1, policy, undefined, () => 0.5)).toBe(100);
    expect(backoffMs(3, policy, undefined, () => 0.5)).toBe(400);
    expect(backoffMs(2, policy, undefined, () => 0)).toBe(150);
    expect(backoffMs(2, policy, undefined, () => 1)).toBe(250);
    expect(backoffMs(20, policy, undefined, () => 0.5)).toBe(policy.maxDelayMs);
  });

  it('never waits less than Retry-After', () => {
    expect(backoffMs(1, DEFAULT_RETRY_POLICY, 3, () => 0.5)).toBe(3000);
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
    }, { ...fast, baseDelayMs: 50, maxDelayMs: 100 }, Date.now() + 10).catch(() => {});
    expect(calls).toBe(1);
  });
});

describe('circuit breaker', () => {
  const fail = (code: number) => () => Promise.reject(status(code));
  const ok = () => Promise.resolve('ok');

  it('opens after repeated upstream failures, fails fast, then lets one probe through', async () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 3, coolDownMs: 1000 }, () => now);
    for (let i = 0; i < 3; i++) await breaker.run(fail(500)).catch(() => {});
    expect(breaker.state()).toBe('open');
    let called = false;
    const fastFail = await breaker.run(async () => ((called = true), 'x')).catch((e) => e);
    expect(fastFail.code).toBe('circuit_open');
    expect(fastFail.message).toMatch(/try again in about 1 s/);
    expect(called).toBe(false);

    now = 1000;
    expect(breaker.state()).toBe('half_open');
    await expect(breaker.run(ok)).resolves.toBe('ok');
    expect(breaker.state()).toBe('closed');
  });

  it('reopens when the probe fails', async () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 2, coolDownMs: 100 }, () => now);
    for (let i = 0; i < 2; i++) await breaker.run(fail(503)).catch(() => {});
    now = 100;
    await breaker.run(fail(503)).catch(() => {});
    expect(breaker.state()).toBe('open');
  });

  it('lets only one probe through at a time', async () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 1, coolDownMs: 10 }, () => now);
    await breaker.run(fail(500)).catch(() => {});
    now = 10;
    let release!: () => void;
    const probe = breaker.run(() => new Promise<string>((resolve) => (release = () => resolve('probe'))));
    const second = await breaker.run(ok).catch((e) => e);
    expect(second.code).toBe('circuit_open');
    release();
    await expect(probe).resolves.toBe('probe');
  });

  it.each([400, 401, 403, 404, 429])('does not count a %i against HeyGen', async (code) => {
    const breaker = createCircuitBreaker({ failureThreshold: 1, coolDownMs: 1000 });
    await breaker.run(fail(code)).catch(() => {});
    expect(breaker.state()).toBe('closed');
  });
});
