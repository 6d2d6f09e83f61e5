import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { useApolloFederation } from '@envelop/apollo-federation';
import { composeServices, compositionHasErrors, type CompositionResult } from '@theguild/federation-composition';
import { Kind, parse, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import { toSubgraphSdl, type NodeFieldMode } from '../src/graphql/federation.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { createSchema, typeDefs } from '../src/graphql/schema.js';
import type { HeyGenAvatarGroup, HeyGenVideo } from '../src/heygen/types.js';
import { listen, type Listening } from '../src/server/listen.js';
import { SIMULATOR_KEYS, startStack, type GraphQLResponse, type Stack } from './helpers.js';

/*
 * This gateway as an Apollo Federation v2 subgraph: its SDL composes (with @theguild/federation-composition)
 * beside Relay-style subgraphs written here, `_entities` is batched through the request's loaders, and
 * a real federation gateway (@apollo/gateway, served by yoga) answers queries that cross subgraphs: a
 * lessons subgraph that references groups, looks and videos by HeyGen id, and one that owns `node`.
 * Upstream cost is counted from the simulator's request log.
 */

const KEY = SIMULATOR_KEYS.demo;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where the test's own servers listen: a free port on loopback. */
const LOCALHOST = { port: 0, host: '127.0.0.1', requestTimeoutMs: DEFAULT_CONFIG.requestBodyTimeoutMs };

/**
 * Another team's subgraph, written the usual Relay way (its own Node, `node` and PageInfo): lessons of a
 * course, each presented by an avatar and rendered as a HeyGen video, which it stores by HeyGen id.
 */
function lessonsTypeDefs(nodeShareable: boolean): DocumentNode {
  return parse(/* GraphQL */ `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    interface Node { id: ID! }
    type PageInfo @shareable { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }

    type Lesson implements Node @key(fields: "id") {
      id: ID!
      title: String!
      avatarGroup: AvatarGroup
      look: AvatarLook
      video: Video
    }
    type LessonConnection { nodes: [Lesson!]! pageInfo: PageInfo! }

    type AvatarGroup @key(fields: "groupId") {
      groupId: ID!
      lessons: [Lesson!]!
    }
    type AvatarLook @key(fields: "lookId", resolvable: false) { lookId: ID! }
    type Video @key(fields: "videoId", resolvable: false) { videoId: ID! }

    type Query {
      node(id: ID!): Node ${nodeShareable ? '@shareable' : ''}
      lessons: [Lesson!]!
      lessonPage(first: Int = 10): LessonConnection!
    }
  `);
}

interface LessonRow {
  id: string;
  title: string;
  groupId: string;
  lookId: string;
  videoId: string;
}

function createLessonsSchema(lessons: LessonRow[]) {
  return buildSubgraphSchema({
    typeDefs: lessonsTypeDefs(true),
    resolvers: {
      Query: {
        node: (_: unknown, { id }: { id: string }) => lessons.find((lesson) => lesson.id === id) ?? null,
        lessons: () => lessons,
        lessonPage: (_: unknown, { first }: { first: number }) => ({
          nodes: lessons.slice(0, first),
          pageInfo: { hasNextPage: lessons.length > first, hasPreviousPage: false, startCursor: null, endCursor: null },
        }),
      },
      Node: { __resolveType: () => 'Lesson' },
      Lesson: {
        __resolveReference: ({ id }: { id: string }) => lessons.find((lesson) => lesson.id === id) ?? null,
        avatarGroup: (lesson: LessonRow) => ({ groupId: lesson.groupId }),
        look: (lesson: LessonRow) => ({ lookId: lesson.lookId }),
        video: (lesson: LessonRow) => ({ videoId: lesson.videoId }),
      },
      AvatarGroup: { lessons: ({ groupId }: { groupId: string }) => lessons.filter((lesson) => lesson.groupId === groupId) },
    },
  });
}

/**
 * A subgraph that owns the supergraph's `node`: it reads the type from a global id (base64url of
 * `Type:heygenId`) and hands the object over by its `id` key; the router fetches the rest from this
 * gateway. The README's recipe for `omit` mode.
 */
const NODES_TYPE_DEFS = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  interface Node { id: ID! }
  type AvatarGroup implements Node @key(fields: "id") { id: ID! }
  type AvatarLook implements Node @key(fields: "id") { id: ID! }
  type Voice implements Node @key(fields: "id") { id: ID! }
  type Video implements Node @key(fields: "id") { id: ID! }
  type Query { node(id: ID!): Node }
`);

function createNodesSchema() {
  return buildSubgraphSchema({
    typeDefs: NODES_TYPE_DEFS,
    resolvers: {
      Query: { node: (_: unknown, { id }: { id: string }) => ({ __typename: Buffer.from(id, 'base64url').toString('utf8').split(':', 1)[0], id }) },
      Node: { __resolveType: (reference: { __typename: string }) => reference.__typename },
    },
  });
}

/** Composes this gateway's SDL (served at `heygenUrl`) with one other subgraph. */
function compose(heygenSdl: string, other: { name: string; typeDefs: DocumentNode; url?: string }, heygenUrl = 'http://heygen.invalid/graphql') {
  return composeServices([
    { name: 'heygen', typeDefs: parse(heygenSdl), url: heygenUrl },
    { name: other.name, typeDefs: other.typeDefs, url: other.url ?? `http://${other.name}.invalid/graphql` },
  ]);
}

