import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { Gauge } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import type { HeyGenClient } from '../src/heygen/client.js';
import { boundMessage, MAX_ECHOED_VALUE, MAX_MESSAGE_LENGTH } from '../src/graphql/errors.js';
import { MAX_OPERATION_NAME_LENGTH } from '../src/graphql/limits.js';
import { createGateway } from '../src/server/gateway.js';
import { listen } from '../src/server/listen.js';
import { createLogger, MAX_LOG_TEXT } from '../src/server/logger.js';
import { createObservability, MAX_OPERATION_LABEL_LENGTH } from '../src/server/observability.js';
import { codesOf, SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';

/*
 * Hostile HTTP: bodies that trickle or never end, and errors that would echo or log what a client sent
 * at full length. Every answer comes quickly, every message and log line stays short, and nothing
 * internal (V8's parser errors) reaches a client.
 */

const DEMO = { 'x-api-key': SIMULATOR_KEYS.demo };
const MB = 'x'.repeat(1_000_000);
const BODY_TIMEOUT_MS = 300;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ config: { requestBodyTimeoutMs: BODY_TIMEOUT_MS, maxBodyBytes: 64 * 1024 } });
});
afterAll(() => stack.close());

/** A raw connection to the gateway, and everything it answers until the gateway closes it. */
async function rawConnection(): Promise<{ socket: Socket; answer: Promise<string> }> {
  const { hostname, port } = new URL(stack.gateway.url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  let text = '';
  socket.on('data', (chunk) => (text += chunk));
  socket.on('error', () => {}); // writes after the gateway closed; the answer is what counts
  const answer = once(socket, 'close').then(() => text);
  return { socket, answer };
}

describe('request bodies', () => {
  it('cuts off a client trickling its body with 408 and closes the connection', async () => {
    const { socket, answer } = await rawConnection();
    socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"query":`);
    // A byte every 50 ms would take 8 minutes; the gateway waits REQUEST_BODY_TIMEOUT_MS.
    const trickle = setInterval(() => socket.writable && socket.write(' '), 50);
    const text = await answer;
    clearInterval(trickle);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
  });

  it.each([
    ['chunked, never ending', 'Transfer-Encoding: chunked', (chunk: string) => `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`],
    ['declared too long', `Content-Length: ${100 * 1024 * 1024}`, (chunk: string) => chunk],
  ])('answers 413 to a body %s as soon as it passes MAX_BODY_BYTES, and closes the connection', async (_, header, frame) => {
    const { socket, answer } = await rawConnection();
    socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${header}\r\n\r\n`);
    // 80 KB, past the 64 KB limit, and then nothing: a gateway that waits for the end never answers.
    for (let i = 0; i < 10; i++) socket.write(frame('x'.repeat(8 * 1024)));
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(text).toContain('"code":"BAD_REQUEST"');
  });
});

describe('errors that would echo what a client sent', () => {
  const post = async (body: string, accept: string) => {
    const response = await fetch(`${stack.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept, ...DEMO }, body });
    return { status: response.status, text: await response.text() };
  };
  const ACCEPTS = ['application/json', 'application/graphql-response+json'];

  it.each(ACCEPTS)('answers invalid JSON accepting %s without the parser’s own error', async (accept) => {
    const { status, text } = await post('{"query": ', accept);
    expect(status).toBe(400);
    expect(JSON.parse(text).errors).toEqual([{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }]);
    expect(text).not.toMatch(/originalError|SyntaxError|is not valid JSON/);
  });

  it.each(ACCEPTS)('accepting %s, echoes only a prefix of a bad variable, and logs no more', async (accept) => {
    const before = stack.logs.length;
    const big = 'x'.repeat(60_000); // within this stack's 64 KB body limit
    const { text } = await post(JSON.stringify({ query: 'query($n: Int) { avatarGroups(first: $n) { nodes { name } } }', variables: { n: big } }), accept);
    const [error] = JSON.parse(text).errors;
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(new RegExp(`^Variable "\\$n" got invalid value "x{${MAX_ECHOED_VALUE}}…"; Int cannot represent non-integer value: "x{${MAX_ECHOED_VALUE}}…"$`));
    expect(text.length).toBeLessThan(2000);
    const lines = stack.logs.slice(before);
    expect(lines.every((line) => line.length < 2 * MAX_LOG_TEXT)).toBe(true);
    expect(lines.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });

  it.each(ACCEPTS)('accepting %s, echoes only a prefix of a long field name', async (accept) => {
    const { text } = await post(JSON.stringify({ query: `{ ${'f'.repeat(50_000)} }` }), accept);
    const [error] = JSON.parse(text).errors;
    expect(error.message).toBe(`Cannot query field "${'f'.repeat(MAX_ECHOED_VALUE)}…" on type "Query".`);
  });

  it.each([
    ['a short message', 'Variable "$n" got invalid value "abc".', 'Variable "$n" got invalid value "abc".'],
    ['a long quoted value', `got "${'a'.repeat(500)}"; then "b"`, `got "${'a'.repeat(MAX_ECHOED_VALUE)}…"; then "b"`],
    ['escaped quotes inside a value', `got "${'\\"'.repeat(200)}" end`, `got "${'\\"'.repeat(MAX_ECHOED_VALUE / 2)}…" end`],
    ['an unclosed quote', `got "${'a'.repeat(500)}`, `got "${'a'.repeat(MAX_ECHOED_VALUE)}…"`],
    ['a surrogate pair at the cut', `got "${'a'.repeat(MAX_ECHOED_VALUE - 1)}🙂${'a'.repeat(50)}"`, `got "${'a'.repeat(MAX_ECHOED_VALUE - 1)}…"`],
    ['unquoted text past the limit', 'y'.repeat(5000), `${'y'.repeat(MAX_MESSAGE_LENGTH)}…`],
  ])('bounds %s', (_, message, bounded) => {
    expect(boundMessage(message)).toBe(bounded);
  });
});

