import { createHash } from 'node:crypto';
import { ROOT_CONTEXT, SpanKind, trace, type Span } from '@opentelemetry/api';
import { getOperationAST, type DocumentNode, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { maskError } from '../graphql/errors.js';
import type { CallTracer } from '../loaders.js';
import { createCallTracer, failSpan, type Tracing } from './tracing.js';

type Headers = { get(name: string): string | null };

export interface RequestTracing {
  /** The plugin: parse, validate and execute spans, and the end of each request's span. */
  plugin: Plugin;
  /** The tracer of the HeyGen calls of the request `initial` context stands for (made with its span). */
  callTracer(initial: object): CallTracer;
  /** The trace id of the request `initial` context stands for, for its log line. */
  traceId(initial: object): string | undefined;
}

/** The `extensions.code` a client sees for a failure. */
const codeOf = (error: unknown) => String((maskError(error, '') as GraphQLError).extensions?.code ?? 'INTERNAL_SERVER_ERROR');

/**
 * One span per GraphQL request, continuing the caller's `traceparent`, named by its operation, with its
 * type and the SHA-256 of its document (never the text, never variables); a parse and a validate span
 * under it when those run (a known document skips both); its HeyGen calls under it (tracing.ts); and
 * its errors by `extensions.code`. The request span is kept by the request's context object, which
 * envelop extends in place, so every hook finds it.
 */
export function createRequestTracing(tracing: Tracing): RequestTracing {
  const spans = new WeakMap<object, Span>();
  const traceIds = new WeakMap<object, string>();
  const hashes = new WeakMap<DocumentNode, string>();
  const spanOf = (context: object): Span => {
    let span = spans.get(context);
    if (span === undefined) {
      const headers = (context as { request?: { headers?: Headers } }).request?.headers;
      const parent = headers ? tracing.extract(headers) : undefined;
      span = tracing.tracer.startSpan('graphql.request', { kind: SpanKind.SERVER }, parent);
      spans.set(context, span);
      if (span.isRecording()) traceIds.set(context, span.spanContext().traceId);
    }
    return span;
  };
  const child = (context: object, name: string) => tracing.tracer.startSpan(name, {}, trace.setSpan(ROOT_CONTEXT, spanOf(context)));
  const end = (context: object, codes: readonly string[]) => {
    const span = spans.get(context);
    if (span === undefined) return;
    failSpan(span, codes);
    span.end();
    spans.delete(context);
  };
  const hashOf = (document: DocumentNode) => {
    let hash = hashes.get(document);
    if (hash === undefined) hashes.set(document, (hash = createHash('sha256').update(document.loc?.source.body ?? '').digest('hex')));
    return hash;
  };

  const plugin: Plugin = {
    onParse: ({ context }) => {
      const span = child(context, 'graphql.parse');
      return ({ result }) => {
        if (result instanceof Error) {
          failSpan(span, [codeOf(result)]);
          end(context, [codeOf(result)]);
        }
        span.end();
      };
    },
    onValidate: ({ context }) => {
      const span = child(context, 'graphql.validate');
      return ({ result }) => {
        const codes = result.map(codeOf);
        failSpan(span, codes);
        span.end();
        if (codes.length > 0) end(context, codes);
      };
    },
    onExecute: ({ args }) => {
      const span = spanOf(args.contextValue as object);
      const operation = getOperationAST(args.document, args.operationName);
      span.updateName(`${operation?.operation ?? 'query'} ${operation?.name?.value ?? 'anonymous'}`.slice(0, 120));
      span.setAttributes({
        'graphql.operation.type': operation?.operation ?? 'query',
        'graphql.operation.name': (operation?.name?.value ?? 'anonymous').slice(0, 100),
        'graphql.document.sha256': hashOf(args.document),
      });
      return {
        onExecuteDone: ({ result }) => {
          if ('errors' in result || 'data' in result) end(args.contextValue as object, (result.errors ?? []).map(codeOf));
        },
      };
    },
  };
  return {
    plugin,
    callTracer: (initial) => createCallTracer(tracing, spanOf(initial), codeOf),
    traceId: (initial) => traceIds.get(initial),
  };
}
