import { assertInterfaceType, buildSchema, GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig } from '../src/config.js';
import { RESOURCES } from '../src/graphql/__generated__/resources.js';
import { avatarTypeFromWire, avatarTypeToWire, ownershipToWire, trainingStatusFromWire, voiceTypeFromWire, voiceTypeToWire } from '../src/graphql/enums.js';
import { maskError } from '../src/graphql/errors.js';
import { nodeTypeOf } from '../src/graphql/nodes.js';
import { assertResourcesMatchSchema } from '../src/graphql/resource-resolvers.js';
import type { AnyResource } from '../src/graphql/resources/resource.js';
import { createSchema } from '../src/graphql/schema.js';
import { costTableOf, createCostTable } from '../src/graphql/upstream-cost.js';
import { PagingError } from '../src/pagination/cursor.js';

/*
 * Resources are declared once (src/graphql/resources/); the schema's wiring, `node`, the cost plan and
 * the cache TTL variables follow from the declarations, and a disagreement stops the start-up.
 */

const resources = Object.values(RESOURCES) as AnyResource[];
const noReport = () => {};

/** A small schema with a Node type, a connection and a list of nodes, as a new resource would add. */
const sdl = (extra = '') => /* GraphQL */ `
  interface Node { id: ID! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Video implements Node { id: ID! videoId: ID! }
  type VideoEdge { cursor: String! node: Video! }
  type VideoConnection { edges: [VideoEdge!]! nodes: [Video!]! pageInfo: PageInfo! }
  type Query { video(videoId: ID!): Video videos(first: Int): VideoConnection! ${extra} }
`;

describe('resource declarations', () => {
  it('declare one resource per type that implements Node, each under its own type name', () => {
    const schema = createSchema({ nodeField: DEFAULT_CONFIG.federationNodeField });
    const nodeTypes = schema.getImplementations(assertInterfaceType(schema.getType('Node'))).objects.map((type) => type.name);
    expect(Object.keys(RESOURCES).sort()).toEqual(nodeTypes.sort());
    for (const [type, resource] of Object.entries(RESOURCES)) expect(resource.typeName).toBe(type);
  });

  it('name the cache TTL variables CACHE_TTL_GROUPS_SECONDS, CACHE_TTL_LOOKS_SECONDS, CACHE_TTL_VIDEOS_SECONDS and CACHE_TTL_VOICES_SECONDS', () => {
    expect(resources.map((resource) => `CACHE_TTL_${resource.name.toUpperCase()}_SECONDS`).sort()).toEqual([
      'CACHE_TTL_GROUPS_SECONDS',
      'CACHE_TTL_LOOKS_SECONDS',
      'CACHE_TTL_VIDEOS_SECONDS',
      'CACHE_TTL_VOICES_SECONDS',
    ]);
    for (const { name } of resources) {
      expect(loadConfig({ [`CACHE_TTL_${name.toUpperCase()}_SECONDS`]: '7' }).cacheTtlSecondsByResource).toEqual({ [name]: 7 });
    }
  });

  it('stop the start-up when a type implements Node but no resource declares it', () => {
    expect(() => assertResourcesMatchSchema(buildSchema(sdl()), [])).toThrow('Video implements Node, but no resource declares it');
  });

  it('stop the start-up when a resource declares a type that does not implement Node, or lacks its id field', () => {
    const video = { typeName: 'Video', name: 'videos', idField: 'videoId', list: { path: '/v3/videos' }, get: { path: '/v3/videos' } } as AnyResource;
    expect(() => assertResourcesMatchSchema(buildSchema(sdl()), [video])).not.toThrow();
    expect(() => assertResourcesMatchSchema(buildSchema(sdl()), [video, { ...video, typeName: 'PageInfo' }])).toThrow(
      'The resource videos declares the type PageInfo, which is not a type that implements Node',
    );
    expect(() => assertResourcesMatchSchema(buildSchema(sdl()), [{ ...video, idField: 'id_' }])).toThrow('Video has no field id_');
  });

  it('stop the start-up when an id could reach another HeyGen route', () => {
    const video = { typeName: 'Video', name: 'videos', idField: 'videoId', list: { path: '/v3/videos/shared' }, get: { path: '/v3/videos' } } as AnyResource;
    expect(() => assertResourcesMatchSchema(buildSchema(sdl()), [video])).toThrow('/v3/videos/shared is a HeyGen route, so the Video id "shared" would fetch it');
  });

  it('tell every model its type, and refuse an object no resource made rather than guess', () => {
    const group = new RESOURCES.AvatarGroup.Model({ id: 'ag_1', name: 'Monica', created_at: 0, looks_count: 1 }, noReport);
    const voice = new RESOURCES.Voice.Model({ voice_id: 'v1', support_pause: true }, noReport);
    expect([nodeTypeOf(group), nodeTypeOf(voice)]).toEqual(['AvatarGroup', 'Voice']);
    expect(() => nodeTypeOf({ id: 'x' })).toThrow('Object is not the model of any resource');
  });
});

