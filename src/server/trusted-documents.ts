import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse, validate, type GraphQLSchema } from 'graphql';

/** Trusted documents by id, as a manifest lists them. */
export type TrustedDocuments = ReadonlyMap<string, string>;

/** The largest manifest read, bytes: it is held in memory whole. */
const MAX_MANIFEST_BYTES = 64 * 1_048_576;

/**
 * Reads a manifest of trusted documents: a JSON map of id to document, as GraphQL Code Generator's
 * client preset (`persisted-documents.json`) and the Relay compiler's persisted queries write it, or
 * Apollo's persisted query manifest (`{ format: "apollo-persisted-query-manifest", operations: [...] }`).
 * Throws a message naming the file or the entry that is wrong.
 */
export async function readTrustedDocuments(path: string): Promise<TrustedDocuments> {
  const text = await readFile(path, 'utf8');
  if (text.length > MAX_MANIFEST_BYTES) throw new Error(`PERSISTED_DOCUMENTS: ${path} is larger than ${MAX_MANIFEST_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`PERSISTED_DOCUMENTS: ${path} is not JSON`);
  }
  const documents = new Map<string, string>();
  for (const [id, body] of entriesOf(json)) {
    if (typeof body !== 'string' || id.length === 0 || id.length > 256) {
      throw new Error(`PERSISTED_DOCUMENTS: entry ${JSON.stringify(id.slice(0, 64))} must map an id of 1..256 characters to a document`);
    }
    documents.set(id, body);
  }
  return documents;
}

/**
 * Checks that every trusted document parses and validates against `schema`; throws naming the first
 * that does not, so a stale manifest stops the gateway at start-up instead of failing requests later.
 */
export function assertTrustedDocuments(documents: TrustedDocuments, schema: GraphQLSchema): void {
  for (const [id, body] of documents) {
    let errors: readonly Error[];
    try {
      errors = validate(schema, parse(body));
    } catch (error) {
      errors = [error as Error];
    }
    if (errors.length > 0) throw new Error(`PERSISTED_DOCUMENTS: document ${JSON.stringify(id)} does not fit the schema: ${errors[0]!.message}`);
  }
}

function entriesOf(json: unknown): [string, unknown][] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('PERSISTED_DOCUMENTS must hold a JSON object');
  const manifest = json as { format?: unknown; operations?: unknown };
  if (manifest.format === 'apollo-persisted-query-manifest' && Array.isArray(manifest.operations)) {
    return manifest.operations.map((operation: { id?: unknown; body?: unknown }) => [String(operation.id ?? ''), operation.body]);
  }
  return Object.entries(json);
}

/** The id automatic persisted queries give a document: its SHA-256, in hex. */
export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
