/**
 * `npm run load`: a bounded load test of the built gateway (its own process) over the simulator (another
 * process), both on 127.0.0.1, with upstream latency and a steady rate of upstream faults. Three phases:
 * steady mixed load through autocannon for a fixed time, then a burst of concurrent GraphQL requests
 * against a slow upstream while a worker thread polls /health, then hostile floods (load-hostile.ts)
 * mixed with other tenants' normal traffic, after a calm run of that traffic alone. Prints requests/s,
 * latency, error rate and the gateway's RSS before and after, as Markdown. Not part of `npm test`.
 *
 * Options (environment): LOAD_SECONDS (10), LOAD_CONNECTIONS (32), LOAD_LATENCY_MS (20),
 * LOAD_FAULT_RATE (0.05: the fraction of upstream calls answering 500, 503 or 429), LOAD_FAULT_SEED (1: which
 * calls those are, from the simulator's seeded PRNG), LOAD_BURST (500),
 * LOAD_BURST_LATENCY_MS (500), LOAD_HOSTILE_SECONDS (15: past the gateway's 10 s REQUEST_BODY_TIMEOUT_MS,
 * so slow bodies are cut; 0 skips the phase), LOAD_HEAP_MB (unset: the gateway's --max-old-space-size, to
 * tell a leak, which then fails, from a heap V8 merely lets grow), LOAD_CACHE_TTL_SECONDS (0: the
 * cross-request cache is off, so every request meets the slow and failing upstream), LOAD_OUT (a path to
 * also write the Markdown to).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { SIMULATOR_KEYS } from '../src/simulator/server.js';
import { calm, hostile, type HostileResult } from './load-hostile.js';

function option(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name} must be ${min}..${max}, got ${raw}`);
  return value;
}

const SECONDS = option('LOAD_SECONDS', 10, 1, 600);
const CONNECTIONS = option('LOAD_CONNECTIONS', 32, 1, 1000);
const LATENCY_MS = option('LOAD_LATENCY_MS', 20, 0, 10_000);
const FAULT_RATE = option('LOAD_FAULT_RATE', 0.05, 0, 1);
const FAULT_SEED = option('LOAD_FAULT_SEED', 1, 0, 2 ** 32 - 1);
const BURST = option('LOAD_BURST', 500, 1, 5000);
const BURST_LATENCY_MS = option('LOAD_BURST_LATENCY_MS', 500, 0, 10_000);
const HOSTILE_SECONDS = option('LOAD_HOSTILE_SECONDS', 15, 0, 600);
/** Connections of normal traffic in the hostile phase (and its calm baseline). */
const HOSTILE_NORMAL_CONNECTIONS = 8;
const HEAP_MB = process.env.LOAD_HEAP_MB ? option('LOAD_HEAP_MB', 0, 16, 65_536) : undefined;
const FAULT_STATUSES = [500, 503, 429];
/** No more requests than this in the steady phase, whatever the duration. */
const MAX_STEADY_REQUESTS = 2_000_000;
/** The whole run, ms: past this the script kills its children and fails. */
const WATCHDOG_MS = (SECONDS + 2 * HOSTILE_SECONDS + 180) * 1000;
const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d+$/;

type Credential = { 'x-api-key': string } | { authorization: string };
const apiKey = (key: string): Credential => ({ 'x-api-key': key });
const bearer = (key: string): Credential => ({ authorization: `Bearer ${key}` });

interface Workload {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  credential: Credential;
  /** Send as GET /graphql?query=… (yoga) instead of a JSON POST (the fast lane). */
  get?: boolean;
}

const GROUP = 'ag_4548b9c0372a';
const LOOK = 'lk_5babb71ffa64';
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

