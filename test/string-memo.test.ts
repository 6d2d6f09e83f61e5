import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/graphql/global-id.js';
import { keptCursorBytes, PageCursorEncoder, type CursorScope } from '../src/pagination/cursor.js';
import { createStringMemo } from '../src/pagination/string-memo.js';

describe('createStringMemo', () => {
  it('answers what make answers, making each kept key once', () => {
    const made: string[] = [];
    const memo = createStringMemo((key) => (made.push(key), key.toUpperCase()), { maxBytes: 10_000, maxKeyLength: 10 });
    expect([memo.get('abc'), memo.get('abc'), memo.get('xyz'), memo.get('abc')]).toEqual(['ABC', 'ABC', 'XYZ', 'ABC']);
    expect(made).toEqual(['abc', 'xyz']);
  });

  it('never keeps a key longer than maxKeyLength', () => {
    let calls = 0;
    const memo = createStringMemo((key) => (calls++, key), { maxBytes: 10_000, maxKeyLength: 10 });
    const long = 'k'.repeat(11);
    expect([memo.get(long), memo.get(long)]).toEqual([long, long]);
    expect(calls).toBe(2);
    expect(memo.bytes).toBe(0);
  });

  it('stays within maxBytes however many distinct keys pass, dropping the least recently used', () => {
    let calls = 0;
    const memo = createStringMemo((key) => (calls++, `${key}!`), { maxBytes: 50_000, maxKeyLength: 100 });
    memo.get('hot');
    for (let index = 0; index < 100_000; index++) {
      memo.get(`key-${index}-${'x'.repeat(index % 90)}`);
      if (index % 100 === 0) memo.get('hot');
      expect(memo.bytes).toBeLessThanOrEqual(50_000);
    }
    const before = calls;
    memo.get('hot');
    expect(calls).toBe(before);
    memo.get('key-0-');
    expect(calls).toBe(before + 1);
  });
});

describe('memoized encodings', () => {
  it('toGlobalId answers base64url of `Type:id`, first time and again, for short and long ids', () => {
    const ids = ['ag_4548b9c0372a', 'é日本', '', 'x'.repeat(200), ...Array.from({ length: 300 }, (_, index) => `ag_${index.toString(16)}`)];
    for (let round = 0; round < 2; round++) {
      for (const id of ids) expect(toGlobalId('AvatarGroup', id)).toBe(Buffer.from(`AvatarGroup:${id}`).toString('base64url'));
    }
  });

  it('a page encoder answers the same cursor text as the format says, first time and again', () => {
    const scope: CursorScope = { connection: 'avatarGroups', filters: 'ownership=public', maxPageSize: 50 };
    const expected = (token: string | null, offset: number, tail: string | 0 | 1, hash: string) => {
      const body = `1.[${JSON.stringify(hash)},${JSON.stringify(token)},${offset},20,${typeof tail === 'string' ? JSON.stringify(tail) : tail}]`;
      return Buffer.from(`${body}.${crc32(body).toString(36)}`).toString('base64url');
    };
    const hash = crc32(`${scope.connection}|${scope.filters}`).toString(36);
    for (const token of [null, 'eyJsYXN0X2lkIjoiMTIzIn0', 't'.repeat(300)]) {
      for (let round = 0; round < 2; round++) {
        const encoder = new PageCursorEncoder(scope, token, 20);
        for (const [offset, tail] of [[0, 0], [7, 0], [19, 'next-token'], [19, 1]] as const) expect(encoder.encode(offset, tail)).toBe(expected(token, offset, tail, hash));
      }
    }
  });

  it('keeps the cursors of at most about 1.25 MiB of pages, however many pages pass', () => {
    const scope: CursorScope = { connection: 'avatarGroups', filters: '', maxPageSize: 100 };
    for (let page = 0; page < 3000; page++) {
      const encoder = new PageCursorEncoder(scope, `token-${page}-${'t'.repeat(page % 150)}`, 100);
      for (let offset = 0; offset < 100; offset++) encoder.encode(offset, offset === 99 ? `next-${page}` : 0);
    }
    expect(keptCursorBytes()).toBeGreaterThan(0);
    expect(keptCursorBytes()).toBeLessThanOrEqual(1024 * 1024 + 256 * 1024);
  });
});

