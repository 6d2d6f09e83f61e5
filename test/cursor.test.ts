import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CURSOR_VERSION, decodeCursor, encodeCursor, PageCursorEncoder, type CursorPosition, type CursorScope } from '../src/pagination/cursor.js';
import { toBase64Url } from '../src/pagination/base64url.js';

const groups: CursorScope = { connection: 'avatarGroups', filters: 'ownership=public', maxPageSize: 50 };
const mid: CursorPosition = { pageToken: 'eyJsYXN0X2lkIjoiMTIzIn0', offset: 4, pageSize: 20 };

/** Builds a cursor by hand, the way an attacker or an old version might, with a valid checksum. */
function forge(version: string, fields: unknown): string {
  const text = `${version}.${JSON.stringify(fields)}`;
  return Buffer.from(`${text}.${crc32(text).toString(36)}`).toString('base64url');
}
const scopeHashOf = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString().split('.')[1] as string)[0];

describe('cursor codec', () => {
  it.each<[string, CursorPosition]>([
    ['a mid-page edge', mid],
    ['a first-page edge', { pageToken: null, offset: 0, pageSize: 1 }],
    ['an edge that ends a page with more after it', { pageToken: null, offset: 19, pageSize: 20, nextToken: 'eyJsYXN0X2lkIjoiNDU2In0' }],
    ['the last edge of the list', { pageToken: 'tok', offset: 2, pageSize: 50, end: true }],
  ])('round-trips %s', (_, position) => {
    const cursor = encodeCursor(position, groups);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, groups)).toEqual(position);
  });

  it('makes the same cursor for the same position in any process', () => {
    expect(encodeCursor(mid, { ...groups })).toBe(encodeCursor(mid, groups));
  });

  it('writes exactly the documented version-1 layout, so cursors handed out earlier stay valid', () => {
    const hash = crc32('avatarGroups|ownership=public').toString(36);
    expect(encodeCursor(mid, groups)).toBe(forge('1', [hash, mid.pageToken, 4, 20, 0]));
    expect(encodeCursor({ pageToken: null, offset: 19, pageSize: 20, nextToken: 'n"x' }, groups)).toBe(forge('1', [hash, null, 19, 20, 'n"x']));
    expect(encodeCursor({ pageToken: 'tok', offset: 2, pageSize: 50, end: true }, groups)).toBe(forge('1', [hash, 'tok', 2, 50, 1]));
  });

  it('makes the same cursors page by page as one by one', () => {
    const page = new PageCursorEncoder(groups, 'tok\u2028é', 20);
    for (const offset of [0, 7, 19]) {
      expect(page.encode(offset, 0)).toBe(encodeCursor({ pageToken: 'tok\u2028é', offset, pageSize: 20 }, groups));
    }
    expect(page.encode(19, 'next')).toBe(encodeCursor({ pageToken: 'tok\u2028é', offset: 19, pageSize: 20, nextToken: 'next' }, groups));
  });

  const valid = encodeCursor(mid, groups);
  const hash = scopeHashOf(valid);
  const edited = (() => {
    const text = Buffer.from(valid, 'base64url').toString();
    return Buffer.from(text.replace('",4,20', '",5,20')).toString('base64url');
  })();

  it.each<[string, string, RegExp]>([
    ['garbage', 'not a cursor!', /not base64url/],
    ['empty text', '', /length must be 1\.\.4096/],
    ['an over-long cursor', 'A'.repeat(5000), /length must be 1\.\.4096/],
    ['base64 of plain text', Buffer.from('hello').toString('base64url'), /not made by this gateway/],
    ['another version', forge('2', [hash, null, 0, 20, 0]), /version "2" is not supported/],
    ['edited bytes', edited, /modified or damaged/],
    ['a truncated cursor', valid.slice(0, -4), /modified or damaged|not made by this gateway/],
    ['the wrong shape', forge(String(CURSOR_VERSION), { a: 1 }), /wrong shape/],
    ['an offset past its page', forge(String(CURSOR_VERSION), [hash, null, 20, 20, 0]), /offset must be 0\.\.19, got 20/],
    ['a negative offset', forge(String(CURSOR_VERSION), [hash, null, -1, 20, 0]), /offset must be 0\.\.19, got -1/],
    ['a page size above the upstream maximum', forge(String(CURSOR_VERSION), [hash, null, 0, 51, 0]), /page size must be 1\.\.50, got 51/],
    ['a fractional page size', forge(String(CURSOR_VERSION), [hash, null, 0, 2.5, 0]), /page size must be 1\.\.50/],
    ['a non-string token', forge(String(CURSOR_VERSION), [hash, 42, 0, 20, 0]), /page token is malformed/],
    ['a bad tail', forge(String(CURSOR_VERSION), [hash, null, 0, 20, 7]), /next token is malformed/],
  ])('rejects %s, saying why', (_, cursor, why) => {
    expect(() => decodeCursor(cursor, groups)).toThrow(why);
    expect(() => decodeCursor(cursor, groups)).toThrow(/^after is not a valid cursor: /);
  });

  it.each<[string, CursorScope]>([
    ['other filters', { ...groups, filters: 'ownership=private' }],
    ['no filter where one was set', { ...groups, filters: 'ownership=*' }],
    ['another connection', { ...groups, connection: 'avatarLooks' }],
  ])('rejects a cursor used with %s', (_, scope) => {
    expect(() => decodeCursor(valid, scope)).toThrow(/made for another list or other filters/);
  });
});

describe('toBase64Url', () => {
  it("writes the same text as Buffer's base64url for ASCII, any Unicode and lone surrogates", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const texts = ['', 'a', 'ab', 'abc', 'AvatarGroup:ag_1', '??>>~~', 'é', '日本', '\u{1F600}', '\ud800x', '\x7f\x00'];
    for (let index = 0; index < 2000; index++) {
      const top = [0x80, 0x800, 0x10000][index % 3] as number;
      texts.push(Array.from({ length: index % 41 }, () => String.fromCharCode(Math.floor(next() * top))).join(''));
    }
    for (const text of texts) expect(toBase64Url(text)).toBe(Buffer.from(text).toString('base64url'));
  });
});