const WORKLOADS: Workload[] = [
  { name: 'groups', query: '{ avatarGroups(first: 20) { edges { cursor node { id groupId name looksCount createdAt } } pageInfo { hasNextPage endCursor } } }', credential: apiKey(SIMULATOR_KEYS.demo) },
  { name: 'groups + defaultVoice', query: '{ avatarGroups(first: 20) { nodes { groupId name defaultVoice { voiceId name language } } } }', credential: apiKey(SIMULATOR_KEYS.tenantA) },
  { name: 'groups + looks', query: '{ avatarGroups(first: 10) { nodes { groupId looks(first: 5) { nodes { lookId name avatarType } } } } }', credential: bearer(SIMULATOR_KEYS.tenantB) },
  { name: 'private, nested', query: '{ avatarGroups(first: 10, ownership: PRIVATE) { nodes { groupId status defaultVoice { name } looks(first: 3) { nodes { lookId } } } } }', credential: bearer(SIMULATOR_KEYS.tenantA) },
  { name: 'group by id, aliased', query: 'query($id: ID!) { a: avatarGroup(groupId: $id) { name } b: avatarGroup(groupId: $id) { looksCount } }', variables: { id: GROUP }, credential: apiKey(SIMULATOR_KEYS.demo) },
  { name: 'node', query: 'query($id: ID!) { node(id: $id) { id ... on AvatarLook { lookId name group { name } } } }', variables: { id: globalId('AvatarLook', LOOK) }, credential: apiKey(SIMULATOR_KEYS.tenantB) },
  { name: 'nodes (yoga)', query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: [globalId('AvatarGroup', GROUP), globalId('AvatarLook', LOOK)] }, credential: apiKey(SIMULATOR_KEYS.demo) },
  { name: 'GET (yoga)', query: '{ voices(first: 10) { nodes { voiceId name } } }', credential: apiKey(SIMULATOR_KEYS.tenantA), get: true },
];
const BURST_WORKLOADS = WORKLOADS.filter((workload) => workload.name === 'groups' || workload.name === 'group by id, aliased');
/** The hostile phase's normal traffic: the JSON POSTs of tenants A and B (the floods come keyless). */
const HOSTILE_NORMAL = WORKLOADS.filter((workload) => ['groups + defaultVoice', 'groups + looks', 'private, nested', 'node'].includes(workload.name));

/** A child process with its stdout read line by line. */
interface Child {
  process: ChildProcess;
  url: string;
  /** Sends a line on stdin and resolves with the first stdout line matching `reply`. */
  ask(line: string, reply: RegExp): Promise<string>;
  /** Output lines seen so far: JSON log lines by level, other lines (e.g. Node warnings) by text, and how many held a key. */
  logs: { lines: number; byLevel: Record<string, number>; other: Map<string, number>; withKey: number; longest: number; errors: Map<string, number> };
}

