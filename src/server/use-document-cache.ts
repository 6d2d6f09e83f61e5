import type { DocumentNode, Token } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

/** Bytes a parsed document is taken to hold per token (its token, AST node and location objects). */
const BYTES_PER_TOKEN = 200;

export interface DocumentCacheOptions {
  /** Estimated bytes of all documents kept (syntax errors get a quarter of it besides). */
  maxBytes: number;
}

/** Documents kept, whatever their size: bounds the cache's bookkeeping when every document is tiny. */
const MAX_DOCUMENTS = 1000;

export interface DocumentCachePlugin extends Plugin {
  /** The parsed document for `text` when it has parsed and validated before, else undefined. */
  validDocument(text: string): DocumentNode | undefined;
}

/**
 * Parses and validates each document once per process, for both front-ends: documents and syntax errors
 * by text, validation results by document. Bounded in bytes as well as entries, since a client chooses
 * the text: a document's size is its text (twice: UTF-16) plus a share per token, counted along its
 * token chain. Everything else kept per document (validation results, compiled queries, request checks)
 * is held weakly by the document, so it goes when the document does. Validation results are not keyed
 * by the rules: every rule comes from the plugin list, the same for every request.
 */
export function useDocumentCache(options: DocumentCacheOptions): DocumentCachePlugin {
  const documents = new LRUCache<string, DocumentNode>({
    max: MAX_DOCUMENTS,
    maxSize: options.maxBytes,
    sizeCalculation: (document, text) => Math.max(1, text.length * 2 + tokensOf(document) * BYTES_PER_TOKEN),
  });
  const syntaxErrors = new LRUCache<string, Error>({
    max: MAX_DOCUMENTS,
    maxSize: Math.max(1, Math.floor(options.maxBytes / 4)),
    sizeCalculation: (error, text) => Math.max(1, (text.length + error.message.length) * 2 + 1024),
  });
  const validations = new WeakMap<DocumentNode, readonly Error[]>();
  return {
    validDocument: (text) => {
      const document = documents.get(text);
      return document !== undefined && validations.get(document)?.length === 0 ? document : undefined;
    },
    onParse: ({ params, setParsedDocument }) => {
      const text = typeof params.source === 'string' ? params.source : params.source.body;
      const document = documents.get(text);
      if (document !== undefined) return setParsedDocument(document);
      const error = syntaxErrors.get(text);
      if (error !== undefined) throw error;
      return ({ result }) => {
        if (result instanceof Error) syntaxErrors.set(text, result);
        else if (result != null) documents.set(text, result);
      };
    },
    onValidate: ({ params, setResult }) => {
      const known = validations.get(params.documentAST);
      if (known !== undefined) return setResult(known);
      return ({ result }) => void validations.set(params.documentAST, result);
    },
  };
}

function tokensOf(document: DocumentNode): number {
  let count = 0;
  for (let token: Token | null | undefined = document.loc?.startToken; token; token = token.next) count++;
  return count;
}
