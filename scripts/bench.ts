/**
 * `npm run bench`: drives fixed GraphQL workloads against the built gateway (its own process) over the
 * simulator (another process), and prints requests/s, latency against the floor (the upstream round trips
 * a workload needs, one after the other), the gateway's CPU per request, its idle and peak RSS and
 * upstream calls per request, next to a plain Apollo Server + RESTDataSource gateway doing the same
 * queries (scripts/apollo-baseline.ts, driven in alternating slices) and direct-REST and proxy floors.
 * Not part of `npm test`.
 *
 * Options (environment): BENCH_SECONDS (6, per server and workload), BENCH_SLICES (3: CPU per request is
 * the median slice's, so a neighbour's burst on a shared machine inflates one slice, not the figure),
 * BENCH_WARMUP_SECONDS (4, per server and workload, unmeasured), BENCH_CONNECTIONS (16),
 * BENCH_LATENCIES (`0,20`: simulator latency, ms, one table each), BENCH_UPSTREAMS (`http`: plain
 * HTTP/1.1; add `h1` and `h2` for an HTTPS simulator answering HTTP/1.1 only, or HTTP/2 too (the
 * gateway then runs with HEYGEN_HTTP2=true), each run at every latency but 0; each table says which
 * HTTP versions the simulator served), BENCH_APOLLO (1: the Apollo rows; 0 leaves them out), BENCH_ONLY
 * (comma-separated workload names), BENCH_OUT (a path to also write the tables as Markdown),
 * BENCH_RATE (requests/s sent by all connections together; unset: as fast as answered. CPU per request falls as
 * load rises, since each wake of the process serves more requests, so A/B runs are fairest at one rate),
 * BENCH_ARRIVALS (`closed`, the default: BENCH_CONNECTIONS clients in a loop; `open`: requests at random
 * times, BENCH_RATE a second on average, as independent users arrive; needs BENCH_RATE),
 * BENCH_LOG_LEVEL (the gateway's LOG_LEVEL, default info as in production: a JSON line per request),
 * BENCH_PROFILE (1: write the gateway's CPU profile to artifacts/profiles, for `node --cpu-prof` analysis),
 * BENCH_CACHE (`off,on`: at the first latency, the workloads with the cross-request cache off, then on (in
 * memory, warm); any of `off`, `on` and `redis`, the last with a local redis-server, which it needs on
 * the PATH; later latencies run cache off, since a warm cache hides the upstream's latency),
 * BENCH_UNSHARED (1, the default: with the cache off, a row of the gateway with HEYGEN_COALESCE_READS=false
 * too, in the same alternating slices: what sharing identical calls in flight saves; 0 leaves it out),
 * BENCH_TRACING (1: each GraphQL workload on this build with OpenTelemetry tracing on, sampled at 100 % and
 * exported to a local sink, and off, in alternating slices: what tracing costs),
 * BENCH_BASELINE (a folder holding another build of the gateway, or a comma list of them, e.g. a worktree of an older commit after
 * `npm run build`: each GraphQL workload then runs on both builds, cache off, in alternating slices, and
 * the table compares them: an A/B run on the same machine in the same minutes).
 *
 * The full comparison (about 20 minutes): `BENCH_SECONDS=20 BENCH_SLICES=5 BENCH_WARMUP_SECONDS=6
 * BENCH_UPSTREAMS=http,h1,h2 npm run bench`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { SIMULATOR_KEYS } from '../src/simulator/server.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const SLICES = Math.max(1, Number(process.env.BENCH_SLICES ?? 3));
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** Requests/s all connections together send, or 0 for as fast as answered: CPU per request falls as load rises, so A/B runs compare at one rate. */
const RATE = Number(process.env.BENCH_RATE ?? 0);
/**
 * `closed` (default): CONNECTIONS clients, each sending its next request when the last is answered.
 * `open`: requests at random (Poisson) times, BENCH_RATE a second on average, each sent when its time
 * comes whatever is still in flight, as independent users arrive.
 */
