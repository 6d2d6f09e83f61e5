import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplesManifest, MANIFEST_PATH } from '../scripts/examples-manifest.js';
import { PUBLIC_GROUPS_EXAMPLE } from '../src/server/examples.js';
import { sha256Hex } from '../src/server/trusted-documents.js';
import { useTrustedDocuments } from '../src/server/use-trusted-documents.js';
import { SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';

/*
 * Documents by id: automatic persisted queries and a manifest of trusted documents, through both
 * front-ends (the JSON one takes `accept: application/json`, yoga `application/graphql-response+json`),
 * and the mode that refuses everything else.
 */

const FRONT_ENDS = [
  ['the JSON front-end', 'application/json'],
  ['yoga', 'application/graphql-response+json'],
] as const;

const QUERY = '{ avatarGroups(first: 2) { nodes { name } } }';
const PUBLIC_GROUPS_ID = sha256Hex(PUBLIC_GROUPS_EXAMPLE);
const PUBLIC_GROUPS_MANIFEST = { [PUBLIC_GROUPS_ID]: PUBLIC_GROUPS_EXAMPLE };
const BYPASS_TOKEN = 'b'.repeat(40);

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'trusted-documents-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** POSTs `body` as JSON to the gateway with `accept`; returns status, body and the log's front-end. */
async function post(stack: Stack, accept: string, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, 'x-api-key': SIMULATOR_KEYS.demo, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as { data?: any; errors?: any[] }) };
}

const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });
const codes = (answer: { errors?: any[] }) => (answer.errors ?? []).map((error) => error.extensions?.code);

function writeManifest(documents: Record<string, string>): string {
  const path = join(folder, `manifest-${Object.keys(documents).length}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(documents));
  return path;
}

describe('automatic persisted queries', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ config: { apqMaxBytes: 4096 } });
  });
  afterAll(() => stack.close());

  it.each(FRONT_ENDS)('registers a document on first use and runs it by hash after, through %s', async (_, accept) => {
    const text = `query Apq${accept.length} ${QUERY}`;
    const hash = sha256Hex(text);
    const unknown = await post(stack, accept, { extensions: persisted(hash) });
    expect(unknown.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    expect(stack.simulator.requests).toHaveLength(0);

    const registered = await post(stack, accept, { query: text, extensions: persisted(hash) });
    expect(registered.data.avatarGroups.nodes).toHaveLength(2);
    const byHash = await post(stack, accept, { extensions: persisted(hash) });
    expect(byHash.data).toEqual(registered.data);
    stack.simulator.clearRequests();
  });

  it.each(FRONT_ENDS)('refuses a hash that is not the document’s, through %s', async (_, accept) => {
    const answer = await post(stack, accept, { query: QUERY, extensions: persisted('0'.repeat(64)) });
    expect(answer.errors?.[0]).toMatchObject({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
    expect(answer.data).toBeUndefined();
  });

  it('keeps registered documents within APQ_MAX_BYTES, least recently used out first', async () => {
    const big = (name: string) => `query ${name} { avatarGroups(first: 1) { nodes { name } } } # ${'x'.repeat(1200)}`;
    for (const name of ['A', 'B']) await post(stack, 'application/json', { query: big(name), extensions: persisted(sha256Hex(big(name))) });
    expect(codes(await post(stack, 'application/json', { extensions: persisted(sha256Hex(big('A'))) }))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(codes(await post(stack, 'application/json', { extensions: persisted(sha256Hex(big('B'))) }))).toEqual([]);
  });
});

