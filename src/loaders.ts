import DataLoader from 'dataloader';
import { toQueryString, type CallOptions, type Credentials, type HeyGenClient, type HeyGenResource, type ItemResource } from './heygen/client.js';
import { endedError, type Deadline } from './heygen/deadline.js';
import type { ListQuery } from './heygen/types.js';
import type { UpstreamPage } from './pagination/connection.js';

/**
 * What one GraphQL request spent upstream; reported in `extensions.upstream`. Every HTTP request sent
 * to HeyGen is one call; every load answered without one is one deduplicated load or one cache hit; a
 * load that failed before any request was sent (no credential, breaker open, deadline) counts nowhere.
 */
export interface UpstreamMeter {
  /** HTTP requests sent to HeyGen for this request, each retry included (what HeyGen's request log shows). */
  calls: number;
  /** Loads answered without a call of their own: by this request's loaders (aliases, repeats, items a page brought) or by an identical call in flight. */
  deduplicated: number;
  /** Loads answered by the cross-request cache. */
  cacheHits: number;
}

/** One HeyGen call's span, when the request is traced (server/tracing.ts makes them). */
export interface CallSpan {
  /** Headers to send with the call (`traceparent`), or undefined. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  cacheHit(): void;
  /** The call was an identical one already in flight, joined instead of made. */
  joined(): void;
  sent(): void;
  answered(status: number | 'error'): void;
  /** Ends the span; `error` is why the call failed. */
  end(error?: unknown): void;
}

/** Starts the span of one call: HeyGen's operation and the route template, e.g. `/v3/avatars/{id}`. */
export type CallTracer = (operation: string, route: string) => CallSpan;

/** Told about an upstream enum value the schema does not know yet. */
export type UnknownValueReporter = (enumName: string, value: string) => void;

/** What a by-id loader needs of a resource: its item route, and the model class its item becomes. */
export interface LoadableItem<Item, Model> extends ItemResource<Item> {
  /** Wraps one item as sent; `report` hears of enum values the schema does not know. */
  readonly Model: new (item: Item, report: UnknownValueReporter) => Model;
}

/** What the loaders need of a resource: its routes, and the model class its items become. */
export interface LoadableResource<Query extends ListQuery, Item, Model> extends HeyGenResource<Query, Item>, LoadableItem<Item, Model> {}

/** One resource's loaders for one request. Items come out as models (each wraps HeyGen's item as sent). */
export interface ResourceLoaders<Query extends ListQuery, Model> {
  /** By HeyGen's id; null for a 404. */
  readonly item: DataLoader<string, Model | null>;
  /** List pages, by upstream query. */
  readonly page: DataLoader<Query, UpstreamPage<Model>, string>;
}

export interface Loaders {
  /** This request's loaders for `resource`, made on its first use. */
  of<Query extends ListQuery, Item, Model>(resource: LoadableResource<Query, Item, Model>): ResourceLoaders<Query, Model>;
  /** The by-id loader of a resource that has no list, such as the account (`/v3/users/me`: the id `me`). */
  itemOf<Item, Model>(resource: LoadableItem<Item, Model>): DataLoader<string, Model | null>;
}

export interface LoaderOptions {
  /** Upstream calls in flight at once for this request (Config.maxConcurrencyPerRequest). */
  maxConcurrency: number;
  /** The request's deadline: cancels pending calls, and no retry starts past it; once it ends (or the request is answered) no call starts. */
  deadline?: Deadline;
  /** Counts calls, deduplicated loads and cache hits. */
  meter?: UpstreamMeter;
  /** Ask HeyGen rather than the cross-request cache (the client sent `Cache-Control: no-cache`). @default false */
  fresh?: boolean;
  /** Told about enum values HeyGen sent that the schema does not know. */
  reportUnknown?: UnknownValueReporter;
  /** Makes a span per call when the request is traced. @default none: no span, no cost */
  trace?: CallTracer;
}

/**
 * Builds one request's loaders. Make new ones for every GraphQL request: they cache per credential and
 * must never be shared between requests. List pages prime the by-id loaders, so an item seen in a page
 * costs nothing when it is looked up again.
 */