const ARRIVALS = process.env.BENCH_ARRIVALS === 'open' ? 'open' : 'closed';
if (ARRIVALS === 'open' && !(RATE > 0)) throw new Error('BENCH_ARRIVALS=open needs BENCH_RATE (requests/s)');
const LATENCIES = (process.env.BENCH_LATENCIES ?? process.env.SIMULATOR_LATENCY_MS ?? '0,20').split(',').map(Number);
const UPSTREAMS = (process.env.BENCH_UPSTREAMS ?? 'http').split(',').filter((name): name is Upstream => name === 'http' || name === 'h1' || name === 'h2');
const APOLLO = process.env.BENCH_APOLLO !== '0';
const UNSHARED = process.env.BENCH_UNSHARED !== '0';
const KEY = SIMULATOR_KEYS.demo;

const GROUP_FIELDS = 'id groupId name gender previewImageUrl previewVideoUrl looksCount defaultVoiceId consentStatus status createdAt';

/** How the simulator speaks: plain HTTP/1.1, or HTTPS answering HTTP/1.1 only (`h1`) or HTTP/2 too (`h2`). */
type Upstream = 'http' | 'h1' | 'h2';

interface Workload {
  name: string;
  description: string;
  /** Upstream round trips the workload needs one after the other: its floor is this times the latency. */
  rounds: number;
  query?: string;
  variables?: Record<string, unknown>;
  /** A REST path on the simulator instead of GraphQL (the pass-through limit). */
  restPath?: string;
  /** Through a minimal Node proxy instead of the gateway (what any Node gateway pays before GraphQL): the proxy's path for the workload's calls. */
  viaProxy?: '/' | '/voices' | '/looks';
  /** The upstream calls one request of a REST or PROXY row makes. @default 1 */
  calls?: number;
}

const FIRST_PUBLIC_GROUP = 'ag_4548b9c0372a';

