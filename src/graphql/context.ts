import type { Credentials, HeyGenClient } from '../heygen/client.js';
import { Deadline } from '../heygen/deadline.js';
import { createLoaders, type CallTracer, type Loaders, type UpstreamMeter } from '../loaders.js';
import type { UnknownValueReporter } from './models.js';
import type { FilterSettings } from './resources/resource.js';

/** What every resolver gets: this request's credential, loaders and cost meter, and the connections' filter settings. */
export interface Context extends FilterSettings {
  readonly credentials: Credentials | null;
  readonly loaders: Loaders;
  readonly upstream: UpstreamMeter;
  /** Ends the request's deadline: call once the answer is made. Calls not started yet are dropped; calls in flight may finish. */
  readonly dispose: () => void;
}

export interface ContextOptions {
  /** Whole request, ms: then pending upstream calls are aborted and no retry starts. */
  requestDeadlineMs: number;
  client: HeyGenClient;
  /** Used when a request brings no credential of its own. */
  serverApiKey: string | null;
  maxConcurrencyPerRequest: number;
  digitalTwinAvatarType: 'digital_twin' | 'video_avatar';
  /** Told about enum values HeyGen sent that the schema does not know (the models read them). */
  reportUnknown: UnknownValueReporter;
}

/** What the context needs of a request: its headers (a Fetch API Request has them; so does the fast lane). */
export interface RequestLike {
  headers: { get(name: string): string | null };
}

/** Builds the per-request context factory: fresh loaders for every request, never shared; `trace` spans its HeyGen calls. */
export function createContextFactory(options: ContextOptions): (request: RequestLike, trace?: CallTracer) => Context {
  return (request, trace) => {
    const credentials = readCredentials(request.headers, options.serverApiKey);
    const upstream: UpstreamMeter = { calls: 0, deduplicated: 0, cacheHits: 0 };
    // One timer per request; every upstream call of the request shares it.
    const deadline = new Deadline(options.requestDeadlineMs);
    return {
      credentials,
      upstream,
      loaders: createLoaders(options.client, credentials, {
        maxConcurrency: options.maxConcurrencyPerRequest,
        meter: upstream,
        fresh: wantsFresh(request.headers),
        deadline,
        reportUnknown: options.reportUnknown,
        trace,
      }),
      digitalTwinAvatarType: options.digitalTwinAvatarType,
      dispose: () => deadline.dispose(),
    };
  };
}

const NO_CACHE = /(?:^|,)\s*(?:no-cache|no-store|max-age\s*=\s*0)\s*(?:,|$)/i;

/** Whether the client asked for fresh data: `Cache-Control: no-cache` (or `no-store`, `max-age=0`) or `Pragma: no-cache`. */
export function wantsFresh(headers: RequestLike['headers']): boolean {
  const cacheControl = headers.get('cache-control');
  if (cacheControl !== null && NO_CACHE.test(cacheControl)) return true;
  const pragma = headers.get('pragma');
  return pragma !== null && /no-cache/i.test(pragma);
}

const TOKEN = /^[\x21-\x7e]{1,1024}$/;

/**
 * The credential to forward: the client's X-Api-Key, else its `Authorization: Bearer …`, else the
 * server's key. A client that sends a credential header never falls back to the server's key, even
 * when its header is unusable: that answers UNAUTHENTICATED instead.
 */
export function readCredentials(headers: RequestLike['headers'], serverApiKey: string | null): Credentials | null {
  const apiKey = headers.get('x-api-key');
  const authorization = headers.get('authorization');
  if (apiKey !== null) return TOKEN.test(apiKey) ? { header: 'x-api-key', value: apiKey } : null;
  if (authorization !== null) {
    const match = /^Bearer ([\x21-\x7e]+)$/i.exec(authorization);
    return match?.[1] && TOKEN.test(match[1]) ? { header: 'authorization', value: `Bearer ${match[1]}` } : null;
  }
  return serverApiKey ? { header: 'x-api-key', value: serverApiKey } : null;
}
