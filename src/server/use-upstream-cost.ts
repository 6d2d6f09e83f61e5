import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';

/**
 * Reports what a response cost upstream in `extensions.upstream`: calls made, loads saved by
 * deduplication and loads answered by the cross-request cache, so a client can see and tune its own
 * cost. Also ends the request's deadline timer.
 */
export function useUpstreamCost(): Plugin<Context> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        const context = args.contextValue as Context;
        context.dispose();
        if (!('data' in result || 'errors' in result)) return;
        const { calls, deduplicated, cacheHits } = context.upstream;
        setResult({ ...result, extensions: { ...result.extensions, upstream: { calls, deduplicated, cacheHits } } });
      },
    }),
  };
}
