/**
 * base64url of a string's UTF-8 bytes, without padding: the same text as
 * `Buffer.from(text).toString('base64url')`. Ids and cursors are made by the dozen per answer and are
 * almost always ASCII, where `btoa` makes only strings: no Buffer per id for the collector to sweep.
 */
export function toBase64Url(text: string): string {
  if (!ASCII.test(text)) return Buffer.from(text).toString('base64url');
  const base64 = btoa(text);
  let end = base64.length;
  while (end > 0 && base64.charCodeAt(end - 1) === EQUALS) end--;
  const unpadded = end === base64.length ? base64 : base64.slice(0, end);
  return URL_UNSAFE.test(unpadded) ? unpadded.replace(URL_UNSAFE_ALL, urlSafe) : unpadded;
}

const ASCII = /^[\x00-\x7f]*$/;
const EQUALS = 61;
const URL_UNSAFE = /[+/]/;
const URL_UNSAFE_ALL = /[+/]/g;
const urlSafe = (character: string) => (character === '+' ? '-' : '_');
