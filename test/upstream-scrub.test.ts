import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrub, type Credentials } from '../src/heygen/client.js';
import { SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';

/*
 * What HeyGen writes in an error reaches the client only through `extensions.upstreamCode` (when it
 * looks like a code) and the message of a 400 (scrubbed of anything that looks like the credential or
 * a bearer token, and cut).
 */

const KEY = SIMULATOR_KEYS.tenantA;
const asKey: Credentials = { header: 'x-api-key', value: KEY };
const asBearer: Credentials = { header: 'authorization', value: `Bearer ${KEY}` };

describe('scrub', () => {
  it.each([
    ['the key as sent', `key ${KEY} is invalid`, 'key [redacted] is invalid'],
    ['the key in capitals', `key ${KEY.toUpperCase()} is invalid`, 'key [redacted] is invalid'],
    ['the key glued to other characters', `key:${KEY}abc123 refused`, 'key:[redacted] refused'],
    ['the key cut short', `key ${KEY.slice(0, 20)}… refused`, 'key [redacted]… refused'],
    ['the end of the key', `key …${KEY.slice(-20)} refused`, 'key …[redacted] refused'],
    ['any bearer token', 'header Bearer sk_someone_elses_token_123 refused', 'header Bearer [redacted] refused'],
    ['control characters', 'line one\nline two\u0000', 'line one line two '],
  ])('removes %s', (_, text, scrubbed) => {
    expect(scrub(text, asKey)).toBe(scrubbed);
    expect(scrub(text, asBearer)).toBe(scrubbed);
  });

  it('keeps the rest of the message, long ids included', () => {
    const text = "'limit' must be between 1 and 100; voice 2d5b0e6cf36f460aa7fc47e3eee4ba54 not found. Use a bearer token.";
    expect(scrub(text, asKey)).toBe(text);
  });
});

describe('HeyGen error details in answers', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  const answerWith = async (code: unknown, message: unknown) => {
    stack.simulator.failNext({ status: 400, body: JSON.stringify({ error: { code, message, param: null, doc_url: null } }) });
    const response = await stack.query('{ avatarGroups(first: 1) { nodes { groupId } } }', undefined, { 'x-api-key': KEY });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    return response;
  };

  it.each(['invalid_parameter', 'limit.too-large', 'A1'])('passes on the code %j', async (code) => {
    expect((await answerWith(code, 'Invalid request.')).errors?.[0]?.extensions?.upstreamCode).toBe(code);
  });

  it.each([['with spaces'], ['x'.repeat(65)], ['<script>'], [''], [42], [KEY]])('leaves out the code %j', async (code) => {
    const response = await answerWith(code, 'Invalid request.');
    expect(response.errors?.[0]?.extensions).not.toHaveProperty('upstreamCode');
  });

  it('passes on a 400 message scrubbed of the key in any case, and cut', async () => {
    const response = await answerWith('invalid_parameter', `The key ${KEY.toUpperCase()} may not list this. ${'x'.repeat(1000)}`);
    const message = response.errors?.[0]?.message ?? '';
    expect(message).toMatch(/^HeyGen rejected the request as invalid \(400\): The key \[redacted\] may not list this\. x+$/);
    expect(message.length).toBeLessThan(400);
    expect(response.text.toLowerCase()).not.toContain(KEY.toLowerCase());
  });
});