export function createLoaders(client: HeyGenClient, credentials: Credentials | null, options: LoaderOptions): Loaders {
  const meter = options.meter ?? { calls: 0, deduplicated: 0, cacheHits: 0 };
  const limit = createLimiter(options.maxConcurrency, options.deadline);
  const report = options.reportUnknown ?? (() => {});
  // One object for every call of the request: the client and the cache tell it what happened.
  const call: CallOptions = {
    deadline: options.deadline,
    fresh: options.fresh === true,
    onSent: () => void meter.calls++,
    onCacheHit: () => void meter.cacheHits++,
    onJoined: () => void meter.deduplicated++,
  };
  const cacheMap = <V>() => new CountingMap<V>(meter);
  const { trace } = options;
  /** Runs a call with the request's options, or, when traced, with options of its own that also tell its span. */
  const traced = <T>(operation: string, route: string, run: (options: CallOptions) => Promise<T>): Promise<T> => {
    if (trace === undefined) return run(call);
    const span = trace(operation, route);
    const own: CallOptions = Object.assign({}, call, {
      headers: span.headers,
      onSent: () => (call.onSent?.(), span.sent()),
      onAnswered: (status: number | 'error') => span.answered(status),
      onCacheHit: () => (call.onCacheHit?.(), span.cacheHit()),
      onJoined: () => (call.onJoined?.(), span.joined()),
    });
    return run(own).then(
      (value) => (span.end(), value),
      (error: unknown) => {
        span.end(error);
        throw error;
      },
    );
  };

  // Items that arrived in list pages, by id. A by-id batch first lets the pages in flight land, so an
  // item that a page brings costs no call even when both were asked for in the same tick.
  const pagesInFlight = new Set<Promise<unknown>>();

  const build = <Query extends ListQuery, Item, Model>(resource: LoadableResource<Query, Item, Model>): ResourceLoaders<Query, Model> => {
    const { Model } = resource;
    const seen = new Map<string, Model>();
    const item = new DataLoader<string, Model | null>(
      async (ids) => {
        if (pagesInFlight.size > 0) await Promise.allSettled(pagesInFlight);
        return settle(ids, (id) => {
          const primed = seen.get(id);
          if (primed === undefined) {
            return limit(() => traced(resource.get.operation, `${resource.get.path}/{id}`, (options) => client.get(resource, credentials, id, options))).then((found) =>
              found === null ? null : new Model(found, report),
            );
          }
          meter.deduplicated++;
          return Promise.resolve(primed);
        });
      },
      { cacheMap: cacheMap() },
    );

    const page = new DataLoader<Query, UpstreamPage<Model>, string>(
      (queries) =>
        settle(queries, (query) => {
          const loading = limit(() => traced(resource.list.operation, resource.list.path, (options) => client.list(resource, credentials, query, options))).then((answer): UpstreamPage<Model> => {
            const items: Model[] = [];
            for (const wire of answer.data) {
              const model = new Model(wire, report);
              items.push(model);
              // A later load of the id finds the item in `seen` (no DataLoader.prime: a promise per item
              // per page was a visible cost). Clearing drops any earlier detail answer: a list item is at
              // least as complete (voices).
              const id = resource.idOf(wire);
              seen.set(id, model);
              item.clear(id);
            }
            return { items, hasMore: answer.has_more, nextToken: answer.next_token };
          });
          const landed: Promise<unknown> = loading.then(
            () => pagesInFlight.delete(landed),
            () => pagesInFlight.delete(landed),
          );
          pagesInFlight.add(landed);
          return loading;
        }),
      { cacheKeyFn: toQueryString, cacheMap: cacheMap() },
    );
    return { item, page };
  };

  const made = new Map<object, ResourceLoaders<never, unknown>>();
  const requestLoaders: Loaders = {
    of: <Query extends ListQuery, Item, Model>(resource: LoadableResource<Query, Item, Model>) => {
      let loaders = made.get(resource) as ResourceLoaders<Query, Model> | undefined;
      if (loaders === undefined) {
        loaders = build(resource);
        made.set(resource, loaders as ResourceLoaders<never, unknown>);
      }
      return loaders;
    },
    // A page loader is made for it too, but only a list route would call it, and none is reachable.
    itemOf: <Item, Model>(resource: LoadableItem<Item, Model>) => requestLoaders.of(resource as LoadableResource<never, Item, Model>).item,
  };
  return requestLoaders;
}

/** Runs one call per key at once; a failed key becomes its Error so it never fails the others. */
function settle<K, V>(keys: readonly K[], run: (key: K) => Promise<V>): Promise<(V | Error)[]> {
  return Promise.all(keys.map((key) => run(key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
}

/** A DataLoader cache that counts the loads it answers (priming clears first, so it is not counted). */
class CountingMap<V> extends Map<string, Promise<V>> {
  constructor(private readonly meter: UpstreamMeter) {
    super();
  }

  override get(key: string): Promise<V> | undefined {
    const hit = super.get(key);
    if (hit !== undefined) this.meter.deduplicated++;
    return hit;
  }
}

/** A task waiting for a slot: started, or dropped with the error that says why. */
interface Waiter {
  start(): void;
  drop(error: Error): void;
}

/**
 * Caps how many tasks run at once; the rest wait in order. Once `deadline` ends (it passes, or the
 * request is answered), the waiting tasks are dropped, each rejecting with the deadline's error, and
 * later tasks are refused at once: no call starts for a request nobody waits for.
 */
export function createLimiter(max: number, deadline?: Deadline): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  let waiting: Waiter[] = [];
  deadline?.onEnd(() => {
    const dropped = waiting;
    waiting = [];
    for (const waiter of dropped) waiter.drop(endedError(deadline));
  });
  return async (task) => {
    if (deadline?.ended) throw endedError(deadline);
    if (running < max) running++;
    // A finished task hands its slot straight to the next waiter, so `running` never overshoots.
    else await new Promise<void>((start, drop) => waiting.push({ start, drop }));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next.start();
      else running--;
    }
  };
}
