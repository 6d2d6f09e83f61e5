import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, type Sampler } from '@opentelemetry/sdk-trace-base';
import type { Config } from '../config.js';
import type { Tracing } from './tracing.js';

/*
 * The OpenTelemetry SDK: the provider, sampler and OTLP exporter behind `Tracing` (tracing.ts). It is
 * imported only when an OTLP endpoint is set (start.ts), so a gateway without tracing never loads it
 * (about 15 MB of resident memory).
 */

const propagator = new W3CTraceContextPropagator();
const headerGetter = {
  get: (carrier: { get(name: string): string | null }, key: string) => carrier.get(key) ?? undefined,
  keys: () => [],
};

/** Builds tracing that exports to `endpoint` (OTLP/HTTP), as `config` says. */
export function createTracing(
  endpoint: string,
  config: Pick<Config, 'otelServiceName' | 'otelTracesSampler' | 'otelTracesSamplerArg' | 'otelBspScheduleDelayMs' | 'tracePropagateUpstream'>,
): Tracing {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.otelServiceName }),
    sampler: samplerOf(config.otelTracesSampler, config.otelTracesSamplerArg),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }), { scheduledDelayMillis: config.otelBspScheduleDelayMs })],
  });
  return {
    tracer: provider.getTracer('heygen-graphql-gateway'),
    propagateUpstream: config.tracePropagateUpstream,
    extract: (headers) => propagator.extract(ROOT_CONTEXT, headers, headerGetter),
    inject: (span) => {
      const carrier: Record<string, string> = {};
      propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, { set: (target, key, value) => void (target[key] = value) });
      return carrier;
    },
    shutdown: () => provider.shutdown(),
  };
}

/** The samplers OTEL_TRACES_SAMPLER names; config.ts has checked the name and the ratio. */
function samplerOf(name: Config['otelTracesSampler'], ratio: number): Sampler {
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

