import { getOperationAST, type DocumentNode, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';
import { maskError } from '../graphql/errors.js';
import type { RequestSummary } from './observability.js';

/** Set in the initial context by the JSON front-end, so the log says which front-end took a request. */
export const FRONT_END = Symbol('front-end');

/**
 * What every executed request reports, whichever front-end took it: `extensions.upstream` in the answer
 * (HTTP requests sent to HeyGen, and loads answered without one: deduplicated, or from the cross-request
 * cache), one summary for the request log and metrics, and the end of the request's deadline (no call of
 * it starts after). One hook, and the result is edited in place: this runs on every request.
 */
export function useRequestReport(onRequest: (summary: RequestSummary) => void, traceIdOf?: (context: object) => string | undefined): Plugin<Context> {
  const operationNames = new WeakMap<DocumentNode, string | undefined>();
  const operationNameOf = (document: DocumentNode, given: string | null | undefined) => {
    if (given) return given;
    if (!operationNames.has(document)) operationNames.set(document, getOperationAST(document)?.name?.value);
    return operationNames.get(document);
  };
  return {
    onExecute: ({ args }) => {
      const started = performance.now();
      return {
        onExecuteDone: ({ result }) => {
          const context = args.contextValue as Context & { [FRONT_END]?: 'fast' };
          context.dispose();
          if (!('data' in result || 'errors' in result)) return;
          const { calls, deduplicated, cacheHits } = context.upstream;
          (result.extensions ??= {}).upstream = { calls, deduplicated, cacheHits };
          onRequest({
            operation: operationNameOf(args.document, args.operationName),
            durationMs: performance.now() - started,
            upstreamCalls: calls,
            cacheHits,
            // Errors are masked after this hook; the same mapping gives the code the client will see.
            errorCodes: result.errors?.map((error) => String((maskError(error, '') as GraphQLError).extensions?.code ?? 'INTERNAL_SERVER_ERROR')) ?? [],
            path: context[FRONT_END] ?? 'yoga',
            traceId: traceIdOf?.(context),
          });
        },
      };
    },
  };
}