function startChild(args: string[], env: Record<string, string>, ready: RegExp): Promise<Child> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const waiting: { reply: RegExp; resolve: (line: string) => void }[] = [];
  const logs = { lines: 0, byLevel: {} as Record<string, number>, other: new Map<string, number>(), withKey: 0, longest: 0, errors: new Map<string, number>() };
  const keys = Object.values(SIMULATOR_KEYS);
  return new Promise((resolve, reject) => {
    const onLine = (line: string) => {
      logs.lines++;
      logs.longest = Math.max(logs.longest, line.length);
      const level = /^\{.*"level":"(\w+)"/.exec(line)?.[1];
      if (level) logs.byLevel[level] = (logs.byLevel[level] ?? 0) + 1;
      else if (logs.other.size < 20 || logs.other.has(line)) logs.other.set(line, (logs.other.get(line) ?? 0) + 1);
      const error = level === 'error' ? /"msg":"((?:[^"\\]|\\.){0,120})/.exec(line)?.[1] : undefined;
      if (error !== undefined && (logs.errors.size < 20 || logs.errors.has(error))) logs.errors.set(error, (logs.errors.get(error) ?? 0) + 1);
      if (keys.some((key) => line.includes(key))) logs.withKey++;
      const url = ready.exec(line)?.[1];
      if (url) {
        if (!LOOPBACK.test(url)) reject(new Error(`not a loopback URL: ${url}`));
        resolve({ process: child, url, ask, logs });
      }
      const index = waiting.findIndex((wait) => wait.reply.test(line));
      if (index >= 0) waiting.splice(index, 1)[0]!.resolve(line);
    };
    const ask = (line: string, reply: RegExp) =>
      new Promise<string>((answer) => {
        waiting.push({ reply, resolve: answer });
        child.stdin!.write(`${line}\n`);
      });
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready`)));
  });
}

/** Runs in the simulator's process: the simulator, plus `latency <ms>` and `count` commands on stdin. */
const SIMULATOR_MAIN = `
import { createInterface } from 'node:readline';
import { startSimulator } from './dist/simulator/server.js';
const simulator = await startSimulator({ latencyMs: ${LATENCY_MS}, faultRate: ${FAULT_RATE}, faultStatuses: ${JSON.stringify(FAULT_STATUSES)}, faultSeed: ${FAULT_SEED} });
console.log('simulator on ' + simulator.url);
const commands = createInterface({ input: process.stdin });
commands.on('line', (line) => {
  const [command, value] = line.split(' ');
  if (command === 'latency') { simulator.setLatency(Number(value)); console.log('latency set ' + value); }
  if (command === 'count') { console.log('count ' + simulator.requests.length); simulator.clearRequests(); }
});
commands.on('close', () => simulator.close().then(() => process.exit(0)));
`;

/** VmRSS and VmHWM (peak) of a process, MB (Linux /proc). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** CPU time a process has used, s (Linux /proc; utime + stime in clock ticks, 100 a second). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const errorCodesOf = (body: string) => (body.includes('"errors"') ? [...body.matchAll(/"code":"([A-Z_]+)"/g)].map((match) => match[1]!) : []);

/** What each phase tallies beyond latency: answers with GraphQL errors, by code. */
class Tally {
  responses = 0;
  failed = 0;
  codes: Record<string, number> = {};
  add(body: string): void {
    this.responses++;
    const codes = errorCodesOf(body);
    if (codes.length > 0) this.failed++;
    for (const code of codes) this.codes[code] = (this.codes[code] ?? 0) + 1;
  }
  describeCodes(): string {
    return Object.entries(this.codes).sort(([, a], [, b]) => b - a).map(([code, count]) => `${code} ${count}`).join(', ') || 'none';
  }
}

async function steady(url: string, tally: Tally) {
  const requests = WORKLOADS.map((workload) => {
    const search = new URLSearchParams({ query: workload.query, ...(workload.variables && { variables: JSON.stringify(workload.variables) }) });
    return {
      method: workload.get ? ('GET' as const) : ('POST' as const),
      path: workload.get ? `/graphql?${search}` : '/graphql',
      headers: { accept: 'application/json', ...(!workload.get && { 'content-type': 'application/json' }), ...workload.credential },
      ...(!workload.get && { body: JSON.stringify({ query: workload.query, variables: workload.variables }) }),
      onResponse: (_status: number, body: string) => tally.add(body),
    };
  });
  return autocannon({ url, connections: CONNECTIONS, duration: SECONDS, maxOverallRequests: MAX_STEADY_REQUESTS, timeout: 30, requests });
}

/**
 * Runs in a worker thread, so its timings do not wait on the main thread's burst: GETs /health on one
 * keep-alive connection every 10 ms until told to stop, then posts [start epoch ms, latency ms, status].
 */
const HEALTH_POLLER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const samples = [];
let stopping = false;
parentPort.on('message', () => { stopping = true; });
const now = () => performance.timeOrigin + performance.now();
function poll() {
  if (stopping) { agent.destroy(); parentPort.postMessage(samples); return; }
  const start = now();
  const done = (status) => {
    samples.push([start, now() - start, status]);
    if (samples.length === 1) parentPort.postMessage('ready');
    setTimeout(poll, 10);
  };
  http.get(workerData.url + '/health', { agent, timeout: 10000 }, (response) => {
    response.resume();
    response.on('end', () => done(response.statusCode));
  }).on('error', () => done(0));
}
poll();
`;

