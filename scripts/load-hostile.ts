/**
 * The hostile phase of `npm run load` (scripts/load.ts): floods the issue "hostile clients must never
 * crash, stall or black out the gateway" names, at once, while other tenants send normal traffic, and
 * tallies what each side saw. The floods, each on connections of its own:
 * - names: documents whose operation is named with 400 K characters (and operationName the same);
 * - expensive: distinct 21 KB documents of 1,249 × `_service { sdl }`, dear to validate;
 * - comments: distinct documents of 1 MB, nearly all comment;
 * - slow bodies: connections announcing a body and sending a byte every 500 ms;
 * - metrics: a /metrics scrape every 500 ms, as the names flood.
 * The normal traffic runs in a worker thread, so its timings do not wait on this thread building and
 * sending megabytes of flood.
 */
import { once } from 'node:events';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Pool } from 'undici';

export interface NormalRequest {
  body: string;
  headers: Record<string, string>;
}

export interface HostileOptions {
  url: string;
  seconds: number;
  /** Connections sending normal requests back to back. */
  normalConnections: number;
  normal: NormalRequest[];
  /** Samples the gateway's RSS, MB. */
  rss: () => number;
}

/** What one flood's answers looked like. */
export interface FloodTally {
  requests: number;
  /** Answers by `status code` (or `status`, or a transport error's code). */
  outcomes: Record<string, number>;
  /** The largest answer body, bytes. */
  maxBytes: number;
  /** Answers holding what must never leave the gateway: a stack frame, a parser's own error, a 1 MB echo. */
  leaks: number;
}

export interface HostileResult {
  floods: Record<'names' | 'expensive' | 'comments' | 'slow bodies' | 'metrics', FloodTally>;
  normal: { latencies: number[]; outcomes: Record<string, number> };
  rssPeak: number;
}

const LEAK = /"stack"|\n\s+at |originalError|SyntaxError|N{1000}|c{1000}/;
const JSON_POST = { 'content-type': 'application/json', accept: 'application/json' };

function tally(): FloodTally {
  return { requests: 0, outcomes: {}, maxBytes: 0, leaks: 0 };
}

function record(into: FloodTally, outcome: string, body = ''): void {
  into.requests++;
  into.outcomes[outcome] = (into.outcomes[outcome] ?? 0) + 1;
  into.maxBytes = Math.max(into.maxBytes, Buffer.byteLength(body));
  if (LEAK.test(body)) into.leaks++;
}

const codeOf = (body: string) => /"code":"([A-Z_]+)"/.exec(body)?.[1];

type Make = (i: number) => { path?: string; method?: 'GET' | 'POST'; body?: string };

/** Sends `make(i)` on `connections` connections until `until`, back to back or `pauseMs` apart. */
async function flood(url: string, connections: number, until: number, into: FloodTally, make: Make, pauseMs = 0): Promise<void> {
  const pool = new Pool(url, { connections, headersTimeout: 60_000, bodyTimeout: 60_000 });
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const { path = '/graphql', method = 'POST', body } = make(next++);
        try {
          const answer = await pool.request({ path, method, headers: body === undefined ? {} : JSON_POST, body });
          const text = await answer.body.text();
          record(into, `${answer.statusCode} ${codeOf(text) ?? (path === '/metrics' ? 'scraped' : 'data')}`, text);
        } catch (error) {
          record(into, (error as { code?: string }).code ?? 'error');
        }
        if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }),
  );
  await pool.close();
}

/** Connections that announce a 1000-byte body and trickle it a byte every 500 ms, reconnecting when cut. */
async function slowBodies(url: string, connections: number, until: number, into: FloodTally): Promise<void> {
  const { hostname, port } = new URL(url);
  // Resolves true when the gateway closed the connection, false when the phase ended first.
  const one = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(Number(port), hostname);
      let answer = '';
      let ended = false;
      const trickle = setInterval(() => socket.writable && socket.write('x'), 500);
      const stop = setTimeout(() => ((ended = true), socket.destroy()), Math.max(0, until - performance.now()));
      socket.on('connect', () => socket.write('POST /graphql HTTP/1.1\r\nHost: load\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n'));
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('error', () => {});
      socket.on('close', () => {
        clearInterval(trickle);
        clearTimeout(stop);
        record(into, /^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? (ended ? 'still trickling at the end' : 'closed with no answer'), answer);
        resolve(!ended);
      });
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until && (await one()));
    }),
  );
}

