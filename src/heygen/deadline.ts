import { HeyGenError } from './errors.js';

/**
 * One GraphQL request's time limit, shared by all its upstream calls: no retry starts past `at`, and
 * when it passes, the calls still in flight are cancelled. Once the request is answered (`dispose`),
 * no call of it starts either: `ended` is true and `onEnd` callbacks run, while calls already sent may
 * finish (their answers may still fill the cache).
 *
 * An AbortController would do the same, but each one costs an EventTarget, and undici adds and removes
 * a listener per call; on the hot path that was more CPU than the call itself. This is a timer and two
 * sets of callbacks.
 */
export class Deadline {
  /** Epoch ms. */
  readonly at: number;
  #expired = false;
  #ended = false;
  readonly #onExpire = new Set<() => void>();
  readonly #onEnd = new Set<() => void>();
  readonly #timer: NodeJS.Timeout;

  constructor(ms: number) {
    this.at = Date.now() + ms;
    this.#timer = setTimeout(() => this.expire(), ms);
    this.#timer.unref();
  }

  /** True once the deadline has passed (or was ended by `expire`). */
  get expired(): boolean {
    return this.#expired;
  }

  /** True once the deadline has passed or the request was answered: no upstream call may start. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Runs `cancel` when the deadline passes (at once if it has); returns what unregisters it. */
  onExpire(cancel: () => void): () => void {
    return register(this.#onExpire, this.#expired, cancel);
  }

  /** Runs `drop` when the deadline passes or the request is answered (at once if either happened); returns what unregisters it. */
  onEnd(drop: () => void): () => void {
    return register(this.#onEnd, this.#ended, drop);
  }

  /** Ends the deadline now, cancelling whatever is still registered. */
  expire(): void {
    if (this.#expired) return;
    this.#expired = true;
    clearTimeout(this.#timer);
    run(this.#onExpire);
    this.#end();
  }

  /** The request is answered: stops the timer and the calls still waiting to start; cancels none in flight. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#onExpire.clear();
    this.#end();
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    run(this.#onEnd);
  }
}

const noop = () => {};

function register(callbacks: Set<() => void>, already: boolean, callback: () => void): () => void {
  if (already) {
    callback();
    return noop;
  }
  callbacks.add(callback);
  return () => callbacks.delete(callback);
}

function run(callbacks: Set<() => void>): void {
  for (const callback of callbacks) callback();
  callbacks.clear();
}

/** The error of a call cut off by its request's deadline. */
export const deadlineError = () => new HeyGenError('timeout', 'The request ran out of time, so its upstream call was cancelled');

/** The error of a call that had not started when its request was answered (a non-null field failed first, say): it never starts. */
const answeredError = () => new HeyGenError('timeout', 'The request was already answered, so this upstream call was not made');

/** The error for a call that may not start under `deadline`, which has ended. */
export const endedError = (deadline: Deadline) => (deadline.expired ? deadlineError() : answeredError());