/** The supergraph SDL of a composition that must succeed. */
function supergraphOf(result: CompositionResult): string {
  if (!result.supergraphSdl) throw new Error(`composition failed: ${result.errors?.map((error) => error.message).join('; ')}`);
  return result.supergraphSdl;
}

function fieldsOf(result: CompositionResult, type: string): string[] {
  const definition = result.publicDocumentNode?.definitions.find(
    (node): node is ObjectTypeDefinitionNode => node.kind === Kind.OBJECT_TYPE_DEFINITION && node.name.value === type,
  );
  return definition?.fields?.map((field) => field.name.value) ?? [];
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = { 'x-api-key': KEY }) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, text, ...JSON.parse(text) } as GraphQLResponse;
}

/** One request the federation gateway sent to a subgraph. */
interface SubgraphCall {
  subgraph: string;
  query: string;
  representations: { __typename: string }[];
}

/** @apollo/gateway over `supergraphSdl`, served by yoga; forwards the caller's X-Api-Key to every subgraph. */
async function startRouter(supergraphSdl: string, calls: SubgraphCall[]): Promise<Listening> {
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<{ request?: Request }>({
        url,
        willSendRequest: ({ request, context }) => {
          const representations = (request.variables?.representations ?? []) as SubgraphCall['representations'];
          calls.push({ subgraph: name, query: request.query ?? '', representations });
          const key = context.request?.headers.get('x-api-key');
          if (key) request.http?.headers.set('x-api-key', key);
        },
      }),
  });
  await gateway.load();
  const server = await listen(createYoga({ plugins: [useApolloFederation({ gateway })], logging: false }), LOCALHOST);
  return { url: server.url, close: async (graceMs) => (await server.close(graceMs), await gateway.stop()) };
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.simulator.clearRequests());

const upstream = () => stack.simulator.requests.map((request) => request.path);
const isGroupFetch = (path: string) => /^\/v3\/avatars\/(?!looks$|looks\/)[^/]+$/.test(path);

