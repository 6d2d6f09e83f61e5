import { createHash, randomUUID } from 'node:crypto';
import type { Credentials } from '../heygen/client.js';
import type { IdempotencyRecord, IdempotencyStore } from './idempotency-store.js';
import { createCredentialHasher, keyPrefix } from './keys.js';

/*
 * Idempotency keys for a write HeyGen cannot deduplicate itself: POST /v3/videos takes no key and
 * charges every video it accepts. A key is scoped to its credential (hashed as the cache's keys are) and
 * lives `ttlMs`. Its record is claimed before the call, with SET NX: of any number of callers, on any
 * replica, one wins and calls; the rest wait for its record to settle. Callers in this process join the
 * winner's promise instead of polling. The record then says, for every repeat:
 *
 *   done       HeyGen answered: the repeat gets that answer, and no call is made.
 *   in doubt   the call may have reached HeyGen, but no answer came back (a timeout, a broken connection,
 *              a 5xx): the repeat is refused, never guessed, and the key never calls again.
 *   (dropped)  the call failed before HeyGen could act on it (a 4xx, a 429, a refused connection, the
 *              breaker): the key is free, and a repeat calls.
 *
 * A pending record whose owner vanished (its process died mid-call) counts as in doubt once its lease,
 * the longest a call can take, has passed. Each record also holds a hash of its input, so the same key
 * with another input is refused rather than answered with another video.
 */

/** Why an idempotent call was refused (`code`): each maps to a GraphQL code in graphql/errors.ts. */
export type IdempotencyErrorCode =
  /** The key was used with another input. */
  | 'conflict'
  /** The key's first call may have reached HeyGen with no answer back. */
  | 'in_doubt'
  /** The store of records cannot answer, so the key cannot be checked. */
  | 'unavailable'
  /** The caller ran out of time waiting for the key's first call, still running elsewhere. */
  | 'busy';