/** Fires BURST requests at once while a worker polls /health, and answers their latencies and the polls'. */
async function burst(url: string, tally: Tally) {
  const pool = new Pool(url, { connections: BURST, headersTimeout: 60_000, bodyTimeout: 60_000 });
  const poller = new Worker(HEALTH_POLLER, { eval: true, workerData: { url } });
  await once(poller, 'message');
  const latencies: number[] = [];
  let transportErrors = 0;
  let non2xx = 0;
  const started = performance.now();
  const startedAt = performance.timeOrigin + started;
  await Promise.all(
    Array.from({ length: BURST }, async (_, index) => {
      const workload = BURST_WORKLOADS[index % BURST_WORKLOADS.length]!;
      const start = performance.now();
      try {
        const answer = await pool.request({
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...workload.credential },
          body: JSON.stringify({ query: workload.query, variables: workload.variables }),
        });
        const body = await answer.body.text();
        if (answer.statusCode !== 200) non2xx++;
        tally.add(body);
      } catch {
        transportErrors++;
      }
      latencies.push(performance.now() - start);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  poller.postMessage('stop');
  const [samples] = (await once(poller, 'message')) as [[number, number, number][]];
  await Promise.all([pool.close(), poller.terminate()]);
  const during = samples.filter(([start]) => start >= startedAt && start <= startedAt + seconds * 1000);
  const worst = during.reduce((max, sample) => (sample[1] > max[1] ? sample : max), [startedAt, 0, 200]);
  return {
    seconds,
    latencies: latencies.sort((a, b) => a - b),
    health: during.map(([, latency]) => latency).sort((a, b) => a - b),
    healthFailures: during.filter(([, , status]) => status !== 200).length,
    /** When the slowest poll started, s after the burst began. */
    worstHealthAt: (worst[0] - startedAt) / 1000,
    transportErrors,
    non2xx,
  };
}

const mb = (value: number) => value.toFixed(0);
const ms = (value: number) => (value < 10 ? value.toFixed(1) : value.toFixed(0));
const percent = (part: number, whole: number) => `${whole === 0 ? '0' : ((100 * part) / whole).toFixed(1)} %`;

type Memory = ReturnType<typeof memoryOf>;
type SteadyResult = Awaited<ReturnType<typeof steady>>;
type BurstResult = Awaited<ReturnType<typeof burst>>;

interface Results {
  steady: SteadyResult & { tally: Tally; upstreamCalls: number };
  burst: BurstResult & { tally: Tally; upstreamCalls: number };
  memory: { atStart: Memory; afterSteady: Memory; afterBurst: Memory };
  logs: Child['logs'];
}

/** The report, as Markdown: a line about the machine and the run, then a table per phase. */
function formatReport({ steady, burst, memory, logs }: Results): string {
  const steadyTotal = steady.requests.total;
  const steadyTransport = steady.errors + steady.timeouts;
  const steadyFailed = steadyTransport + steady.non2xx + steady.tally.failed;
  const burstFailed = burst.transportErrors + burst.non2xx + burst.tally.failed;
  const transport = (errors: number, non2xx: number) => (errors + non2xx > 0 ? `; transport ${errors}, non-2xx ${non2xx}` : '');
  const { latencies, health } = burst;
  return [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load generator, gateway and simulator share it.`,
    `Steady: ${SECONDS} s, ${CONNECTIONS} connections cycling ${WORKLOADS.length} workloads (${WORKLOADS.map((workload) => workload.name).join('; ')}), simulator latency ${LATENCY_MS} ms, ${FAULT_RATE * 100} % of upstream calls failing (${FAULT_STATUSES.join('/')}, seed ${FAULT_SEED}).`,
    ...(HEAP_MB === undefined ? [] : [`Gateway heap capped at ${HEAP_MB} MB (--max-old-space-size).`]),
    `Burst: ${BURST} GraphQL requests at once (${BURST_WORKLOADS.map((workload) => workload.name).join(', ')}: one upstream call each), simulator latency ${BURST_LATENCY_MS} ms, same fault rate; /health polled from a worker thread.`,
    '',
    '| phase | requests | req/s | p50 ms | p99 ms | max ms | error rate | errors by code | upstream calls/req | RSS before MB | RSS after MB | peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    `| steady | ${steadyTotal} | ${Math.round(steady.requests.average)} | ${steady.latency.p50} | ${steady.latency.p99} | ${steady.latency.max} | ${percent(steadyFailed, steadyTotal)} | ${steady.tally.describeCodes()}${transport(steadyTransport, steady.non2xx)} | ${(steady.upstreamCalls / steadyTotal).toFixed(2)} | ${mb(memory.atStart.rss)} | ${mb(memory.afterSteady.rss)} | ${mb(memory.afterSteady.peak)} |`,
    `| burst | ${BURST} | ${Math.round(BURST / burst.seconds)} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 99))} | ${ms(latencies[latencies.length - 1] ?? NaN)} | ${percent(burstFailed, BURST)} | ${burst.tally.describeCodes()}${transport(burst.transportErrors, burst.non2xx)} | ${(burst.upstreamCalls / BURST).toFixed(2)} | ${mb(memory.afterSteady.rss)} | ${mb(memory.afterBurst.rss)} | ${mb(memory.afterBurst.peak)} |`,
    '',
    '| /health during the burst | polls | failed | p50 ms | p99 ms | max ms | slowest poll began |',
    '|---|---|---|---|---|---|---|',
    `| every 10 ms, one connection | ${health.length} | ${burst.healthFailures} | ${ms(percentile(health, 50))} | ${ms(percentile(health, 99))} | ${ms(health[health.length - 1] ?? NaN)} | ${burst.worstHealthAt.toFixed(2)} s into the burst |`,
    '',
    `Burst wall time ${burst.seconds.toFixed(1)} s. Gateway log lines: ${Object.entries(logs.byLevel).map(([level, count]) => `${level} ${count}`).join(', ')}; lines holding an API key: ${logs.withKey}.`,
    ...[...logs.other].map(([line, count]) => `Gateway printed ${count} × \`${line.replace(/\(node:\d+\) /, '').slice(0, 200)}\``),
  ].join('\n');
}

