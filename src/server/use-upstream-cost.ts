import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';

/**
 * Reports what a response cost upstream in `extensions.upstream`: calls made and loads saved by
 * deduplication, so a client can see and tune its own cost.
 */
export function useUpstreamCost(): Plugin<Context> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!('data' in result || 'errors' in result)) return;
        const { calls, deduplicated } = (args.contextValue as Context).upstream;
        setResult({ ...result, extensions: { ...result.extensions, upstream: { calls, deduplicated } } });
      },
    }),
  };
}
