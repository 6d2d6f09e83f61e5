import type { RequestListener, ServerResponse } from 'node:http';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from '../config.js';
import type { HeyGenClient } from '../heygen/client.js';
import { createContextFactory, type Context } from '../graphql/context.js';
import { maskError } from '../graphql/errors.js';
import { createUnknownValueReporter } from '../graphql/models.js';
import { createSchema } from '../graphql/schema.js';
import { createVideoServices, withVideoServices, type VideoServices } from '../graphql/video-services.js';
import { toCorsOptions } from './cors.js';
import { createGraphiQLOptions, renderGatewayGraphiQL } from './graphiql.js';
import { createJsonFrontEnd } from './json-front-end.js';
import type { Logger } from './logger.js';
import type { Observability } from './observability.js';
import { useCompiledExecution } from './use-compiled-execution.js';
import { useDocumentCache } from './use-document-cache.js';
import { useLimits } from './use-limits.js';
import { useRequestReport } from './use-request-report.js';
import { useTrustedDocuments } from './use-trusted-documents.js';
import { createRequestTracing } from './use-tracing.js';
import type { Tracing } from './tracing.js';
import { assertTrustedDocuments, type TrustedDocuments } from './trusted-documents.js';

export interface GatewayDeps {
  client: HeyGenClient;
  logger: Logger;
  observability: Observability;
  /** The manifest PERSISTED_DOCUMENTS names, read at start-up (trusted-documents.ts). @default none */
  trustedDocuments?: TrustedDocuments;
  /** OpenTelemetry, when an OTLP endpoint is set (tracing.ts). @default none: nothing is traced */
  tracing?: Tracing | null;
}

export interface Gateway {
  /** The one GraphQL pipeline, and the front-end for everything but JSON operations. */
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  /** The node listener to serve: JSON operations through the pipeline directly, the rest through yoga. */
  handler: RequestListener;
  /**
   * What the mutations and `videoStatus` keep. On shutdown call `videos.status.close()` before draining
   * (it ends every subscription's stream), and `videos.close()` after (the idempotency records' Redis).
   */
  videos: VideoServices;
}

const ENDPOINT = '/graphql';

/**
 * Builds the gateway: /graphql (POST and GET, GraphiQL on a browser GET), /health, /ready and /metrics.
 * All GraphQL behaviour is yoga's plugin list; the JSON front-end only reads and writes HTTP. Opens no
 * socket; hand `handler` to `listen`.
 */
export function createGateway(config: Config, deps: GatewayDeps): Gateway {
  const schema = createSchema({ nodeField: config.federationNodeField });
  const reportUnknown = createUnknownValueReporter((message) => deps.logger.warn(message));
  const createContext = createContextFactory({
    client: deps.client,
    serverApiKey: config.heygenApiKey,
    maxConcurrencyPerRequest: config.maxConcurrencyPerRequest,
    requestDeadlineMs: config.requestDeadlineMs,
    digitalTwinAvatarType: config.digitalTwinAvatarType,
    reportUnknown,
  });
  const videos = createVideoServices(config, { client: deps.client, reportUnknown });
  const cors = toCorsOptions(config);
  const traces = deps.tracing ? createRequestTracing(deps.tracing) : undefined;
  const documents = useDocumentCache({ maxBytes: config.documentCacheMaxBytes });
  const manifest = deps.trustedDocuments ?? new Map<string, string>();
  assertTrustedDocuments(manifest, schema);
  const trusted = useTrustedDocuments({
    manifest,
    only: config.persistedDocumentsOnly,
    bypassToken: config.persistedDocumentsBypassToken,
    apqMaxBytes: config.apqMaxBytes,
  });
  // GraphiQL sends new documents: with trusted documents only, it is served only where a bypass token can let them through.
  const graphiql = config.graphiql && (!config.persistedDocumentsOnly || config.persistedDocumentsBypassToken !== null);
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    // The initial context is extended in place, so it stands for the request in every hook (use-tracing.ts).
    context: (initial) => withVideoServices(createContext(initial.request, traces?.callTracer(initial)), videos),
    graphqlEndpoint: ENDPOINT,
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: deps.logger,
    maskedErrors: { maskError },
    cors,
    maxRequestBodySize: config.maxBodyBytes,
    parserAndValidationCache: false,
    graphiql: graphiql ? createGraphiQLOptions(config) : false,
    renderGraphiQL: renderGatewayGraphiQL,
    batching: false,
    extraParamNames: ['documentId'],
    plugins: [
      // First: it turns an id into the document text every later step reads, and is the CSRF check.
      trusted,
      documents,
      useCompiledExecution(),
      useRequestReport(deps.observability.onRequest, traces?.traceId),
      traces?.plugin ?? {},
      // /health says the process is alive; /ready says whether it can serve: not while HeyGen's breaker is open.
      useReadinessCheck({ endpoint: '/ready', check: () => deps.client.breakerState() !== 'open' }),
      // Last, so the request report still sees a request it refuses.
      useLimits(schema, config),
    ],
  });
  const front = createJsonFrontEnd({
    yoga,
    documents,
    trusted,
    endpoint: ENDPOINT,
    maxBodyBytes: config.maxBodyBytes,
    cors,
    fallback: (request, response, body) => {
      if (body === undefined) return void yoga(request, response);
      replayToYoga(yoga, request, response, body).catch((error: unknown) => {
        deps.logger.error('replaying a request to yoga failed', error);
        response.destroy();
      });
    },
  });
  const handler: RequestListener = (request, response) => {
    if (request.url === '/metrics' && request.method === 'GET') return serveMetrics(deps.observability, response, deps.logger);
    front(request, response);
  };
  return { yoga, handler, videos };
}

/** Prometheus metrics in the text exposition format; a failure to collect them is logged and answered 500. */
function serveMetrics(observability: Observability, response: ServerResponse, logger: Logger): void {
  observability.registry
    .metrics()
    .then((text) => void response.writeHead(200, { 'content-type': observability.registry.contentType }).end(text))
    .catch((error: unknown) => {
      logger.error('collecting metrics failed', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('collecting metrics failed\n');
      else response.destroy();
    });
}

/**
 * Hands a request whose body was already read to yoga, through its Fetch API entry. The answer is
 * streamed as yoga makes it (a subscription's events go out as they happen), and a client that goes
 * away cancels it, which ends the subscription.
 */
async function replayToYoga(yoga: Gateway['yoga'], request: Parameters<RequestListener>[0], response: ServerResponse, body: Buffer): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const answer = await yoga.fetch(`http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`, { method: request.method, headers, body });
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  if (answer.body === null) return void response.end();
  const reader = answer.body.getReader();
  response.once('close', () => void reader.cancel().catch(() => {}));
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (!response.write(chunk.value)) await drainedOrClosed(response);
    if (response.destroyed) return;
  }
  response.end();
}

/** Resolves when `response` can take more, or has closed (then nothing more will be written). */
function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done).off('close', done);
      resolve();
    };
    response.on('drain', done).on('close', done);
  });
}
