import { readFile } from 'node:fs/promises';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateVideoInput } from '../src/graphql/__generated__/schema-types.js';
import { toCreateVideoBody } from '../src/graphql/video-input.js';
import type { HeyGenVideo } from '../src/heygen/types.js';
import { SIMULATOR_KEYS, startSimulator, type Simulator } from '../src/simulator/server.js';

/*
 * Keeps the simulator faithful to HeyGen's own OpenAPI description of the v3 reads. ajv holds the whole
 * document, and each answer is checked against a `$ref` to the response schema for its operation and
 * status, so the spec's components are resolved, never copied. The spec's envelopes require no keys and
 * allow any, so every check also requires the envelope's keys and rejects fields the spec doesn't name
 * (on the envelope, on each list item and on each error): the gateway must not come to rely on a field
 * HeyGen doesn't send; objects nested deeper (the account's wallet, say) are walked against the spec for
 * the same reason. The simulator runs with the spec's `video_avatar` spelling; the default
 * `digital_twin` spelling, from HeyGen's newer guides, has its own test. Videos and the account are
 * checked against the second document (heygen-openapi-videos.json), on a clock the tests move.
 */

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  $ref?: string;
  anyOf?: JsonSchema[];
}
interface SpecResponse {
  content: { 'application/json': { schema: JsonSchema; example?: unknown } };
}
type SpecPath =
  | '/v3/avatars'
  | '/v3/avatars/{group_id}'
  | '/v3/avatars/looks'
  | '/v3/avatars/looks/{look_id}'
  | '/v3/voices'
  | '/v3/videos'
  | '/v3/videos/{video_id}'
  | '/v3/users/me';
type Query = Record<string, string>;
interface Answer {
  status: number;
  retryAfter: string | null;
  body: any;
}