const WORKLOADS: Workload[] = [
  {
    name: 'W1',
    description: 'a page of 20 groups',
    rounds: 1,
    query: `query W1 { avatarGroups(first: 20) { edges { cursor node { ${GROUP_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
  },
  {
    name: 'W2',
    description: 'W1 with defaultVoice',
    rounds: 2,
    query: `query W2 { avatarGroups(first: 20) { edges { cursor node { ${GROUP_FIELDS} defaultVoice { voiceId name language gender } } } pageInfo { hasNextPage endCursor } } }`,
  },
  {
    name: 'W3',
    description: '10 groups with 5 looks each',
    rounds: 2,
    query: `query W3 { avatarGroups(first: 10) { nodes { groupId name looks(first: 5) { nodes { lookId name avatarType previewImageUrl } } } } }`,
  },
  {
    name: 'W4',
    description: 'a single group by id',
    rounds: 1,
    query: `query W4($id: ID!) { avatarGroup(groupId: $id) { ${GROUP_FIELDS} } }`,
    variables: { id: FIRST_PUBLIC_GROUP },
  },
  { name: 'REST', description: 'baseline: GET /v3/avatars?limit=20 straight from the simulator', rounds: 1, restPath: '/v3/avatars?limit=20' },
  { name: 'PROXY', description: 'floor: the same page through a minimal Node proxy (node:http + undici, no GraphQL)', rounds: 1, viaProxy: '/' },
  { name: 'PROXY2', description: "floor: W2's calls through the minimal proxy", rounds: 2, viaProxy: '/voices', calls: 15 },
  { name: 'PROXY3', description: "floor: W3's calls through the minimal proxy", rounds: 2, viaProxy: '/looks', calls: 11 },
];

/**
 * The floor for any Node gateway on this machine: takes a POST, makes the upstream calls a workload
 * needs (`/`: W1's page; `/voices`: W2's page, then its distinct default voices at once; `/looks`: W3's
 * 10 groups, then 5 looks of each at once), parses and re-serializes the JSON, answers. No GraphQL, no
 * sharing of calls, the gateway's default connection cap. Whatever the gateway spends above it is
 * GraphQL's and its own.
 */
const PROXY = (upstream: string) => `
import { createServer } from 'node:http';
import { Pool } from 'undici';
const pool = new Pool(${JSON.stringify(upstream)}, { connections: 256 });
const get = async (path, key) => {
  const answer = await pool.request({ method: 'GET', path, headers: { 'x-api-key': key } });
  if (answer.statusCode !== 200) throw new Error(path + ' answered ' + answer.statusCode);
  return JSON.parse(await answer.body.text());
};
const shapes = {
  '/': (key) => get('/v3/avatars?limit=20', key),
  '/voices': async (key) => {
    const page = await get('/v3/avatars?limit=20', key);
    const ids = [...new Set(page.data.map((group) => group.default_voice_id).filter(Boolean))];
    const voices = new Map(await Promise.all(ids.map(async (id) => [id, (await get('/v3/voices/' + id, key)).data])));
    return { ...page, data: page.data.map((group) => ({ ...group, default_voice: voices.get(group.default_voice_id) ?? null })) };
  },
  '/looks': async (key) => {
    const page = await get('/v3/avatars?limit=10', key);
    return { ...page, data: await Promise.all(page.data.map(async (group) => ({ ...group, looks: (await get('/v3/avatars/looks?group_id=' + group.id + '&limit=5', key)).data }))) };
  },
};
const server = createServer((request, response) => {
  request.resume();
  request.on('end', async () => {
    try {
      const json = JSON.stringify(await shapes[request.url](request.headers['x-api-key']));
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json);
    } catch {
      response.writeHead(502).end();
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

/** Starts a child running `code` (an ESM module body) and resolves with the URL it prints. */
function startChild(args: string[], env: Record<string, string>, pattern: RegExp): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const read = (chunk: Buffer) => {
      out += chunk;
      const match = pattern.exec(out);
      if (!match?.[1]) return;
      // From here its output (the request log) is drained unread.
      child.stdout!.off('data', read).resume();
      resolve({ child, url: match[1] });
    };
    child.stdout!.on('data', read);
    child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${out}`)));
  });
}

/** utime + stime of a process, in ms (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** A process's peak (VmHWM) or current (VmRSS) resident memory, MB (Linux /proc). */
function rssMb(pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Asks the workload's query once and fails the bench if the answer holds errors. */
async function check(url: string, workload: Workload): Promise<void> {
  if (!workload.query) return;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    body: JSON.stringify({ query: workload.query, variables: workload.variables }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(`${workload.name} answered errors: ${JSON.stringify(body.errors)}`);
}

/** What a slice's load reports: autocannon's result, or the open-loop driver's in the same shape. */
type Driven = Pick<autocannon.Result, 'errors' | 'non2xx'> & { requests: { total: number }; latency: { p50: number; p99: number } };

async function drive(url: string, workload: Workload, seconds: number): Promise<Driven> {
  if (ARRIVALS === 'open') return driveOpen(url, workload, seconds);
  const result = await autocannon({
    url: workload.restPath ? `${url}${workload.restPath}` : workload.viaProxy ? `${url}${workload.viaProxy}` : `${url}/graphql`,
    method: workload.restPath ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    body: workload.restPath ? undefined : JSON.stringify({ query: workload.query, variables: workload.variables }),
    connections: CONNECTIONS,
    duration: seconds,
    ...(RATE > 0 && { overallRate: RATE }),
  });
  return result;
}

/**
 * Open-loop load: requests at Poisson arrival times, RATE a second, over a pool of up to 256 connections,
 * whatever is in flight; latency is each request's own, from its arrival time to its whole answer.
 */
async function driveOpen(url: string, workload: Workload, seconds: number): Promise<Driven> {
  const origin = new URL(url).origin;
  const pool = new Pool(origin, { connections: 256 });
  const path = workload.restPath ?? workload.viaProxy ?? '/graphql';
  const body = workload.restPath ? undefined : JSON.stringify({ query: workload.query, variables: workload.variables });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const send = async (arrival: number) => {
    try {
      const answer = await pool.request({ method: workload.restPath ? 'GET' : 'POST', path, headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body });
      await answer.body.arrayBuffer();
      if (answer.statusCode >= 300) non2xx++;
      latencies.push(performance.now() - arrival);
    } catch {
      errors++;
    }
  };
  const sent: Promise<void>[] = [];
  const end = performance.now() + seconds * 1000;
  for (let arrival = performance.now(); arrival < end; arrival += (-Math.log(1 - Math.random()) * 1000) / RATE) {
    const wait = arrival - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(send(arrival));
  }
  await Promise.all(sent);
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (quantile: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * quantile))] ?? NaN);
  return { requests: { total: latencies.length }, latency: { p50: at(0.5), p99: at(0.99) }, errors, non2xx };
}

/** A redis-server on a free loopback port with nothing saved, for BENCH_CACHE=redis (Debian's redis-server). */
async function startRedis(): Promise<{ child: ChildProcess; url: string }> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve();
    });
  });
  return { child, url: `redis://127.0.0.1:${port}` };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

interface Target {
  child: ChildProcess;
  url: string;
  /** Not this gateway (the Apollo baseline): no /metrics. */
  foreign?: boolean;
}

interface Slice {
  result: Driven;
  cpuMsPerRequest: number;
  /** The gateway's calls to HeyGen over the GraphQL requests it answered, in the slice (its /metrics); REST and the PROXY rows make their `calls`. */
  upstreamCallsPerRequest: number;
}

/** The gateway's GraphQL requests answered and calls made to HeyGen so far, from its /metrics. */
async function gatewayCounts(gatewayUrl: string): Promise<{ requests: number; calls: number }> {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  const sum = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((total, match) => total + Number(match[1]), 0);
  return {
    requests: sum(/^graphql_request_duration_seconds_count\{[^}]*\} (\d+)$/gm),
    calls: sum(/^heygen_upstream_calls_total\{[^}]*\} (\d+)$/gm),
  };
}

/** Lets the requests autocannon left in flight at the end of a slice finish, so they count in it. */
const settle = (latencyMs: number) => new Promise((resolve) => setTimeout(resolve, 300 + 10 * latencyMs));

/**
 * Drives `workload` for one slice and notes the serving process's CPU per request and the upstream calls
 * (NaN for a server without the gateway's /metrics).
 */
async function slice(target: Target, workload: Workload, latencyMs = 0): Promise<Slice> {
  const countsBefore = workload.query && !target.foreign ? await gatewayCounts(target.url) : undefined;
  const before = cpuMs(target.child.pid!);
  const result = await drive(target.url, workload, SECONDS / SLICES);
  const cpuMsPerRequest = (cpuMs(target.child.pid!) - before) / result.requests.total;
  if (!countsBefore) return { result, cpuMsPerRequest, upstreamCallsPerRequest: workload.query ? NaN : (workload.calls ?? 1) };
  await settle(latencyMs);
  const countsAfter = await gatewayCounts(target.url);
  return { result, cpuMsPerRequest, upstreamCallsPerRequest: (countsAfter.calls - countsBefore.calls) / (countsAfter.requests - countsBefore.requests) };
}

/**
 * Requests/s over the whole run, p50 the median of the slices', p99 the worst slice's, CPU and upstream
 * calls per request the median slice's (a warm cache still refreshes an entry once a TTL).
 */
function summarize(slices: Slice[]) {
  const requests = slices.reduce((sum, { result }) => sum + result.requests.total, 0);
  return {
    requestsPerSecond: Math.round(requests / SECONDS),
    p50: median(slices.map(({ result }) => result.latency.p50)),
    p99: Math.max(...slices.map(({ result }) => result.latency.p99)),
    cpuMsPerRequest: median(slices.map(({ cpuMsPerRequest }) => cpuMsPerRequest)),
    upstreamCallsPerRequest: median(slices.map(({ upstreamCallsPerRequest }) => upstreamCallsPerRequest)),
    errors: slices.reduce((sum, { result }) => sum + result.errors + result.non2xx, 0),
  };
}

/**
 * The simulator as a child process; with TLS (`h1`, `h2`) it writes the certificate to trust into
 * `caFile`. On SIGTERM it prints the requests it served by HTTP version (see `stopSimulator`).
 */
function startSimulatorChild(latencyMs: number, upstream: Upstream, caFile: string): Promise<Target> {
  const options = JSON.stringify({ latencyMs, recordRequests: false, tls: upstream !== 'http', http2: upstream === 'h2' });
  const code = `import { writeFileSync } from 'node:fs'; import { startSimulator } from './dist/simulator/server.js'; const s = await startSimulator(${options}); if (s.ca) writeFileSync(${JSON.stringify(caFile)}, s.ca); process.once('SIGTERM', () => { console.log('versions ' + JSON.stringify(s.httpVersions())); process.exit(0); }); console.log('url ' + s.url);`;
  return startChild(['--input-type=module', '-e', code], {}, /url (https?:\/\/\S+)/);
}

/** One server under a workload: this gateway (cache off, on or redis) or the Apollo baseline. */
interface Run {
  /** `gateway, unshared`: the gateway with HEYGEN_COALESCE_READS=false, every request making each of its calls. */
  server: 'gateway' | 'gateway, unshared' | 'apollo' | '–';
  mode: string;
  target: Target;
  /** MB resident after start and one request, before load. */
  idleRssMb: number;
  slices: Slice[];
}

/** Stops the simulator child and answers what it printed on the way out: requests served by HTTP version. */
async function stopSimulator(simulator: Target): Promise<string> {
  let out = '';
  simulator.child.stdout!.on('data', (chunk: Buffer) => void (out += chunk));
  await stop(simulator);
  const versions = /versions (\{.*\})/.exec(out)?.[1];
  return versions ? Object.entries(JSON.parse(versions) as Record<string, number>).map(([version, count]) => `HTTP/${version} ${count}`).join(', ') : 'unknown';
}

const stop = async (target: Target) => {
  target.child.kill('SIGTERM');
  if (target.child.exitCode === null) await new Promise((resolve) => target.child.once('exit', resolve));
};

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',');
  const workloads = WORKLOADS.filter((workload) => !only || only.includes(workload.name));
  if (process.env.BENCH_BASELINE) {
    const simulator = await startSimulatorChild(LATENCIES[0] ?? 0, 'http', '');
    // A comma list compares several builds; the last is the reference of the CPU column.
    const roots = process.env.BENCH_BASELINE.split(',');
    const builds = [
      { name: 'this build', root: '.', env: {} },
      ...roots.map((root) => ({ name: roots.length === 1 ? 'baseline' : basename(root), root, env: {} })),
    ];
    return compareBuilds(simulator, workloads, builds, LATENCIES[0] ?? 0);
  }
  if (process.env.BENCH_TRACING) {
    const [simulator, sink] = await Promise.all([startSimulatorChild(LATENCIES[0] ?? 0, 'http', ''), startTraceSink()]);
    const builds = [
      { name: 'tracing on, 100 %', root: '.', env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: sink.url, OTEL_TRACES_SAMPLER: 'always_on' } as Record<string, string> },
      { name: 'tracing off', root: '.', env: {} },
    ];
    try {
      return await compareBuilds(simulator, workloads, builds, LATENCIES[0] ?? 0);
    } finally {
      sink.server.close();
    }
  }
  const caDir = mkdtempSync(join(tmpdir(), 'bench-ca-'));
  const caFile = join(caDir, 'simulator.pem');
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=artifacts/profiles'] : [];
  const modes = (process.env.BENCH_CACHE ?? 'off,on').split(',').filter((mode) => mode === 'off' || mode === 'on' || mode === 'redis');
  const redis = modes.includes('redis') ? await startRedis() : undefined;
  const tables: string[] = [];
  try {
    const phases = UPSTREAMS.flatMap((upstream) => LATENCIES.filter((latency) => upstream === 'http' || latency > 0).map((latency) => ({ upstream, latency })));
    for (const [index, { upstream, latency }] of phases.entries()) {
      const { rows, versions } = await runPhase(workloads, upstream, latency, index === 0 ? modes : ['off'], { caFile, profile, redisUrl: redis?.url });
      tables.push(`${describePhase(upstream, latency, index === 0 ? modes : ['off'])} The simulator served ${versions}.`, '', ...TABLE_HEAD, ...rows, '');
    }
  } finally {
    redis?.child.kill('SIGTERM');
    rmSync(caDir, { recursive: true, force: true });
  }
  const text = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
    `Run: ${SECONDS} s per server and workload in ${SLICES} slices (${WARMUP_SECONDS} s of warm-up first), ${ARRIVALS === 'open' ? `requests arriving at random times, ${RATE} a second on average (open loop)` : `${CONNECTIONS} connections`}. Gateway and Apollo take turns slice by slice, so a slow spell of the machine falls on both. CPU/req is the median slice's; CPU and RSS are the serving process's (a process of its own for each server and workload; the simulator for REST; the proxy, one process for all three, for the PROXY rows); idle RSS is after start and one request; floor is the upstream round trips the workload needs one after the other, times the latency; upstream calls/req are the gateway's calls to HeyGen over the requests it answered (its /metrics).`,
    '',
    ...tables,
  ].join('\n');
  process.stdout.write(`\n${text}\n`);
  if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, `${text}\n`);
}

