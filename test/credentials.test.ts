import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codesOf, SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';

const GROUPS = `{ avatarGroups(first: 3, ownership: PRIVATE) { nodes { groupId } } }`;
const SERVER_KEY = SIMULATOR_KEYS.demo;

let withServerKey: Stack;
let withoutServerKey: Stack;
beforeAll(async () => {
  withServerKey = await startStack({ config: { heygenApiKey: SERVER_KEY } });
  withoutServerKey = await startStack();
});
afterAll(async () => {
  await withServerKey.close();
  await withoutServerKey.close();
});
beforeEach(() => {
  withServerKey.simulator.clearRequests();
  withoutServerKey.simulator.clearRequests();
});

const privateIdsOf = (stack: Stack, key: string) => stack.simulator.visibleTo(key).tenant.groups.slice(0, 3).map((group) => group.id);

describe('credentials', () => {
  it('forwards the client X-Api-Key as is', async () => {
    const response = await withoutServerKey.query(GROUPS, {}, { 'X-Api-Key': SIMULATOR_KEYS.tenantA });
    expect(response.data.avatarGroups.nodes.map((node: any) => node.groupId)).toEqual(privateIdsOf(withoutServerKey, SIMULATOR_KEYS.tenantA));
    expect(withoutServerKey.simulator.requests[0]).toMatchObject({ credential: SIMULATOR_KEYS.tenantA, credentialHeader: 'x-api-key' });
  });

  it('forwards an Authorization bearer token as is', async () => {
    const response = await withoutServerKey.query(GROUPS, {}, { authorization: `Bearer ${SIMULATOR_KEYS.tenantB}` });
    expect(response.data.avatarGroups.nodes.map((node: any) => node.groupId)).toEqual(privateIdsOf(withoutServerKey, SIMULATOR_KEYS.tenantB));
    expect(withoutServerKey.simulator.requests[0]).toMatchObject({ credential: SIMULATOR_KEYS.tenantB, credentialHeader: 'authorization' });
  });

  it("prefers the client's key over the server's", async () => {
    await withServerKey.query(GROUPS, {}, { 'x-api-key': SIMULATOR_KEYS.tenantB });
    await withServerKey.query(GROUPS, {}, { authorization: `Bearer ${SIMULATOR_KEYS.tenantA}` });
    expect(withServerKey.simulator.requests.map((request) => request.credential)).toEqual([SIMULATOR_KEYS.tenantB, SIMULATOR_KEYS.tenantA]);
  });

  it("uses the server's HEYGEN_API_KEY when the client sends none", async () => {
    const response = await withServerKey.query(GROUPS, {}, {});
    expect(response.errors).toBeUndefined();
    expect(withServerKey.simulator.requests[0]?.credential).toBe(SERVER_KEY);
  });

  it('answers UNAUTHENTICATED with no upstream call when there is no credential at all', async () => {
    const response = await withoutServerKey.query(GROUPS, {}, {});
    expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors?.[0]?.message).toMatch(/X-Api-Key/);
    expect(withoutServerKey.simulator.requests).toHaveLength(0);
  });

  it.each([
    ['an empty X-Api-Key', { 'x-api-key': '' }],
    ['a key with spaces', { 'x-api-key': 'two words' }],
    ['a Basic authorization', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['a bare Bearer', { authorization: 'Bearer' }],
  ])("answers UNAUTHENTICATED for %s without falling back to the server's key", async (_, headers) => {
    const response = await withServerKey.query(GROUPS, {}, headers);
    expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
    expect(withServerKey.simulator.requests).toHaveLength(0);
  });

  it('answers UNAUTHENTICATED for a key HeyGen does not know', async () => {
    const response = await withoutServerKey.query(GROUPS, {}, { 'x-api-key': 'hg_unknown_key_123456' });
    expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors?.[0]?.extensions?.upstreamCode).toBe('authentication_failed');
  });

  it('never echoes a key, even when HeyGen does', async () => {
    const key = 'hg_secret_key_that_must_not_leak';
    withoutServerKey.simulator.failNext({
      status: 401,
      body: JSON.stringify({ error: { code: 'authentication_failed', message: `Key ${key} is invalid`, param: null, doc_url: null } }),
    });
    const response = await withoutServerKey.query(GROUPS, {}, { 'x-api-key': key });
    expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.text).not.toContain(key);
    expect(withoutServerKey.logs.join('\n')).not.toContain(key);
  });

  it('keeps the server key out of responses and logs', async () => {
    withServerKey.simulator.failNext({ status: 500 });
    const failed = await withServerKey.query(GROUPS, {}, {});
    const fine = await withServerKey.query(GROUPS, {}, {});
    expect(failed.text + fine.text + withServerKey.logs.join('\n')).not.toContain(SERVER_KEY);
  });

  it('lets introspection run without a credential', async () => {
    const response = await withoutServerKey.query(`{ __schema { queryType { name } } }`, {}, {});
    expect(response.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});
