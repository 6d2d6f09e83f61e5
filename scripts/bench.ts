/**
 * `npm run bench`: drives fixed GraphQL workloads against the built gateway (its own process) over the
 * simulator (another process), and prints requests/s, latency, the gateway's CPU per request, its peak
 * RSS and upstream calls per request, next to a direct-REST baseline. Not part of `npm test`.
 *
 * Options (environment): BENCH_SECONDS (10), BENCH_SLICES (5: CPU per request is the median slice's, so
 * a neighbour's burst on a shared machine inflates one slice, not the figure), BENCH_WARMUP_SECONDS (6, per workload, unmeasured), BENCH_CONNECTIONS (16), SIMULATOR_LATENCY_MS (0),
 * BENCH_ONLY (comma-separated workload names), BENCH_OUT (a path to also write the table as Markdown),
 * BENCH_LOG_LEVEL (the gateway's LOG_LEVEL, default info as in production: a JSON line per request),
 * BENCH_PROFILE (1: write the gateway's CPU profile to artifacts/profiles, for `node --cpu-prof` analysis),
 * BENCH_CACHE (`off,on`: run the workloads with the cross-request cache off, then on (in memory, warm);
 * any of `off`, `on` and `redis`, the last with a local redis-server, which it needs on the PATH),
 * BENCH_BASELINE (a folder holding another build of the gateway, e.g. a worktree of an older commit after
 * `npm run build`: each GraphQL workload then runs on both builds, cache off, in alternating slices, and
 * the table compares them: an A/B run on the same machine in the same minutes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { SIMULATOR_KEYS } from '../src/simulator/server.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SLICES = Math.max(1, Number(process.env.BENCH_SLICES ?? 5));
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const LATENCY_MS = Number(process.env.SIMULATOR_LATENCY_MS ?? 0);
const KEY = SIMULATOR_KEYS.demo;

const GROUP_FIELDS = 'id groupId name gender previewImageUrl previewVideoUrl looksCount defaultVoiceId consentStatus status createdAt';

interface Workload {
  name: string;
  description: string;
  query?: string;
  variables?: Record<string, unknown>;
  /** A REST path on the simulator instead of GraphQL (the pass-through limit). */
  restPath?: string;
  /** Through a minimal Node proxy instead of the gateway (what any Node gateway pays before GraphQL). */
  viaProxy?: boolean;
}

const FIRST_PUBLIC_GROUP = 'ag_4548b9c0372a';

