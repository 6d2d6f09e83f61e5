/**
 * The bench's reference gateway: the four workloads' part of the schema served the way a typical Apollo
 * user would write it, Apollo Server 5 with a RESTDataSource per request (its own deduplication of equal
 * GETs within a request, no DataLoader), a resolver per field, node's default HTTP agent. Not part of
 * the product: `npm run bench` starts it as its own process (UPSTREAM: the simulator's URL) and prints
 * `listening on <url>`.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { RESTDataSource, type AugmentedRequest } from '@apollo/datasource-rest';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';

const typeDefs = `#graphql
  enum TrainingStatus { PROCESSING PENDING_CONSENT COMPLETED FAILED }
  enum AvatarType { STUDIO_AVATAR DIGITAL_TWIN VIDEO_AVATAR PHOTO_AVATAR }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Voice { voiceId: ID! name: String language: String gender: String }
  type AvatarLook { lookId: ID! name: String! avatarType: AvatarType! previewImageUrl: String }
  type AvatarLookConnection { nodes: [AvatarLook!]! pageInfo: PageInfo! }
  type AvatarGroup {
    id: ID! groupId: ID! name: String! gender: String previewImageUrl: String previewVideoUrl: String
    looksCount: Int! defaultVoiceId: String consentStatus: String status: TrainingStatus createdAt: String!
    defaultVoice: Voice
    looks(first: Int = 20): AvatarLookConnection!
  }
  type AvatarGroupEdge { cursor: String! node: AvatarGroup! }
  type AvatarGroupConnection { edges: [AvatarGroupEdge!]! nodes: [AvatarGroup!]! pageInfo: PageInfo! }
  type Query {
    avatarGroups(first: Int = 20): AvatarGroupConnection!
    avatarGroup(groupId: ID!): AvatarGroup
  }
`;

interface Page<T> {
  data: T[];
  has_more: boolean;
  next_token: string | null;
}
type Wire = Record<string, any>;

class HeyGenAPI extends RESTDataSource {
  override baseURL = `${process.env.UPSTREAM}/`;

  constructor(
    options: { cache: KeyValueCache },
    private readonly apiKey: string,
  ) {
    super(options);
  }

  override willSendRequest(_path: string, request: AugmentedRequest) {
    request.headers['x-api-key'] = this.apiKey;
  }

  listAvatarGroups(limit: number) {
    return this.get<Page<Wire>>('v3/avatars', { params: { limit: String(limit) } });
  }

  async getAvatarGroup(id: string) {
    return (await this.get<{ data: Wire }>(`v3/avatars/${encodeURIComponent(id)}`)).data;
  }

  listAvatarLooks(groupId: string, limit: number) {
    return this.get<Page<Wire>>('v3/avatars/looks', { params: { group_id: groupId, limit: String(limit) } });
  }

  async getVoice(id: string) {
    return (await this.get<{ data: Wire }>(`v3/voices/${encodeURIComponent(id)}`)).data;
  }
}

interface Context {
  dataSources: { heygen: HeyGenAPI };
}

const cursorOf = (id: string) => Buffer.from(JSON.stringify({ id })).toString('base64url');
const upper = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : null);

const resolvers = {
  Query: {
    avatarGroups: async (_: unknown, { first }: { first: number }, { dataSources }: Context) => {
      const page = await dataSources.heygen.listAvatarGroups(first);
      const edges = page.data.map((group) => ({ cursor: cursorOf(group.id), node: group }));
      return { edges, nodes: page.data, pageInfo: { hasNextPage: page.has_more, endCursor: edges.at(-1)?.cursor ?? null } };
    },
    avatarGroup: (_: unknown, { groupId }: { groupId: string }, { dataSources }: Context) => dataSources.heygen.getAvatarGroup(groupId),
  },
  AvatarGroup: {
    id: (group: Wire) => Buffer.from(`AvatarGroup:${group.id}`).toString('base64url'),
    groupId: (group: Wire) => group.id,
    previewImageUrl: (group: Wire) => group.preview_image_url,
    previewVideoUrl: (group: Wire) => group.preview_video_url,
    looksCount: (group: Wire) => group.looks_count,
    defaultVoiceId: (group: Wire) => group.default_voice_id,
    consentStatus: (group: Wire) => group.consent_status,
    status: (group: Wire) => upper(group.status),
    createdAt: (group: Wire) => new Date(group.created_at * 1000).toISOString(),
    defaultVoice: (group: Wire, _: unknown, { dataSources }: Context) =>
      group.default_voice_id ? dataSources.heygen.getVoice(group.default_voice_id) : null,
    looks: async (group: Wire, { first }: { first: number }, { dataSources }: Context) => {
      const page = await dataSources.heygen.listAvatarLooks(group.id, first);
      return { nodes: page.data, pageInfo: { hasNextPage: page.has_more, endCursor: null } };
    },
  },
  AvatarLook: {
    lookId: (look: Wire) => look.id,
    avatarType: (look: Wire) => upper(look.avatar_type),
    previewImageUrl: (look: Wire) => look.preview_image_url,
  },
  Voice: {
    voiceId: (voice: Wire) => voice.voice_id,
  },
};

const server = new ApolloServer<Context>({ typeDefs, resolvers });
const { url } = await startStandaloneServer(server, {
  listen: { port: 0, host: '127.0.0.1' },
  context: async ({ req }) => {
    const { cache } = server;
    return { dataSources: { heygen: new HeyGenAPI({ cache }, String(req.headers['x-api-key'] ?? '')) } };
  },
});
console.log(`listening on ${url.replace(/\/$/, '')}`);