type Method = 'get' | 'post' | 'delete';
interface Spec {
  paths: Record<string, Partial<Record<Method, { responses: Record<string, SpecResponse> }>>>;
  components: { schemas: Record<string, JsonSchema> };
}
const readSpec = async (name: string): Promise<Spec> => JSON.parse(await readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const SPEC_ID = 'heygen-openapi-read.json';
const VIDEOS_SPEC_ID = 'heygen-openapi-videos.json';
const specs: Record<string, Spec> = { [SPEC_ID]: await readSpec(SPEC_ID), [VIDEOS_SPEC_ID]: await readSpec(VIDEOS_SPEC_ID) };
const ajv = new Ajv2020({ strict: false, allErrors: true });
for (const [id, document] of Object.entries(specs)) ajv.addSchema(document, id);

/** The document that describes `path`. */
const specIdOf = (path: SpecPath) => (specs[SPEC_ID]!.paths[path] ? SPEC_ID : VIDEOS_SPEC_ID);

/** A `$ref` into a spec document: tokens escaped as JSON pointer (RFC 6901), then for a URI fragment. */
const specRef = (id: string, ...tokens: string[]) =>
  `${id}#/${tokens.map((token) => encodeURIComponent(token.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/')}`;

function responseOf(path: SpecPath, status: number, method: Method = 'get'): SpecResponse {
  const response = specs[specIdOf(path)]!.paths[path]?.[method]?.responses[String(status)];
  if (!response) throw new Error(`the spec documents no ${status} for ${method.toUpperCase()} ${path}`);
  return response;
}

/** Closes an object schema (or an array's items) to the properties the spec names. */
const closed = (id: string, tokens: string[], schema: JsonSchema): object =>
  schema.type === 'array' ? { items: closed(id, [...tokens, 'items'], schema.items ?? {}) } : { $ref: specRef(id, ...tokens), unevaluatedProperties: false };

/** A schema with its local `$ref` (`#/components/schemas/…`) followed. */
const resolved = (id: string, schema: JsonSchema): JsonSchema =>
  schema.$ref ? (specs[id]!.components.schemas[schema.$ref.split('/').at(-1)!] ?? {}) : schema;

/** Every field of `value`, at any depth, that its schema does not name (ajv's closing above reaches one level). */
function unnamedFields(id: string, schema: JsonSchema, value: unknown, at = ''): string[] {
  const own = resolved(id, schema);
  if (Array.isArray(value)) return value.flatMap((item, index) => unnamedFields(id, own.items ?? {}, item, `${at}/${index}`));
  const object = [own, ...(own.anyOf ?? [])].map((branch) => resolved(id, branch)).find((branch) => branch.properties);
  if (typeof value !== 'object' || value === null || !object?.properties) return [];
  const properties = object.properties;
  return Object.entries(value).flatMap(([name, item]) =>
    properties[name] ? unnamedFields(id, properties[name], item, `${at}/${name}`) : [`${at}/${name} is not in the spec`],
  );
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(path: SpecPath, status: number, method: Method = 'get'): ValidateFunction {
  const key = `${method} ${path} ${status}`;
  const known = validators.get(key);
  if (known) return known;
  const id = specIdOf(path);
  const tokens = ['paths', path, method, 'responses', String(status), 'content', 'application/json', 'schema'];
  const envelope = responseOf(path, status, method).content['application/json'].schema.properties ?? {};
  const validate = ajv.compile({
    $ref: specRef(id, ...tokens),
    required: Object.keys(envelope),
    unevaluatedProperties: false,
    properties: Object.fromEntries(Object.entries(envelope).map(([name, schema]) => [name, closed(id, [...tokens, 'properties', name], schema)])),
  });
  validators.set(key, validate);
  return validate;
}

/** Every way `body` breaks the schema, one line each; empty when it conforms. */
const problemsOf = (validate: ValidateFunction, body: unknown): string[] =>
  validate(body) ? [] : [...new Set((validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`))];

const expectSpec = (path: SpecPath, status: number, body: unknown, method: Method = 'get') =>
  expect([
    ...problemsOf(validatorFor(path, status, method), body),
    ...unnamedFields(specIdOf(path), responseOf(path, status, method).content['application/json'].schema, body),
  ]).toEqual([]);

/** GET /v3/voices/{voice_id}, which the spec copy lacks, from section 6 of heygen-v3-api.md. */
const nullable = (type: string) => ({ type: [type, 'null'] });
const validateVoiceDetail = ajv.compile({
  type: 'object',
  required: ['data'],
  additionalProperties: false,
  properties: {
    data: {
      type: 'object',
      required: ['voice_id', 'support_pause'],
      additionalProperties: false,
      properties: {
        voice_id: { type: 'string' },
        support_pause: { type: 'boolean' },
        name: nullable('string'),
        language: nullable('string'),
        gender: nullable('string'),
        preview_audio_url: nullable('string'),
        status: { enum: ['processing', 'complete', 'failed', null] },
        failure_message: nullable('string'),
        support_interactive_avatar: { type: 'boolean' },
        created_at: nullable('integer'),
      },
    },
  },
});
const validateError = ajv.compile({
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: { error: { $ref: specRef(SPEC_ID, 'components', 'schemas', 'StandardAPIError'), unevaluatedProperties: false } },
});

const DEMO: Record<string, string> = { 'x-api-key': SIMULATOR_KEYS.demo };
let simulator: Simulator;
/** The simulator's clock, epoch ms: videos render on it. */
const START = Date.UTC(2026, 0, 1);
let now = START;

async function get(path: string, query: Query = {}, headers: Record<string, string> = DEMO, base = simulator.url): Promise<Answer> {
  const search = new URLSearchParams(query).toString();
  const response = await fetch(`${base}${path}${search ? `?${search}` : ''}`, { headers });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

/** Follows next_token to the end, resending the filters; every item in order. */
async function walk(path: SpecPath, query: Query, headers = DEMO): Promise<any[]> {
  const items: any[] = [];
  let token: string | null = null;
  for (let pages = 0; pages === 0 || token !== null; pages++) {
    if (pages > 100) throw new Error(`${path} never ends`);
    const { status, body } = await get(path, token === null ? query : { ...query, token }, headers);
    expect(status).toBe(200);
    expectSpec(path, 200, body);
    expect(body.next_token !== null).toBe(body.has_more);
    items.push(...body.data);
    token = body.next_token;
  }
  return items;
}

const idsOf = (items: { id?: string; voice_id?: string }[]) => items.map((item) => item.id ?? item.voice_id);
const parse = (query: string): Query => Object.fromEntries(new URLSearchParams(query));
function find<T>(items: T[], matches: (item: T) => boolean, what: string): T {
  const item = items.find(matches);
  if (item === undefined) throw new Error(`the catalogue has no ${what}`);
  return item;
}

/** Error answers; `example: true` means the spec's example body for that status is the whole answer. */
interface ErrorCase {
  name: string;
  path: string;
  specPath: SpecPath;
  status: number;
  headers: Record<string, string>;
  example: boolean;
  error?: { code: string; param?: string | null };
}
const errorCase = (status: number, path: string, specPath: SpecPath, rest: Partial<ErrorCase> = {}): ErrorCase => ({
  name: `${status} to GET ${path}`,
  path,
  specPath,
  status,
  headers: DEMO,
  example: rest.error === undefined,
  ...rest,
});
const LIST_PATHS = ['/v3/avatars', '/v3/avatars/looks', '/v3/voices', '/v3/videos'] as const;
const OPERATIONS: [string, SpecPath][] = [
  ['/v3/avatars', '/v3/avatars'],
  ['/v3/avatars/ag_any', '/v3/avatars/{group_id}'],
  ['/v3/avatars/looks', '/v3/avatars/looks'],
  ['/v3/avatars/looks/lk_any', '/v3/avatars/looks/{look_id}'],
  ['/v3/voices', '/v3/voices'],
  ['/v3/videos', '/v3/videos'],
  ['/v3/videos/v_any', '/v3/videos/{video_id}'],
  ['/v3/users/me', '/v3/users/me'],
];
const invalid = (param: string | null) => ({ code: 'invalid_parameter', param });
const ERROR_CASES: ErrorCase[] = [
  ...['limit=0', 'limit=51', 'limit=ten'].map((query) => errorCase(400, `/v3/avatars?${query}`, '/v3/avatars')),
  ...['limit=0', 'limit=51'].map((query) => errorCase(400, `/v3/avatars/looks?${query}`, '/v3/avatars/looks')),
  ...['limit=0', 'limit=101'].map((query) => errorCase(400, `/v3/voices?${query}`, '/v3/voices')),
  ...LIST_PATHS.map((path) => errorCase(400, `${path}?token=not-a-token`, path, { error: invalid('token') })),
  errorCase(400, '/v3/avatars?ownership=all', '/v3/avatars', { error: invalid('ownership') }),
  errorCase(400, '/v3/avatars/looks?avatar_type=talking_photo', '/v3/avatars/looks', { error: invalid('avatar_type') }),
  errorCase(400, '/v3/voices?type=all', '/v3/voices', { error: invalid('type') }),
  errorCase(400, '/v3/avatars/%E0%A4%A', '/v3/avatars/{group_id}', { error: invalid(null) }),
  errorCase(400, '/v3/avatars/looks/%E0%A4%A', '/v3/avatars/looks/{look_id}', { error: invalid(null) }),
  ...OPERATIONS.map(([path, specPath]) => errorCase(401, path, specPath, { name: `401 to GET ${path} with an unknown key`, headers: { 'x-api-key': 'hg_unknown' } })),
  ...OPERATIONS.map(([path, specPath]) => errorCase(401, path, specPath, { name: `401 to GET ${path} with no key`, headers: {} })),
  errorCase(401, '/v3/avatars', '/v3/avatars', { name: '401 to GET /v3/avatars with an unknown bearer token', headers: { authorization: 'Bearer nope' } }),
  errorCase(404, '/v3/avatars/ag_missing', '/v3/avatars/{group_id}'),
  errorCase(404, '/v3/avatars/looks/lk_missing', '/v3/avatars/looks/{look_id}'),
  ...['limit=0', 'limit=101', 'limit=ten'].map((query) => errorCase(400, `/v3/videos?${query}`, '/v3/videos')),
  errorCase(400, '/v3/videos/%E0%A4%A', '/v3/videos/{video_id}', { error: invalid(null) }),
  errorCase(404, '/v3/videos/v_missing', '/v3/videos/{video_id}'),
];

describe("simulator against HeyGen's OpenAPI", () => {
  beforeAll(async () => {
    simulator = await startSimulator({ digitalTwinType: 'video_avatar', clock: () => now });
  });
  afterAll(() => simulator.close());

  const visible = (key: string = SIMULATOR_KEYS.demo) => simulator.visibleTo(key);
  const privateGroups = (key: string) => visible(key).groups.filter((group) => visible(key).tenant.groups.includes(group));

  it.each(['', 'ownership=public', 'ownership=private', 'limit=1', 'limit=50', 'ownership=public&limit=13', 'ownership=private&limit=2'])(
    "answers GET /v3/avatars?%s with the spec's 200 body",
    async (text) => {
      const query = parse(text);
      const { status, body } = await get('/v3/avatars', query);
      expect(status).toBe(200);
      expectSpec('/v3/avatars', 200, body);
      const own = new Set(idsOf(visible().tenant.groups));
      const expected = visible().groups.filter((group) => query.ownership === undefined || own.has(group.id) === (query.ownership === 'private'));
      const limit = Number(query.limit ?? 20);
      expect(idsOf(body.data)).toEqual(idsOf(expected.slice(0, limit)));
      expect(body.has_more).toBe(expected.length > limit);
    },
  );

  it.each(LIST_PATHS)("answers a follow-up page of GET %s via next_token with the spec's 200 body", async (path) => {
    const first = await get(path, { limit: '5' });
    const second = await get(path, { limit: '5', token: first.body.next_token });
    expect(second.status).toBe(200);
    expectSpec(path, 200, second.body);
    expect(second.body.data).toHaveLength(5);
    expect(idsOf(second.body.data).filter((id) => idsOf(first.body.data).includes(id))).toEqual([]);
  });

  it.each<[string, string, (key: string) => { id: string }]>([
    ['a public group', SIMULATOR_KEYS.demo, () => simulator.catalogue.groups[0] as { id: string }],
    ['a private group of the key', SIMULATOR_KEYS.demo, (key) => find(visible(key).tenant.groups, (group) => group.status === 'completed', 'completed group')],
    ['a failed private group', SIMULATOR_KEYS.tenantA, (key) => find(visible(key).tenant.groups, (group) => group.status === 'failed', 'failed group')],
  ])("answers GET /v3/avatars/{group_id} for %s with the spec's 200 body", async (_, key, pick) => {
    const group = pick(key);
    const { status, body } = await get(`/v3/avatars/${group.id}`, {}, { 'x-api-key': key });
    expect(status).toBe(200);
    expectSpec('/v3/avatars/{group_id}', 200, body);
    expect(body.data).toEqual(group);
  });

  it.each([
    '',
    'group_id=<a public group>',
    'group_id=<a private group>',
    'avatar_type=studio_avatar',
    'avatar_type=video_avatar',
    'avatar_type=photo_avatar',
    'ownership=public',
    'ownership=private&limit=50',
    'ownership=private&avatar_type=video_avatar&limit=3',
  ])("answers GET /v3/avatars/looks?%s with the spec's 200 body", async (text) => {
    const groupIds: Query = { '<a public group>': simulator.catalogue.groups[0]?.id ?? '', '<a private group>': visible().tenant.groups[0]?.id ?? '' };
    const query = Object.fromEntries(Object.entries(parse(text)).map(([name, value]) => [name, groupIds[value] ?? value]));
    const { status, body } = await get('/v3/avatars/looks', query);
    expect(status).toBe(200);
    expectSpec('/v3/avatars/looks', 200, body);
    const own = new Set(idsOf(visible().tenant.looks));
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.length).toBeLessThanOrEqual(Number(query.limit ?? 20));
    for (const look of body.data) {
      if (query.group_id) expect(look.group_id).toBe(query.group_id);
      if (query.avatar_type) expect(look.avatar_type).toBe(query.avatar_type);
      if (query.ownership) expect(own.has(look.id)).toBe(query.ownership === 'private');
    }
  });

  it.each<[string, string, (key: string) => { id: string }]>([
    ['a public look', SIMULATOR_KEYS.demo, () => simulator.catalogue.looks[0] as { id: string }],
    ['a private look of the key', SIMULATOR_KEYS.demo, (key) => find(visible(key).tenant.looks, (look) => look.status === 'completed', 'completed look')],
    ['a failed private look', SIMULATOR_KEYS.tenantA, (key) => find(visible(key).tenant.looks, (look) => look.status === 'failed', 'failed look')],
  ])("answers GET /v3/avatars/looks/{look_id} for %s with the spec's 200 body", async (_, key, pick) => {
    const look = pick(key);
    const { status, body } = await get(`/v3/avatars/looks/${look.id}`, {}, { 'x-api-key': key });
    expect(status).toBe(200);
    expectSpec('/v3/avatars/looks/{look_id}', 200, body);
    expect(body.data).toEqual(look);
  });

  it.each([
    '',
    'type=public',
    'type=private',
    'engine=starfish',
    'language=English',
    'gender=male',
    'limit=100',
    'type=public&engine=starfish&language=Spanish&gender=female&limit=100',
  ])("answers GET /v3/voices?%s with the spec's 200 body", async (text) => {
    const query = parse(text);
    const { status, body } = await get('/v3/voices', query);
    expect(status).toBe(200);
    expectSpec('/v3/voices', 200, body);
    const engines = new Map(visible().voices.map((voice) => [voice.voice_id, voice.engines]));
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.length).toBeLessThanOrEqual(Number(query.limit ?? 20));
    for (const voice of body.data) {
      expect(voice.type).toBe(query.type ?? 'public');
      if (query.engine) expect(engines.get(voice.voice_id)).toContain(query.engine);
      if (query.language) expect(voice.language).toBe(query.language);
      if (query.gender) expect(voice.gender).toBe(query.gender);
    }
  });

  it.each(['public', 'private'] as const)("answers GET /v3/voices/{voice_id} for a %s voice with the documented detail, no 'type' or 'support_locale'", async (type) => {
    const voice = find(visible().voices, (item) => item.type === type, `${type} voice`);
    const { status, body } = await get(`/v3/voices/${voice.voice_id}`);
    expect(status).toBe(200);
    expect(problemsOf(validateVoiceDetail, body)).toEqual([]);
    expect(body.data).not.toHaveProperty('type');
    expect(body.data).not.toHaveProperty('support_locale');
    expect(body.data).toMatchObject({ voice_id: voice.voice_id, support_pause: voice.support_pause, status: type === 'private' ? 'complete' : null });
  });

  it.each(ERROR_CASES.map((row) => [row.name, row] as const))("answers %s with the spec's error body", async (_, { path, specPath, status, headers, example, error }) => {
    const answer = await fetch(`${simulator.url}${path}`, { headers });
    const body = await answer.json();
    expect(answer.status).toBe(status);
    expectSpec(specPath, status, body);
    if (example) expect(body).toEqual(responseOf(specPath, status).content['application/json'].example);
    else expect(body.error).toMatchObject(error ?? {});
  });

  it('answers 404 to an unknown voice with the standard error body', async () => {
    const { status, body } = await get('/v3/voices/0123456789abcdef0123456789abcdef');
    expect(status).toBe(404);
    expect(problemsOf(validateError, body)).toEqual([]);
    expect(body.error.code).toBe('voice_not_found');
  });

  it.each(OPERATIONS)("answers a scripted 429 to GET %s with the spec's body and an integer Retry-After", async (path, specPath) => {
    simulator.failNext({ status: 429, retryAfter: 3 });
    const { status, retryAfter, body } = await get(path);
    expect(status).toBe(429);
    expectSpec(specPath, 429, body);
    expect(body).toEqual(responseOf(specPath, 429).content['application/json'].example);
    expect(retryAfter).toMatch(/^\d+$/);
    const validateHeader = ajv.compile({ $ref: specRef(specIdOf(specPath), 'paths', specPath, 'get', 'responses', '429', 'headers', 'Retry-After', 'schema') });
    expect(problemsOf(validateHeader, Number(retryAfter))).toEqual([]);
    expect((await get(path)).status).not.toBe(429);
  });

  it('issues next_token as an opaque URL-safe string, and null on the last page', async () => {
    const first = await get('/v3/avatars', { limit: '3' });
    expect(first.body.next_token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(first.body.next_token).not.toContain(first.body.data[2].id);
    const last = await get('/v3/avatars', { ownership: 'private', limit: '50' });
    expect(last.body).toMatchObject({ has_more: false, next_token: null });
  });

  it.each<[string, SpecPath, string, (key: string) => { id?: string; voice_id?: string }[]]>([
    ['groups', '/v3/avatars', 'limit=7', (key) => visible(key).groups],
    ['private groups', '/v3/avatars', 'ownership=private&limit=2', privateGroups],
    ['looks', '/v3/avatars/looks', 'limit=50', (key) => visible(key).looks],
    ['public voices', '/v3/voices', 'limit=100', (key) => visible(key).voices.filter((voice) => voice.type === 'public')],
    ['videos', '/v3/videos', 'limit=7', (key) => simulator.videos.videosOf(key)],
    ['videos titled "demo"', '/v3/videos', 'title=demo&limit=2', (key) => simulator.videos.videosOf(key).filter((video) => video.title?.toLowerCase().includes('demo'))],
  ])('walks the %s with next_token to every item once, in the simulator order', async (_, path, text, expected) => {
    const items = await walk(path, parse(text));
    expect(idsOf(items)).toEqual(idsOf(expected(SIMULATOR_KEYS.demo)));
    expect(new Set(idsOf(items)).size).toBe(items.length);
  });

  it('walks to every item once at every limit, up to one past the count', async () => {
    const expected = idsOf(privateGroups(SIMULATOR_KEYS.demo));
    for (let limit = 1; limit <= expected.length + 1; limit++) {
      expect(idsOf(await walk('/v3/avatars', { ownership: 'private', limit: String(limit) }))).toEqual(expected);
    }
  });

  it('lists groups newest created_at first', async () => {
    const createdAt = (await walk('/v3/avatars', { limit: '50' })).map((group) => group.created_at);
    expect(createdAt).toEqual([...createdAt].sort((a, b) => b - a));
  });

  it('shows two tenants different private groups and the same public ones', async () => {
    const [privateA, privateB, publicA, publicB] = await Promise.all([
      walk('/v3/avatars', { ownership: 'private' }, { 'x-api-key': SIMULATOR_KEYS.tenantA }),
      walk('/v3/avatars', { ownership: 'private' }, { 'x-api-key': SIMULATOR_KEYS.tenantB }),
      walk('/v3/avatars', { ownership: 'public', limit: '50' }, { 'x-api-key': SIMULATOR_KEYS.tenantA }),
      walk('/v3/avatars', { ownership: 'public', limit: '50' }, { 'x-api-key': SIMULATOR_KEYS.tenantB }),
    ]);
    expect(privateA.length).toBeGreaterThan(0);
    expect(privateB.length).toBeGreaterThan(0);
    expect(idsOf(privateA).filter((id) => idsOf(privateB).includes(id))).toEqual([]);
    expect(publicA).toEqual(publicB);
  });

  it.each<[string, string, SpecPath, (key: string) => string]>([
    ['group', 'Avatar group', '/v3/avatars/{group_id}', (key) => `/v3/avatars/${visible(key).tenant.groups[0]?.id}`],
    ['look', 'Avatar look', '/v3/avatars/looks/{look_id}', (key) => `/v3/avatars/looks/${visible(key).tenant.looks[0]?.id}`],
  ])("answers 404 for another tenant's private %s", async (_, what, specPath, pathOf) => {
    const path = pathOf(SIMULATOR_KEYS.tenantB);
    expect((await get(path, {}, { 'x-api-key': SIMULATOR_KEYS.tenantB })).status).toBe(200);
    const { status, body } = await get(path, {}, { 'x-api-key': SIMULATOR_KEYS.tenantA });
    expect(status).toBe(404);
    expectSpec(specPath, 404, body);
    expect(body.error).toMatchObject({ code: 'not_found', message: `${what} not found.` });
  });

  it('counts in looks_count exactly the looks listed with group_id', async () => {
    const groups = await walk('/v3/avatars', { limit: '50' });
    const counts = await Promise.all(groups.map(async (group) => (await walk('/v3/avatars/looks', { group_id: group.id, limit: '50' })).length));
    expect(counts).toEqual(groups.map((group) => group.looks_count));
  });

  it('repeats default voices across groups, each one a voice the key can fetch', async () => {
    const groups = await walk('/v3/avatars', { limit: '50' });
    const voiceIds = groups.map((group) => group.default_voice_id).filter((id): id is string => id !== null);
    const distinct = [...new Set(voiceIds)];
    expect(distinct.length).toBeLessThan(voiceIds.length);
    const statuses = await Promise.all(distinct.map(async (id) => (await get(`/v3/voices/${id}`)).status));
    expect(statuses).toEqual(distinct.map(() => 200));
  });

  describe('videos and the account', () => {
    const videos = (key: string = SIMULATOR_KEYS.demo) => simulator.videos.videosOf(key);
    const videoIn = (status: string, extra: (video: HeyGenVideo) => boolean = () => true) =>
      find(videos(), (video) => video.status === status && extra(video), `${status} video`);

    it.each(['', 'limit=1', 'limit=100', 'folder_id=<a folder>', 'title=demo', 'title=DEMO&limit=3', 'folder_id=<a folder>&title=e&limit=5'])(
      "answers GET /v3/videos?%s with the spec's 200 body",
      async (text) => {
        const folder = simulator.videos.foldersOf(SIMULATOR_KEYS.demo)[0] ?? '';
        const query = Object.fromEntries(Object.entries(parse(text)).map(([name, value]) => [name, value === '<a folder>' ? folder : value]));
        const { status, body } = await get('/v3/videos', query);
        expect(status).toBe(200);
        expectSpec('/v3/videos', 200, body);
        const title = query.title?.toLowerCase();
        const expected = videos().filter((video) => (!query.folder_id || video.folder_id === query.folder_id) && (!title || video.title?.toLowerCase().includes(title)));
        const limit = Number(query.limit ?? 10);
        expect(body.data.length).toBeGreaterThan(0);
        expect(body.data).toEqual(expected.slice(0, limit));
        expect(body.has_more).toBe(expected.length > limit);
      },
    );

    it.each<[string, () => HeyGenVideo]>([
      ['a pending video', () => videoIn('pending')],
      ['a processing video', () => videoIn('processing')],
      ['a completed video with captions', () => videoIn('completed', (video) => video.subtitle_url !== null)],
      ['a failed video', () => videoIn('failed')],
      ['a translated video', () => videoIn('completed', (video) => typeof video.output_language === 'string')],
    ])("answers GET /v3/videos/{video_id} for %s with the spec's 200 body", async (_, pick) => {
      const video = pick();
      const { status, body } = await get(`/v3/videos/${video.id}`);
      expect(status).toBe(200);
      expectSpec('/v3/videos/{video_id}', 200, body);
      expect(body.data).toEqual(video);
    });

    it('renders on its clock: pending, then processing, then completed, or failed with a code and a message', async () => {
      const [newest, , third] = videos() as [HeyGenVideo, HeyGenVideo, HeyGenVideo];
      const fetched = async (id: string) => {
        const { body } = await get(`/v3/videos/${id}`);
        expectSpec('/v3/videos/{video_id}', 200, body);
        return body.data as HeyGenVideo;
      };
      try {
        expect(videos().slice(0, 3).map((video) => video.status)).toEqual(['pending', 'processing', 'processing']);
        expect(await fetched(newest.id)).toMatchObject({ status: 'pending', completed_at: null, video_url: null, duration: null });
        now = START + 60_000;
        expect(await fetched(newest.id)).toMatchObject({ status: 'processing', video_url: null });
        now = START + 600_000;
        expect(await fetched(newest.id)).toMatchObject({ status: 'completed', completed_at: expect.any(Number), duration: expect.any(Number), video_url: expect.stringContaining('Expires=') });
        expect(await fetched(third.id)).toMatchObject({ status: 'failed', completed_at: null, video_url: null, failure_code: expect.any(String), failure_message: expect.any(String) });
        expect(videos().some((video) => video.status === 'pending' || video.status === 'processing')).toBe(false);
      } finally {
        now = START;
      }
    });

    it.each([
      ['the demo key', SIMULATOR_KEYS.demo, 'wallet'],
      ['tenant A', SIMULATOR_KEYS.tenantA, 'subscription'],
      ['tenant B', SIMULATOR_KEYS.tenantB, 'usage_based'],
    ] as const)("answers GET /v3/users/me for %s with the spec's 200 body, billed by %s", async (_, key, billing) => {
      const { status, body } = await get('/v3/users/me', {}, { 'x-api-key': key });
      expect(status).toBe(200);
      expectSpec('/v3/users/me', 200, body);
      expect(body.data).toEqual(simulator.videos.accountOf(key));
      expect(body.data.billing_type).toBe(billing);
      const populated = (['wallet', 'subscription', 'usage_based'] as const).filter((name) => body.data[name] !== null);
      expect(populated).toEqual([billing]);
    });

    it("answers 404 for another tenant's video, and shows each tenant only its own", async () => {
      const theirs = simulator.videos.videosOf(SIMULATOR_KEYS.tenantB)[5]!;
      expect((await get(`/v3/videos/${theirs.id}`, {}, { 'x-api-key': SIMULATOR_KEYS.tenantB })).status).toBe(200);
      const { status, body } = await get(`/v3/videos/${theirs.id}`, {}, { 'x-api-key': SIMULATOR_KEYS.tenantA });
      expect(status).toBe(404);
      expectSpec('/v3/videos/{video_id}', 404, body);
      const [a, b] = [SIMULATOR_KEYS.tenantA, SIMULATOR_KEYS.tenantB].map((key) => idsOf(simulator.videos.videosOf(key)));
      expect(a!.filter((id) => b!.includes(id))).toEqual([]);
    });

    it('names a field the spec lacks at any depth of an answer', () => {
      const account = simulator.videos.accountOf(SIMULATOR_KEYS.demo);
      const body = { data: { ...account, wallet: { ...account.wallet, auto_reload: { enabled: true, currency: 'usd' } } } };
      expect(unnamedFields(VIDEOS_SPEC_ID, responseOf('/v3/users/me', 200).content['application/json'].schema, body)).toEqual(['/data/wallet/auto_reload/currency is not in the spec']);
    });
  });

  describe('video writes', () => {
    const send = async (method: 'POST' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = DEMO): Promise<Answer> => {
      const response = await fetch(`${simulator.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
    };
    const avatarBody = (extra: Record<string, unknown> = {}) => ({
      type: 'avatar',
      avatar_id: simulator.catalogue.looks[0]!.id,
      script: 'Hello.',
      voice_id: simulator.catalogue.voices[0]!.voice_id,
      ...extra,
    });
    const validateRequest = ajv.compile({ $ref: specRef(VIDEOS_SPEC_ID, 'components', 'schemas', 'CreateVideoV3RequestBody'), unevaluatedProperties: false });

    it.each<[string, Record<string, unknown>]>([
      ['a script', {}],
      ['audio by URL', { script: undefined, voice_id: undefined, audio_url: 'https://files.example.com/a.mp3' }],
      ['an audio asset', { script: undefined, voice_id: undefined, audio_asset_id: 'as_123' }],
      [
        'every option',
        {
          title: 'Launch',
          resolution: '4k',
          aspect_ratio: '9:16',
          background: { type: 'color', value: '#1a2b3c' },
          remove_background: true,
          callback_url: 'https://hooks.example.com/done',
          callback_id: 'order-7',
          voice_settings: { speed: 1.2, pitch: -3, locale: 'en-US' },
          motion_prompt: 'waves',
          expressiveness: 'high',
        },
      ],
    ])("answers POST /v3/videos with %s with the spec's 200 body, and the video renders from pending", async (_, extra) => {
      const body = JSON.parse(JSON.stringify(avatarBody(extra)));
      expect(problemsOf(validateRequest, body)).toEqual([]);
      const answer = await send('POST', '/v3/videos', body);
      expect(answer.status).toBe(200);
      expectSpec('/v3/videos', 200, answer.body, 'post');
      expect(answer.body.data.status).toBe('waiting');
      const made = await get(`/v3/videos/${answer.body.data.video_id}`);
      expectSpec('/v3/videos/{video_id}', 200, made.body);
      expect(made.body.data).toMatchObject({ id: answer.body.data.video_id, status: 'pending', title: body.title ?? 'Untitled video' });
      expect(simulator.videos.videosOf(SIMULATOR_KEYS.demo)[0]?.id).toBe(answer.body.data.video_id);
    });

    it.each<[string, CreateVideoInput]>([
      ['a script', { lookId: 'lk_1', voiceId: 'v_1', script: 'Hi' }],
      ['an audio asset and an image background', { lookId: 'lk_1', audioAssetId: 'as_1', background: { type: 'IMAGE', assetId: 'as_2' } }],
      [
        'every option',
        {
          lookId: 'lk_1',
          audioUrl: 'https://a.example/a.mp3',
          title: 'T',
          resolution: 'RESOLUTION_720P',
          aspectRatio: 'LANDSCAPE_16_9',
          background: { type: 'COLOR', value: '#fff' },
          removeBackground: false,
          callbackUrl: 'https://hooks.example/x',
          callbackId: 'c',
          motionPrompt: 'nods',
          expressiveness: 'MEDIUM',
          idempotencyKey: 'k',
        },
      ],
    ])("makes the gateway's createVideo body for %s as the spec's request schema says", (_, input) => {
      expect(problemsOf(validateRequest, toCreateVideoBody(input))).toEqual([]);
    });

    it('spends each accepted video at once, from a wallet, a subscription or usage-based billing', async () => {
      const accounts = () => [SIMULATOR_KEYS.demo, SIMULATOR_KEYS.tenantA, SIMULATOR_KEYS.tenantB].map((key) => simulator.videos.accountOf(key));
      const [wallet, subscription, usage] = accounts();
      for (const key of [SIMULATOR_KEYS.demo, SIMULATOR_KEYS.tenantA, SIMULATOR_KEYS.tenantB]) expect((await send('POST', '/v3/videos', avatarBody(), { 'x-api-key': key })).status).toBe(200);
      expect((await send('POST', '/v3/videos', avatarBody({ script: '' }))).status).toBe(400);
      const [walletAfter, subscriptionAfter, usageAfter] = accounts();
      expect(walletAfter!.wallet!.remaining_balance).toBe(wallet!.wallet!.remaining_balance! - 1.5);
      expect(subscriptionAfter!.subscription!.credits.premium_credits!.remaining).toBe(subscription!.subscription!.credits.premium_credits!.remaining! - 1);
      expect(usageAfter!.usage_based!.spending_current_usd).toBe(usage!.usage_based!.spending_current_usd! + 1.5);
    });

    /** A whole body, sent as it is rather than as changes to a valid one. */
    const raw = (body: unknown) => ({ raw: body });
    it.each<[string, Record<string, unknown>, string | null]>([
      ['no avatar', raw({ type: 'avatar', script: 'Hi', voice_id: 'v' }), 'avatar_id'],
      ['an image video', raw({ type: 'image', image_url: 'https://a.example/i.png', script: 'Hi' }), 'type'],
      ['no type', raw({ avatar_id: 'lk_1', script: 'Hi' }), 'type'],
      ['no speech', { script: undefined }, 'script'],
      ['a script and audio', { audio_url: 'https://a.example/a.mp3' }, 'audio_url'],
      ['an empty script', { script: '' }, 'script'],
      ['a script without a voice', { voice_id: undefined }, 'voice_id'],
      ['an unknown look', { avatar_id: 'lk_nobody' }, 'avatar_id'],
      ['an unknown voice', { voice_id: 'f'.repeat(32) }, 'voice_id'],
      ['a resolution of 8k', { resolution: '8k' }, 'resolution'],
      ['a speed of 3', { voice_settings: { speed: 3 } }, 'voice_settings.speed'],
      ['a background of no type', { background: { value: '#fff' } }, 'background.type'],
      ['audio over http', { script: undefined, voice_id: undefined, audio_url: 'http://a.example/a.mp3' }, 'audio_url'],
      ['a body that is no object', raw(['avatar']), null],
    ])("answers POST /v3/videos with %s with the spec's 400 and the param it blames, making nothing", async (_, change, param) => {
      const count = simulator.videos.videosOf(SIMULATOR_KEYS.demo).length;
      const body = 'raw' in change ? change.raw : JSON.parse(JSON.stringify(avatarBody(change)));
      const answer = await send('POST', '/v3/videos', body);
      expect(answer.status).toBe(400);
      expectSpec('/v3/videos', 400, answer.body, 'post');
      expect(answer.body.error).toMatchObject({ code: 'invalid_parameter', param });
      if (param === 'avatar_id' && 'raw' in change) {
        expect(answer.body).toEqual(responseOf('/v3/videos', 400, 'post').content['application/json'].example);
      }
      expect(simulator.videos.videosOf(SIMULATOR_KEYS.demo)).toHaveLength(count);
    });

    it.each<['POST' | 'DELETE', string, SpecPath, Method]>([
      ['POST', '/v3/videos', '/v3/videos', 'post'],
      ['DELETE', '/v3/videos/v_any', '/v3/videos/{video_id}', 'delete'],
    ])("answers %s %s without a key with the spec's 401", async (method, path, specPath, specMethod) => {
      const answer = await send(method, path, method === 'POST' ? avatarBody() : undefined, {});
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(responseOf(specPath, 401, specMethod).content['application/json'].example);
    });

    it.each<['POST' | 'DELETE', string, SpecPath, Method]>([
      ['POST', '/v3/videos', '/v3/videos', 'post'],
      ['DELETE', '/v3/videos/v_any', '/v3/videos/{video_id}', 'delete'],
    ])("answers a scripted 429 to %s %s with the spec's body and an integer Retry-After", async (method, path, specPath, specMethod) => {
      simulator.failNext({ method, status: 429, retryAfter: 4 });
      const answer = await send(method, path, method === 'POST' ? avatarBody() : undefined);
      expect(answer.status).toBe(429);
      expect(answer.retryAfter).toBe('4');
      expect(answer.body).toEqual(responseOf(specPath, 429, specMethod).content['application/json'].example);
    });

    it("deletes a video with the spec's 200 body, then answers the spec's 404 for it", async () => {
      const video = simulator.videos.videosOf(SIMULATOR_KEYS.demo)[7]!;
      const deleted = await send('DELETE', `/v3/videos/${video.id}`);
      expect(deleted.status).toBe(200);
      expectSpec('/v3/videos/{video_id}', 200, deleted.body, 'delete');
      expect(deleted.body.data).toEqual({ id: video.id, deleted: true });
      expect((await get(`/v3/videos/${video.id}`)).status).toBe(404);
      const again = await send('DELETE', `/v3/videos/${video.id}`);
      expect(again.status).toBe(404);
      expect(again.body).toEqual(responseOf('/v3/videos/{video_id}', 404, 'delete').content['application/json'].example);
    });

    it('records the body of each POST', async () => {
      simulator.clearRequests();
      await send('POST', '/v3/videos', avatarBody({ title: 'Logged' }));
      expect(simulator.requests).toEqual([expect.objectContaining({ method: 'POST', path: '/v3/videos', body: avatarBody({ title: 'Logged' }) })]);
    });
  });

  it('records the path, query and credential of each request', async () => {
    simulator.clearRequests();
    await get('/v3/avatars/looks', { group_id: 'ag_x', limit: '3' });
    await get('/v3/voices', { type: 'private' }, { authorization: `Bearer ${SIMULATOR_KEYS.tenantB}` });
    await get('/v3/avatars', {}, {});
    expect(simulator.requests).toEqual([
      { method: 'GET', path: '/v3/avatars/looks', query: { group_id: 'ag_x', limit: '3' }, credential: SIMULATOR_KEYS.demo, credentialHeader: 'x-api-key', traceparent: null },
      { method: 'GET', path: '/v3/voices', query: { type: 'private' }, credential: SIMULATOR_KEYS.tenantB, credentialHeader: 'authorization', traceparent: null },
      { method: 'GET', path: '/v3/avatars', query: {}, credential: null, credentialHeader: null, traceparent: null },
    ]);
  });

  it("spells twins 'digital_twin' by default, its only difference from the spec's looks", async () => {
    const twins = await startSimulator();
    try {
      const { body } = await get('/v3/avatars/looks', { ownership: 'private', limit: '50' }, DEMO, twins.url);
      expect(body.data.map((look: { avatar_type: string }) => look.avatar_type)).toContain('digital_twin');
      const respelled = body.data.map((look: { avatar_type: string }) => ({ ...look, avatar_type: look.avatar_type.replace('digital_twin', 'video_avatar') }));
      expectSpec('/v3/avatars/looks', 200, { ...body, data: respelled });
      const byFilter = await get('/v3/avatars/looks', { avatar_type: 'video_avatar', ownership: 'private', limit: '50' }, DEMO, twins.url);
      expect(idsOf(byFilter.body.data)).toEqual(idsOf(body.data.filter((look: { avatar_type: string }) => look.avatar_type === 'digital_twin')));
    } finally {
      await twins.close();
    }
  });
});
