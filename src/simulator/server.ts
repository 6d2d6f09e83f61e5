import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import type { HeyGenAvatarGroup, HeyGenAvatarLook, HeyGenErrorBody } from '../heygen/types.js';
import { createSelfSignedCertificate } from './certificate.js';
import { byNewest, createCatalogue, seededRandom, type Catalogue, type CatalogueOptions, type CatalogueVoice, type TenantData } from './catalogue.js';
import { createVideoLibrary, type VideoLibrary, type VideoLibraryOptions } from './videos.js';

/** Keys the simulator knows, mapped to the tenant whose private data each one sees. */
export const SIMULATOR_KEYS = Object.freeze({
  /** The key `npm run demo` uses. */
  demo: 'hg_demo_key_0000000000000000',
  tenantA: 'hg_tenant_a_key_1111111111111',
  tenantB: 'hg_tenant_b_key_2222222222222',
});

const DEFAULT_TENANTS: Record<string, string> = {
  [SIMULATOR_KEYS.demo]: 'Demo',
  [SIMULATOR_KEYS.tenantA]: 'Acme',
  [SIMULATOR_KEYS.tenantB]: 'Globex',
};

/** One request as the simulator received it. */
export interface RecordedRequest {
  method: string;
  /** The raw path, exactly as sent (no dot-segment normalisation). */
  path: string;
  query: Record<string, string>;
  /** The key or bearer token that came with it, if any. */
  credential: string | null;
  /** Which header carried the credential. */
  credentialHeader: 'x-api-key' | 'authorization' | null;
  /** The W3C `traceparent` header, if one came (the gateway sends it only when told to). */
  traceparent: string | null;
  /** A POST's JSON body as parsed (the raw text when it is not JSON); absent for other methods. */
  body?: unknown;
}

/** A scripted misbehaviour for the next matching requests. */
export interface Fault {
  /** Answer with this status (and HeyGen's error body for it). */
  status?: number;
  /** How many requests it applies to. @default 1 */
  times?: number;
  /** Wait this long before answering, ms. */
  delayMs?: number;
  /** Send this raw body instead of the normal one (e.g. broken JSON). */
  body?: string;
  /** Seconds for the Retry-After header. */
  retryAfter?: number | string;
  /** Only requests whose path starts with this (e.g. '/v3/voices/'). */
  pathPrefix?: string;
  /** Only requests of this method (e.g. 'POST'). */
  method?: string;
  /** Carry the request out (a POST makes its video and spends its price), then never answer: the client's timeout is all it sees. */
  acceptThenHang?: boolean;
  /** Break the connection instead of answering, without carrying the request out. */
  reset?: boolean;
}

export interface SimulatorOptions extends CatalogueOptions, VideoLibraryOptions {
  /** API key → tenant name. @default the three SIMULATOR_KEYS */
  tenants?: Record<string, string>;
  /** Added to every answer, ms. @default 0 */
  latencyMs?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (a free port) */
  port?: number;
  /** Keep a log of requests (turn off for long benchmarks). @default true */
  recordRequests?: boolean;
  /** Serve HTTPS on a self-signed certificate made at start with `openssl`; a client must trust `ca`. @default false */
  tls?: boolean;
  /** With `tls`, offer HTTP/2 as well as HTTP/1.1 (ALPN); false answers HTTP/1.1 only. @default true */
  http2?: boolean;
  /**
   * Fraction of requests (0..1) answered with one of `faultStatuses` instead, chosen by a PRNG seeded
   * with `faultSeed`: a steady background of failures for load tests. Scripted `failNext` faults go first.
   * @default 0
   */
  faultRate?: number;
  /** Statuses a random fault answers with, each equally likely. @default [500, 503, 429] */
  faultStatuses?: readonly number[];
  /** Seed of the fault PRNG: the same seed fails the same requests, in arrival order. @default 1 */
  faultSeed?: number;
}

export interface Simulator {
  url: string;
  /** With `tls`, the certificate (PEM) a client must trust; otherwise null. */
  ca: string | null;
  /** TCP connections accepted since start: many calls over few connections are HTTP/2 multiplexing or keep-alive. */
  connections(): number;
  /** Requests received since start by HTTP version, e.g. `{ '2.0': 40 }` (counted even with `recordRequests` off). */
  httpVersions(): Record<string, number>;
  catalogue: Catalogue;
  /** Each key's videos and account, on `clock`. */
  videos: VideoLibrary;
  /** Every request received since start (or the last clearRequests). */
  requests: RecordedRequest[];
  clearRequests(): void;
  /** Scripts the next matching request(s) to fail or stall. */
  failNext(fault: Fault): void;
  setLatency(ms: number): void;
  /** What a key can see: public data plus its tenant's private data. */
  visibleTo(apiKey: string): { groups: HeyGenAvatarGroup[]; looks: HeyGenAvatarLook[]; voices: CatalogueVoice[]; tenant: TenantData };
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: HeyGenErrorBody,
  ) {
    super(body.error.message);
  }
}

