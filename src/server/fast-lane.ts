import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import {
  getNullableType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  specifiedRules,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import type { Context, RequestLike } from '../graphql/context.js';
import type { RequestCheck } from '../graphql/limits.js';
import type { RequestSummary } from './observability.js';

/*
 * The hot path. A plain yoga pipeline spends about half a millisecond of CPU per request before any
 * resolver runs (Fetch API objects, plugin hooks, content negotiation), more than this gateway's whole
 * budget. The fast lane takes the common case itself, a JSON POST of a query to /graphql, runs it with
 * graphql-jit (each distinct document parsed, validated and compiled once), and writes the JSON answer
 * straight to the socket. Everything else (GET, GraphiQL, /health, batches, documents that do not
 * validate or break a limit, anything unusual) goes to yoga unchanged, with the body already read
 * handed over.
 */

export interface FastLaneOptions {
  schema: GraphQLSchema;
  createContext: (request: RequestLike) => Context;
  /** Turns a failure into the error a client may see (the same as yoga's). */
  maskError: (error: unknown, message: string, isDev?: boolean) => Error;
  /** Handles whatever the fast lane does not: yoga's own node listener. */
  fallback: (request: IncomingMessage, response: ServerResponse, body: Buffer | undefined) => void;
  /** The GraphQL path. @default '/graphql' */
  endpoint?: string;
  /** Largest request body, bytes, on any path: a larger one is refused with 413, unread. @default 100000 */
  maxBodyBytes?: number;
  /** Tokens a document may have; a larger one goes to the fallback, which explains why. @default 5000 */
  maxTokens?: number;
  /** Rules run after graphql's own (the gateway's limits); a document that breaks one goes to the fallback. @default [] */
  validationRules?: readonly ValidationRule[];
  /** Builds once per document the check of each request's variables; a refused request goes to the fallback. */
  requestCheck?: (document: DocumentNode, operationName: string | undefined) => RequestCheck;
  /** Distinct documents kept compiled. @default 1000 */
  maxDocuments?: number;
  /** Told about each request the fast lane answered (for the request log and metrics). */
  onRequest?: (summary: RequestSummary) => void;
}

/** A compiled document with its request check, or null when the fast lane must leave it to yoga (it does not validate, etc.). */
type Compiled = (CompiledQuery & { requestCheck?: RequestCheck }) | null;

/** Builds the listener: fast lane first, yoga for everything else. */
export function createFastLane(options: FastLaneOptions): RequestListener {
  const endpoint = options.endpoint ?? '/graphql';
  const maxBodyBytes = options.maxBodyBytes ?? 100_000;
  const documents = new Map<string, Compiled>();
  const maxDocuments = options.maxDocuments ?? 1000;

  const compiled = (query: string, operationName: string | undefined): Compiled => {
    const key = operationName === undefined ? query : `${operationName}\n${query}`;
    let entry = documents.get(key);
    if (entry === undefined) {
      entry = compile(options, query, operationName);
      if (documents.size >= maxDocuments) documents.delete(documents.keys().next().value as string);
      documents.set(key, entry);
    }
    return entry;
  };

  const run = async (request: IncomingMessage, response: ServerResponse, body: Buffer, started: number): Promise<void> => {
    const params = readParams(body);
    const query = params && compiled(params.query, params.operationName);
    if (!params || !query || query.requestCheck?.(params.variables)) return options.fallback(request, response, body);
    const context = options.createContext({ headers: nodeHeaders(request) });
    const result = await query.query(undefined, context, params.variables);
    context.dispose();
    // No data means the request failed before execution (its variables): yoga words and codes that.
    if (result.data === undefined) return options.fallback(request, response, body);
    const errors = result.errors?.map((error) => options.maskError(error, 'Unexpected error.') as GraphQLError);
    const { calls, deduplicated, cacheHits } = context.upstream;
    const json = JSON.stringify({ ...(errors && { errors }), data: result.data, extensions: { upstream: { calls, deduplicated, cacheHits } } });
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
    response.end(json);
    options.onRequest?.({
      operation: params.operationName ?? query.operationName,
      durationMs: performance.now() - started,
      upstreamCalls: calls,
      cacheHits,
      errorCodes: errors?.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')) ?? [],
      path: 'fast',
    });
  };

  return (request, response) => {
    // Every request passes here, so bodies are bounded here: a chunked POST bound for yoga is read (up to
    // the limit) and handed over, since yoga would buffer any size.
    if (Number(request.headers['content-length']) > maxBodyBytes) return refuseBody(response, maxBodyBytes);
    const fast = request.method === 'POST' && request.url === endpoint && acceptsJson(request);
    if (!fast && (request.method !== 'POST' || request.headers['content-length'] !== undefined)) {
      return options.fallback(request, response, undefined);
    }
    const started = performance.now();
    readBody(request, maxBodyBytes).then(
      (body) =>
        body === undefined ? refuseBody(response, maxBodyBytes) : fast ? run(request, response, body, started) : options.fallback(request, response, body),
      () => response.destroy(),
    ).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' }).end('{"errors":[{"message":"Unexpected error."}]}');
    });
  };
}