describe('upstream cost table', () => {
  it('costs exactly the fields that may call HeyGen, with each connection at its resource\'s page size', () => {
    expect(Object.fromEntries(costTableOf(createSchema({ nodeField: DEFAULT_CONFIG.federationNodeField })))).toEqual({
      'Query.node': { kind: 'lookup' },
      'Query.nodes': { kind: 'ids', argument: 'ids' },
      'Query._entities': { kind: 'ids', argument: 'representations' },
      'Query.avatarGroups': { kind: 'connection', pageSize: 50 },
      'Query.avatarGroup': { kind: 'lookup' },
      'Query.avatarLooks': { kind: 'connection', pageSize: 50 },
      'Query.avatarLook': { kind: 'lookup' },
      'Query.voices': { kind: 'connection', pageSize: 100 },
      'Query.voice': { kind: 'lookup' },
      'Query.videos': { kind: 'connection', pageSize: 100 },
      'Query.video': { kind: 'lookup' },
      'Query.me': { kind: 'lookup' },
      'AvatarGroup.defaultVoice': { kind: 'lookup' },
      'AvatarGroup.looks': { kind: 'connection', pageSize: 50 },
      'AvatarLook.group': { kind: 'lookup' },
      'AvatarLook.defaultVoice': { kind: 'lookup' },
      'Mutation.createVideo': { kind: 'lookup' },
      'Mutation.deleteVideo': { kind: 'lookup' },
      'CreateVideoPayload.video': { kind: 'lookup' },
      'CreateVideoPayload.look': { kind: 'lookup' },
      'CreateVideoPayload.voice': { kind: 'lookup' },
      'Subscription.videoStatus': { kind: 'lookup' },
    });
  });

  it('costs a new resource\'s fields from the schema and its page size alone', () => {
    expect(Object.fromEntries(createCostTable(buildSchema(sdl()), (type) => (type === 'Video' ? 25 : undefined)))).toEqual({
      'Query.video': { kind: 'lookup' },
      'Query.videos': { kind: 'connection', pageSize: 25 },
    });
  });

  it.each([
    ['a connection of a type no resource pages', '', 'Query.videos is a connection of Video, which no resource pages'],
    ['a list of nodes without one list argument', 'latest(count: Int): [Video!]!', 'Query.latest returns a list of Video, but has 0 list arguments'],
  ])('stops the start-up on %s', (_, extra, message) => {
    const pageSizeOf = (type: string) => (extra ? 25 : type === 'Video' ? undefined : 25);
    expect(() => createCostTable(buildSchema(sdl(extra)), pageSizeOf)).toThrow(message);
  });
});

describe('enum mappings', () => {
  it.each([
    ['STUDIO_AVATAR', 'studio_avatar', 'studio_avatar'],
    ['PHOTO_AVATAR', 'photo_avatar', 'photo_avatar'],
    ['DIGITAL_TWIN', 'digital_twin', 'video_avatar'],
    ['VIDEO_AVATAR', 'digital_twin', 'video_avatar'],
  ] as const)('sends AvatarType %s as the configured spelling and reads it back', (type, asDigitalTwin, asVideoAvatar) => {
    expect(avatarTypeToWire(type, 'digital_twin')).toBe(asDigitalTwin);
    expect(avatarTypeToWire(type, 'video_avatar')).toBe(asVideoAvatar);
    expect(avatarTypeFromWire(asVideoAvatar, noReport)).toBe(type === 'VIDEO_AVATAR' ? 'DIGITAL_TWIN' : type);
  });

  it('maps voice types both ways, and ownership and training status their one way', () => {
    for (const type of ['PUBLIC', 'PRIVATE'] as const) expect(voiceTypeFromWire(voiceTypeToWire(type), noReport)).toBe(type);
    expect([ownershipToWire('PUBLIC'), ownershipToWire('PRIVATE'), ownershipToWire(null)]).toEqual(['public', 'private', undefined]);
    expect(trainingStatusFromWire('pending_consent', noReport)).toBe('PENDING_CONSENT');
  });

  it('reads a value the schema does not know as null, and reports it', () => {
    const reported: string[] = [];
    expect(avatarTypeFromWire('hologram', (name, value) => reported.push(`${name}:${value}`))).toBeNull();
    expect(reported).toEqual(['AvatarType:hologram']);
  });
});

describe('paging errors', () => {
  it.each([
    ['repeated_token', 'HeyGen answered the same next_token it was given', 'UPSTREAM_ERROR'],
    ['empty_pages', 'HeyGen kept answering empty pages that claim to have more', 'UPSTREAM_ERROR'],
    ['stale_cursor', 'after is no longer accepted by HeyGen', 'BAD_USER_INPUT'],
    ['invalid_first', 'first must be 0..100, got 500', 'BAD_USER_INPUT'],
  ] as const)('answer %s with its message and %s', (code, message, extensionCode) => {
    const masked = maskError(new GraphQLError('wrapped', { originalError: new PagingError(code, message) }), 'Unexpected error.') as GraphQLError;
    expect([masked.message, masked.extensions]).toEqual([message, { code: extensionCode }]);
  });
});