/** An idempotent call refused without calling HeyGen; branch on `code`. Its message says what to do next. */
export class IdempotencyError extends Error {
  override readonly name = 'IdempotencyError';
  constructor(
    readonly code: IdempotencyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Whether `error` is an IdempotencyError (graphql/errors.ts maps its code). */
export const isIdempotencyError = (error: unknown): error is IdempotencyError => error instanceof IdempotencyError;

export interface IdempotencyOptions {
  /** HeyGen's origin and the cache's salt: records sit under the cache's key prefix. */
  baseUrl: string;
  /** Salt of the credential hash, as the cache's (Config.cacheKeySalt). */
  salt: string;
  /** How long a key is remembered, ms. */
  ttlMs: number;
  /** The longest one call can take, ms: a pending record older than this is taken for in doubt. */
  leaseMs: number;
  /** The clock, epoch ms. @default Date.now */
  now?: () => number;
}

/** What an idempotent call answered: HeyGen's answer, and whether an earlier call made it. */
export interface IdempotentOutcome<T> {
  readonly result: T;
  readonly replayed: boolean;
}

export interface IdempotentCall<T> {
  readonly credentials: Credentials;
  /** The client's key (already checked for length and characters). */
  readonly key: string;
  /** What is asked, as JSON: a repeat must ask the same. */
  readonly input: object;
  /** Makes the call; its answer must be JSON. */
  readonly call: () => Promise<T>;
  /** Whether a failure of `call` leaves its outcome unknown (it may have reached HeyGen). */
  readonly isUnknownOutcome: (error: unknown) => boolean;
  /** Epoch ms: the longest this caller waits for another one's call. */
  readonly waitUntil: number;
}

export interface Idempotency {
  /** Runs `request.call` at most once per credential and key (see the top of this file). */
  run<T>(request: IdempotentCall<T>): Promise<IdempotentOutcome<T>>;
}

const conflict = () => new IdempotencyError('conflict', 'idempotencyKey was used with another input: send the same input to repeat a call, or a new key for a new one');
const inDoubt = () =>
  new IdempotencyError(
    'in_doubt',
    "The first call with this idempotencyKey may have made its video, but HeyGen's answer never came: look for it in `videos` before making it again with a new idempotencyKey. This key will not call HeyGen again.",
  );
const unavailable = () => new IdempotencyError('unavailable', 'The store of idempotency keys is not answering, so no call was made: try again shortly with the same idempotencyKey');
const busy = () => new IdempotencyError('busy', 'The first call with this idempotencyKey is still running: try again shortly with the same key');

/** JSON with every object's keys sorted, so equal inputs hash equally whatever their key order. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : typeof value === 'object' && value !== null
      ? `{${Object.keys(value)
          .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
          .join(',')}}`
      : JSON.stringify(value);
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 32);

/** How often a caller looks at another replica's pending record, ms: short beside the call it waits for. */
const POLL_MS = 25;

/** Builds the runner over `store`; in-process callers of one key share one call. */
export function createIdempotency(store: IdempotencyStore, options: IdempotencyOptions): Idempotency {
  const now = options.now ?? Date.now;
  const prefix = `${keyPrefix(options.baseUrl, options.salt)}idem:`;
  const hashOf = createCredentialHasher(`heygen-graphql-gateway:${options.salt}`);
  const flights = new Map<string, { input: string; promise: Promise<IdempotentOutcome<unknown>> }>();
  const checked = <T>(operation: () => Promise<T>): Promise<T> => operation().catch(() => Promise.reject(unavailable()));

  /** The record once no live call holds it: undefined when the key was dropped meanwhile. */
  const settledRecord = async (id: string, input: string, waitUntil: number): Promise<IdempotencyRecord | undefined> => {
    for (;;) {
      const record = await checked(() => store.get(id));
      if (record?.state !== 'pending' || record.input !== input) return record;
      if (record.leaseUntil <= now()) return { state: 'in_doubt', input };
      if (now() + POLL_MS > waitUntil) throw busy();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };

  /** Calls under a claimed record, then settles it: done, in doubt, or dropped. */
  const own = async <T>(id: string, owner: string, input: string, request: IdempotentCall<T>): Promise<T> => {
    const settle = (record: IdempotencyRecord | null) => store.settle(id, owner, record, options.ttlMs).catch(() => {});
    try {
      const result = await request.call();
      await settle({ state: 'done', input, result });
      return result;
    } catch (error) {
      await settle(request.isUnknownOutcome(error) ? { state: 'in_doubt', input } : null);
      throw error;
    }
  };

  const claimAndRun = async <T>(id: string, input: string, request: IdempotentCall<T>): Promise<IdempotentOutcome<T>> => {
    const owner = randomUUID();
    for (let attempt = 0; attempt < 3; attempt++) {
      const pending: IdempotencyRecord = { state: 'pending', input, owner, leaseUntil: now() + options.leaseMs };
      if (await checked(() => store.claim(id, pending, options.ttlMs))) return { result: await own(id, owner, input, request), replayed: false };
      const record = await settledRecord(id, input, request.waitUntil);
      if (record === undefined) continue;
      if (record.input !== input) throw conflict();
      if (record.state === 'done') return { result: record.result as T, replayed: true };
      throw inDoubt();
    }
    throw busy();
  };

  return {
    async run<T>(request: IdempotentCall<T>): Promise<IdempotentOutcome<T>> {
      const id = `${prefix}${hashOf(request.credentials)}:${sha256(request.key)}`;
      const input = sha256(canonical(request.input));
      const flight = flights.get(id);
      if (flight !== undefined) {
        if (flight.input !== input) throw conflict();
        try {
          return Object.assign({}, (await flight.promise) as IdempotentOutcome<T>, { replayed: true });
        } catch (error) {
          throw request.isUnknownOutcome(error) ? inDoubt() : error;
        }
      }
      const promise = claimAndRun(id, input, request);
      flights.set(id, { input, promise });
      try {
        return await promise;
      } finally {
        flights.delete(id);
      }
    },
  };
}