describe('trusted documents from a manifest', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ config: { persistedDocuments: writeManifest({ ...examplesManifest(), ...PUBLIC_GROUPS_MANIFEST, groups: QUERY }), heygenApiKey: SIMULATOR_KEYS.demo } });
  });
  afterAll(() => stack.close());

  it.each(FRONT_ENDS)('runs a document by documentId and by persistedQuery hash, through %s', async (_, accept) => {
    const byId = await post(stack, accept, { documentId: 'groups' });
    expect(byId.data.avatarGroups.nodes).toHaveLength(2);
    const byHash = await post(stack, accept, { extensions: persisted(PUBLIC_GROUPS_ID) });
    expect(byHash.data.avatarGroups.nodes).toHaveLength(5);
  });

  it.each(FRONT_ENDS)('answers PersistedQueryNotFound for an id the manifest lacks, through %s', async (_, accept) => {
    expect(codes(await post(stack, accept, { documentId: 'nope' }))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('runs a GET of a manifest id with no CSRF header, and still asks one of any other GET', async () => {
    const trusted = await fetch(`${stack.gateway.url}/graphql?documentId=groups`, { headers: { accept: 'application/json' } });
    expect(trusted.status).toBe(200);
    expect(((await trusted.json()) as any).data.avatarGroups.nodes).toHaveLength(2);
    const other = await fetch(`${stack.gateway.url}/graphql?query=${encodeURIComponent(QUERY)}`, { headers: { accept: 'application/json' } });
    expect(other.status).toBe(403);
  });

  it('keeps docs/persisted-documents.example.json equal to the GraphiQL examples (npm run manifest:examples)', () => {
    expect(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'))).toEqual(examplesManifest());
  });

  it('stops at start-up on a manifest document that does not fit the schema, naming it', async () => {
    await expect(startStack({ config: { persistedDocuments: writeManifest({ stale: '{ avatarGroups { nope } }' }) } })).rejects.toThrow(/document "stale" does not fit the schema/);
  });
});

describe('PERSISTED_DOCUMENTS_ONLY', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      config: { persistedDocuments: writeManifest({ groups: QUERY }), persistedDocumentsOnly: true, persistedDocumentsBypassToken: BYPASS_TOKEN },
    });
  });
  afterAll(() => stack.close());

  it.each(FRONT_ENDS)('refuses a document sent as text, or registered by hash, through %s', async (_, accept) => {
    const text = '{ voices(first: 1) { nodes { name } } }';
    expect(codes(await post(stack, accept, { query: text }))).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    expect(codes(await post(stack, accept, { query: text, extensions: persisted(sha256Hex(text)) }))).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    expect(stack.simulator.requests).toHaveLength(0);
  });

  it.each(FRONT_ENDS)('runs the manifest’s documents, by id or as their exact text, through %s', async (_, accept) => {
    expect((await post(stack, accept, { documentId: 'groups' })).data.avatarGroups.nodes).toHaveLength(2);
    expect((await post(stack, accept, { query: QUERY })).data.avatarGroups.nodes).toHaveLength(2);
  });

  it.each(FRONT_ENDS)('lets a request with the bypass token send any document (GraphiQL), through %s', async (_, accept) => {
    const text = '{ voices(first: 1) { nodes { name } } }';
    const answer = await post(stack, accept, { query: text }, { 'x-trusted-documents-bypass': BYPASS_TOKEN });
    expect(answer.data.voices.nodes).toHaveLength(1);
    expect(codes(await post(stack, accept, { query: text }, { 'x-trusted-documents-bypass': 'c'.repeat(40) }))).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
  });

  it('serves no GraphiQL without a bypass token', async () => {
    const closed = await startStack({ config: { persistedDocuments: writeManifest({ groups: QUERY }), persistedDocumentsOnly: true } });
    try {
      const page = await fetch(`${closed.gateway.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toContain('<div id="graphiql"');
      const open = await fetch(`${stack.gateway.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await open.text()).toContain('graphiql');
    } finally {
      await closed.close();
    }
  });
});

describe('the parameters a client sends', () => {
  it('are copied with a "__proto__" key kept as a key, never made the copy\'s prototype', () => {
    const plugin = useTrustedDocuments({ manifest: new Map([['groups', QUERY]]), only: false, bypassToken: null, apqMaxBytes: 0 });
    const request = new Request('http://gateway/graphql', { method: 'POST' });
    for (const text of [
      '{"__proto__": {"operationName": "Injected"}, "documentId": "groups"}',
      '{"__proto__": {"operationName": "Injected"}, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "groups"}}}',
    ]) {
      let set: Record<string, unknown> | undefined;
      const onParams = plugin.onParams as (payload: unknown) => void;
      onParams({ params: JSON.parse(text), request, setParams: (params: Record<string, unknown>) => (set = params) });
      expect(set?.query).toBe(QUERY);
      expect(Object.getPrototypeOf(set)).toBe(Object.prototype);
      expect(set?.operationName).toBeUndefined();
    }
  });
});
