import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { getCORSHeadersByRequestAndOptions } from '@whatwg-node/server';
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import { processRegularResult, type CORSOptions, type YogaServerInstance } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';
import type { DocumentCachePlugin } from './use-document-cache.js';
import { FRONT_END } from './use-request-report.js';
import type { TrustedDocumentsPlugin } from './use-trusted-documents.js';

/*
 * The hot path's HTTP front-end. yoga's own HTTP handling (Fetch API objects, content negotiation,
 * plugin hooks around the request) costs more CPU than this gateway's whole budget per request, so the
 * commonest request, a JSON POST of one operation that wants a JSON answer, is read and written here,
 * straight on the node socket. Everything GraphQL about it runs in yoga's own pipeline (its parse and
 * validation caches, the limit rules, the context, execution, masking, the request report), through
 * `yoga.getEnveloped`, exactly as yoga would run it. This module only reads HTTP and writes HTTP.
 *
 * What it leaves to yoga, untouched: every other method, path, content type or accept header (GET,
 * GraphiQL, /health, graphql-response+json, SSE), bodies that are not one plain operation, and any
 * request that fails before execution (syntax, validation, an unknown operation, a subscription): yoga
 * answers those from the same caches, so nothing is parsed or validated twice. CSRF prevention needs
 * nothing here: a JSON POST is always preflighted by browsers, and yoga's check lets it through.
 */

export interface JsonFrontEndOptions {
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  /** The pipeline's document cache: a document that parsed and validated before skips both. */
  documents: Pick<DocumentCachePlugin, 'validDocument'>;
  /** The pipeline's trusted documents: the text a request runs, from its id, or a refusal for yoga to answer. */
  trusted: Pick<TrustedDocumentsPlugin, 'resolve'>;
  /** The GraphQL path. */
  endpoint: string;
  /** Largest request body, bytes, on any path: a larger one is refused with 413. */
  maxBodyBytes: number;
  /** The CORS rules yoga also applies (cors.ts), or false for none. */
  cors: CORSOptions | false;
  /** yoga's node listener, for what this front-end does not take; `body` is what was already read of it. */
  fallback: (request: IncomingMessage, response: ServerResponse, body: Buffer | undefined) => void;
}

interface Params {
  query: string | undefined;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  extensions: Record<string, unknown> | undefined;
  documentId: string | undefined;
}

/** Builds the node listener: JSON operations through yoga's pipeline here, the rest to `fallback`. */
export function createJsonFrontEnd(options: JsonFrontEndOptions): RequestListener {
  const { yoga, documents, trusted, endpoint, maxBodyBytes, cors, fallback } = options;
  // Only queries and mutations run here: yoga words the error for an operation the document lacks, and
  // subscriptions stream over SSE, which is yoga's.
  const runnable = new WeakMap<DocumentNode, boolean>();
  const isRunnable = (document: DocumentNode, operationName: string | undefined) => {
    const check = () => {
      const operation = getOperationAST(document, operationName)?.operation;
      return operation === 'query' || operation === 'mutation';
    };
    if (operationName !== undefined) return check();
    let known = runnable.get(document);
    if (known === undefined) runnable.set(document, (known = check()));
    return known;
  };

  const run = async (request: IncomingMessage, response: ServerResponse, body: Buffer): Promise<void> => {
    const params = readParams(body);
    if (!params) return fallback(request, response, body);
    const requestLike = { method: 'POST', url: request.url, headers: headersOf(request) };
    const query = trusted.resolve(params, requestLike.headers);
    if (typeof query !== 'string') return fallback(request, response, body);
    params.query = query;
    const enveloped = yoga.getEnveloped({ request: requestLike, params, [FRONT_END]: 'fast' } as never);
    const document = documents.validDocument(query) ?? parseAndValidate(enveloped, query);
    if (document === undefined) return fallback(request, response, body);
    if (!isRunnable(document, params.operationName)) return fallback(request, response, body);
    const contextValue = await enveloped.contextFactory();
    const result = (await enveloped.execute({
      schema: enveloped.schema,
      document,
      contextValue,
      variableValues: params.variables,
      operationName: params.operationName,
    })) as ExecutionResult;
    const corsHeaders = cors === false ? null : getCORSHeadersByRequestAndOptions(requestLike as never, cors);
    if (result.errors === undefined && result.data != null) {
      // Encoded once: measuring the string and then writing it would each convert it to UTF-8.
      const payload = Buffer.from(JSON.stringify(result));
      response.writeHead(200, Object.assign({}, corsHeaders, { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length }));
      response.end(payload);
      return;
    }
    // Errors: yoga's own result processor picks the status and strips internal extensions.
    const answer = await processRegularResult(result, yoga.fetchAPI, 'application/json');
    const payload = Buffer.from(await answer.arrayBuffer());
    response.writeHead(answer.status, Object.assign({}, corsHeaders, Object.fromEntries(answer.headers), { 'content-length': payload.length }));
    response.end(payload);
  };

  return (request, response) => {
    // Every request passes here, so bodies are bounded here: a chunked POST bound for yoga is read (up to
    // the limit) and handed over, since yoga would buffer any size.
    if (Number(request.headers['content-length']) > maxBodyBytes) return refuseBody(response, maxBodyBytes);
    const ours = request.method === 'POST' && request.url === endpoint && wantsJson(request);
    if (!ours && (request.method !== 'POST' || request.headers['content-length'] !== undefined)) return fallback(request, response, undefined);
    readBody(request, maxBodyBytes)
      .then((body) => (body === undefined ? refuseBody(response, maxBodyBytes) : ours ? run(request, response, body) : fallback(request, response, body)))
      .catch(() => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' }).end('{"errors":[{"message":"Unexpected error."}]}');
        else response.destroy();
      });
  };
}

