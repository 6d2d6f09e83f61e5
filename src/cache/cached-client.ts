import { randomUUID } from 'node:crypto';
import { toQueryString, type CallOptions, type Credentials, type HeyGenClient, type HeyGenResource, type ItemRef, type ItemResource, type WriteRequest, type WriteRoute } from '../heygen/client.js';
import { endedError, type Deadline } from '../heygen/deadline.js';
import { isHeyGenError } from '../heygen/errors.js';
import { isRetryable } from '../heygen/retry.js';
import type { HeyGenListPage, ListQuery } from '../heygen/types.js';
import { boundedLru, createCredentialHasher, createExpiringSet, keyPrefix, type MemoryBounds } from './keys.js';
import type { CacheLock, CacheStore } from './store.js';

export interface CachedClientOptions {
  /** HeyGen's origin: part of every key, so deployments sharing a Redis never mix. */
  baseUrl: string;
  /** How long answers live, ms. */
  ttlMs: number;
  /** How long answers live, by resource name (`HeyGenResource.name`), ms, instead of `ttlMs`; 0 leaves that resource uncached (Config.cacheTtlSecondsByResource). */
  ttlMsByResource: Readonly<Record<string, number>>;
  /** Salt of the credential HMAC and the key prefix; set the same on every replica (Config.cacheKeySalt). */
  salt: string;
  /** How long a 404 (null) lives, under the credential's key only, ms; capped by the resource's TTL. @default NOT_FOUND_TTL_MS */
  notFoundTtlMs?: number;
  /** How long a credential HeyGen accepted may read shared entries, ms. @default the longest TTL */
  validatedTtlMs?: number;
  /** The clock, epoch ms. @default Date.now */
  now?: () => number;
  /** Told about each lookup, for metrics. */
  onLookup?: (result: 'hit' | 'miss') => void;
  /**
   * Where nothing is stored (a resource's TTL of 0, or every TTL 0 over `NOTHING_STORED` with the cache
   * off), concurrent identical reads with one credential still share one call while it is in flight
   * (Config.heygenCoalesceReads). @default false
   */
  coalesceUncached?: boolean;
}

/** What one call asks of the cache. */
interface Lookup {
  operation: string;
  /** The resource's name: which TTL applies. */
  resource: string;
  /** The call's arguments, as a key part. */
  argument: string;
  /** Whether the answer holds only public data, so that one entry may serve every caller. */
  shared: boolean;
  /** Whether writes change it (videos): with nothing stored its reads are never shared, since a write on another replica cannot end a flight here. */
  written: boolean;
  /** Ids of public items in the answer, remembered so lookups of them may share entries too. */
  publicIds?: (value: unknown) => readonly string[];
  /** The page's next_token, remembered so the page it asks for may be shared too. */
  nextToken?: (value: unknown) => string | null | undefined;
  /** The longest the answer may live, ms, when shorter than the resource's TTL (the resource's `itemMaxAgeMs`, `pageMaxAgeMs`). */
  maxAgeMs: (value: unknown) => number | undefined;
}

/** A call in flight that identical reads may join: whose credential made it, and of which resource. */
interface Flight {
  hash: string;
  resource: string;
  promise: Promise<unknown>;
}

/** What each in-process memory of the cached client may hold (credentials seen valid, public ids, trusted tokens). */
export const REMEMBERED: MemoryBounds = Object.freeze({ maxEntries: 100_000, maxBytes: 16 * 1024 * 1024 });
/** How long a 404 lives, ms, unless the resource's TTL is shorter: short, since the item may appear at any moment. */
const NOT_FOUND_TTL_MS = 5000;
/** The cross-replica load lock, ms: long enough for a typical HeyGen call, short enough that a holder that died holds up no one for long. */
const LOCK_TTL_MS = 2000;
/** The longest a request waits for another replica's load before calling HeyGen itself, ms. */
const LOCK_WAIT_MS = 1000;
const isPromise = (value: unknown): value is Promise<unknown> => value instanceof Promise;
/**
 * A shared call's failure that a request which joined it does not take as its own answer: the deadline
 * of the request that made the call, or HeyGen failing (5xx, a broken connection) through that call's
 * retries, which a call of its own may not meet. A 429 is the credential's, so it is everyone's.
 */
