import DataLoader from 'dataloader';
import { AvatarGroupModel, AvatarLookModel, VoiceModel, type UnknownValueReporter } from './graphql/models.js';
import { toQueryString, type CallOptions, type Credentials, type HeyGenClient } from './heygen/client.js';
import type { Deadline } from './heygen/deadline.js';
import type { HeyGenListPage, ListAvatarGroupsQuery, ListAvatarLooksQuery, ListVoicesQuery } from './heygen/types.js';
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

/** Items come out as the models GraphQL reads (each wraps HeyGen's item as sent). */
export interface Loaders {
  avatarGroup: DataLoader<string, AvatarGroupModel | null>;
  avatarGroupPage: DataLoader<ListAvatarGroupsQuery, UpstreamPage<AvatarGroupModel>, string>;
  avatarLook: DataLoader<string, AvatarLookModel | null>;
  avatarLookPage: DataLoader<ListAvatarLooksQuery, UpstreamPage<AvatarLookModel>, string>;
  voice: DataLoader<string, VoiceModel | null>;
  voicePage: DataLoader<ListVoicesQuery, UpstreamPage<VoiceModel>, string>;
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
  const byId = <T, M>(get: (id: string) => Promise<T | null>, model: (item: T) => M) => {
    const seen = new Map<string, M>();
    const loader = new DataLoader<string, M | null>(
      async (ids) => {
        if (pagesInFlight.size > 0) await Promise.allSettled(pagesInFlight);
        return settle(ids, (id) => {
          const item = seen.get(id);
          if (item === undefined) return counted(() => get(id)).then((found) => (found === null ? null : model(found)));
          meter.deduplicated++;
          return Promise.resolve(item);
        });
      },
      { cacheMap: cacheMap() },
    );
    // A later load of the id finds the item in `seen` (no DataLoader.prime: a promise per item per
    // page was a visible cost). Clearing drops any earlier detail answer: a list item is at least as
    // complete (voices).
    const prime = (id: string, item: M) => {
      seen.set(id, item);
      loader.clear(id);
    };
    return { loader, prime };
  };

  const pages = <Q extends object, T, M>(list: (query: Q) => Promise<HeyGenListPage<T>>, model: (item: T) => M, prime: (item: M) => void) =>
    new DataLoader<Q, UpstreamPage<M>, string>(
      (queries) =>
        settle(queries, (query) => {
          const loading = counted(() => list(query)).then((page): UpstreamPage<M> => {
            const items = page.data.map(model);
            items.forEach(prime);
            return { items, hasMore: page.has_more, nextToken: page.next_token };
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

  const report = options.reportUnknown ?? (() => {});
  const group = (item: AvatarGroupModel['wire']) => new AvatarGroupModel(item, report);
  const look = (item: AvatarLookModel['wire']) => new AvatarLookModel(item, report);
  const voice = (item: VoiceModel['wire']) => new VoiceModel(item, report);
  const groups = byId((id) => client.getAvatarGroup(credentials, id, call), group);
  const looks = byId((id) => client.getAvatarLook(credentials, id, call), look);
  const voices = byId((id) => client.getVoice(credentials, id, call), voice);
  return {
    avatarGroup: groups.loader,
    avatarLook: looks.loader,
    voice: voices.loader,
    avatarGroupPage: pages((query) => client.listAvatarGroups(credentials, query, call), group, (item) => groups.prime(item.wire.id, item)),
    avatarLookPage: pages((query) => client.listAvatarLooks(credentials, query, call), look, (item) => looks.prime(item.wire.id, item)),
    voicePage: pages((query) => client.listVoices(credentials, query, call), voice, (item) => voices.prime(item.wire.voice_id, item)),
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
