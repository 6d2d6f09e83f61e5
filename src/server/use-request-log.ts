import { getOperationAST, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';
import { maskError } from '../graphql/errors.js';
import type { RequestSummary } from './observability.js';

/** Reports each GraphQL request yoga executes (the fast lane reports its own) for the log and metrics. */
export function useRequestLog(onRequest: (summary: RequestSummary) => void): Plugin<Context> {
  return {
    onExecute: ({ args }) => {
      const started = performance.now();
      return {
        onExecuteDone: ({ result }) => {
          if (!('data' in result || 'errors' in result)) return;
          const context = args.contextValue as Context;
          onRequest({
            operation: args.operationName ?? getOperationAST(args.document)?.name?.value,
            durationMs: performance.now() - started,
            upstreamCalls: context.upstream.calls,
            cacheHits: context.upstream.cacheHits,
            // Errors are masked after this hook; the same mapping gives the code the client will see.
            errorCodes: (result.errors ?? []).map((error) => String((maskError(error, '') as GraphQLError).extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
            path: 'yoga',
          });
        },
      };
    },
  };
}