const notTheJoinersAnswer = (error: unknown) => isHeyGenError(error) && (error.code === 'timeout' || (isRetryable(error) && error.status !== 429));
/** Whether writes change `resource`'s items: the account (`written`), or a resource whose list a write adds to. */
const isWritten = (resource: ItemResource<unknown>) => resource.written === true || ('list' in resource && (resource as HeyGenResource<ListQuery, unknown>).list.writable === true);
/** `promise`'s outcome, or `endedError` as soon as `deadline` ends (the request ran out of time or was answered). */
function untilEnded<T>(promise: Promise<T>, deadline: Deadline): Promise<T> {
  if (deadline.ended) return Promise.reject(endedError(deadline));
  return new Promise<T>((resolve, reject) => {
    const forget = deadline.onEnd(() => reject(endedError(deadline)));
    promise.then(
      (value) => (forget(), resolve(value)),
      (error: unknown) => (forget(), reject(error)),
    );
  });
}

/**
 * Wraps a HeyGenClient with a cross-request cache in `store`, below the per-request loaders. Answers
 * are keyed per credential unless they hold only public data (see keys.ts); a shared entry is served
 * only to a credential HeyGen accepted within `validatedTtlMs`, so a made-up key gets nothing from the
 * cache. Concurrent misses of one key make one call (in process; across replicas with a store `lock`).
 * Errors are never cached. An answer lives its resource's TTL, or less when the resource says so
 * (`itemMaxAgeMs`, `pageMaxAgeMs`). `CallOptions.fresh` skips reads but still writes.
 *
 * Where nothing is kept (a TTL of 0; `NOTHING_STORED` with the cache turned off), `coalesceUncached`
 * still lets concurrent identical reads of one credential make one call, while it is in flight; reads
 * of what writes change (`Lookup.written`) are not shared there.
 */