/** The hostile phase: normal traffic alone for a baseline, then with every flood (load-hostile.ts); its report section. */
async function hostilePhase(gateway: Child, simulator: Child): Promise<string> {
  const pid = gateway.process.pid!;
  await simulator.ask(`latency ${LATENCY_MS}`, /^latency set/);
  const normal = HOSTILE_NORMAL.map((workload) => ({ body: JSON.stringify({ query: workload.query, variables: workload.variables }), headers: { ...workload.credential } }));
  const options = { url: gateway.url, seconds: Math.min(5, HOSTILE_SECONDS), normalConnections: HOSTILE_NORMAL_CONNECTIONS, normal, rss: () => memoryOf(pid).rss };
  process.stderr.write(`calm: normal traffic alone for ${options.seconds} s\n`);
  let cpu = cpuSecondsOf(pid);
  const baseline = await calm(options);
  const calmCpu = (cpuSecondsOf(pid) - cpu) / options.seconds;
  const before = memoryOf(pid).rss;
  const levelsBefore = { ...gateway.logs.byLevel };
  process.stderr.write(`hostile: ${HOSTILE_SECONDS} s of floods with normal traffic\n`);
  cpu = cpuSecondsOf(pid);
  const result = await hostile({ ...options, seconds: HOSTILE_SECONDS });
  const hostileCpu = (cpuSecondsOf(pid) - cpu) / HOSTILE_SECONDS;
  const health = await fetch(`${gateway.url}/health`).then((answer) => answer.status, () => 0);
  const levels = Object.entries(gateway.logs.byLevel).map(([level, count]) => `${level} ${count - (levelsBefore[level] ?? 0)}`);
  return formatHostile(result, baseline, {
    rss: { before, after: memoryOf(pid).rss },
    alive: gateway.process.exitCode === null && health === 200,
    cpu: { calm: calmCpu, hostile: hostileCpu },
    logs: `${levels.join(', ')}; longest line ${gateway.logs.longest} characters; lines holding an API key: ${gateway.logs.withKey}`,
  });
}

