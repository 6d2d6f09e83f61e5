import { GraphQLError } from 'graphql';
import type { Credentials, HeyGenClient } from '../heygen/client.js';
import { HeyGenError } from '../heygen/errors.js';
import type { HeyGenVideo } from '../heygen/types.js';
import { InputError } from './errors.js';
import { assertResourceId } from './global-id.js';
import type { UnknownValueReporter } from './models.js';
import { resource as videos, VideoModel } from './resources/video.js';

/*
 * `subscription { videoStatus }` over a poll-only API. HeyGen pushes nothing, so the gateway polls GET
 * /v3/videos/{video_id} for its subscribers: one loop per credential and video in this process, however
 * many subscribers follow it. A loop polls every `intervalMs` (through the cache, asking HeyGen and
 * refreshing the cache), sends a new Video to every subscriber when the status or a URL changed, and
 * ends when the video is COMPLETED or FAILED. After errors it backs off (doubling, up to a minute, and
 * never sooner than a 429's Retry-After); a 404 or a refused credential ends it with that error. Each
 * subscription ends, its stream completing, when its client goes away, after `maxFollowMs`, or on
 * `close` (SIGTERM); the loop stops when its last subscriber is gone. Loops are keyed by the credential's
 * hash, so a subscriber only ever joins a loop of its own credential.
 */

/** What a subscriber is sent: the video, or the error that ends its stream. */
export type VideoStatusEvent = VideoModel | Error;

export interface VideoStatusOptions {
  client: HeyGenClient;
  /** Between polls, ms (VIDEO_POLL_INTERVAL_MS). */
  intervalMs: number;
  /** The longest one subscription follows a video, ms (VIDEO_POLL_MAX_MINUTES). */
  maxFollowMs: number;
  /** Subscriptions one credential may hold at once (MAX_SUBSCRIPTIONS). */
  maxPerCredential: number;
  /** Subscriptions this process may hold at once (MAX_SUBSCRIPTIONS_PER_PROCESS). */
  maxPerProcess: number;
  /** The credential's hash (the cache's): loops are keyed by it, never by the credential. */
  hashOf: (credentials: Credentials) => string;
  /** Told about statuses the schema does not know yet. */
  reportUnknown: UnknownValueReporter;
  /** The clock, epoch ms. @default Date.now */
  now?: () => number;
}

export interface VideoStatusHub {
  /** A new subscription's stream of events; throws (RATE_LIMITED, UNAUTHENTICATED…) when it may not start. */
  follow(credentials: Credentials | null, videoId: string): AsyncIterableIterator<VideoStatusEvent>;
  /** Subscriptions open now, and loops polling for them. */
  stats(): { subscriptions: number; loops: number };
  /** Ends every subscription (each stream completes) and refuses new ones; for SIGTERM, before the drain. */
  close(): void;
}

/** One subscriber's stream: events queue until its client reads them; `end` completes it once they are read. */
class Subscriber implements AsyncIterableIterator<VideoStatusEvent> {
  readonly #queue: VideoStatusEvent[] = [];
  #waiting: ((result: IteratorResult<VideoStatusEvent>) => void) | undefined;
  #ended = false;

  constructor(
    readonly until: number,
    private readonly onEnd: (subscriber: Subscriber) => void,
  ) {}