const TABLE_HEAD = [
  '| workload | what | server | cache | req/s | vs Apollo | p50 ms | floor ms | p99 ms | CPU ms/req | idle RSS MB | peak RSS MB | upstream calls/req | errors |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
];

function describePhase(upstream: Upstream, latency: number, modes: string[]): string {
  const protocol = upstream === 'http' ? 'plain HTTP/1.1' : upstream === 'h1' ? 'HTTPS, HTTP/1.1 only' : 'HTTPS offering HTTP/2';
  return `Simulator latency ${latency} ms, ${protocol}; cache ${modes.join(', then ')} (on: in memory; redis: a local redis-server; both warm, one key).`;
}

/** Every workload at one latency: this gateway and Apollo in alternating slices, then the floors, then the cache modes. */
async function runPhase(
  workloads: Workload[],
  upstream: Upstream,
  latency: number,
  modes: string[],
  options: { caFile: string; profile: string[]; redisUrl: string | undefined },
): Promise<{ rows: string[]; versions: string }> {
  const simulator = await startSimulatorChild(latency, upstream, options.caFile);
  const trust: Record<string, string> = upstream === 'http' ? {} : { NODE_EXTRA_CA_CERTS: options.caFile };
  const proxy = upstream === 'http' && workloads.some((workload) => workload.viaProxy) ? await startChild(['--input-type=module', '-e', PROXY(simulator.url)], {}, /listening on (http:\/\/\S+)/) : undefined;
  // One process per server and workload: a workload's CPU, heap and RSS are its own, not shaped by
  // what another workload left behind.
  const startGateway = (mode: string, extra: Record<string, string> = {}) =>
    startChild(
      [...options.profile, 'dist/main.js'],
      {
        PORT: '0',
        HOST: '127.0.0.1',
        HEYGEN_BASE_URL: simulator.url,
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
        CACHE_TTL_SECONDS: mode === 'off' ? '0' : '60',
        ...(mode === 'redis' && { REDIS_URL: options.redisUrl! }),
        HEYGEN_HTTP2: String(upstream === 'h2'),
        ...trust,
        ...extra,
      },
      /listening on (http:\/\/[^/\s"]+)/,
    );
  const startApollo = async (): Promise<Target> => ({
    ...(await startChild(['--import', 'tsx', 'scripts/apollo-baseline.ts'], { UPSTREAM: simulator.url, ...trust }, /listening on (http:\/\/\S+)/)),
    foreign: true,
  });
  const rows: string[] = [];
  let versions = 'unknown';
  try {
    for (const [index, mode] of modes.entries()) {
      // Each floor row runs right after its workload, so both are measured in the same spell of the machine.
      const order = ['W1', 'PROXY', 'REST', 'W2', 'PROXY2', 'W3', 'PROXY3'];
      const rank = (workload: Workload) => (order.includes(workload.name) ? order.indexOf(workload.name) : order.length);
      for (const workload of [...workloads].sort((a, b) => rank(a) - rank(b))) {
        // The floors (REST, the PROXY rows) run once per latency, over plain HTTP.
        if (!workload.query && (index > 0 || upstream !== 'http' || (workload.viaProxy && !proxy))) continue;
        const runs: Run[] = [];
        try {
          if (!workload.query) runs.push(await measureable('–', mode, workload.restPath ? simulator : proxy!, workload));
          else {
            runs.push(await measureable('gateway', mode, await startGateway(mode), workload));
            if (UNSHARED && mode === 'off') runs.push(await measureable('gateway, unshared', mode, await startGateway(mode, { HEYGEN_COALESCE_READS: 'false' }), workload));
            if (APOLLO && mode === 'off') runs.push(await measureable('apollo', mode, await startApollo(), workload));
          }
          // V8 takes a few seconds of load to tier up the hot code and size its heap.
          for (const run of runs) await drive(run.target.url, workload, WARMUP_SECONDS);
          for (let round = 0; round < SLICES; round++) for (const run of runs) run.slices.push(await slice(run.target, workload, latency));
          rows.push(...formatRows(workload, runs, latency));
          for (const row of rows.slice(-runs.length)) process.stderr.write(`${latency} ms ${upstream}: ${row}\n`);
        } finally {
          for (const run of runs) if (run.target !== simulator && run.target !== proxy) await stop(run.target);
        }
      }
    }
  } finally {
    versions = await stopSimulator(simulator);
    if (proxy) await stop(proxy);
  }
  return { rows, versions };
}

/** Checks `target` answers `workload` without errors and notes its resident memory before load. */
async function measureable(server: Run['server'], mode: string, target: Target, workload: Workload): Promise<Run> {
  await check(target.url, workload);
  return { server, mode, target, idleRssMb: rssMb(target.child.pid!, 'VmRSS'), slices: [] };
}

/** The table rows of one workload's runs; `vs Apollo` is requests/s over the Apollo run's. */
function formatRows(workload: Workload, runs: Run[], latency: number): string[] {
  const measured = runs.map((run) => ({ run, ...summarize(run.slices) }));
  const apollo = measured.find(({ run }) => run.server === 'apollo');
  return measured.map(({ run, ...row }) => {
    const ratio = apollo && run.server !== 'apollo' ? `${(row.requestsPerSecond / apollo.requestsPerSecond).toFixed(2)}×` : '–';
    const calls = Number.isNaN(row.upstreamCallsPerRequest) ? '–' : row.upstreamCallsPerRequest.toFixed(2);
    return `| ${workload.name} | ${workload.description} | ${run.server} | ${workload.query ? run.mode : '–'} | ${row.requestsPerSecond} | ${ratio} | ${row.p50} | ${workload.rounds * latency} | ${row.p99} | ${row.cpuMsPerRequest.toFixed(3)} | ${run.idleRssMb.toFixed(0)} | ${rssMb(run.target.child.pid!).toFixed(0)} | ${calls} | ${row.errors} |`;
  });
}

/** The gateway of the build at `root` (this checkout: '.'), cache off, on the simulator at `upstream`. */
const startBuild = (root: string, upstream: string, env: Record<string, string>) =>
  startChild(
    [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=artifacts/profiles'] : []), `${root}/dist/main.js`],
    { PORT: '0', HOST: '127.0.0.1', HEYGEN_BASE_URL: upstream, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info', CACHE_TTL_SECONDS: '0', ...env },
    /listening on (http:\/\/[^/\s"]+)/,
  );

/** An OTLP/HTTP receiver that takes every export and keeps nothing, for BENCH_TRACING. */
async function startTraceSink(): Promise<{ server: HttpServer; url: string }> {
  const server = createHttpServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces` };
}

/**
 * BENCH_BASELINE (this build and another) and BENCH_TRACING (this build with tracing on and off): the
 * variants run slice by slice in turn, so a slow spell of the machine falls on all; the last is the
 * reference of the CPU column.
 */
async function compareBuilds(simulator: Target, workloads: Workload[], variants: { name: string; root: string; env: Record<string, string> }[], latencyMs: number): Promise<void> {
  const rows: string[] = [];
  try {
    for (const workload of workloads.filter((item) => item.query)) {
      const builds = await Promise.all(variants.map(async (variant) => ({ name: variant.name, target: await startBuild(variant.root, simulator.url, variant.env), slices: [] as Slice[] })));
      try {
        for (const build of builds) {
          await check(build.target.url, workload);
          await drive(build.target.url, workload, WARMUP_SECONDS);
        }
        for (let round = 0; round < SLICES; round++) for (const build of builds) build.slices.push(await slice(build.target, workload, latencyMs));
        const measured = builds.map((build) => ({ ...build, measured: summarize(build.slices) }));
        const theirs = measured[measured.length - 1];
        for (const build of measured) {
          rows.push(
            `| ${workload.name} | ${build.name} | ${build.measured.requestsPerSecond} | ${build.measured.p50} | ${build.measured.p99} | ${build.measured.cpuMsPerRequest.toFixed(3)} | ${((build.measured.cpuMsPerRequest / theirs!.measured.cpuMsPerRequest - 1) * 100).toFixed(1)} % | ${build.measured.errors} |`,
          );
          process.stderr.write(`${rows[rows.length - 1]}\n`);
        }
      } finally {
        for (const { target } of builds) {
          target.child.kill('SIGTERM');
          await new Promise((resolve) => target.child.once('exit', resolve));
        }
      }
    }
  } finally {
    simulator.child.kill('SIGTERM');
  }
  const table = [
    `A/B on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}: ${SECONDS} s per build and workload in ${SLICES} alternating slices, ${CONNECTIONS} connections, simulator latency ${latencyMs} ms, cache off. CPU/req is the median slice's.`,
    '',
    '| workload | build | req/s | p50 ms | p99 ms | CPU ms/req | CPU vs the last | errors |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  process.stdout.write(`\n${table}\n`);
  if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, `${table}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