/** The hostile phase as Markdown: the floods, then normal traffic alone and under them. */
function formatHostile(
  result: HostileResult,
  baseline: HostileResult['normal'],
  run: { rss: { before: number; after: number }; alive: boolean; cpu: { calm: number; hostile: number }; logs: string },
): string {
  const outcomes = (counts: Record<string, number>) => Object.entries(counts).sort(([, a], [, b]) => b - a).map(([outcome, count]) => `${outcome} ${count}`).join(', ');
  const normalRow = (name: string, normal: HostileResult['normal'], seconds: number, cpu: number) => {
    const { latencies } = normal;
    return `| ${name} | ${latencies.length} | ${Math.round(latencies.length / seconds)} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 99))} | ${ms(latencies[latencies.length - 1] ?? NaN)} | ${outcomes(normal.outcomes)} | ${Math.round(cpu * 100)} % |`;
  };
  const leaks = Object.values(result.floods).reduce((sum, flood) => sum + flood.leaks, 0);
  return [
    `Hostile: ${HOSTILE_SECONDS} s of floods, each on connections of its own, while ${HOSTILE_NORMAL_CONNECTIONS} connections of tenants A and B send normal requests (${HOSTILE_NORMAL.map((workload) => workload.name).join('; ')}), simulator latency ${LATENCY_MS} ms; first the same normal traffic alone for ${Math.min(5, HOSTILE_SECONDS)} s.`,
    '',
    '| flood | requests | answers (status, code) | largest answer bytes | answers leaking |',
    '|---|---|---|---|---|',
    ...Object.entries(result.floods).map(([name, flood]) => `| ${name} | ${flood.requests} | ${outcomes(flood.outcomes)} | ${flood.maxBytes} | ${flood.leaks} |`),
    '',
    '| normal traffic | requests | req/s | p50 ms | p99 ms | max ms | answers (status, code) | gateway CPU (of one core) |',
    '|---|---|---|---|---|---|---|---|',
    normalRow('alone', baseline, Math.min(5, HOSTILE_SECONDS), run.cpu.calm),
    normalRow('during the floods', result.normal, HOSTILE_SECONDS, run.cpu.hostile),
    '',
    `Process ${run.alive ? 'stayed up and answered /health 200 after the floods' : 'DID NOT SURVIVE the floods'}. RSS ${mb(run.rss.before)} MB before, peak ${mb(result.rssPeak)} MB (sampled every 100 ms), ${mb(run.rss.after)} MB after. Answers leaking a stack, a parser error or a long echo: ${leaks}. Gateway log lines during the floods: ${run.logs}.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const simulator = await startChild(['--input-type=module', '-e', SIMULATOR_MAIN], {}, /simulator on (http:\/\/\S+)/);
  const heap = HEAP_MB === undefined ? [] : [`--max-old-space-size=${HEAP_MB}`];
  const gateway = await startChild([...heap, 'dist/main.js'], { PORT: '0', HOST: '127.0.0.1', HEYGEN_BASE_URL: simulator.url, LOG_LEVEL: 'info', CACHE_TTL_SECONDS: process.env.LOAD_CACHE_TTL_SECONDS ?? '0' }, /listening on (http:\/\/[^/\s"]+)/);
  process.once('exit', () => [gateway, simulator].forEach((child) => child.process.exitCode === null && child.process.kill('SIGKILL')));
  setTimeout(() => {
    process.stderr.write(`load test still running after ${WATCHDOG_MS} ms: stopping\n`);
    process.exit(2);
  }, WATCHDOG_MS).unref();
  const pid = gateway.process.pid!;
  const upstreamCalls = async () => Number((await simulator.ask('count', /^count /)).split(' ')[1]);
  try {
    const atStart = memoryOf(pid);
    process.stderr.write(`steady: ${SECONDS} s, ${CONNECTIONS} connections, upstream latency ${LATENCY_MS} ms, fault rate ${FAULT_RATE}\n`);
    const steadyTally = new Tally();
    const steadyResult = { ...(await steady(gateway.url, steadyTally)), tally: steadyTally, upstreamCalls: await upstreamCalls() };
    const afterSteady = memoryOf(pid);

    await simulator.ask(`latency ${BURST_LATENCY_MS}`, /^latency set/);
    process.stderr.write(`burst: ${BURST} concurrent requests, upstream latency ${BURST_LATENCY_MS} ms\n`);
    const burstTally = new Tally();
    const burstResult = { ...(await burst(gateway.url, burstTally)), tally: burstTally, upstreamCalls: await upstreamCalls() };
    const afterBurst = memoryOf(pid);

    const sections = [formatReport({ steady: steadyResult, burst: burstResult, memory: { atStart, afterSteady, afterBurst }, logs: gateway.logs })];
    if (HOSTILE_SECONDS > 0) sections.push(await hostilePhase(gateway, simulator));

    gateway.process.kill('SIGTERM');
    const [code] = (await once(gateway.process, 'exit')) as [number | null];
    const errors = [...gateway.logs.errors].map(([message, count]) => `${count} × \`${message}\``);
    sections.push(`Gateway on SIGTERM: exited with code ${code}. Its error lines over the whole run: ${errors.join(', ') || 'none'}.`);
    const report = sections.join('\n\n');
    process.stdout.write(`\n${report}\n`);
    if (process.env.LOAD_OUT) writeFileSync(process.env.LOAD_OUT, `${report}\n`);
  } finally {
    if (gateway.process.exitCode === null) gateway.process.kill('SIGTERM');
    simulator.process.stdin!.end();
    if (gateway.process.exitCode === null) await once(gateway.process, 'exit');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`load test failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
