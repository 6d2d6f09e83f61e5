import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type CursorScope } from '../src/pagination/cursor.js';
import { codesOf, SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';

/*
 * The shared cache against clients that craft their input. A shared entry may only hold what every
 * caller could read, whatever a client puts in its cursor; concurrent misses of one credential make
 * one call, and no credential HeyGen has not accepted is answered from another credential's call.
 */

const A = SIMULATOR_KEYS.tenantA;
const B = SIMULATOR_KEYS.tenantB;
const BOGUS = 'hg_bogus_key_9999999999999999';
const as = (key: string) => ({ 'x-api-key': key });
const voicesScope = (type: string): CursorScope => ({ connection: 'voices', filters: `type=${type};engine=*;language=*;gender=*`, maxPageSize: 100 });
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Stands between the gateway and the simulator and does what HeyGen does with voice page tokens: a token
 * carries the filters of the list that minted it, and HeyGen applies those, whatever `type` the page asks.
 */
async function startTokenFilters(simulatorUrl: () => string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', 'http://proxy');
    const listsVoices = url.pathname === '/v3/voices';
    const token = listsVoices ? url.searchParams.get('token') : null;
    const carried = token === null ? {} : (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { last_id?: string; type?: string });
    if (token !== null) url.searchParams.set('token', base64url({ last_id: carried.last_id }));
    if (carried.type) url.searchParams.set('type', carried.type);
    const type = url.searchParams.get('type');
    const headers = Object.fromEntries(['x-api-key', 'authorization'].flatMap((name) => (incoming.headers[name] ? [[name, String(incoming.headers[name])]] : [])));
    void fetch(`${simulatorUrl()}${url.pathname}${url.search}`, { headers }).then(async (answer) => {
      let text = await answer.text();
      const page = listsVoices && answer.ok ? (JSON.parse(text) as { next_token: string | null }) : null;
      if (page?.next_token && type === 'private') {
        const { last_id } = JSON.parse(Buffer.from(page.next_token, 'base64url').toString('utf8')) as { last_id: string };
        text = JSON.stringify({ ...page, next_token: base64url({ last_id, type }) });
      }
      outgoing.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('a crafted cursor and the shared cache', () => {
  let stack: Stack;
  let proxy: Awaited<ReturnType<typeof startTokenFilters>>;
  afterEach(async () => {
    await stack?.close();
    await proxy?.close();
  });

  const startBehindTokenFilters = async () => {
    proxy = await startTokenFilters(() => stack.simulator.url);
    stack = await startStack({ config: { cacheTtlSeconds: 60, heygenBaseUrl: proxy.url } });
  };
  // startStack points the gateway at its own simulator unless told otherwise; here it goes through the proxy.
  const PAGE = 'query($after: String) { voices(first: 5, after: $after) { nodes { voiceId name } } }';

  it("never shares a page fetched with a token from a client's cursor: another tenant gets none of the private voices", async () => {
    await startBehindTokenFilters();
    const privateOfA = stack.simulator.visibleTo(A).tenant.voices.map((voice) => voice.voice_id);
    await stack.query('{ avatarGroups(first: 1) { nodes { groupId } } }', undefined, as(B)); // HeyGen accepts B

    // A's own private list mints a token; a cursor around it is made offline for the list without a type.
    const own = await stack.query('{ voices(first: 1, type: PRIVATE) { pageInfo { endCursor } } }', undefined, as(A));
    const { nextToken } = decodeCursor(own.data.voices.pageInfo.endCursor, voicesScope('private'));
    const crafted = encodeCursor({ pageToken: null, offset: 0, pageSize: 1, nextToken }, voicesScope('*'));

    const fromA = await stack.query(PAGE, { after: crafted }, as(A));
    expect(fromA.data.voices.nodes.map((voice: { voiceId: string }) => voice.voiceId)).toEqual(privateOfA.slice(1));
    stack.simulator.clearRequests();
    const fromB = await stack.query(PAGE, { after: crafted }, as(B));
    expect(fromB.text).not.toMatch(new RegExp(privateOfA.join('|')));
    expect(fromB.extensions?.upstream).toMatchObject({ calls: 1, cacheHits: 0 });
    expect(stack.simulator.requests.map((request) => request.credential)).toEqual([B]);
    const lookup = await stack.query('query($id: ID!) { voice(voiceId: $id) { name } }', { id: privateOfA[1] }, as(B));
    expect(lookup.data.voice).toBeNull();
  });

  it('still shares the next page of a public list, whose token HeyGen sent in a shared page', async () => {
    await startBehindTokenFilters();
    await stack.query('{ avatarGroups(first: 1) { nodes { groupId } } }', undefined, as(B));
    const first = await stack.query('{ voices(first: 2) { pageInfo { endCursor } } }', undefined, as(A));
    const after = first.data.voices.pageInfo.endCursor;
    const fromA = await stack.query(PAGE, { after }, as(A));
    const fromB = await stack.query(PAGE, { after }, as(B));
    expect(fromB.data).toEqual(fromA.data);
    expect([fromA.extensions?.upstream.calls, fromB.extensions?.upstream]).toEqual([1, { calls: 0, deduplicated: 0, cacheHits: 1 }]);
  });
});

describe('concurrent misses in the shared cache', () => {
  let stack: Stack;
  afterEach(() => stack?.close());
  const PUBLIC_PAGE = '{ avatarGroups(first: 5, ownership: PUBLIC) { nodes { groupId } } }';

  it('makes one call for 20 identical queries from a credential HeyGen has not accepted yet', async () => {
    stack = await startStack({ config: { cacheTtlSeconds: 60 } });
    stack.simulator.failNext({ delayMs: 150 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => stack.query(PUBLIC_PAGE, undefined, as(A))));
    expect(stack.simulator.requests).toHaveLength(1);
    expect(answers.every((answer) => answer.data?.avatarGroups.nodes.length === 5)).toBe(true);
    const joined = answers.reduce((sum, answer) => sum + answer.extensions?.upstream.deduplicated, 0);
    expect(joined).toBe(19);
  });

  it("never answers a credential HeyGen has not accepted from another credential's call in flight", async () => {
    stack = await startStack({ config: { cacheTtlSeconds: 60 } });
    await stack.query('{ avatarGroups(first: 1, ownership: PRIVATE) { nodes { groupId } } }', undefined, as(A)); // HeyGen accepts A
    stack.simulator.failNext({ delayMs: 150 });
    const fromA = stack.query(PUBLIC_PAGE, undefined, as(A));
    while (stack.simulator.requests.length < 2) await new Promise((resolve) => setImmediate(resolve));
    const [bogus, fromB] = await Promise.all([stack.query(PUBLIC_PAGE, undefined, as(BOGUS)), stack.query(PUBLIC_PAGE, undefined, as(B))]);
    expect(codesOf(bogus)).toEqual(['UNAUTHENTICATED']);
    expect(fromB.data).toEqual((await fromA).data);
    expect(stack.simulator.requests.map((request) => request.credential).sort()).toEqual([A, A, B, BOGUS].sort());
  });
});
