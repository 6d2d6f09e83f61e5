import DataLoader from 'dataloader';
import { toQueryString, type CallOptions, type Credentials, type HeyGenClient } from './heygen/client.js';
import type {
  HeyGenAvatarGroup,
  HeyGenAvatarLook,
  HeyGenListPage,
  HeyGenVoice,
  ListAvatarGroupsQuery,
  ListAvatarLooksQuery,
  ListVoicesQuery,
} from './heygen/types.js';

/** What one GraphQL request spent upstream; reported in `extensions.upstream`. */
export interface UpstreamMeter {
  /** Upstream calls made. */
  calls: number;
  /** Loads answered from this request's loaders instead of a new call (aliases, repeats, primed items). */
  deduplicated: number;
  /** Loads answered by the cross-request cache (or another request's identical call in flight) instead of a call. */
  cacheHits: number;
}

export interface Loaders {
  avatarGroup: DataLoader<string, HeyGenAvatarGroup | null>;
  avatarGroupPage: DataLoader<ListAvatarGroupsQuery, HeyGenListPage<HeyGenAvatarGroup>, string>;
  avatarLook: DataLoader<string, HeyGenAvatarLook | null>;
  avatarLookPage: DataLoader<ListAvatarLooksQuery, HeyGenListPage<HeyGenAvatarLook>, string>;
  voice: DataLoader<string, HeyGenVoice | null>;
  voicePage: DataLoader<ListVoicesQuery, HeyGenListPage<HeyGenVoice>, string>;
}

export interface LoaderOptions {
  /** Upstream calls in flight at once for this request. @default 16 */
  maxConcurrency?: number;
  /** Aborts pending calls when the request is over. */
  signal?: AbortSignal;
  /** Epoch ms after which no retry starts. */
  deadline?: number;
  /** Counts calls, deduplicated loads and cache hits. */
  meter?: UpstreamMeter;
  /** Ask HeyGen rather than the cross-request cache (the client sent `Cache-Control: no-cache`). @default false */
  fresh?: boolean;
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
  const call: CallOptions = { signal: options.signal, deadline: options.deadline, fresh: options.fresh === true, onCacheHit };
  const counted = <T>(run: () => Promise<T>): Promise<T> =>
    limit(() => {
      meter.calls++;
      return run();
    });
  const cacheMap = <V>() => new CountingMap<V>(meter);

  // Items that arrived in list pages, by id. A by-id batch first lets the pages in flight land, so an
  // item that a page brings costs no call even when both were asked for in the same tick.
  const pagesInFlight = new Set<Promise<unknown>>();
  const byId = <T>(get: (id: string) => Promise<T | null>) => {
    const seen = new Map<string, T>();
    const loader = new DataLoader<string, T | null>(
      async (ids) => {
        if (pagesInFlight.size > 0) await Promise.allSettled(pagesInFlight);
        return settle(ids, (id) => {
          const item = seen.get(id);
          if (item === undefined) return counted(() => get(id));
          meter.deduplicated++;
          return Promise.resolve(item);
        });
      },
      { cacheMap: cacheMap() },
    );
    // Replacing any earlier entry: a list item is at least as complete as a detail answer (voices).
    const prime = (id: string, item: T) => {
      seen.set(id, item);
      loader.clear(id).prime(id, item);
    };
    return { loader, prime };
  };

  const pages = <Q extends object, T>(list: (query: Q) => Promise<HeyGenListPage<T>>, prime: (item: T) => void) =>
    new DataLoader<Q, HeyGenListPage<T>, string>(
      (queries) =>
        settle(queries, (query) => {
          const loading = counted(() => list(query)).then((page) => {
            page.data.forEach(prime);
            return page;
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

  const groups = byId((id) => client.getAvatarGroup(credentials, id, call));
  const looks = byId((id) => client.getAvatarLook(credentials, id, call));
  const voices = byId((id) => client.getVoice(credentials, id, call));
  return {
    avatarGroup: groups.loader,
    avatarLook: looks.loader,
    voice: voices.loader,
    avatarGroupPage: pages((query) => client.listAvatarGroups(credentials, query, call), (group) => groups.prime(group.id, group)),
    avatarLookPage: pages((query) => client.listAvatarLooks(credentials, query, call), (look) => looks.prime(look.id, look)),
    voicePage: pages((query) => client.listVoices(credentials, query, call), (voice) => voices.prime(voice.voice_id, voice)),
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
