import { Agent, createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import type { RecordedRequest } from '../src/simulator/server.js';
import { SIMULATOR_KEYS, startStack, type GraphQLResponse, type Stack } from './helpers.js';

/*
 * The avatar graph (groups, looks, voices) in one request. Upstream cost is counted from the
 * simulator's request log; how many calls are in flight at once is measured by a pass-through proxy
 * between the gateway and the simulator, since the log has no timestamps.
 */

const KEY = SIMULATOR_KEYS.demo;
/** Upstream latency for the concurrency tests, ms: long enough that concurrent calls overlap. */
const LATENCY_MS = 100;

/** Counts the upstream calls in flight at once, as the gateway makes them. */
interface InFlightProbe {
  readonly url: string;
  /** The most calls in flight at once since the last reset. */
  readonly peak: number;
  reset(): void;
  forwardTo(url: string): void;
  close(): Promise<void>;
}

async function startInFlightProbe(): Promise<InFlightProbe> {
  const agent = new Agent({ keepAlive: true });
  let target: URL | undefined;
  let inFlight = 0;
  let peak = 0;
  const server = createServer((incoming, outgoing) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    let open = true;
    const settle = () => {
      if (open) inFlight--;
      open = false;
    };
    outgoing.once('finish', settle).once('close', settle);
    const { host: _host, ...headers } = incoming.headers;
    const upstream = forward(
      { agent, host: target?.hostname, port: target?.port, method: incoming.method, path: incoming.url, headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.once('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get peak() {
      return peak;
    },
    reset: () => void (peak = inFlight),
    forwardTo: (url) => void (target = new URL(url)),
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface ProbedStack extends Stack {
  probe: InFlightProbe;
}

/** startStack with the in-flight probe between gateway and simulator. */
async function startProbedStack(options: Parameters<typeof startStack>[0] = {}): Promise<ProbedStack> {
  const probe = await startInFlightProbe();
  const stack = await startStack({ ...options, config: { ...options.config, heygenBaseUrl: probe.url } });
  probe.forwardTo(stack.simulator.url);
  return {
    ...stack,
    probe,
    close: async () => {
      await stack.close();
      await probe.close();
    },
  };
}

interface Measured {
  response: GraphQLResponse;
  /** What the simulator received for this one query. */
  requests: RecordedRequest[];
  /** Wall time of the query, ms. */
  ms: number;
}

/** Runs one query on a clean request log and probe. */
async function measure(stack: ProbedStack, query: string, variables?: Record<string, unknown>): Promise<Measured> {
  stack.simulator.clearRequests();
  stack.probe.reset();
  const started = performance.now();
  const response = await stack.query(query, variables);
  return { response, requests: [...stack.simulator.requests], ms: performance.now() - started };
}

/** Runs `run` with added upstream latency on every simulated answer. */
async function withLatency<T>(stack: Stack, ms: number, run: () => Promise<T>): Promise<T> {
  stack.simulator.setLatency(ms);
  try {
    return await run();
  } finally {
    stack.simulator.setLatency(0);
  }
}

const callsOf = (requests: RecordedRequest[]) => requests.map(({ path, query }) => ({ path, query }));
const pathsOf = (requests: RecordedRequest[]) => requests.map((request) => request.path).sort();

/** Pages through a connection with `first` until hasNextPage is false. */
async function walk(stack: ProbedStack, field: 'avatarLooks' | 'voices', first: number) {
  const idField = field === 'avatarLooks' ? 'lookId' : 'voiceId';
  const ids: string[] = [];
  const pages: RecordedRequest[][] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 500; guard++) {
    const { response, requests } = await measure(
      stack,
      `query($first: Int, $after: String) { ${field}(first: $first, after: $after) { nodes { key: ${idField} } pageInfo { hasNextPage endCursor } } }`,
      { first, after },
    );
    expect(response.errors).toBeUndefined();
    const connection = response.data[field] as { nodes: { key: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    ids.push(...connection.nodes.map((node) => node.key));
    pages.push(requests);
    if (!connection.pageInfo.hasNextPage) return { ids, pages };
    after = connection.pageInfo.endCursor;
  }
  throw new Error(`${field} did not end within 500 pages`);
}

const GROUPS_WITH_VOICES = `{ avatarGroups(first: 20) { nodes { groupId name defaultVoiceId defaultVoice { voiceId name } } } }`;
const GROUPS_WITH_LOOKS = `{ avatarGroups(first: 10) { nodes { groupId looks(first: 5) { nodes { lookId } } } } }`;

let stack: ProbedStack;
beforeAll(async () => {
  stack = await startProbedStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('looks and voices in the schema', () => {
  const INTROSPECT = `{
    query: __type(name: "Query") { ...type }
    group: __type(name: "AvatarGroup") { ...type }
    look: __type(name: "AvatarLook") { ...type }
    voice: __type(name: "Voice") { ...type }
  }
  fragment type on __Type { fields { name args { name } } interfaces { name } }`;

  type Introspected = { fields: { name: string; args: { name: string }[] }[]; interfaces: { name: string }[] };
  const argsOf = (type: Introspected, field: string) => type.fields.find((candidate) => candidate.name === field)?.args.map((arg) => arg.name);
  const fieldsOf = (type: Introspected) => type.fields.map((field) => field.name);

  it('offers looks and voices on Query with their filters', async () => {
    const { data } = await stack.query(INTROSPECT);
    expect(argsOf(data.query, 'avatarLooks')).toEqual(['first', 'after', 'groupId', 'avatarType', 'ownership']);
    expect(argsOf(data.query, 'avatarLook')).toEqual(['lookId']);
    expect(argsOf(data.query, 'voices')).toEqual(['first', 'after', 'type', 'engine', 'language', 'gender']);
    expect(argsOf(data.query, 'voice')).toEqual(['voiceId']);
  });

  it('links groups, looks and voices to each other', async () => {
    const { data } = await stack.query(INTROSPECT);
    expect(argsOf(data.group, 'defaultVoice')).toEqual([]);
    expect(argsOf(data.group, 'looks')).toEqual(['first', 'after', 'avatarType']);
    expect(fieldsOf(data.look)).toEqual(expect.arrayContaining(['id', 'lookId', 'avatarType', 'groupId', 'group', 'defaultVoiceId', 'defaultVoice']));
    expect(fieldsOf(data.voice)).toEqual(
      expect.arrayContaining(['id', 'voiceId', 'name', 'language', 'gender', 'type', 'previewAudioUrl', 'supportPause', 'supportLocale']),
    );
    for (const type of [data.group, data.look, data.voice]) expect(type.interfaces).toEqual([{ name: 'Node' }]);
  });

  it('resolves groups, looks and voices by global id through node and nodes', async () => {
    const listed = await stack.query(
      `{ avatarGroups(first: 1) { nodes { id groupId } } avatarLooks(first: 1) { nodes { id lookId } } voices(first: 1) { nodes { id voiceId } } }`,
    );
    const group = listed.data.avatarGroups.nodes[0];
    const look = listed.data.avatarLooks.nodes[0];
    const voice = listed.data.voices.nodes[0];
    const { response, requests } = await measure(
      stack,
      `query($g: ID!, $l: ID!, $v: ID!) {
        g: node(id: $g) { __typename id ... on AvatarGroup { groupId } }
        l: node(id: $l) { __typename id ... on AvatarLook { lookId } }
        v: node(id: $v) { __typename id ... on Voice { voiceId } }
        all: nodes(ids: [$g, $l, $v]) { __typename id }
      }`,
      { g: group.id, l: look.id, v: voice.id },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      g: { __typename: 'AvatarGroup', ...group },
      l: { __typename: 'AvatarLook', ...look },
      v: { __typename: 'Voice', ...voice },
      all: [
        { __typename: 'AvatarGroup', id: group.id },
        { __typename: 'AvatarLook', id: look.id },
        { __typename: 'Voice', id: voice.id },
      ],
    });
    expect(pathsOf(requests)).toEqual(
      [`/v3/avatars/${group.groupId}`, `/v3/avatars/looks/${look.lookId}`, `/v3/voices/${voice.voiceId}`].sort(),
    );
  });

  it('reads a listed voice with every field the list shows', async () => {
    const expected = stack.simulator.visibleTo(KEY).voices.filter((voice) => voice.type === 'public').slice(0, 10);
    const { data } = await stack.query(`{ voices(first: 10) { nodes { voiceId name language gender type previewAudioUrl supportPause supportLocale } } }`);
    expect(data.voices.nodes).toEqual(
      expected.map((voice) => ({
        voiceId: voice.voice_id,
        name: voice.name,
        language: voice.language,
        gender: voice.gender,
        type: 'PUBLIC',
        previewAudioUrl: voice.preview_audio_url,
        supportPause: voice.support_pause,
        supportLocale: voice.support_locale,
      })),
    );
  });

  it('leaves type and supportLocale null for a voice only looked up by id', async () => {
    const voice = stack.simulator.visibleTo(KEY).voices.find((candidate) => candidate.type === 'public' && candidate.support_locale);
    if (!voice) throw new Error('the catalogue has no public voice with locale support');
    const { response, requests } = await measure(stack, `query($id: ID!) { voice(voiceId: $id) { voiceId name type supportLocale } }`, { id: voice.voice_id });
    expect(response.data.voice).toEqual({ voiceId: voice.voice_id, name: voice.name, type: null, supportLocale: null });
    expect(callsOf(requests)).toEqual([{ path: `/v3/voices/${voice.voice_id}`, query: {} }]);
  });
});

describe('looks and voices filters', () => {
  it('passes avatarLooks filters and the page token upstream', async () => {
    const visible = stack.simulator.visibleTo(KEY);
    const studioLooksOf = (groupId: string) => visible.looks.filter((look) => look.group_id === groupId && look.avatar_type === 'studio_avatar');
    const group = visible.groups.find((candidate) => studioLooksOf(candidate.id).length >= 2);
    if (!group) throw new Error('the catalogue has no group with two studio looks');
    const query = `query($groupId: ID, $after: String) {
      avatarLooks(first: 1, after: $after, groupId: $groupId, avatarType: STUDIO_AVATAR, ownership: PUBLIC) {
        nodes { lookId groupId avatarType } pageInfo { endCursor }
      }
    }`;
    const filters = { group_id: group.id, avatar_type: 'studio_avatar', ownership: 'public', limit: '1' };

    const first = await measure(stack, query, { groupId: group.id });
    const second = await measure(stack, query, { groupId: group.id, after: first.response.data.avatarLooks.pageInfo.endCursor });

    expect(callsOf(first.requests)).toEqual([{ path: '/v3/avatars/looks', query: filters }]);
    expect(callsOf(second.requests)).toEqual([{ path: '/v3/avatars/looks', query: { ...filters, token: expect.any(String) } }]);
    expect([...first.response.data.avatarLooks.nodes, ...second.response.data.avatarLooks.nodes]).toEqual(
      studioLooksOf(group.id)
        .slice(0, 2)
        .map((look) => ({ lookId: look.id, groupId: group.id, avatarType: 'STUDIO_AVATAR' })),
    );
  });

  it('passes AvatarGroup.looks filters upstream under the group id', async () => {
    const visible = stack.simulator.visibleTo(KEY);
    const group = visible.groups.find(
      (candidate) => visible.looks.filter((look) => look.group_id === candidate.id && look.avatar_type === 'studio_avatar').length >= 2,
    );
    if (!group) throw new Error('the catalogue has no group with two studio looks');
    const query = `query($groupId: ID!, $after: String) {
      avatarGroup(groupId: $groupId) { looks(first: 1, after: $after, avatarType: STUDIO_AVATAR) { nodes { lookId } pageInfo { endCursor } } }
    }`;
    const filters = { group_id: group.id, avatar_type: 'studio_avatar', limit: '1' };

    const first = await measure(stack, query, { groupId: group.id });
    const second = await measure(stack, query, { groupId: group.id, after: first.response.data.avatarGroup.looks.pageInfo.endCursor });

    expect(callsOf(first.requests.filter((request) => request.path === '/v3/avatars/looks'))).toEqual([{ path: '/v3/avatars/looks', query: filters }]);
    expect(callsOf(second.requests.filter((request) => request.path === '/v3/avatars/looks'))).toEqual([
      { path: '/v3/avatars/looks', query: { ...filters, token: expect.any(String) } },
    ]);
  });

  it('passes voices filters and the page token upstream', async () => {
    const expected = stack.simulator
      .visibleTo(KEY)
      .voices.filter((voice) => voice.type === 'public' && voice.engines.includes('starfish') && voice.language === 'English' && voice.gender === 'female');
    expect(expected.length).toBeGreaterThan(2);
    const query = `query($after: String) {
      voices(first: 2, after: $after, type: PUBLIC, engine: "starfish", language: "English", gender: "female") {
        nodes { voiceId language gender type } pageInfo { endCursor }
      }
    }`;
    const filters = { type: 'public', engine: 'starfish', language: 'English', gender: 'female', limit: '2' };

    const first = await measure(stack, query);
    const second = await measure(stack, query, { after: first.response.data.voices.pageInfo.endCursor });

    expect(callsOf(first.requests)).toEqual([{ path: '/v3/voices', query: filters }]);
    expect(callsOf(second.requests)).toEqual([{ path: '/v3/voices', query: { ...filters, token: expect.any(String) } }]);
    expect([...first.response.data.voices.nodes, ...second.response.data.voices.nodes]).toEqual(
      expected.slice(0, 4).map((voice) => ({ voiceId: voice.voice_id, language: 'English', gender: 'female', type: 'PUBLIC' })),
    );
  });

  it.each(['DIGITAL_TWIN', 'VIDEO_AVATAR'])('sends %s as digital_twin by default and reads it back as DIGITAL_TWIN', async (avatarType) => {
    const expected = stack.simulator.visibleTo(KEY).looks.filter((look) => look.avatar_type === 'digital_twin');
    expect(expected.length).toBeGreaterThan(0);
    const { response, requests } = await measure(stack, `query($type: AvatarType) { avatarLooks(first: 100, avatarType: $type) { nodes { lookId avatarType } } }`, {
      type: avatarType,
    });
    expect(callsOf(requests)).toEqual([{ path: '/v3/avatars/looks', query: { avatar_type: 'digital_twin', limit: '50' } }]);
    expect(response.data.avatarLooks.nodes).toEqual(expected.map((look) => ({ lookId: look.id, avatarType: 'DIGITAL_TWIN' })));
  });

  describe('with digitalTwinAvatarType video_avatar', () => {
    let twinStack: ProbedStack;
    beforeAll(async () => {
      twinStack = await startProbedStack({ config: { digitalTwinAvatarType: 'video_avatar' }, simulator: { digitalTwinType: 'video_avatar' } });
    });
    afterAll(async () => {
      await twinStack?.close();
    });

    it.each(['DIGITAL_TWIN', 'VIDEO_AVATAR'])('sends %s as video_avatar and reads video_avatar back as DIGITAL_TWIN', async (avatarType) => {
      const expected = twinStack.simulator.visibleTo(KEY).looks.filter((look) => look.avatar_type === 'video_avatar');
      expect(expected.length).toBeGreaterThan(0);
      const { response, requests } = await measure(
        twinStack,
        `query($type: AvatarType) { avatarLooks(first: 100, avatarType: $type) { nodes { lookId avatarType } } }`,
        { type: avatarType },
      );
      expect(callsOf(requests)).toEqual([{ path: '/v3/avatars/looks', query: { avatar_type: 'video_avatar', limit: '50' } }]);
      expect(response.data.avatarLooks.nodes).toEqual(expected.map((look) => ({ lookId: look.id, avatarType: 'DIGITAL_TWIN' })));
    });

    it('sends video_avatar for AvatarGroup.looks too', async () => {
      const twin = twinStack.simulator.visibleTo(KEY).looks.find((look) => look.avatar_type === 'video_avatar');
      if (!twin?.group_id) throw new Error('the tenant has no twin look');
      const { response, requests } = await measure(
        twinStack,
        `query($groupId: ID!) { avatarGroup(groupId: $groupId) { looks(first: 5, avatarType: DIGITAL_TWIN) { nodes { lookId avatarType } } } }`,
        { groupId: twin.group_id },
      );
      expect(callsOf(requests.filter((request) => request.path === '/v3/avatars/looks'))).toEqual([
        { path: '/v3/avatars/looks', query: { group_id: twin.group_id, avatar_type: 'video_avatar', limit: '5' } },
      ]);
      expect(response.data.avatarGroup.looks.nodes).toContainEqual({ lookId: twin.id, avatarType: 'DIGITAL_TWIN' });
    });
  });
});

describe('looks and voices paging', () => {
  it('walks every look with first 7 in the simulator order, one upstream call a page', async () => {
    const expected = stack.simulator.visibleTo(KEY).looks.map((look) => look.id);
    const { ids, pages } = await walk(stack, 'avatarLooks', 7);
    expect(ids).toEqual(expected);
    expect(pages).toHaveLength(Math.ceil(expected.length / 7));
    for (const requests of pages) expect(requests.map((request) => request.query.limit)).toEqual(['7']);
  });

  it('walks every look with first 60 across upstream pages of 50', async () => {
    const expected = stack.simulator.visibleTo(KEY).looks.map((look) => look.id);
    const { ids, pages } = await walk(stack, 'avatarLooks', 60);
    expect(ids).toEqual(expected);
    expect(callsOf(pages[0] ?? [])).toEqual([
      { path: '/v3/avatars/looks', query: { limit: '50' } },
      { path: '/v3/avatars/looks', query: { limit: '10', token: expect.any(String) } },
    ]);
  });

  it('walks every public voice with first 100, one upstream call of limit 100 a page', async () => {
    const expected = stack.simulator
      .visibleTo(KEY)
      .voices.filter((voice) => voice.type === 'public')
      .map((voice) => voice.voice_id);
    const { ids, pages } = await walk(stack, 'voices', 100);
    expect(ids).toEqual(expected);
    expect(pages.map(callsOf)).toEqual([
      [{ path: '/v3/voices', query: { limit: '100' } }],
      ...pages.slice(1).map(() => [{ path: '/v3/voices', query: { limit: '100', token: expect.any(String) } }]),
    ]);
    expect(pages).toHaveLength(Math.ceil(expected.length / 100));
  });

  it('rejects a voices page of first 150 without calling HeyGen', async () => {
    const { response, requests } = await measure(stack, `{ voices(first: 150) { nodes { voiceId } } }`);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toContain('150');
    expect(requests).toEqual([]);
  });
});

describe('looks and voices upstream cost', () => {
  it('loads each distinct default voice of a page once, all at the same time', async () => {
    const { response, requests, ms } = await withLatency(stack, LATENCY_MS, () => measure(stack, GROUPS_WITH_VOICES));
    expect(response.errors).toBeUndefined();
    const groups = response.data.avatarGroups.nodes as { defaultVoiceId: string | null; defaultVoice: { voiceId: string } | null }[];
    const voiced = groups.filter((group) => group.defaultVoiceId !== null);
    const distinct = [...new Set(voiced.map((group) => group.defaultVoiceId))];
    expect(groups).toHaveLength(20);
    expect(distinct.length).toBeGreaterThan(1);
    expect(distinct.length).toBeLessThan(voiced.length);

    expect(pathsOf(requests)).toEqual(['/v3/avatars', ...distinct.map((id) => `/v3/voices/${id}`)].sort());
    expect(response.extensions?.upstream).toEqual({ calls: requests.length, deduplicated: expect.any(Number), cacheHits: 0 });
    expect(response.extensions?.upstream.deduplicated).toBeGreaterThan(0);
    for (const group of groups) expect(group.defaultVoice?.voiceId ?? null).toBe(group.defaultVoiceId);

    expect(stack.probe.peak).toBe(Math.min(distinct.length, DEFAULT_CONFIG.maxConcurrencyPerRequest));
    // One after another they would take (1 + distinct) × LATENCY_MS; the peak above is the exact proof.
    expect(ms).toBeLessThan(distinct.length * LATENCY_MS);
  });

  it('answers a voice listed in the same query from the list, with its type and locale support', async () => {
    const listed = stack.simulator.visibleTo(KEY).voices.filter((voice) => voice.type === 'public')[42];
    if (!listed) throw new Error('the catalogue has fewer than 43 public voices');
    const { response, requests } = await measure(
      stack,
      `query($id: ID!) { voices(first: 100) { nodes { voiceId } } voice(voiceId: $id) { voiceId name type supportLocale } }`,
      { id: listed.voice_id },
    );
    expect(callsOf(requests)).toEqual([{ path: '/v3/voices', query: { limit: '100' } }]);
    expect(response.extensions?.upstream.calls).toBe(1);
    expect(response.data.voice).toEqual({ voiceId: listed.voice_id, name: listed.name, type: 'PUBLIC', supportLocale: listed.support_locale });
  });

  it('answers a look listed in the same query from the list', async () => {
    const listed = stack.simulator.visibleTo(KEY).looks[3];
    if (!listed) throw new Error('the catalogue has fewer than 4 looks');
    const { response, requests } = await measure(
      stack,
      `query($id: ID!) { avatarLooks(first: 20) { nodes { lookId } } avatarLook(lookId: $id) { lookId name } }`,
      { id: listed.id },
    );
    expect(callsOf(requests)).toEqual([{ path: '/v3/avatars/looks', query: { limit: '20' } }]);
    expect(response.extensions?.upstream.calls).toBe(1);
    expect(response.data.avatarLook).toEqual({ lookId: listed.id, name: listed.name });
  });

  it('loads the looks of a page of 10 groups with 1 + 10 calls, all at the same time', async () => {
    const visible = stack.simulator.visibleTo(KEY);
    const { response, requests, ms } = await withLatency(stack, LATENCY_MS, () => measure(stack, GROUPS_WITH_LOOKS));
    expect(response.errors).toBeUndefined();
    const groups = response.data.avatarGroups.nodes as { groupId: string; looks: { nodes: { lookId: string }[] } }[];
    expect(groups.map((group) => group.groupId)).toEqual(visible.groups.slice(0, 10).map((group) => group.id));
    for (const group of groups) {
      const expected = visible.looks.filter((look) => look.group_id === group.groupId).slice(0, 5);
      expect(group.looks.nodes.map((look) => look.lookId)).toEqual(expected.map((look) => look.id));
    }

    expect(callsOf(requests)).toEqual(
      expect.arrayContaining(groups.map((group) => ({ path: '/v3/avatars/looks', query: { group_id: group.groupId, limit: '5' } }))),
    );
    expect(pathsOf(requests)).toEqual(['/v3/avatars', ...Array<string>(10).fill('/v3/avatars/looks')]);
    expect(response.extensions?.upstream.calls).toBe(requests.length);
    expect(stack.probe.peak).toBe(10);
    expect(ms).toBeLessThan(10 * LATENCY_MS);
  });

  it('reuses the groups of a page for AvatarLook.group', async () => {
    const { response, requests } = await measure(
      stack,
      `{ avatarGroups(first: 10) { nodes { groupId name looks(first: 5) { nodes { group { groupId name } } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    for (const group of response.data.avatarGroups.nodes as { groupId: string; name: string; looks: { nodes: { group: unknown }[] } }[]) {
      for (const look of group.looks.nodes) expect(look.group).toEqual({ groupId: group.groupId, name: group.name });
    }
    expect(pathsOf(requests)).toEqual(['/v3/avatars', ...Array<string>(10).fill('/v3/avatars/looks')]);
    expect(response.extensions?.upstream.calls).toBe(11);
    expect(response.extensions?.upstream.deduplicated).toBeGreaterThan(0);
  });

  it('fetches a group asked for under two aliases once', async () => {
    const group = stack.simulator.visibleTo(KEY).groups[5];
    if (!group) throw new Error('the catalogue has fewer than 6 groups');
    const { response, requests } = await measure(
      stack,
      `query($id: ID!) { a: avatarGroup(groupId: $id) { name } b: avatarGroup(groupId: $id) { name } }`,
      { id: group.id },
    );
    expect(response.data).toEqual({ a: { name: group.name }, b: { name: group.name } });
    expect(callsOf(requests)).toEqual([{ path: `/v3/avatars/${group.id}`, query: {} }]);
    expect(response.extensions?.upstream).toEqual({ calls: 1, deduplicated: expect.any(Number), cacheHits: 0 });
    expect(response.extensions?.upstream.deduplicated).toBeGreaterThan(0);
  });

  it('fetches a groups page asked for under two aliases once', async () => {
    const { response, requests } = await measure(stack, `{ a: avatarGroups(first: 5) { nodes { groupId } } b: avatarGroups(first: 5) { nodes { name } } }`);
    expect(response.data.a.nodes).toHaveLength(5);
    expect(response.data.b.nodes).toHaveLength(5);
    expect(callsOf(requests)).toEqual([{ path: '/v3/avatars', query: { limit: '5' } }]);
    expect(response.extensions?.upstream.calls).toBe(1);
    expect(response.extensions?.upstream.deduplicated).toBeGreaterThan(0);
  });

  it('fetches a group reached by id and by global id once', async () => {
    const listed = await stack.query(`{ avatarGroups(first: 3) { nodes { id groupId name } } }`);
    const group = listed.data.avatarGroups.nodes[2];
    const { response, requests } = await measure(
      stack,
      `query($groupId: ID!, $id: ID!) { avatarGroup(groupId: $groupId) { name } node(id: $id) { ... on AvatarGroup { name } } }`,
      { groupId: group.groupId, id: group.id },
    );
    expect(response.data).toEqual({ avatarGroup: { name: group.name }, node: { name: group.name } });
    expect(callsOf(requests)).toEqual([{ path: `/v3/avatars/${group.groupId}`, query: {} }]);
    expect(response.extensions?.upstream.calls).toBe(1);
    expect(response.extensions?.upstream.deduplicated).toBeGreaterThan(0);
  });

  it('fetches a voice reached as a default voice and by id once', async () => {
    const group = stack.simulator.visibleTo(KEY).groups.find((candidate) => candidate.default_voice_id);
    if (!group?.default_voice_id) throw new Error('the catalogue has no group with a default voice');
    const { response, requests } = await measure(
      stack,
      `query($groupId: ID!, $voiceId: ID!) { avatarGroup(groupId: $groupId) { defaultVoice { voiceId } } voice(voiceId: $voiceId) { voiceId } }`,
      { groupId: group.id, voiceId: group.default_voice_id },
    );
    expect(response.data).toEqual({ avatarGroup: { defaultVoice: { voiceId: group.default_voice_id } }, voice: { voiceId: group.default_voice_id } });
    expect(pathsOf(requests)).toEqual([`/v3/avatars/${group.id}`, `/v3/voices/${group.default_voice_id}`]);
    expect(response.extensions?.upstream.calls).toBe(2);
    expect(response.extensions?.upstream.deduplicated).toBeGreaterThan(0);
  });
});

describe('looks and voices fan-out bound', () => {
  let bounded: ProbedStack;
  beforeAll(async () => {
    bounded = await startProbedStack({ config: { maxConcurrencyPerRequest: 2 } });
  });
  afterAll(async () => {
    await bounded?.close();
  });

  it('keeps at most maxConcurrencyPerRequest upstream calls in flight', async () => {
    const { response, requests } = await withLatency(bounded, 50, () => measure(bounded, GROUPS_WITH_LOOKS));
    expect(response.errors).toBeUndefined();
    expect(response.data.avatarGroups.nodes).toHaveLength(10);
    expect(requests).toHaveLength(11);
    expect(response.extensions?.upstream.calls).toBe(11);
    expect(bounded.probe.peak).toBe(2);
  });
});

describe('looks and voices failures', () => {
  let failing: ProbedStack;
  beforeAll(async () => {
    failing = await startProbedStack();
  });
  afterAll(async () => {
    await failing?.close();
  });

  it('nulls only the default voice whose lookup fails and returns the rest of the page', async () => {
    const groups = failing.simulator.visibleTo(KEY).groups.slice(0, 20);
    const index = groups.findIndex(
      (group) => group.default_voice_id && groups.filter((other) => other.default_voice_id === group.default_voice_id).length === 1,
    );
    const voiceId = groups[index]?.default_voice_id;
    if (!voiceId) throw new Error('no default voice is used by exactly one group of the first page');
    // Enough failures to outlast any retries, so the lookup fails for good.
    failing.simulator.failNext({ status: 500, pathPrefix: `/v3/voices/${voiceId}`, times: 5 });

    const { response } = await measure(failing, GROUPS_WITH_VOICES);

    expect(response.errors).toEqual([
      expect.objectContaining({ path: ['avatarGroups', 'nodes', index, 'defaultVoice'], extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR' }) }),
    ]);
    const nodes = response.data.avatarGroups.nodes as { groupId: string; name: string; defaultVoice: { voiceId: string } | null }[];
    expect(nodes.map((node) => node.groupId)).toEqual(groups.map((group) => group.id));
    expect(nodes.map((node) => node.name)).toEqual(groups.map((group) => group.name));
    expect(nodes.map((node) => node.defaultVoice?.voiceId ?? null)).toEqual(
      groups.map((group, at) => (at === index ? null : (group.default_voice_id ?? null))),
    );
  });
});