describe('the subgraph SDL', () => {
  it('is served in _service over /graphql without a credential, as schema.graphql has it', async () => {
    const response = await stack.query('{ _service { sdl } }', {}, {});
    expect(response.errors).toBeUndefined();
    expect(response.data._service.sdl).toBe(typeDefs);
    expect(response.data._service.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3"');
    expect(upstream()).toEqual([]);
  });

  it('is what `npm run subgraph:sdl` prints, in either node-field mode', async () => {
    const run = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/print-subgraph-sdl.ts', ...args], { cwd: ROOT });
    const [shareable, omit, bad] = await Promise.allSettled([run(), run('--node-field', 'omit'), run('--node-field', 'all')]);
    expect(shareable).toMatchObject({ value: { stdout: typeDefs } });
    expect(omit).toMatchObject({ value: { stdout: toSubgraphSdl(typeDefs, 'omit') } });
    expect(bad).toMatchObject({ reason: { code: 2, stderr: expect.stringContaining('--node-field must be one of shareable, omit, got "all"') } });
  });

  it('leaves node and nodes out in omit mode, while the schema still serves them', async () => {
    const schema = createSchema({ nodeField: 'omit' });
    const yoga = createYoga({ schema, logging: false });
    const answer = await yoga.fetch('http://subgraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    const { sdl } = ((await answer.json()) as { data: { _service: { sdl: string } } }).data._service;
    const query = parse(sdl).definitions.find((node): node is ObjectTypeDefinitionNode => node.kind === Kind.OBJECT_TYPE_DEFINITION && node.name.value === 'Query');
    expect(query?.fields?.map((field) => field.name.value)).not.toContain('node');
    expect(query?.fields?.map((field) => field.name.value)).not.toContain('nodes');
    expect(sdl).toContain('interface Node');
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toEqual(expect.arrayContaining(['node', 'nodes', '_entities', '_service']));
  });
});

describe('composition with a Relay-style subgraph', () => {
  it.each<[NodeFieldMode, boolean]>([
    ['shareable', true],
    ['omit', true],
    ['omit', false],
  ])('composes in %s mode beside a subgraph whose node is shareable: %s', (mode, nodeShareable) => {
    const result = compose(toSubgraphSdl(typeDefs, mode), { name: 'lessons', typeDefs: lessonsTypeDefs(nodeShareable) });
    expect(result.errors).toBeUndefined();
    expect(fieldsOf(result, 'AvatarGroup')).toEqual(expect.arrayContaining(['groupId', 'name', 'looks', 'lessons']));
    expect(fieldsOf(result, 'Lesson')).toEqual(['id', 'title', 'avatarGroup', 'look', 'video']);
    expect(fieldsOf(result, 'Video')).toEqual(expect.arrayContaining(['id', 'videoId', 'title', 'status', 'videoUrl']));
    expect(fieldsOf(result, 'Query')).toEqual(expect.arrayContaining(['node', 'avatarGroups', 'videos', 'me', 'lessons']));
    expect(fieldsOf(result, 'PageInfo')).toEqual(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor']);
  });

  it('composes in omit mode beside a subgraph that owns node and hands objects over by id', () => {
    const result = compose(toSubgraphSdl(typeDefs, 'omit'), { name: 'nodes', typeDefs: NODES_TYPE_DEFS });
    expect(result.errors).toBeUndefined();
    expect(fieldsOf(result, 'Query')).toEqual(expect.arrayContaining(['node', 'avatarGroup']));
    expect(fieldsOf(result, 'Query')).not.toContain('nodes');
  });

  it('fails in shareable mode when the other subgraph owns node without @shareable', () => {
    const result = compose(toSubgraphSdl(typeDefs, 'shareable'), { name: 'lessons', typeDefs: lessonsTypeDefs(false) });
    expect(compositionHasErrors(result)).toBe(true);
    expect(result.errors?.map((error) => error.message)).toEqual([expect.stringContaining('Non-shareable field "Query.node" is resolved from multiple subgraphs')]);
  });
});

const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on AvatarGroup { groupId name }
      ... on AvatarLook { lookId name }
      ... on Voice { voiceId name }
      ... on Video { videoId title }
    }
  }
`;

describe('_entities', () => {
  it('resolves 50 group representations with one call per distinct id', async () => {
    const groups = stack.simulator.visibleTo(KEY).groups.slice(0, 45);
    const asked = [...groups, ...groups.slice(0, 5)];
    const response = await stack.query(ENTITIES, { representations: asked.map((group) => ({ __typename: 'AvatarGroup', groupId: group.id })) });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual(asked.map((group) => ({ __typename: 'AvatarGroup', groupId: group.id, name: group.name })));
    expect(upstream().filter(isGroupFetch).sort()).toEqual(groups.map((group) => `/v3/avatars/${group.id}`).sort());
    expect(upstream()).toHaveLength(45);
    expect(response.extensions?.upstream).toEqual({ calls: 45, deduplicated: 5, cacheHits: 0 });
  });

  it('answers null for an unknown id and resolves the others', async () => {
    const [first, second] = stack.simulator.visibleTo(KEY).groups as [HeyGenAvatarGroup, HeyGenAvatarGroup];
    const representations = [first.id, 'ag_does_not_exist', second.id].map((groupId) => ({ __typename: 'AvatarGroup', groupId }));
    const response = await stack.query(ENTITIES, { representations });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([
      { __typename: 'AvatarGroup', groupId: first.id, name: first.name },
      null,
      { __typename: 'AvatarGroup', groupId: second.id, name: second.name },
    ]);
    expect(upstream().sort()).toEqual([first.id, 'ag_does_not_exist', second.id].map((groupId) => `/v3/avatars/${groupId}`).sort());
  });

  it('answers UNAUTHENTICATED for each entity when the request has no credential, with no call', async () => {
    const [first, second] = stack.simulator.visibleTo(KEY).groups as [HeyGenAvatarGroup, HeyGenAvatarGroup];
    const representations = [first.id, second.id].map((groupId) => ({ __typename: 'AvatarGroup', groupId }));
    const response = await stack.query(ENTITIES, { representations }, {});
    expect(response.data._entities).toEqual([null, null]);
    expect(response.errors?.map(({ path, extensions }) => ({ path, code: extensions?.code }))).toEqual([
      { path: ['_entities', 0], code: 'UNAUTHENTICATED' },
      { path: ['_entities', 1], code: 'UNAUTHENTICATED' },
    ]);
    expect(upstream()).toEqual([]);
  });

  it('resolves every entity type in one call, and nulls a bad representation at its index', async () => {
    const { groups, looks, voices } = stack.simulator.visibleTo(KEY);
    const [group, look, voice, video] = [groups[0]!, looks[0]!, voices[0]!, stack.simulator.videos.videosOf(KEY)[0]!];
    const response = await stack.query(ENTITIES, {
      representations: [
        { __typename: 'AvatarGroup', groupId: group.id },
        { __typename: 'Lesson', id: 'lesson-1' },
        { __typename: 'AvatarLook', lookId: look.id },
        { __typename: 'AvatarGroup' },
        { __typename: 'Voice', voiceId: voice.voice_id },
        { __typename: 'AvatarGroup', groupId: '..' },
        { __typename: 'Video', videoId: video.id },
      ],
    });
    expect(response.data._entities).toEqual([
      { __typename: 'AvatarGroup', groupId: group.id, name: group.name },
      null,
      { __typename: 'AvatarLook', lookId: look.id, name: look.name },
      null,
      { __typename: 'Voice', voiceId: voice.voice_id, name: voice.name },
      null,
      { __typename: 'Video', videoId: video.id, title: video.title },
    ]);
    expect(response.errors?.map(({ path, message, extensions }) => ({ path, message, code: extensions?.code }))).toEqual([
      { path: ['_entities', 1], code: 'BAD_USER_INPUT', message: 'representations[1].__typename must be one of AvatarGroup, AvatarLook, Voice, Video, got "Lesson"' },
      { path: ['_entities', 3], code: 'BAD_USER_INPUT', message: 'representations[3] must have a string groupId or id, got {"__typename":"AvatarGroup"}' },
      { path: ['_entities', 5], code: 'BAD_USER_INPUT', message: expect.stringContaining('groupId must be 1..256 printable characters and not "." or ".."') },
    ]);
    expect(upstream()).toHaveLength(4);
  });

  it('resolves video representations by videoId or global id with one call per distinct video, null for one the key cannot see', async () => {
    const [first, second, third] = stack.simulator.videos.videosOf(KEY) as [HeyGenVideo, HeyGenVideo, HeyGenVideo];
    const theirs = stack.simulator.videos.videosOf(SIMULATOR_KEYS.tenantB)[0]!;
    const representations = [
      { __typename: 'Video', videoId: first.id },
      { __typename: 'Video', videoId: second.id },
      { __typename: 'Video', id: toGlobalId('Video', first.id) },
      { __typename: 'Video', videoId: theirs.id },
      { __typename: 'Video', videoId: third.id },
      { __typename: 'Video', videoId: second.id },
    ];
    const response = await stack.query(ENTITIES, { representations });
    expect(response.errors).toBeUndefined();
    const entity = (video: HeyGenVideo) => ({ __typename: 'Video', videoId: video.id, title: video.title });
    expect(response.data._entities).toEqual([entity(first), entity(second), entity(first), null, entity(third), entity(second)]);
    expect(upstream().sort()).toEqual([first, second, theirs, third].map((video) => `/v3/videos/${video.id}`).sort());
    expect(response.extensions?.upstream).toEqual({ calls: 4, deduplicated: 2, cacheHits: 0 });
  });

  it('resolves a representation by global id, of the type it names', async () => {
    const { groups, voices } = stack.simulator.visibleTo(KEY);
    const [group, voice] = [groups[0]!, voices[0]!];
    const response = await stack.query(ENTITIES, {
      representations: [
        { __typename: 'AvatarGroup', id: toGlobalId('AvatarGroup', group.id) },
        { __typename: 'Voice', id: toGlobalId('Voice', voice.voice_id) },
        { __typename: 'AvatarGroup', id: toGlobalId('Voice', voice.voice_id) },
        { __typename: 'AvatarLook', id: 'not-a-global-id' },
      ],
    });
    expect(response.data._entities).toEqual([
      { __typename: 'AvatarGroup', groupId: group.id, name: group.name },
      { __typename: 'Voice', voiceId: voice.voice_id, name: voice.name },
      null,
      null,
    ]);
    expect(response.errors?.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: ['_entities', 2], message: 'id must be a global id of type AvatarGroup, got one of type Voice' },
      { path: ['_entities', 3], message: expect.stringContaining('id must be a global id from an `id` field') },
    ]);
    expect(upstream().sort()).toEqual([`/v3/avatars/${group.id}`, `/v3/voices/${voice.voice_id}`]);
  });

  it('costs no call for groups that a list page in the same request already brought', async () => {
    const page = await stack.query('{ avatarGroups(first: 10) { nodes { groupId } } }');
    const ids: string[] = page.data.avatarGroups.nodes.map((group: { groupId: string }) => group.groupId);
    stack.simulator.clearRequests();
    const response = await stack.query(
      `query ($representations: [_Any!]!) {
        avatarGroups(first: 10) { nodes { groupId } }
        _entities(representations: $representations) { ... on AvatarGroup { groupId } }
      }`,
      { representations: ids.map((groupId) => ({ __typename: 'AvatarGroup', groupId })) },
    );
    expect(response.data._entities).toEqual(ids.map((groupId) => ({ groupId })));
    expect(upstream()).toEqual(['/v3/avatars']);
  });
});

describe('a supergraph of this gateway and a lessons subgraph, behind @apollo/gateway', () => {
  const calls: SubgraphCall[] = [];
  let lessons: LessonRow[];
  let lessonsSubgraph: Listening;
  let router: Listening;

  beforeAll(async () => {
    const { groups, looks } = stack.simulator.visibleTo(KEY);
    const looksOf = (groupId: string) => looks.filter((look) => look.group_id === groupId);
    const [a, b, c] = groups.filter((group) => looksOf(group.id).length >= 2).map((group) => group.id) as [string, string, string];
    const look = (groupId: string, index: number) => looksOf(groupId)[index]?.id as string;
    // Lessons 1 and 4 share a video (a re-run of the same recording).
    const [v1, v2, v3] = stack.simulator.videos.videosOf(KEY).map((video) => video.id) as [string, string, string];
    lessons = [
      { id: 'lesson-1', title: 'Welcome', groupId: a, lookId: look(a, 0), videoId: v1 },
      { id: 'lesson-2', title: 'Pricing', groupId: b, lookId: look(b, 0), videoId: v2 },
      { id: 'lesson-3', title: 'Onboarding', groupId: c, lookId: look(c, 0), videoId: v3 },
      { id: 'lesson-4', title: 'Roadmap', groupId: a, lookId: look(a, 1), videoId: v1 },
    ];
    lessonsSubgraph = await listen(createYoga({ schema: createLessonsSchema(lessons), logging: false }), LOCALHOST);
    const service = await stack.query('{ _service { sdl } }', {}, {});
    const composed = compose(service.data._service.sdl, { name: 'lessons', typeDefs: lessonsTypeDefs(true), url: `${lessonsSubgraph.url}/graphql` }, `${stack.gateway.url}/graphql`);
    router = await startRouter(supergraphOf(composed), calls);
  });
  afterAll(async () => {
    await router?.close(1000);
    await lessonsSubgraph?.close(1000);
  });
  beforeEach(() => void calls.splice(0));

  it('answers a query that crosses both subgraphs, with entity fetches batched', async () => {
    const response = await post(router.url, `{ lessons { id title avatarGroup { groupId name looks(first: 2) { nodes { lookId } } } look { lookId name } } }`);
    const requests = [...stack.simulator.requests];
    expect(response.errors).toBeUndefined();

    const { groups, looks } = stack.simulator.visibleTo(KEY);
    const standalone = await stack.query(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on AvatarGroup { groupId looks(first: 2) { nodes { lookId } } } } }`, {
      ids: [...new Set(lessons.map((lesson) => lesson.groupId))].map((groupId) => toGlobalId('AvatarGroup', groupId)),
    });
    const firstLooks = new Map(standalone.data.nodes.map((group: any) => [group.groupId, group.looks]));
    expect(response.data.lessons).toEqual(
      lessons.map((lesson) => ({
        id: lesson.id,
        title: lesson.title,
        avatarGroup: { groupId: lesson.groupId, name: groups.find((group) => group.id === lesson.groupId)?.name, looks: firstLooks.get(lesson.groupId) },
        look: { lookId: lesson.lookId, name: looks.find((look) => look.id === lesson.lookId)?.name },
      })),
    );
    for (const { avatarGroup } of response.data.lessons) {
      expect(avatarGroup.looks.nodes).toHaveLength(2);
      for (const { lookId } of avatarGroup.looks.nodes) expect(looks.find((look) => look.id === lookId)?.group_id).toBe(avatarGroup.groupId);
    }

    // The router asks this subgraph once per entity path (not once per lesson), with a representation
    // per lesson, repeats included.
    const toHeyGen = calls.filter((call) => call.subgraph === 'heygen');
    expect(toHeyGen.map((call) => call.representations.map((rep) => rep.__typename)).sort()).toEqual([
      lessons.map(() => 'AvatarGroup'),
      lessons.map(() => 'AvatarLook'),
    ]);

    // Upstream: each distinct group fetched once (lesson-1 and lesson-4 share one), one look list per
    // group, and each look at most once.
    const paths = requests.map((request) => request.path);
    const distinctGroups = [...new Set(lessons.map((lesson) => lesson.groupId))];
    expect(paths.filter(isGroupFetch).sort()).toEqual(distinctGroups.map((groupId) => `/v3/avatars/${groupId}`).sort());
    expect(requests.filter((request) => request.path === '/v3/avatars/looks').map((request) => request.query.group_id).sort()).toEqual([...distinctGroups].sort());
    const lookFetches = paths.filter((path) => path.startsWith('/v3/avatars/looks/'));
    expect(new Set(lookFetches).size).toBe(lookFetches.length);
    expect(paths).toHaveLength(distinctGroups.length * 2 + lookFetches.length);
  });

  it('reaches the HeyGen video of each lesson, one entity fetch for all and one call per distinct video', async () => {
    const response = await post(router.url, `{ lessons { title video { videoId title status videoUrl } } }`);
    expect(response.errors).toBeUndefined();
    const byId = new Map(stack.simulator.videos.videosOf(KEY).map((video) => [video.id, video]));
    expect(response.data.lessons).toEqual(
      lessons.map((lesson) => {
        const video = byId.get(lesson.videoId)!;
        return { title: lesson.title, video: { videoId: video.id, title: video.title, status: video.status.toUpperCase(), videoUrl: video.video_url ?? null } };
      }),
    );
    expect(calls.filter((call) => call.subgraph === 'heygen').map((call) => call.representations)).toEqual([
      lessons.map((lesson) => ({ __typename: 'Video', videoId: lesson.videoId })),
    ]);
    expect(upstream().sort()).toEqual([...new Set(lessons.map((lesson) => `/v3/videos/${lesson.videoId}`))].sort());
  });

  it('resolves the lessons field the other subgraph adds to AvatarGroup', async () => {
    const groupId = lessons[0]?.groupId;
    const response = await post(router.url, `query ($groupId: ID!) { avatarGroup(groupId: $groupId) { name lessons { title look { lookId } } } }`, { groupId });
    expect(response.errors).toBeUndefined();
    expect(response.data.avatarGroup).toEqual({
      name: stack.simulator.visibleTo(KEY).groups.find((group) => group.id === groupId)?.name,
      lessons: lessons.filter((lesson) => lesson.groupId === groupId).map((lesson) => ({ title: lesson.title, look: { lookId: lesson.lookId } })),
    });
    expect(calls.map((call) => call.subgraph)).toEqual(['heygen', 'lessons']);
    expect(upstream()).toEqual([`/v3/avatars/${groupId}`]);
  });
});