export function createCachedClient(client: HeyGenClient, store: CacheStore, options: CachedClientOptions): HeyGenClient {
  const now = options.now ?? Date.now;
  const { salt, ttlMsByResource } = options;
  const prefix = keyPrefix(options.baseUrl, salt);
  const hashOf = createCredentialHasher(`heygen-graphql-gateway:${salt}`);
  const ttlOf = (resource: string) => ttlMsByResource[resource] ?? options.ttlMs;
  const validatedTtlMs = options.validatedTtlMs ?? Math.max(options.ttlMs, ...Object.values(ttlMsByResource));
  const notFoundTtlMs = options.notFoundTtlMs ?? NOT_FOUND_TTL_MS;
  const validated = createExpiringSet(REMEMBERED, now);
  const publicIds = createExpiringSet(REMEMBERED, now);
  const trustedTokens = createExpiringSet(REMEMBERED, now);
  // Calls in flight by key: a dictionary object, not a Map. On Node 20 a Map that lives as long as the
  // process, with an entry added and deleted per call, kept each call's answer alive through a second
  // young-generation GC and so into old space (docs/bench-results.md, "What holds memory").
  const inFlight: Record<string, Flight> = Object.create(null);
  // Each credential's latest write to each resource, as a count: a load that a write overtook does not
  // store what it read before the write (`load`). Forgetting a count only ever skips a store.
  const writes = boundedLru<number>(REMEMBERED);
  let writeCount = 0;
  const writeMarkOf = (lookup: Lookup, hash: string) => (lookup.written ? (writes.lru.get(`${hash}:${lookup.resource}`) ?? 0) : 0);
  const remote = store.kind !== 'memory';
  const markerKey = (hash: string) => `${prefix}valid:${hash}`;

  /** Whether `hash` may read shared entries: HeyGen accepted it lately, here or on another replica. */
  const isValidated = (hash: string): boolean | Promise<boolean> => {
    if (validated.has(hash)) return true;
    if (!remote) return false;
    return Promise.resolve(store.get(markerKey(hash))).then((until) => {
      if (typeof until !== 'number' || until <= now()) return false;
      validated.add(hash, until);
      return true;
    });
  };

  const markValidated = (hash: string) => {
    if (validated.expiresAt(hash) - now() > validatedTtlMs / 2) return;
    const until = now() + validatedTtlMs;
    validated.add(hash, until);
    if (remote) store.set(markerKey(hash), until, validatedTtlMs);
  };

  const notePublic = (lookup: Lookup, value: unknown, until: number) => {
    for (const id of lookup.publicIds?.(value) ?? []) publicIds.add(`${lookup.resource}:${id}`, until);
    const token = lookup.nextToken?.(value);
    if (typeof token === 'string' && token.length > 0) trustedTokens.add(`${lookup.resource}:${token}`, until);
  };

  /** Reports a load the cache answered (`counted`: the lookup was already reported as a miss). */
  const hit = (lookup: Lookup, value: unknown, call: CallOptions | undefined, counted = false) => {
    if (!counted) options.onLookup?.('hit');
    call?.onCacheHit?.();
    if (remote) notePublic(lookup, value, now() + ttlOf(lookup.resource));
    return value;
  };

  /** Loads from HeyGen and stores the answer; with `coalesce`, first takes the store's lock or waits for its holder. */
  async function load(lookup: Lookup, key: string, hash: string, ttlMs: number, call: CallOptions | undefined, coalesce: boolean, run: (call: CallOptions | undefined) => Promise<unknown>) {
    let lock: CacheLock | null | undefined;
    if (coalesce && store.lock && store.waitFor) {
      lock = await store.lock(key, LOCK_TTL_MS);
      if (lock === null) {
        const value = await store.waitFor(key, LOCK_WAIT_MS);
        if (value !== undefined) return hit(lookup, value, call, true);
      }
    }
    try {
      const mark = writeMarkOf(lookup, hash);
      const value = await run(call);
      // What was read before a write of this credential to the resource is its answer, not the cache's.
      if (writeMarkOf(lookup, hash) !== mark) return value;
      // Awaited (a no-op wait for memory), so the answer is in a shared store before the client has it.
      if (value !== null) await store.set(key, value, Math.min(ttlMs, lookup.maxAgeMs(value) ?? ttlMs));
      else if (!lookup.shared) await store.set(key, null, Math.min(ttlMs, notFoundTtlMs));
      markValidated(hash);
      notePublic(lookup, value, now() + ttlMs);
      return value;
    } catch (error) {
      if (isHeyGenError(error) && error.code === 'unauthorized') {
        validated.delete(hash);
        if (remote) store.delete(markerKey(hash));
      }
      throw error;
    } finally {
      lock?.release();
    }
  }

  async function through<T>(lookup: Lookup, credentials: Credentials | null, call: CallOptions | undefined, run: (call: CallOptions | undefined) => Promise<T>): Promise<T> {
    if (credentials === null) return run(call);
    const ttlMs = ttlOf(lookup.resource);
    if (!(ttlMs > 0)) {
      if (!options.coalesceUncached || call?.fresh || lookup.written) return run(call);
      // Nothing is kept, so a call is shared only by reads of its own credential while it is in flight.
      const hash = hashOf(credentials);
      return fly(`k.${hash}:${lookup.operation}:${lookup.argument}`, hash, lookup.resource, call, false, run) as Promise<T>;
    }
    const hash = hashOf(credentials);
    const key = `${prefix}${lookup.shared ? 'pub' : `k.${hash}`}:${lookup.operation}:${lookup.argument}`;
    if (call?.fresh) {
      options.onLookup?.('miss');
      return (await load(lookup, key, hash, ttlMs, call, false, run)) as T;
    }
    // A shared entry is for credentials HeyGen accepted; any other asks HeyGen, which then judges it.
    const allowed = !lookup.shared || (await isValidated(hash));
    if (allowed) {
      const stored = store.get(key);
      const value = isPromise(stored) ? await stored : stored;
      if (value !== undefined) return hit(lookup, value, call) as T;
    }
    // Concurrent misses make one call: any accepted credential joins the key's call in flight; one not
    // yet accepted joins only its own credential's, so it never gets an answer HeyGen did not give it.
    const flightKey = allowed ? key : `${key}|${hash}`;
    return fly(flightKey, hash, lookup.resource, call, true, (own) => load(lookup, key, hash, ttlMs, own, allowed, run)) as Promise<T>;
  }

  /**
   * Joins the call in flight under `flightKey`, or makes it with `start` for others to join until it
   * ends or is about to retry: a call waiting to retry (250 ms and more) would hold every request that
   * joined it, when a call of their own would likely answer at once. `counted`: report the join or
   * the call as a cache lookup.
   */
  async function fly(flightKey: string, hash: string, resource: string, call: CallOptions | undefined, counted: boolean, start: (call: CallOptions) => Promise<unknown>, joins = 2): Promise<unknown> {
    const flight = joins > 0 ? inFlight[flightKey] : undefined;
    if (flight !== undefined) {
      try {
        // The joiner waits no longer than its own request may.
        const joined = await (call?.deadline ? untilEnded(flight.promise, call.deadline) : flight.promise);
        if (counted) options.onLookup?.('hit');
        call?.onJoined?.();
        return joined;
      } catch (error) {
        if (call?.deadline?.ended || (flight.hash === hash && !notTheJoinersAnswer(error))) throw error;
        // Once more, joining the call another such request may have made meanwhile; then on its own.
        return fly(flightKey, hash, resource, call, counted, start, joins - 1);
      }
    }
    if (counted) options.onLookup?.('miss');
    const own = { hash, resource } as Flight;
    const onRetry = () => {
      call?.onRetry?.();
      if (inFlight[flightKey] === own) delete inFlight[flightKey];
    };
    own.promise = start(Object.assign({}, call, { onRetry }));
    inFlight[flightKey] = own;
    try {
      return await own.promise;
    } finally {
      if (inFlight[flightKey] === own) delete inFlight[flightKey];
    }
  }

  /**
   * A write by `hash` to `resource` has ended: that credential's reads of it already in flight are no
   * longer shared (a read after the write makes its own call), nor stored when they land.
   */
  const noteWrite = (hash: string, resource: string) => {
    writes.put(`${hash}:${resource}`, ++writeCount);
    for (const flightKey in inFlight) {
      const flight = inFlight[flightKey] as Flight;
      if (flight.hash === hash && flight.resource === resource) delete inFlight[flightKey];
    }
  };

  /**
   * A lookup by id; shared when the id arrived in a public list. `generation` is the credential's
   * generation of a written item (see `generationOf`).
   */
  const byId = <Item>(resource: ItemResource<Item>, id: string, generation = ''): Lookup => ({
    operation: `${resource.get.operation}${generation && `@${generation}`}`,
    resource: resource.name,
    argument: id,
    shared: publicIds.has(`${resource.name}:${id}`),
    written: isWritten(resource),
    maxAgeMs: (value) => resource.itemMaxAgeMs?.(value as Item),
  });
  /**
   * A list page; a public one is shared and teaches which ids are public. HeyGen applies a token's own
   * filters, so a page asked with a token is shared only when HeyGen sent that token in a shared page:
   * a token from a client's cursor may come from a private list, and keys its page per credential.
   * `generation` is the credential's generation of a writable list (see `generationOf`).
   */
  const byList = <Query extends ListQuery, Item>(resource: HeyGenResource<Query, Item>, query: Query, generation = ''): Lookup => {
    const shared = resource.list.isPublic(query) && (query.token === undefined || trustedTokens.has(`${resource.name}:${query.token}`));
    return {
      operation: `${resource.list.keyName ?? resource.list.operation}${generation && `@${generation}`}`,
      resource: resource.name,
      argument: toQueryString(query),
      shared,
      written: resource.list.writable === true,
      maxAgeMs: (value) => resource.pageMaxAgeMs?.(value as HeyGenListPage<Item>),
      ...(shared && {
        publicIds: (value: unknown) => (value as HeyGenListPage<Item>).data.map((item) => resource.idOf(item)),
        nextToken: (value: unknown) => (value as HeyGenListPage<Item>).next_token,
      }),
    };
  };

  /*
   * A write drops the writer's cached pages of the list it changes (a video made or deleted shows at
   * once) and its entries of the items it changes (the video deleted, the account a video spent from),
   * on every replica: these are keyed under the credential's generation of the list, or of the item, a
   * random word in the store that each such write replaces. No entry stored before is read again, nor
   * one stored afterwards by a load on any replica that began before the write (it read the old word).
   */
  const listGenerationKey = (hash: string, resource: string) => `${prefix}k.${hash}:gen:${resource}`;
  const itemGenerationKey = (hash: string, { resource, id }: ItemRef) => `${prefix}k.${hash}:gen:${resource.name}:${id}`;
  const generationOf = async (key: string): Promise<string> => {
    const stored = await store.get(key);
    return typeof stored === 'string' ? stored : '';
  };
  const renew = (key: string, resource: ItemResource<unknown>) => {
    const ttlMs = ttlOf(resource.name);
    return ttlMs > 0 ? store.set(key, randomUUID(), ttlMs) : undefined;
  };
  const dropWritten = async (hash: string, changes: ItemResource<unknown> | undefined, id: string | undefined, alsoChanges: readonly ItemRef[]) => {
    const items = changes && id !== undefined ? [{ resource: changes, id }, ...alsoChanges] : alsoChanges;
    await Promise.all([
      changes && renew(listGenerationKey(hash, changes.name), changes),
      ...items.map((item) => renew(itemGenerationKey(hash, item), item.resource)),
    ]);
  };

  return {
    list: (resource, credentials, query, call) => {
      const run = (options: CallOptions | undefined) => client.list(resource, credentials, query, options);
      if (!resource.list.writable || credentials === null || !(ttlOf(resource.name) > 0) || resource.list.isPublic(query)) return through(byList(resource, query), credentials, call, run);
      return generationOf(listGenerationKey(hashOf(credentials), resource.name)).then((generation) => through(byList(resource, query, generation), credentials, call, run));
    },
    get: (resource, credentials, id, call) => {
      const run = (options: CallOptions | undefined) => client.get(resource, credentials, id, options);
      if (!isWritten(resource) || credentials === null || !(ttlOf(resource.name) > 0)) return through(byId(resource, id), credentials, call, run);
      return generationOf(itemGenerationKey(hashOf(credentials), { resource, id })).then((generation) => through(byId(resource, id, generation), credentials, call, run));
    },
    write: async <Data>(route: WriteRoute, credentials: Credentials | null, request: WriteRequest, call?: CallOptions) => {
      const { changes, alsoChanges = [] } = route;
      if (credentials === null || (!changes && alsoChanges.length === 0)) return client.write<Data>(route, credentials, request, call);
      const hash = hashOf(credentials);
      // Even a write that failed may have happened at HeyGen: reads after it make their own calls.
      const ended = () => {
        if (changes) noteWrite(hash, changes.name);
        for (const { resource } of alsoChanges) noteWrite(hash, resource.name);
      };
      const answer = await client.write<Data>(route, credentials, request, call).finally(ended);
      await dropWritten(hash, changes, request.id, alsoChanges);
      return answer;
    },
    breakerState: () => client.breakerState(),
    close: () => client.close(),
  };
}
