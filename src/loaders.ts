import DataLoader from 'dataloader';
import { toQueryString, type CallOptions, type Credentials, type HeyGenClient, type HeyGenResource } from './heygen/client.js';
import type { Deadline } from './heygen/deadline.js';
import type { ListQuery } from './heygen/types.js';
import type { UpstreamPage } from './pagination/connection.js';

/** What one GraphQL request spent upstream; reported in `extensions.upstream`. */
export interface UpstreamMeter {
  /** Upstream calls made. */
  calls: number;
  /** Loads answered from this request's loaders instead of a new call (aliases, repeats, primed items). */
  deduplicated: number;
  /** Loads answered by the cross-request cache (or another request's identical call in flight) instead of a call. */
  cacheHits: number;
}

/** Told about an upstream enum value the schema does not know yet. */
export type UnknownValueReporter = (enumName: string, value: string) => void;

/** What the loaders need of a resource: its routes, and the model class its items become. */
export interface LoadableResource<Query extends ListQuery, Item, Model> extends HeyGenResource<Query, Item> {
  /** Wraps one item as sent; `report` hears of enum values the schema does not know. */
  readonly Model: new (item: Item, report: UnknownValueReporter) => Model;
}

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
}

export interface LoaderOptions {
  /** Upstream calls in flight at once for this request. @default 16 */
  maxConcurrency?: number;
  /** The request's deadline: cancels pending calls, and no retry starts past it. */
  deadline?: Deadline;
  /** Counts calls, deduplicated loads and cache hits. */
  meter?: UpstreamMeter;
  /** Ask HeyGen rather than the cross-request cache (the client sent `Cache-Control: no-cache`). @default false */
  fresh?: boolean;
  /** Told about enum values HeyGen sent that the schema does not know. */
  reportUnknown?: UnknownValueReporter;
}

/**
 * Builds one request's loaders. Make new ones for every GraphQL request: they cache per credential and
 * must never be shared between requests. List pages prime the by-id loaders, so an item seen in a page
 * costs nothing when it is looked up again.
 */
export function createLoaders(client: HeyGenClient, credentials: Credentials | null, options: LoaderOptions = {}): Loaders {
  const meter = options.meter ?? { calls: 0, deduplicated: 0, cacheHits: 0 };
  const limit = createLimiter(options.maxConcurrency ?? 16);
  const report = options.reportUnknown ?? (() => {});
  // A load is counted as a call when it starts; a caching client that answers it moves it to cacheHits.
  const onCacheHit = () => {
    meter.calls--;
    meter.cacheHits++;
  };
  const call: CallOptions = { deadline: options.deadline, fresh: options.fresh === true, onCacheHit };
  const counted = <T>(run: () => Promise<T>): Promise<T> =>
    limit(() => {
      meter.calls++;
      return run();
    });
  const cacheMap = <V>() => new CountingMap<V>(meter);

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
          if (primed === undefined) return counted(() => client.get(resource, credentials, id, call)).then((found) => (found === null ? null : new Model(found, report)));
          meter.deduplicated++;
          return Promise.resolve(primed);
        });
      },
      { cacheMap: cacheMap() },
    );

    const page = new DataLoader<Query, UpstreamPage<Model>, string>(
      (queries) =>
        settle(queries, (query) => {
          const loading = counted(() => client.list(resource, credentials, query, call)).then((answer): UpstreamPage<Model> => {
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
  return {
    of: <Query extends ListQuery, Item, Model>(resource: LoadableResource<Query, Item, Model>) => {
      let loaders = made.get(resource) as ResourceLoaders<Query, Model> | undefined;
      if (loaders === undefined) {
        loaders = build(resource);
        made.set(resource, loaders as ResourceLoaders<never, unknown>);
      }
      return loaders;
    },
  };
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

/** Caps how many tasks run at once; the rest wait in order. */
export function createLimiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running < max) running++;
    // A finished task hands its slot straight to the next waiter, so `running` never overshoots.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
