import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context as TraceContext, type Span, type Tracer } from '@opentelemetry/api';
import type { CallSpan, CallTracer } from '../loaders.js';

/*
 * OpenTelemetry traces, on when an OTLP endpoint is configured (the standard OTEL_* variables, read by
 * config.ts). Nothing is registered globally: the tracer is passed to the pipeline, which makes one
 * span per GraphQL request (continuing the caller's W3C `traceparent`), parse and validate spans when
 * a document is parsed or validated, and one span per HeyGen call under it. No attribute ever holds a
 * key, a token, a variable or the id of an item: operations by name and type, documents by hash, HeyGen
 * calls by route template. This module needs only the OpenTelemetry API; the SDK that exports spans is
 * tracing-sdk.ts, loaded only when tracing is on.
 */

export interface Tracing {
  readonly tracer: Tracer;
  /** Whether to send `traceparent` on to HeyGen (a third party: off unless TRACE_PROPAGATE_UPSTREAM). */
  readonly propagateUpstream: boolean;
  /** The caller's trace, from a request's `traceparent`/`tracestate`; the root context without one. */
  extract(headers: { get(name: string): string | null }): TraceContext;
  /** `traceparent` (and `tracestate`) for `span`, to send on. */
  inject(span: Span): Record<string, string>;
  /** Exports what is buffered, then stops. */
  shutdown(): Promise<void>;
}

/** Marks `span` failed with the `extensions.code` values of its errors; the first becomes its status message. */
export function failSpan(span: Span, codes: readonly string[]): void {
  if (codes.length === 0) return;
  span.setAttribute('graphql.error.codes', [...codes]);
  span.setStatus({ code: SpanStatusCode.ERROR, message: codes[0] });
}

/**
 * The spans of one request's HeyGen calls, under `parent`: named by method and route template, with
 * HeyGen's operation, the status, the attempts made and whether the cache answered (`heygen.cache`:
 * hit, miss, or joined: an identical call in flight answered). `codeOf` turns a
 * failure into the `extensions.code` a client sees.
 */
export function createCallTracer(tracing: Tracing, parent: Span, codeOf: (error: unknown) => string): CallTracer {
  const parentContext = trace.setSpan(ROOT_CONTEXT, parent);
  return (operation, route): CallSpan => {
    const attributes: Attributes = { 'http.request.method': 'GET', 'url.template': route, 'heygen.operation': operation };
    const span = tracing.tracer.startSpan(`GET ${route}`, { kind: SpanKind.CLIENT, attributes }, parentContext);
    let attempts = 0;
    let cache: 'hit' | 'miss' | 'joined' = 'miss';
    return {
      headers: tracing.propagateUpstream ? tracing.inject(span) : undefined,
      cacheHit: () => void (cache = 'hit'),
      joined: () => void (cache = 'joined'),
      sent: () => void attempts++,
      answered: (status) => {
        if (typeof status === 'number') span.setAttribute('http.response.status_code', status);
      },
      end: (error) => {
        span.setAttributes({ 'heygen.attempts': attempts, 'heygen.cache': cache });
        if (error !== undefined) failSpan(span, [codeOf(error)]);
        span.end();
      },
    };
  };
}