  push(event: VideoStatusEvent): void {
    if (this.#ended) return;
    if (this.#waiting) this.#take({ value: event, done: false });
    else this.#queue.push(event);
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.onEnd(this);
    if (this.#waiting && this.#queue.length === 0) this.#take({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<VideoStatusEvent>> {
    const event = this.#queue.shift();
    if (event !== undefined) return Promise.resolve({ value: event, done: false });
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  /** The client went away (or yoga stopped reading): ends the subscription. */
  return(): Promise<IteratorResult<VideoStatusEvent>> {
    this.#queue.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  #take(result: IteratorResult<VideoStatusEvent>) {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.(result);
  }
}

interface Loop {
  readonly key: string;
  readonly hash: string;
  readonly credentials: Credentials;
  readonly videoId: string;
  readonly subscribers: Set<Subscriber>;
  last: VideoModel | undefined;
  signature: string | undefined;
  timer: NodeJS.Timeout | undefined;
  failures: number;
}

const isSettled = (video: HeyGenVideo) => video.status === 'completed' || video.status === 'failed';
/** What a subscriber is told about: the status and the file URLs. */
const signatureOf = (video: HeyGenVideo) =>
  JSON.stringify([video.status, video.video_url, video.captioned_video_url, video.subtitle_url, video.thumbnail_url, video.gif_url]);
/** Failures that no later poll can mend: the stream ends with them. */
const isFinal = (error: unknown) => !(error instanceof HeyGenError) || ['no_credentials', 'unauthorized', 'forbidden', 'bad_request'].includes(error.code);

const tooMany = (message: string) => new GraphQLError(message, { extensions: { code: 'RATE_LIMITED' } });

/** The longest wait between polls after errors, ms: a stream notices HeyGen's recovery within about a minute. */
const MAX_BACKOFF_MS = 60_000;

/** Builds the hub; it polls only while someone follows a video. */
export function createVideoStatusHub(options: VideoStatusOptions): VideoStatusHub {
  const now = options.now ?? Date.now;
  const loops = new Map<string, Loop>();
  const perCredential = new Map<string, number>();
  let open = 0;
  let closed = false;

  const schedule = (loop: Loop, delayMs: number) => {
    const nextEnd = Math.min(...[...loop.subscribers].map((subscriber) => subscriber.until));
    loop.timer = setTimeout(() => void poll(loop), Math.max(0, Math.min(delayMs, nextEnd - now())));
    loop.timer.unref();
  };
  const backoff = (loop: Loop, error: unknown) => {
    const exponential = Math.min(MAX_BACKOFF_MS, options.intervalMs * 2 ** Math.min(loop.failures, 16));
    const retryAfterMs = error instanceof HeyGenError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 0;
    return Math.max(Math.round(exponential * (0.9 + Math.random() * 0.2)), retryAfterMs);
  };
  const endAll = (loop: Loop, event?: VideoStatusEvent) => {
    for (const subscriber of [...loop.subscribers]) {
      if (event !== undefined) subscriber.push(event);
      subscriber.end();
    }
  };

  async function poll(loop: Loop): Promise<void> {
    loop.timer = undefined;
    for (const subscriber of [...loop.subscribers]) if (subscriber.until <= now()) subscriber.end();
    if (loops.get(loop.key) !== loop) return;
    let video: HeyGenVideo | null;
    try {
      video = await options.client.get(videos, loop.credentials, loop.videoId, { fresh: true });
    } catch (error) {
      if (loops.get(loop.key) !== loop) return;
      if (isFinal(error)) return endAll(loop, error instanceof Error ? error : new Error(String(error)));
      loop.failures++;
      return schedule(loop, backoff(loop, error));
    }
    if (loops.get(loop.key) !== loop) return;
    loop.failures = 0;
    if (video === null) return endAll(loop, new InputError(`videoId ${JSON.stringify(loop.videoId.slice(0, 64))} is not a video HeyGen has for this credential`));
    const signature = signatureOf(video);
    if (signature !== loop.signature) {
      loop.signature = signature;
      loop.last = new VideoModel(video, options.reportUnknown);
      for (const subscriber of loop.subscribers) subscriber.push(loop.last);
    }
    if (isSettled(video)) return endAll(loop);
    schedule(loop, options.intervalMs);
  }

  const leave = (loop: Loop, subscriber: Subscriber) => {
    if (!loop.subscribers.delete(subscriber)) return;
    open--;
    const count = (perCredential.get(loop.hash) ?? 1) - 1;
    if (count > 0) perCredential.set(loop.hash, count);
    else perCredential.delete(loop.hash);
    if (loop.subscribers.size > 0 || loops.get(loop.key) !== loop) return;
    clearTimeout(loop.timer);
    loops.delete(loop.key);
  };

  return {
    follow(credentials, videoId) {
      if (closed) throw new GraphQLError('The gateway is shutting down: subscribe again to go on following the video', { extensions: { code: 'UPSTREAM_ERROR' } });
      if (credentials === null) throw new HeyGenError('no_credentials', 'No HeyGen credential: send your API key in the X-Api-Key header (or Authorization: Bearer <token>).');
      const id = assertResourceId(videoId, 'videoId');
      const hash = options.hashOf(credentials);
      const held = perCredential.get(hash) ?? 0;
      if (held >= options.maxPerCredential) throw tooMany(`this credential already follows ${held} videos here; the limit is ${options.maxPerCredential} (end one first)`);
      if (open >= options.maxPerProcess) throw tooMany(`this gateway already follows ${open} videos; the limit is ${options.maxPerProcess}: try again shortly`);
      const key = `${hash}:${id}`;
      let loop = loops.get(key);
      if (loop === undefined) {
        loop = { key, hash, credentials, videoId: id, subscribers: new Set(), last: undefined, signature: undefined, timer: undefined, failures: 0 };
        loops.set(key, loop);
      }
      const joined = loop;
      const subscriber = new Subscriber(now() + options.maxFollowMs, (ended) => leave(joined, ended));
      joined.subscribers.add(subscriber);
      open++;
      perCredential.set(hash, held + 1);
      if (joined.last !== undefined) subscriber.push(joined.last);
      else if (joined.timer === undefined && joined.subscribers.size === 1) schedule(joined, 0);
      return subscriber;
    },
    stats: () => ({ subscriptions: open, loops: loops.size }),
    close() {
      closed = true;
      for (const loop of [...loops.values()]) {
        clearTimeout(loop.timer);
        endAll(loop);
      }
    },
  };
}