/**
 * Runs in a worker thread: normal requests from other tenants on `connections` keep-alive connections,
 * back to back for `seconds`, timing each; posts { latencies, outcomes }.
 */
const NORMAL_TRAFFIC = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, seconds, connections, normal } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const until = performance.now() + seconds * 1000;
const latencies = [];
const outcomes = {};
let next = 0;
const count = (outcome) => (outcomes[outcome] = (outcomes[outcome] || 0) + 1);
function send() {
  return new Promise((resolve) => {
    const request = normal[next++ % normal.length];
    const started = performance.now();
    const done = (outcome) => { latencies.push(performance.now() - started); count(outcome); resolve(); };
    const post = http.request(url + '/graphql', { method: 'POST', agent, headers: { 'content-type': 'application/json', accept: 'application/json', ...request.headers } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => done(response.statusCode + ' ' + ((/"code":"([A-Z_]+)"/.exec(text) || [])[1] || 'data')));
    });
    post.on('error', (error) => done(error.code || 'error'));
    post.end(request.body);
  });
}
async function loop() { while (performance.now() < until) await send(); }
Promise.all(Array.from({ length: connections }, loop)).then(() => { agent.destroy(); parentPort.postMessage({ latencies, outcomes }); });
`;

/** Normal requests from other tenants until `seconds` pass, from a worker thread. */
async function normalTraffic(options: HostileOptions, seconds: number): Promise<HostileResult['normal']> {
  const worker = new Worker(NORMAL_TRAFFIC, { eval: true, workerData: { url: options.url, seconds, connections: options.normalConnections, normal: options.normal } });
  const [normal] = (await once(worker, 'message')) as [HostileResult['normal']];
  await worker.terminate();
  normal.latencies.sort((a, b) => a - b);
  return normal;
}

/** The normal traffic alone for `seconds`: the baseline for its latency under the floods. */
export function calm(options: HostileOptions): Promise<HostileResult['normal']> {
  return normalTraffic(options, options.seconds);
}

/** Runs every flood and the normal traffic together for `seconds`, sampling the gateway's RSS. */
export async function hostile(options: HostileOptions): Promise<HostileResult> {
  const until = performance.now() + options.seconds * 1000;
  const result: HostileResult = {
    floods: { names: tally(), expensive: tally(), comments: tally(), 'slow bodies': tally(), metrics: tally() },
    normal: { latencies: [], outcomes: {} },
    rssPeak: options.rss(),
  };
  const sampler = setInterval(() => (result.rssPeak = Math.max(result.rssPeak, options.rss())), 100);
  // Built once, and more than the gateway's document cache holds, so each still arrives as a new document.
  const name = (i: number) => `N${'N'.repeat(400_000)}${i}`;
  const names = Array.from({ length: 64 }, (_, i) => JSON.stringify({ query: `query ${name(i)} { __typename }`, operationName: name(i) }));
  const comments = Array.from({ length: 64 }, (_, i) => JSON.stringify({ query: `# ${'c'.repeat(1_000_000)}\nquery C${i} { __typename }` }));
  const [normal] = await Promise.all([
    normalTraffic(options, options.seconds),
    flood(options.url, 2, until, result.floods.names, (i) => ({ body: names[i % names.length] })),
    flood(options.url, 2, until, result.floods.expensive, (i) => ({ body: JSON.stringify({ query: `query E${i} { ${'_service { sdl } '.repeat(1249)} }` }) })),
    flood(options.url, 2, until, result.floods.comments, (i) => ({ body: comments[i % comments.length] })),
    slowBodies(options.url, 20, until, result.floods['slow bodies']),
    flood(options.url, 1, until, result.floods.metrics, () => ({ path: '/metrics', method: 'GET' }), 500),
  ]);
  clearInterval(sampler);
  result.rssPeak = Math.max(result.rssPeak, options.rss());
  result.normal = normal;
  return result;
}