const errorBody = (code: string, message: string, param: string | null = null): HeyGenErrorBody => ({
  error: { code, message, param, doc_url: null },
});

/**
 * Starts a fake HeyGen v3 API over real HTTP on loopback: the six avatar and voice reads, videos (read,
 * made and deleted) and the account (videos.ts), opaque tokens, limit validation, per-key private data,
 * 401 for unknown keys, and HeyGen's error bodies.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const catalogue = createCatalogue(options);
  const tenants = options.tenants ?? DEFAULT_TENANTS;
  const videos = createVideoLibrary(options, tenants);
  const record = options.recordRequests ?? true;
  const requests: RecordedRequest[] = [];
  let faults: Fault[] = [];
  let latencyMs = options.latencyMs ?? 0;
  const randomFault = createRandomFaults(options);

  // Merged once per tenant, and again only when a list it comes from is replaced or changes length: at
  // thousands of calls a second, merging and sorting on every call made the simulator the bottleneck.
  const merged = new Map<TenantData, { sources: unknown[][]; lengths: number[]; visible: Visible }>();
  const mergedFor = (apiKey: string): Visible => {
    const tenant = catalogue.tenant(tenants[apiKey] ?? 'unknown');
    const sources = [tenant.groups, tenant.looks, tenant.voices, catalogue.groups, catalogue.looks, catalogue.voices];
    const known = merged.get(tenant);
    if (known && sources.every((source, index) => source === known.sources[index] && source.length === known.lengths[index])) return known.visible;
    const visible = {
      groups: [...tenant.groups, ...catalogue.groups].sort(byNewest),
      looks: [...tenant.looks, ...catalogue.looks],
      voices: [...tenant.voices, ...catalogue.voices],
      tenant,
    };
    merged.set(tenant, { sources, lengths: sources.map((source) => source.length), visible });
    return visible;
  };

  const takeFault = (method: string, path: string): Fault | undefined => {
    const index = faults.findIndex((fault) => (!fault.pathPrefix || path.startsWith(fault.pathPrefix)) && (!fault.method || fault.method === method));
    if (index < 0) return undefined;
    const fault = faults[index] as Fault;
    const times = (fault.times ?? 1) - 1;
    if (times <= 0) faults.splice(index, 1);
    else faults[index] = { ...fault, times };
    return fault;
  };

  const certificate = options.tls ? await createSelfSignedCertificate() : null;
  const onRequest = (request: AnyRequest, response: AnyResponse) => void serve(request, response);
  const server = !certificate
    ? createServer(onRequest)
    : options.http2 === false
      ? createHttpsServer(certificate, onRequest)
      : createSecureServer({ ...certificate, allowHTTP1: true }, onRequest);
  let accepted = 0;
  const versions: Record<string, number> = {};
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  async function serve(request: AnyRequest, response: AnyResponse): Promise<void> {
    const raw = request.url ?? '/';
    const queryStart = raw.indexOf('?');
    const path = queryStart < 0 ? raw : raw.slice(0, queryStart);
    const query = Object.fromEntries(new URLSearchParams(queryStart < 0 ? '' : raw.slice(queryStart + 1)));
    const { credential, credentialHeader } = readCredential(request);
    versions[request.httpVersion] = (versions[request.httpVersion] ?? 0) + 1;
    const traceparent = typeof request.headers.traceparent === 'string' ? request.headers.traceparent : null;
    const method = request.method ?? 'GET';
    const body = method === 'POST' ? await readJsonBody(request) : undefined;
    if (record) requests.push({ method, path, query, credential, credentialHeader, traceparent, ...(method === 'POST' && { body }) });

    const fault = takeFault(method, path) ?? randomFault();
    const delay = (fault?.delayMs ?? 0) + latencyMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (isGone(response)) return;
    if (fault?.reset) return void ('stream' in response ? response.stream.destroy() : response.socket?.destroy());

    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (fault?.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
    if (fault?.status !== undefined || fault?.body !== undefined) {
      const status = fault.status ?? 200;
      response.writeHead(status, headers).end(fault.body ?? JSON.stringify(errorBody(...faultError(status))));
      return;
    }
    try {
      if (!credential || tenants[credential] === undefined) {
        throw new HttpError(401, errorBody('authentication_failed', 'Invalid or expired API key. Verify your x-api-key header.'));
      }
      const answer = method === 'GET' ? (videos.answer(path, query, credential) ?? { status: 200, body: route(path, query, mergedFor(credential)) }) : write(method, path, body, credential);
      // Carried out, but the answer never leaves: the socket stays open until the client gives up.
      if (fault?.acceptThenHang) return;
      response.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
    } catch (error) {
      const { status, body } = error instanceof HttpError ? error : new HttpError(500, errorBody('internal_error', 'Internal server error.'));
      response.writeHead(status, headers).end(JSON.stringify(body));
    }
  }

  /** POST /v3/videos and DELETE /v3/videos/{video_id}: what the caller's looks and voices allow; 405 for any other write. */
  const write = (method: string, path: string, body: unknown, apiKey: string) => {
    const visible = mergedFor(apiKey);
    const known = { look: (id: string) => visible.looks.some((look) => look.id === id), voice: (id: string) => visible.voices.some((voice) => voice.voice_id === id) };
    const answer = videos.write(method, path, body, apiKey, known);
    if (answer === undefined) throw new HttpError(405, errorBody('method_not_allowed', `${method} ${path.slice(0, 100)} is not simulated.`));
    return answer;
  };

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${certificate ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${port}`,
    ca: certificate?.cert ?? null,
    connections: () => accepted,
    httpVersions: () => ({ ...versions }),
    catalogue,
    videos,
    requests,
    clearRequests: () => void requests.splice(0),
    failNext: (fault) => void faults.push(fault),
    setLatency: (ms) => void (latencyMs = ms),
    visibleTo: (apiKey) => {
      const { groups, looks, voices, tenant } = mergedFor(apiKey);
      return { groups: [...groups], looks: [...looks], voices: [...voices], tenant };
    },
    close: () =>
      new Promise((resolve) => {
        faults = [];
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** A request over HTTP/1.1 or HTTP/2 (node's compatibility API), and its response. */
type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

/** The largest request body read, bytes; the rest is dropped. */
const MAX_REQUEST_BYTES = 1_048_576;

/** A request's body as JSON, the raw text when it does not parse, or undefined when empty. */
async function readJsonBody(request: AnyRequest): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Whether the client went away while the answer was delayed. */
const isGone = (response: AnyResponse) => ('stream' in response ? response.stream.destroyed : response.destroyed);

/** The random background faults of `faultRate`: a function answering a Fault for the requests it fails. */
function createRandomFaults(options: SimulatorOptions): () => Fault | undefined {
  const rate = options.faultRate ?? 0;
  const statuses = options.faultStatuses ?? [500, 503, 429];
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`faultRate must be 0..1, got ${rate}`);
  if (statuses.length === 0 || !statuses.every((status) => Number.isInteger(status) && status >= 400 && status <= 599)) {
    throw new RangeError(`faultStatuses must be HTTP error statuses (400..599), got ${JSON.stringify(statuses)}`);
  }
  if (rate === 0) return () => undefined;
  const next = seededRandom(options.faultSeed ?? 1);
  return () => (next() < rate ? { status: statuses[Math.floor(next() * statuses.length)] as number } : undefined);
}

function readCredential(request: AnyRequest): Pick<RecordedRequest, 'credential' | 'credentialHeader'> {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey) return { credential: apiKey, credentialHeader: 'x-api-key' };
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
  if (match?.[1]) return { credential: match[1], credentialHeader: 'authorization' };
  return { credential: null, credentialHeader: null };
}

function faultError(status: number): [string, string] {
  switch (status) {
    case 400:
      return ['invalid_parameter', 'Invalid request.'];
    case 401:
      return ['authentication_failed', 'Invalid or expired API key. Verify your x-api-key header.'];
    case 403:
      return ['forbidden', 'This API key does not have permission for this resource.'];
    case 404:
      return ['not_found', 'Not found.'];
    case 429:
      return ['rate_limit_exceeded', 'Too many requests. Retry after the duration specified in the Retry-After header.'];
    default:
      return ['internal_error', 'Internal server error.'];
  }
}

type Visible = ReturnType<Simulator['visibleTo']>;

function route(path: string, query: Record<string, string>, visible: Visible): unknown {
  const segments = path.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new HttpError(400, errorBody('invalid_parameter', 'Malformed path.'));
    }
  });
  const [, version, collection, second, third, ...rest] = segments;
  if (version !== 'v3' || rest.length > 0) throw notFound('Route');
  if (collection === 'avatars') {
    if (second === undefined) return listGroups(query, visible);
    if (second === 'looks' && third === undefined) return listLooks(query, visible);
    if (second === 'looks' && third) return getOne(visible.looks, (look) => look.id === third, 'Avatar look not found.');
    if (third === undefined && second) return getOne(visible.groups, (group) => group.id === second, 'Avatar group not found.');
  }
  if (collection === 'voices' && third === undefined) {
    if (second === undefined) return listVoices(query, visible);
    const voice = visible.voices.find((item) => item.voice_id === second);
    if (!voice) throw new HttpError(404, errorBody('voice_not_found', 'Voice not found.'));
    return { data: toVoiceDetail(voice) };
  }
  throw notFound('Route');
}

const notFound = (what: string) => new HttpError(404, errorBody('not_found', `${what} not found.`));

function getOne<T>(items: T[], matches: (item: T) => boolean, message: string): { data: T } {
  const item = items.find(matches);
  if (!item) throw new HttpError(404, errorBody('not_found', message));
  return { data: item };
}

function listGroups(query: Record<string, string>, visible: Visible) {
  const ownership = readEnum(query, 'ownership', ['public', 'private']);
  const privateIds = new Set(visible.tenant.groups.map((group) => group.id));
  const groups = visible.groups.filter((group) => ownership === undefined || (ownership === 'private') === privateIds.has(group.id));
  return page(groups, query, 50, (group) => group.id);
}

function listLooks(query: Record<string, string>, visible: Visible) {
  const ownership = readEnum(query, 'ownership', ['public', 'private']);
  const avatarType = readEnum(query, 'avatar_type', ['studio_avatar', 'digital_twin', 'video_avatar', 'photo_avatar']);
  const isTwin = (type: string) => type === 'digital_twin' || type === 'video_avatar';
  const privateIds = new Set(visible.tenant.looks.map((look) => look.id));
  const looks = visible.looks.filter(
    (look) =>
      (ownership === undefined || (ownership === 'private') === privateIds.has(look.id)) &&
      (query.group_id === undefined || look.group_id === query.group_id) &&
      (avatarType === undefined || look.avatar_type === avatarType || (isTwin(avatarType) && isTwin(look.avatar_type))),
  );
  return page(looks, query, 50, (look) => look.id);
}

function listVoices(query: Record<string, string>, visible: Visible) {
  const type = readEnum(query, 'type', ['public', 'private']) ?? 'public';
  const voices = visible.voices.filter(
    (voice) =>
      voice.type === type &&
      (query.engine === undefined || voice.engines.includes(query.engine)) &&
      (query.language === undefined || voice.language.toLowerCase() === query.language.toLowerCase()) &&
      (query.gender === undefined || voice.gender === query.gender.toLowerCase()),
  );
  return page(voices.map(toVoiceItem), query, 100, (voice) => voice.voice_id);
}

function toVoiceItem(voice: CatalogueVoice) {
  const { engines: _engines, created_at: _createdAt, ...item } = voice;
  return item;
}

function toVoiceDetail(voice: CatalogueVoice) {
  return {
    voice_id: voice.voice_id,
    support_pause: voice.support_pause,
    name: voice.name,
    language: voice.language,
    gender: voice.gender,
    preview_audio_url: voice.preview_audio_url,
    status: voice.type === 'private' ? 'complete' : null,
    failure_message: null,
    support_interactive_avatar: false,
    created_at: voice.created_at,
  };
}

function readEnum(query: Record<string, string>, name: string, allowed: string[]): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (!allowed.includes(value)) {
    throw new HttpError(400, errorBody('invalid_parameter', `'${name}' must be one of: ${allowed.join(', ')}.`, name));
  }
  return value;
}

/** Pages by an opaque base64url `{"last_id": …}` token, as HeyGen's example tokens do. */
function page<T>(items: T[], query: Record<string, string>, maxLimit: number, idOf: (item: T) => string) {
  const limitText = query.limit ?? '20';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > maxLimit) {
    throw new HttpError(400, errorBody('invalid_parameter', `'limit' must be between 1 and ${maxLimit}.`, 'limit'));
  }
  let start = 0;
  if (query.token !== undefined) {
    const lastId = readToken(query.token);
    const index = lastId === undefined ? -1 : items.findIndex((item) => idOf(item) === lastId);
    if (index < 0) throw new HttpError(400, errorBody('invalid_parameter', 'Invalid or expired pagination token.', 'token'));
    start = index + 1;
  }
  const data = items.slice(start, start + limit);
  const hasMore = start + limit < items.length;
  const last = data[data.length - 1];
  return {
    data,
    has_more: hasMore,
    next_token: hasMore && last !== undefined ? Buffer.from(JSON.stringify({ last_id: idOf(last) })).toString('base64url') : null,
  };
}

function readToken(token: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const lastId = (parsed as { last_id?: unknown } | null)?.last_id;
    return typeof lastId === 'string' ? lastId : undefined;
  } catch {
    return undefined;
  }
}
