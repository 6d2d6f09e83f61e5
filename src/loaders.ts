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
  /** Counts calls and deduplicated loads. */
  meter?: UpstreamMeter;
}

/**
 * Builds one request's loaders. Make new ones for every GraphQL request: they cache per credential and
 * must never be shared between requests. List pages prime the by-id loaders, so an item seen in a page
 * costs nothing when it is looked up again.
 */
export function createLoaders(client: HeyGenClient, credentials: Credentials | null, options: LoaderOptions = {}): Loaders {
  const meter = options.meter ?? { calls: 0, deduplicated: 0 };
  const limit = createLimiter(options.maxConcurrency ?? 16);
  const call: CallOptions = options.signal ? { signal: options.signal } : {};
  const counted = <T>(run: () => Promise<T>): Promise<T> =>
    limit(() => {
      meter.calls++;
      return run();
    });
  const cacheMap = <V>() => new CountingMap<V>(meter);

  const byId = <T>(get: (id: string) => Promise<T | null>) =>
    new DataLoader<string, T | null>((ids) => settle(ids, (id) => counted(() => get(id))), { cacheMap: cacheMap() });

  const pages = <Q extends object, T>(list: (query: Q) => Promise<HeyGenListPage<T>>, prime: (item: T) => void) =>
    new DataLoader<Q, HeyGenListPage<T>, string>(
      (queries) =>
        settle(queries, async (query) => {
          const page = await counted(() => list(query));
          page.data.forEach(prime);
          return page;
        }),
      { cacheKeyFn: toQueryString, cacheMap: cacheMap() },
    );

  const avatarGroup = byId((id) => client.getAvatarGroup(credentials, id, call));
  const avatarLook = byId((id) => client.getAvatarLook(credentials, id, call));
  const voice = byId((id) => client.getVoice(credentials, id, call));
  return {
    avatarGroup,
    avatarLook,
    voice,
    avatarGroupPage: pages((query) => client.listAvatarGroups(credentials, query, call), (group) => avatarGroup.clear(group.id).prime(group.id, group)),
    avatarLookPage: pages((query) => client.listAvatarLooks(credentials, query, call), (look) => avatarLook.clear(look.id).prime(look.id, look)),
    // Priming replaces any detail answer: a list item has `type` and `support_locale`, a detail has not.
    voicePage: pages((query) => client.listVoices(credentials, query, call), (item) => voice.clear(item.voice_id).prime(item.voice_id, item)),
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