function acceptsJson(request: IncomingMessage): boolean {
  const type = request.headers['content-type'];
  if (type === undefined || !/^application\/json\s*(;|$)/i.test(type)) return false;
  const accept = request.headers.accept;
  // A client asking for application/graphql-response+json gets yoga's status-code semantics.
  return accept === undefined || accept === '*/*' || (accept.includes('application/json') && !accept.includes('graphql-response'));
}

/** Answers 413 to a body over the limit, in the shape of yoga's request errors. */
function refuseBody(response: ServerResponse, limit: number): void {
  const json = JSON.stringify({ errors: [{ message: `The request body is larger than ${limit} bytes`, extensions: { code: 'BAD_REQUEST' } }] });
  response.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) }).end(json);
}

/** Reads the whole body, or resolves undefined once it exceeds `limit`. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length']);
  if (declared > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.once('end', () => resolve(size <= limit ? (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)) : undefined));
    request.once('error', reject);
  });
}

interface Params {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
}

/** The body as a single operation's parameters; undefined for anything the fast lane leaves to yoga. */
function readParams(body: Buffer): Params | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { query, operationName, variables, extensions } = parsed as Record<string, unknown>;
  if (typeof query !== 'string' || extensions !== undefined) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  return { query, operationName: operationName ?? undefined, variables: (variables as Record<string, unknown> | null) ?? undefined };
}

/** Parses, validates and compiles a query; null when anything about it is not plain and valid. */
function compile(options: FastLaneOptions, query: string, operationName: string | undefined): Compiled {
  const { schema } = options;
  try {
    const document = parse(query, { maxTokens: options.maxTokens ?? 5000 });
    const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName === undefined ? (operations.length === 1 ? operations[0] : undefined) : operations.find((item) => item.name?.value === operationName);
    const rules = options.validationRules ? [...specifiedRules, ...options.validationRules] : specifiedRules;
    if (!operation || operation.operation !== 'query' || validate(schema, document, rules).length > 0) return null;
    if (selectsNullableListItems(schema, document)) return null;
    // Built-in scalars and enums are written as the models give them, with no serializer call (and no
    // error objects made up front) per leaf: every model getter answers its field's exact type.
    const compiled = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true, disableLeafSerialization: true });
    if (!isCompiledQuery(compiled)) return null;
    compiled.operationName = operation.name?.value;
    return options.requestCheck ? Object.assign(compiled, { requestCheck: options.requestCheck(document, operationName) }) : compiled;
  } catch {
    return null;
  }
}

/**
 * graphql-jit drops a list's last item when it fails instead of answering null in its place, so
 * documents that select a list of nullable items (`nodes`, `_entities`) run on yoga's executor.
 */
function selectsNullableListItems(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: () => {
        const type = getNullableType(typeInfo.getType());
        if (isListType(type) && !isNonNullType(type.ofType)) found = true;
      },
    }),
  );
  return found;
}

/** The request's headers behind the `get` the context reads. */
function nodeHeaders(request: IncomingMessage): RequestLike['headers'] {
  return {
    get: (name) => {
      const value = request.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
