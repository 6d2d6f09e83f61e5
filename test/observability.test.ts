import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/server/logger.js';
import { createObservability, MAX_OPERATION_LABELS } from '../src/server/observability.js';
import { SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ config: { logLevel: 'info' } });
});
afterAll(() => stack.close());

const metrics = async () => (await fetch(`${stack.gateway.url}/metrics`)).text();
const requestLines = () => stack.logs.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'graphql request');

describe('metrics and request logs', () => {
  it('counts requests by operation and upstream calls by route and status, on both execution paths', async () => {
    await stack.query(`query PageOfGroups { avatarGroups(first: 3) { nodes { name } } }`);
    await stack.query(`query ByYoga { avatarGroup(groupId: "ag_missing") { name } }`, {}, { 'x-api-key': SIMULATOR_KEYS.demo, accept: 'application/graphql-response+json' });
    const text = await metrics();
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="PageOfGroups"\} 1/);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="ByYoga"\} 1/);
    expect(text).toMatch(/heygen_upstream_calls_total\{route="listAvatarGroups",status="200"\} 1/);
    expect(text).toMatch(/heygen_upstream_calls_total\{route="getAvatarGroup",status="404"\} 1/);
    expect(text).toMatch(/heygen_upstream_duration_seconds_bucket\{le="[^"]+",route="listAvatarGroups"\}/);
    expect(text).toMatch(/heygen_breaker_state 0/);
  });

  it('counts retries and errors by code', async () => {
    stack.simulator.failNext({ status: 503 });
    await stack.query(`query Retried { avatarGroups(first: 1) { nodes { name } } }`);
    stack.simulator.failNext({ status: 403 });
    await stack.query(`query Refused { avatarGroups(first: 1) { nodes { name } } }`);
    const text = await metrics();
    expect(text).toMatch(/heygen_upstream_retries_total\{reason="503"\} 1/);
    expect(text).toMatch(/graphql_request_errors_total\{operation="Refused",code="FORBIDDEN"\} 1/);
  });

  it('writes one JSON line per request with operation, duration, upstream calls and error codes, never a key', async () => {
    const before = requestLines().length;
    stack.simulator.failNext({ status: 401 });
    await stack.query(`query Logged { avatarGroups(first: 2) { nodes { name } } }`, {}, { 'x-api-key': SIMULATOR_KEYS.tenantA });
    const lines = requestLines().slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', operation: 'Logged', upstreamCalls: 1, errorCodes: ['UNAUTHENTICATED'] });
    expect(lines[0].durationMs).toBeGreaterThanOrEqual(0);
    expect(stack.logs.join('\n')).not.toContain(SIMULATOR_KEYS.tenantA);
    expect(stack.logs.join('\n')).not.toContain(SIMULATOR_KEYS.demo);
  });
});

describe('metric cardinality', () => {
  it('gives at most MAX_OPERATION_LABELS operation names their own series; the rest share "other"', async () => {
    const observability = createObservability(createLogger('silent'));
    for (let index = 0; index < MAX_OPERATION_LABELS + 50; index++) {
      observability.onRequest({ operation: `Op${index}`, durationMs: 1, upstreamCalls: 1, cacheHits: 0, errorCodes: ['BAD_USER_INPUT'], path: 'fast' });
    }
    const text = await observability.registry.metrics();
    const series = text.match(/^graphql_request_duration_seconds_count\{.*$/gm) ?? [];
    expect(series).toHaveLength(MAX_OPERATION_LABELS + 1);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="other"\} 50/);
    expect(text).toMatch(/graphql_request_errors_total\{operation="other",code="BAD_USER_INPUT"\} 50/);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="Op0"\} 1/);
  });
});