/** The document, through the pipeline's parse and validation; undefined when either fails (yoga says why). */
function parseAndValidate(enveloped: ReturnType<JsonFrontEndOptions['yoga']['getEnveloped']>, query: string): DocumentNode | undefined {
  let document: DocumentNode;
  try {
    document = enveloped.parse(query);
  } catch {
    return undefined;
  }
  return enveloped.validate(enveloped.schema, document).length === 0 ? document : undefined;
}

/** A JSON body, and an accept header for which yoga would answer `application/json` too. */
function wantsJson(request: IncomingMessage): boolean {
  const type = request.headers['content-type'];
  if (type === undefined || !/^application\/json\s*(;|$)/i.test(type)) return false;
  const accept = request.headers.accept;
  return accept === undefined || accept === '*/*' || /^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(accept);
}

/**
 * Answers 413 to a body over the limit, in the shape of yoga's request errors, and closes the connection
 * once the answer is written: the rest of the body is never read.
 */
function refuseBody(response: ServerResponse, limit: number): void {
  const json = JSON.stringify({ errors: [{ message: `The request body is larger than ${limit} bytes`, extensions: { code: 'BAD_REQUEST' } }] });
  response.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json), connection: 'close' }).end(json);
}

/** Reads the whole body, or resolves undefined as soon as it exceeds `limit`, reading no further. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      request.off('data', onData);
      resolve(undefined);
    };
    request.on('data', onData);
    request.once('end', () => resolve(size <= limit ? (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)) : undefined));
    request.once('error', reject);
  });
}

/** The body as one operation's parameters; undefined for anything yoga should judge (batches, odd types, unknown keys). */
function readParams(body: Buffer): Params | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { query, operationName, variables, extensions, documentId } = parsed as Record<string, unknown>;
  let keys = 0;
  for (const key in parsed) keys++;
  const given = [query, operationName, variables, extensions, documentId].filter((value) => value !== undefined).length;
  if (keys !== given) return undefined;
  if (query !== undefined && typeof query !== 'string') return undefined;
  if (documentId !== undefined && typeof documentId !== 'string') return undefined;
  if (query === undefined && documentId === undefined && extensions === undefined) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (!isObjectOrNull(variables) || !isObjectOrNull(extensions)) return undefined;
  return {
    query,
    operationName: operationName ?? undefined,
    variables: (variables as Record<string, unknown> | null) ?? undefined,
    extensions: (extensions as Record<string, unknown> | null) ?? undefined,
    documentId,
  };
}

const isObjectOrNull = (value: unknown) => value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value));

/** The request's headers behind the `get` that the context and the CORS rules read. */
function headersOf(request: IncomingMessage): { get(name: string): string | null } {
  return {
    get: (name) => {
      const value = request.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