describe('node owned by another subgraph (omit mode), behind @apollo/gateway', () => {
  const calls: SubgraphCall[] = [];
  let nodesSubgraph: Listening;
  let router: Listening;

  beforeAll(async () => {
    nodesSubgraph = await listen(createYoga({ schema: createNodesSchema(), logging: false }), LOCALHOST);
    const composed = compose(toSubgraphSdl(typeDefs, 'omit'), { name: 'nodes', typeDefs: NODES_TYPE_DEFS, url: `${nodesSubgraph.url}/graphql` }, `${stack.gateway.url}/graphql`);
    router = await startRouter(supergraphOf(composed), calls);
  });
  afterAll(async () => {
    await router?.close(1000);
    await nodesSubgraph?.close(1000);
  });

  it('fetches a HeyGen object through the owner\'s node, then from this gateway by its id', async () => {
    const group = stack.simulator.visibleTo(KEY).groups[0]!;
    const id = toGlobalId('AvatarGroup', group.id);
    const response = await post(router.url, `query ($id: ID!) { node(id: $id) { id ... on AvatarGroup { groupId name } } }`, { id });
    expect(response.errors).toBeUndefined();
    expect(response.data.node).toEqual({ id, groupId: group.id, name: group.name });
    expect(calls.map((call) => call.subgraph)).toEqual(['nodes', 'heygen']);
    expect(calls[1]?.representations).toEqual([{ __typename: 'AvatarGroup', id }]);
    expect(upstream()).toEqual([`/v3/avatars/${group.id}`]);
  });

  it("fetches a HeyGen video through the owner's node, then from this gateway by its id", async () => {
    const video = stack.simulator.videos.videosOf(KEY)[3]!;
    const id = toGlobalId('Video', video.id);
    calls.splice(0);
    const response = await post(router.url, `query ($id: ID!) { node(id: $id) { id ... on Video { videoId title } } }`, { id });
    expect(response.errors).toBeUndefined();
    expect(response.data.node).toEqual({ id, videoId: video.id, title: video.title });
    expect(calls[1]?.representations).toEqual([{ __typename: 'Video', id }]);
    expect(upstream()).toEqual([`/v3/videos/${video.id}`]);
  });
});

describe('FEDERATION_NODE_FIELD on the running gateway', () => {
  it('serves the SDL without node and nodes when set to omit, and still answers node', async () => {
    const omitting = await startStack({ config: { federationNodeField: 'omit' } });
    try {
      const sdl = (await omitting.query(`{ _service { sdl } }`)).data._service.sdl as string;
      expect(sdl).not.toMatch(/^\s*nodes?\(/m);
      expect(sdl).toMatch(/avatarGroups\(/);
      const id = Buffer.from(`AvatarGroup:${omitting.simulator.catalogue.groups[0]!.id}`).toString('base64url');
      expect((await omitting.query(`query($id: ID!) { node(id: $id) { id } }`, { id })).data.node).toEqual({ id });
    } finally {
      await omitting.close();
    }
  });
});