describe('operation names', () => {
  const named = (name: string) => `query ${name} { __typename }`;

  it.each(['application/json', 'application/graphql-response+json'])('accepting %s, refuses a name over MAX_OPERATION_NAME_LENGTH before running it', async (accept) => {
    const response = await stack.query(named('N'.repeat(50_000)), undefined, { ...DEMO, accept });
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe(`operation name must be at most ${MAX_OPERATION_NAME_LENGTH} characters, got 50000 ("${'N'.repeat(20)}…")`);
    const longest = await stack.query(named('N'.repeat(MAX_OPERATION_NAME_LENGTH)), undefined, { ...DEMO, accept });
    expect(longest.data).toEqual({ __typename: 'Query' });
  });

  it('labels and logs at most MAX_OPERATION_LABEL_LENGTH characters of a name, so 40 names of 1 MB still scrape', async () => {
    const lines: string[] = [];
    const observability = createObservability(createLogger('info', (line) => lines.push(line)));
    for (let index = 0; index < 40; index++) {
      observability.onRequest({ operation: `${index}${MB}`, durationMs: 1, upstreamCalls: 0, cacheHits: 0, errorCodes: ['BAD_USER_INPUT'], path: 'yoga' });
    }
    const text = await observability.registry.metrics();
    expect(text.length).toBeLessThan(1_000_000);
    expect(text).toContain(`graphql_request_duration_seconds_count{operation="0${'x'.repeat(MAX_OPERATION_LABEL_LENGTH - 1)}…"} 1`);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(500);
  });

  it('keeps /metrics up after 40 requests naming 1 MB operations', async () => {
    const bigStack = await startStack();
    try {
      for (let index = 0; index < 40; index++) {
        const response = await bigStack.query(`query ${'N'.repeat(1_000_000)}${index} { __typename }`);
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      }
      const metrics = await fetch(`${bigStack.gateway.url}/metrics`);
      expect(metrics.status).toBe(200);
      expect((await metrics.text()).length).toBeLessThan(1_000_000);
    } finally {
      await bigStack.close();
    }
  });
});

describe('/metrics', () => {
  it('answers 500 when collecting fails, logs it, and keeps serving', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line));
    const observability = createObservability(logger);
    new Gauge({
      name: 'broken',
      help: 'A gauge whose collection fails',
      registers: [observability.registry],
      collect() {
        throw new Error('collection failed');
      },
    });
    const client = { breakerState: () => 'closed' } as unknown as HeyGenClient;
    const gateway = createGateway({ ...DEFAULT_CONFIG, logLevel: 'info' }, { client, logger, observability });
    const server = await listen(gateway.handler, { port: 0, host: '127.0.0.1', requestTimeoutMs: DEFAULT_CONFIG.requestBodyTimeoutMs });
    try {
      const metrics = await fetch(`${server.url}/metrics`);
      expect(metrics.status).toBe(500);
      expect(lines.some((line) => line.includes('"msg":"collecting metrics failed"'))).toBe(true);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close(100);
    }
  });
});
