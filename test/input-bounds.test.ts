import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCredentialHasher, createExpiringSet } from '../src/cache/keys.js';
import { REMEMBERED } from '../src/cache/cached-client.js';
import { decodeCursor, encodeCursor, type CursorScope } from '../src/pagination/cursor.js';
import { codesOf, startStack, type Stack } from './helpers.js';

/*
 * What a client sends is bounded before the gateway keeps it, sends it or echoes it: free-text filters
 * by length, page tokens inside cursors by length and well-formedness, and the per-process memories
 * the cache keeps (credentials, public ids, trusted tokens) by entries and by bytes.
 */

const VOICES: CursorScope = { connection: 'voices', filters: 'type=*;engine=*;language=*;gender=*', maxPageSize: 100 };

describe('input bounds through the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());
  beforeEach(() => stack.simulator.clearRequests());

  it.each([
    ['language', 'x'.repeat(65)],
    ['engine', '€'.repeat(65)],
    ['gender', 'f'.repeat(100_000)],
  ])('refuses a %s filter over 64 characters as BAD_USER_INPUT, before any call', async (argument, value) => {
    const response = await stack.query(`query($value: String) { voices(first: 1, ${argument}: $value) { nodes { voiceId } } }`, { value });
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe(`${argument} must be at most 64 characters, got ${value.length}`);
    expect(stack.simulator.requests).toEqual([]);
  });

  it('passes a filter of 64 characters on to HeyGen', async () => {
    const language = 'é'.repeat(64);
    const response = await stack.query('query($language: String) { voices(first: 1, language: $language) { nodes { voiceId } } }', { language });
    expect(response.errors).toBeUndefined();
    expect(stack.simulator.requests.map((request) => request.query.language)).toEqual([language]);
  });

  it.each([
    ['page token', { pageToken: 'ab\uD800cd', offset: 0, pageSize: 1 }],
    ['next token', { pageToken: null, offset: 0, pageSize: 1, nextToken: '\uDC00' }],
  ])('refuses a cursor whose %s holds a lone surrogate as BAD_USER_INPUT', async (_, position) => {
    const after = encodeCursor(position, VOICES);
    expect(() => decodeCursor(after, VOICES)).toThrow('after is not a valid cursor: its ');
    const response = await stack.query('query($after: String) { voices(first: 1, after: $after) { nodes { voiceId } } }', { after });
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(stack.simulator.requests).toEqual([]);
  });
});

describe('per-process memories of the cache', () => {
  const KIB = 1024;
  const bounds = { maxEntries: 1000, maxBytes: 64 * KIB };

  it('keeps an expiring set within its bytes, however long the keys, dropping the least recently used', () => {
    const set = createExpiringSet(bounds, () => 0);
    for (let index = 0; index < 10_000; index++) set.add(`${index}:${'k'.repeat(KIB)}`, 1);
    expect(set.bytes).toBeLessThanOrEqual(bounds.maxBytes);
    expect(set.size).toBeGreaterThan(0);
    expect(set.has(`9999:${'k'.repeat(KIB)}`)).toBe(true);
    expect(set.has(`0:${'k'.repeat(KIB)}`)).toBe(false);
  });

  it('keeps an expiring set within its entries, however short the keys', () => {
    const set = createExpiringSet({ ...bounds, maxBytes: 1024 * KIB }, () => 0);
    for (let index = 0; index < 10_000; index++) set.add(String(index), 1);
    expect(set.size).toBe(bounds.maxEntries);
    expect([set.has('9999'), set.has('8999'), set.has('8998')]).toEqual([true, false, false]);
    set.add('9000', 2); // already in: nothing is pushed out
    expect([set.size, set.has('9001')]).toEqual([bounds.maxEntries, true]);
  });

  it('takes memory as entries arrive, not for all it may hold', () => {
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = used();
    // Twenty sets of the cached client's size: with room made up front, about 68 MB.
    const sets = Array.from({ length: 20 }, () => createExpiringSet(REMEMBERED, () => 0));
    expect(used() - before).toBeLessThan(8 * 1024 * KIB);
    expect(sets).toHaveLength(20);
  });

  it('hashes a credential the same after its remembered hash was pushed out', () => {
    const hash = createCredentialHasher('salt', bounds);
    const first = hash({ header: 'x-api-key', value: 'k'.repeat(KIB) });
    for (let index = 0; index < 1000; index++) hash({ header: 'x-api-key', value: `${index}${'v'.repeat(KIB)}` });
    expect(hash({ header: 'x-api-key', value: 'k'.repeat(KIB) })).toBe(first);
  });
});
