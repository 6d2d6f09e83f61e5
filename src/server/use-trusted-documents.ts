import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { sha256Hex, type TrustedDocuments } from './trusted-documents.js';

/** The request parameters that may name a document instead of sending it. */
export interface DocumentParams {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

export interface TrustedDocumentOptions {
  /** Documents by id, from PERSISTED_DOCUMENTS. @default none */
  manifest: TrustedDocuments;
  /** Refuse any document not in the manifest. */
  only: boolean;
  /** With `only`: a request with `x-trusted-documents-bypass: <token>` may send any document (GraphiQL). null: none may. */
  bypassToken: string | null;
  /** Bytes of documents registered by automatic persisted queries (their text, UTF-16); 0 turns registration off. */
  apqMaxBytes: number;
}

export interface TrustedDocumentsPlugin extends Plugin {
  /** The document text a request runs, or a GraphQLError saying why it may not run. Both front-ends call it. */
  resolve(params: DocumentParams, headers: { get(name: string): string | null }): string | GraphQLError;
}

const BYPASS_HEADER = 'x-trusted-documents-bypass';

const refusal = (message: string, code: string, status = 400) => new GraphQLError(message, { extensions: { code, http: { status } } });

/**
 * Documents by id: Apollo's automatic persisted queries (`extensions.persistedQuery.sha256Hash`,
 * registered on first use with their text, kept in a byte-bounded LRU) and trusted documents from a
 * manifest (`documentId`, or the same extension with a manifest id). With `only`, a document that is
 * not in the manifest is refused (`PERSISTED_QUERY_NOT_IN_LIST`), sent by id or as text, on both
 * front-ends: yoga asks `resolve` while reading the parameters, and the JSON front-end asks it before
 * running a request. An unknown id answers `PersistedQueryNotFound`, which Apollo Client takes as "send
 * the text". CSRF prevention is relaxed for a GET of a manifest id (README, Operations).
 */
export function useTrustedDocuments(options: TrustedDocumentOptions): TrustedDocumentsPlugin {
  const manifestTexts = new Set(options.manifest.values());
  const registered =
    options.apqMaxBytes > 0 && !options.only
      ? new LRUCache<string, string>({ max: 10_000, maxSize: options.apqMaxBytes, sizeCalculation: (text) => Math.max(1, text.length * 2) })
      : null;
  const bypassed = (headers: { get(name: string): string | null }) => options.bypassToken !== null && headers.get(BYPASS_HEADER) === options.bypassToken;
  const csrf = useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'x-api-key', 'authorization'] });

  const resolve: TrustedDocumentsPlugin['resolve'] = (params, headers) => {
    const id = idOf(params);
    const query = typeof params.query === 'string' ? params.query : undefined;
    if (id === undefined) {
      if (query === undefined || !options.only || manifestTexts.has(query) || bypassed(headers)) return query ?? '';
      return refusal('Only trusted documents may run here: send the id of a document from the manifest', 'PERSISTED_QUERY_NOT_IN_LIST');
    }
    if (id.length > 256) return refusal('The document id is longer than 256 characters', 'BAD_REQUEST');
    const known = options.manifest.get(id) ?? registered?.get(id);
    if (query === undefined) {
      return known ?? new GraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    }
    if (known !== undefined) return known === query ? query : refusal('The document sent is not the one its id names', 'BAD_REQUEST');
    if (registered === null) {
      return options.only && !bypassed(headers)
        ? refusal('Only trusted documents may run here: send the id of a document from the manifest', 'PERSISTED_QUERY_NOT_IN_LIST')
        : refusal('Automatic persisted queries are off on this gateway: send the document without an id', 'PERSISTED_QUERY_NOT_SUPPORTED');
    }
    if (sha256Hex(query) !== id) return refusal('provided sha does not match query', 'BAD_REQUEST');
    registered.set(id, query);
    return query;
  };

  return {
    resolve,
    onParams: ({ params: given, setParams, request }) => {
      // yoga reads only the standard parameters from a GET's URL; `documentId` is read here. The client's
      // parameters are copied key by key (fromEntries), never by Object.assign: a `__proto__` key stays a
      // key instead of becoming the copy's prototype.
      const params: DocumentParams & typeof given =
        request.method === 'GET' && !('documentId' in given) ? Object.assign(copyOf(given), { documentId: searchParamsOf(request.url).documentId }) : given;
      if (idOf(params) === undefined && !options.only) return;
      const query = resolve(params, request.headers);
      if (query instanceof GraphQLError) throw query;
      setParams(Object.assign(copyOf(params), { query }));
    },
    onRequestParse: (payload) => {
      // A GET of a trusted document runs only what the app itself sends: no header is asked for.
      if (payload.request.method === 'GET' && options.manifest.has(idOf(searchParamsOf(payload.request.url)) ?? '')) return;
      return csrf.onRequestParse?.(payload);
    },
  };
}

/** A copy of a client's parameters with the same own keys, `__proto__` included as a plain key. */
const copyOf = <T extends object>(params: T): T => Object.fromEntries(Object.entries(params)) as T;

/** The id a request names, from `documentId` or `extensions.persistedQuery` (version 1). */
function idOf(params: DocumentParams): string | undefined {
  if (typeof params.documentId === 'string') return params.documentId;
  let extensions = params.extensions;
  if (typeof extensions === 'string') {
    try {
      extensions = JSON.parse(extensions);
    } catch {
      return undefined;
    }
  }
  const persisted = (extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

function searchParamsOf(url: string): DocumentParams {
  const search = new URL(url).searchParams;
  return { documentId: search.get('documentId') ?? undefined, extensions: search.get('extensions') ?? undefined };
}
