/**
 * `npm run manifest:examples`: writes a trusted-documents manifest of the GraphiQL examples to
 * docs/persisted-documents.example.json, the worked example of README "Operations". Ids are the
 * operation names, to read easily; GraphQL Code Generator's client preset uses SHA-256 hashes, and any
 * string of 1..256 characters works.
 */
import { writeFileSync } from 'node:fs';
import * as examples from '../src/server/examples.js';
import { sha256Hex } from '../src/server/trusted-documents.js';

/** The manifest of every exported example document. */
export function examplesManifest(): Record<string, string> {
  const texts = Object.entries(examples).flatMap(([name, text]) => (name.endsWith('_EXAMPLE') && typeof text === 'string' ? [text] : []));
  return Object.fromEntries(texts.map((text) => [/\b(?:query|mutation|subscription)\s+(\w+)/.exec(text.replace(/#.*$/gm, ''))?.[1] ?? sha256Hex(text), text]));
}

export const MANIFEST_PATH = new URL('../docs/persisted-documents.example.json', import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(examplesManifest(), null, 2)}\n`);
  process.stdout.write(`wrote ${MANIFEST_PATH.pathname}\n`);
}