const WORKLOADS: Workload[] = [
  {
    name: 'W1',
    description: 'a page of 20 groups',
    query: `query W1 { avatarGroups(first: 20) { edges { cursor node { ${GROUP_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
  },
  {
    name: 'W2',
    description: 'W1 with defaultVoice',
    query: `query W2 { avatarGroups(first: 20) { edges { cursor node { ${GROUP_FIELDS} defaultVoice { voiceId name language gender } } } pageInfo { hasNextPage endCursor } } }`,
  },
  {
    name: 'W3',
    description: '10 groups with 5 looks each',
    query: `query W3 { avatarGroups(first: 10) { nodes { groupId name looks(first: 5) { nodes { lookId name avatarType previewImageUrl } } } } }`,
  },
  {
    name: 'W4',
    description: 'a single group by id',
    query: `query W4($id: ID!) { avatarGroup(groupId: $id) { ${GROUP_FIELDS} } }`,
    variables: { id: FIRST_PUBLIC_GROUP },
  },
  { name: 'REST', description: 'baseline: GET /v3/avatars?limit=20 straight from the simulator', restPath: '/v3/avatars?limit=20' },
  { name: 'PROXY', description: 'floor: the same page through a minimal Node proxy (node:http + undici, no GraphQL)', viaProxy: true },
];

/**
 * The floor for any Node gateway on this machine: takes a POST, makes the one upstream call, parses and
 * re-serializes the JSON, answers. Whatever the gateway spends above it is GraphQL's and its own.
 */
const PROXY = (upstream: string) => `
import { createServer } from 'node:http';
import { Pool } from 'undici';
const pool = new Pool(${JSON.stringify(upstream)}, { connections: 64 });
const server = createServer((request, response) => {
  request.resume();
  request.on('end', async () => {
    try {
      const answer = await pool.request({ method: 'GET', path: '/v3/avatars?limit=20', headers: { 'x-api-key': request.headers['x-api-key'] } });
      const json = JSON.stringify(JSON.parse(await answer.body.text()));
      response.writeHead(answer.statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json);
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

function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
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

async function drive(url: string, workload: Workload, seconds: number) {
  const result = await autocannon({
    url: workload.restPath ? `${url}${workload.restPath}` : workload.viaProxy ? url : `${url}/graphql`,
    method: workload.restPath ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    body: workload.restPath ? undefined : JSON.stringify({ query: workload.query, variables: workload.variables }),
    connections: CONNECTIONS,
    duration: seconds,
  });
  return result;
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
}

interface Slice {
  result: autocannon.Result;
  cpuMsPerRequest: number;
  /** The gateway's calls to HeyGen over the GraphQL requests it answered, in the slice (its /metrics); REST and PROXY make one a request. */
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
const settle = () => new Promise((resolve) => setTimeout(resolve, 300 + 10 * LATENCY_MS));

/** Drives `workload` for one slice and notes the serving process's CPU per request and the upstream calls. */
async function slice(target: Target, workload: Workload): Promise<Slice> {
  const countsBefore = workload.query ? await gatewayCounts(target.url) : undefined;
  const before = cpuMs(target.child.pid!);
  const result = await drive(target.url, workload, SECONDS / SLICES);
  const cpuMsPerRequest = (cpuMs(target.child.pid!) - before) / result.requests.total;
  if (!countsBefore) return { result, cpuMsPerRequest, upstreamCallsPerRequest: 1 };
  await settle();
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

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',');
  const workloads = WORKLOADS.filter((workload) => !only || only.includes(workload.name));
  const simulator = await startChild(
    ['--input-type=module', '-e', `import { startSimulator } from './dist/simulator/server.js'; const s = await startSimulator({ latencyMs: ${LATENCY_MS}, recordRequests: false }); console.log('url ' + s.url);`],
    {},
    /url (http:\/\/\S+)/,
  );
  if (process.env.BENCH_BASELINE) return compareBuilds(simulator, workloads, process.env.BENCH_BASELINE);
  const proxy = await startChild(['--input-type=module', '-e', PROXY(simulator.url)], {}, /listening on (http:\/\/\S+)/);
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=artifacts/profiles'] : [];
  const modes = (process.env.BENCH_CACHE ?? 'off,on').split(',').filter((mode) => mode === 'off' || mode === 'on' || mode === 'redis');
  const redis = modes.includes('redis') ? await startRedis() : undefined;
  const rows: string[] = [];
  try {
    for (const [index, mode] of modes.entries()) {
      // One gateway process per workload: a workload's CPU, heap and RSS are its own, not shaped by
      // what another workload left behind.
      const startGateway = () =>
        startChild(
          [...profile, 'dist/main.js'],
          {
            PORT: '0',
            HOST: '127.0.0.1',
            HEYGEN_BASE_URL: simulator.url,
            LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
            CACHE_TTL_SECONDS: mode === 'off' ? '0' : '60',
            ...(mode === 'redis' && { REDIS_URL: redis!.url }),
          },
          /listening on (http:\/\/[^/\s"]+)/,
        );
      const runs = await Promise.all(
        workloads
          .filter((workload) => index === 0 || workload.query)
          .map(async (workload) => ({
            workload,
            target: workload.restPath ? simulator : workload.viaProxy ? proxy : await startGateway(),
            slices: [] as Slice[],
          })),
      );
      try {
        // One workload at a time, under steady load: a gateway left idle between slices pays for V8
        // shrinking its heap and cooling down, which no real deployment under load does.
        // The floor rows run right after W1, so the three are measured in the same spell of the machine.
        const order = ['W1', 'PROXY', 'REST'];
        const rank = (run: (typeof runs)[number]) => (order.includes(run.workload.name) ? order.indexOf(run.workload.name) : order.length);
        for (const run of [...runs].sort((a, b) => rank(a) - rank(b))) {
          await check(run.target.url, run.workload);
          // V8 takes a few seconds of load to tier up the hot code and size its heap.
          await drive(run.target.url, run.workload, WARMUP_SECONDS);
          for (let round = 0; round < SLICES; round++) run.slices.push(await slice(run.target, run.workload));
        }
        for (const { workload, target, slices } of runs) {
          const measured = summarize(slices);
          rows.push(
            `| ${workload.name} | ${workload.description} | ${workload.query ? mode : '–'} | ${measured.requestsPerSecond} | ${measured.p50} | ${measured.p99} | ${measured.cpuMsPerRequest.toFixed(3)} | ${peakRssMb(target.child.pid!).toFixed(0)} | ${measured.upstreamCallsPerRequest.toFixed(2)} | ${measured.errors} |`,
          );
          process.stderr.write(`${rows[rows.length - 1]}\n`);
        }
      } finally {
        for (const { workload, target } of runs) {
          if (!workload.query) continue;
          target.child.kill('SIGTERM');
          await new Promise((resolve) => target.child.once('exit', resolve));
        }
      }
    }
  } finally {
    simulator.child.kill('SIGTERM');
    proxy.child.kill('SIGTERM');
    redis?.child.kill('SIGTERM');
  }
  const table = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
    `Run: ${SECONDS} s per workload, ${CONNECTIONS} connections, simulator latency ${LATENCY_MS} ms, cache ${modes.join(', then ')} (on: in memory; redis: a local redis-server; both warm, one key). Each workload runs in ${SLICES} slices, and CPU/req is the median slice's; CPU and RSS are the serving process's (a gateway of its own for each workload; the simulator for REST; the proxy for PROXY); upstream calls/req are the gateway's calls to HeyGen over the requests it answered (its /metrics).`,
    '',
    '| workload | what | cache | req/s | p50 ms | p99 ms | CPU ms/req | peak RSS MB | upstream calls/req | errors |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  process.stdout.write(`\n${table}\n`);
  if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, `${table}\n`);
}

/** The gateway of the build at `root` (this checkout: '.'), cache off, on the simulator at `upstream`. */
const startBuild = (root: string, upstream: string) =>
  startChild(
    [`${root}/dist/main.js`],
    { PORT: '0', HOST: '127.0.0.1', HEYGEN_BASE_URL: upstream, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info', CACHE_TTL_SECONDS: '0' },
    /listening on (http:\/\/[^/\s"]+)/,
  );

/** BENCH_BASELINE: this build and another, slice by slice in turn, so a slow spell of the machine falls on both. */
async function compareBuilds(simulator: Target, workloads: Workload[], baseline: string): Promise<void> {
  const rows: string[] = [];
  try {
    for (const workload of workloads.filter((item) => item.query)) {
      const builds = [
        { name: 'this build', target: await startBuild('.', simulator.url), slices: [] as Slice[] },
        { name: 'baseline', target: await startBuild(baseline, simulator.url), slices: [] as Slice[] },
      ];
      try {
        for (const build of builds) {
          await check(build.target.url, workload);
          await drive(build.target.url, workload, WARMUP_SECONDS);
        }
        for (let round = 0; round < SLICES; round++) for (const build of builds) build.slices.push(await slice(build.target, workload));
        const [ours, theirs] = builds.map((build) => ({ ...build, measured: summarize(build.slices) }));
        for (const build of [ours!, theirs!]) {
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
    `A/B on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}: ${SECONDS} s per build and workload in ${SLICES} alternating slices, ${CONNECTIONS} connections, simulator latency ${LATENCY_MS} ms, cache off. CPU/req is the median slice's.`,
    '',
    '| workload | build | req/s | p50 ms | p99 ms | CPU ms/req | CPU vs baseline | errors |',
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
