import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';

/*
 * Traces as OpenTelemetry's own OTLP/HTTP exporter sends them, to a receiver this test runs: the JSON
 * encoding of ExportTraceServiceRequest, decoded here. Spans are checked for their parent/child
 * structure, the caller's `traceparent`, and for holding nothing secret.
 */

interface Attribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean; arrayValue?: { values: { stringValue?: string }[] } };
}
interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
  status?: { code?: number; message?: string };
}

/** An OTLP/HTTP receiver: keeps every span it is sent, and the raw bodies (to grep for secrets). */
async function startReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; bodies: string[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      bodies.push(body);
      const decoded = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: (Omit<ReceivedSpan, 'attributes'> & { attributes?: Attribute[] })[] }[] }[] };
      for (const resource of decoded.resourceSpans) {
        for (const scope of resource.scopeSpans) {
          for (const span of scope.spans) spans.push({ ...span, attributes: Object.fromEntries((span.attributes ?? []).map(({ key, value }) => [key, valueOf(value)])) });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1/traces`, spans, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const valueOf = (value: Attribute['value']): unknown =>
  value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : undefined) ?? value.boolValue ?? value.arrayValue?.values.map((item) => item.stringValue);

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const QUERY = `query GroupsWithVoices($first: Int!) { avatarGroups(first: $first) { nodes { groupId defaultVoice { name } } } }`;

/** Waits until the receiver holds a span of the trace `traceId` named `name` (the exporter sends in batches). */
async function spanNamed(receiver: { spans: ReceivedSpan[] }, traceId: string, name: string): Promise<ReceivedSpan> {
  await expect.poll(() => receiver.spans.some((span) => span.traceId === traceId && span.name === name), { timeout: 10_000 }).toBe(true);
  return receiver.spans.find((span) => span.traceId === traceId && span.name === name)!;
}

describe('OpenTelemetry traces', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let stack: Stack;
  beforeAll(async () => {
    receiver = await startReceiver();
    stack = await startStack({ config: { otlpTracesEndpoint: receiver.url, otelBspScheduleDelayMs: 50 } });
  });
  afterAll(async () => {
    await stack.close();
    await receiver.close();
  });

  it("continues the caller's trace, with the HeyGen calls under the request's span", async () => {
    const answer = await stack.query(QUERY, { first: 3 }, { 'x-api-key': SIMULATOR_KEYS.demo, traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01` });
    expect(answer.errors).toBeUndefined();
    const request = await spanNamed(receiver, TRACE_ID, 'query GroupsWithVoices');
    expect(request.parentSpanId).toBe(CALLER_SPAN_ID);
    expect(request.attributes).toMatchObject({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'GroupsWithVoices' });
    expect(request.attributes['graphql.document.sha256']).toMatch(/^[0-9a-f]{64}$/);

    await expect.poll(() => receiver.spans.filter((span) => span.parentSpanId === request.spanId && span.name.startsWith('GET ')).length).toBe(answer.extensions!.upstream.calls);
    const calls = receiver.spans.filter((span) => span.parentSpanId === request.spanId && span.name.startsWith('GET '));
    expect(calls.map((span) => span.attributes['url.template']).sort()).toEqual(['/v3/avatars', ...Array(calls.length - 1).fill('/v3/voices/{id}')]);
    for (const call of calls) expect(call.attributes).toMatchObject({ 'http.response.status_code': 200, 'heygen.attempts': 1, 'heygen.cache': 'miss' });
  });

  it('marks a call that joined an identical one in flight', async () => {
    const [first, second] = ['b'.repeat(32), 'c'.repeat(32)];
    const headers = (traceId: string) => ({ 'x-api-key': SIMULATOR_KEYS.demo, traceparent: `00-${traceId}-${CALLER_SPAN_ID}-01` });
    stack.simulator.failNext({ delayMs: 400 });
    const leading = stack.query('{ avatarGroups(first: 4) { nodes { name } } }', undefined, headers(first));
    await expect.poll(() => stack.simulator.requests.some((request) => request.query.limit === '4')).toBe(true);
    const joining = await stack.query('{ avatarGroups(first: 4) { nodes { name } } }', undefined, headers(second));
    expect([(await leading).extensions?.upstream.calls, joining.extensions?.upstream.deduplicated]).toEqual([1, 1]);
    expect((await spanNamed(receiver, first, 'GET /v3/avatars')).attributes).toMatchObject({ 'heygen.cache': 'miss', 'heygen.attempts': 1 });
    expect((await spanNamed(receiver, second, 'GET /v3/avatars')).attributes).toMatchObject({ 'heygen.cache': 'joined', 'heygen.attempts': 0 });
  });

  it('records errors by their extensions.code, and a retried call once with its attempts', async () => {
    const traceId = 'a'.repeat(32);
    stack.simulator.failNext({ status: 503 });
    const answer = await stack.query('{ avatarGroups(first: 1) { nodes { name } } voices(first: 500) { nodes { name } } }', undefined, {
      'x-api-key': SIMULATOR_KEYS.demo,
      traceparent: `00-${traceId}-${CALLER_SPAN_ID}-01`,
    });
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const request = await spanNamed(receiver, traceId, 'query anonymous');
    expect(request.status).toMatchObject({ code: 2, message: 'BAD_USER_INPUT' });
    expect(request.attributes['graphql.error.codes']).toEqual(['BAD_USER_INPUT']);
    const call = await spanNamed(receiver, traceId, 'GET /v3/avatars');
    expect(call.attributes).toMatchObject({ 'heygen.attempts': 2, 'http.response.status_code': 200 });
  });

  it('puts no key, variable, item id or document text in any span', async () => {
    const traceId = 'b'.repeat(32);
    const groupId = stack.simulator.catalogue.groups[0]!.id;
    const secret = SIMULATOR_KEYS.tenantA;
    await stack.query('query One($id: ID!) { avatarGroup(groupId: $id) { name } }', { id: groupId }, { 'x-api-key': secret, traceparent: `00-${traceId}-${CALLER_SPAN_ID}-01` });
    await spanNamed(receiver, traceId, 'GET /v3/avatars/{id}');
    const sent = receiver.bodies.join('\n');
    for (const forbidden of [secret, SIMULATOR_KEYS.demo, groupId, 'avatarGroup(groupId', '$id']) expect(sent).not.toContain(forbidden);
  });

  it("writes the trace id in the request's log line", async () => {
    const traceId = 'c'.repeat(32);
    await stack.query('query Logged { __typename }', undefined, { 'x-api-key': SIMULATOR_KEYS.demo, traceparent: `00-${traceId}-${CALLER_SPAN_ID}-01` });
    const line = stack.logs.map((text) => JSON.parse(text)).find((entry) => entry.msg === 'graphql request' && entry.operation === 'Logged');
    expect(line?.traceId).toBe(traceId);
  });

  it('sends no traceparent to HeyGen unless TRACE_PROPAGATE_UPSTREAM is on', async () => {
    stack.simulator.clearRequests();
    await stack.query('{ avatarGroups(first: 1) { nodes { name } } }', undefined, { 'x-api-key': SIMULATOR_KEYS.demo, traceparent: `00-${'d'.repeat(32)}-${CALLER_SPAN_ID}-01` });
    expect(stack.simulator.requests.map((request) => request.traceparent)).toEqual([null]);

    const propagating = await startStack({ config: { otlpTracesEndpoint: receiver.url, otelBspScheduleDelayMs: 50, tracePropagateUpstream: true } });
    try {
      await propagating.query('{ avatarGroups(first: 1) { nodes { name } } }', undefined, { 'x-api-key': SIMULATOR_KEYS.demo, traceparent: `00-${'e'.repeat(32)}-${CALLER_SPAN_ID}-01` });
      expect(propagating.simulator.requests[0]?.traceparent).toMatch(new RegExp(`^00-${'e'.repeat(32)}-[0-9a-f]{16}-01$`));
    } finally {
      await propagating.close();
    }
  });
});
