import { HeyGenError } from './errors.js';

/**
 * One GraphQL request's time limit, shared by all its upstream calls: no retry starts past `at`, and
 * when it passes, the calls still in flight are cancelled.
 *
 * An AbortController would do the same, but each one costs an EventTarget, and undici adds and removes
 * a listener per call; on the hot path that was more CPU than the call itself. This is a timer and a
 * set of callbacks.
 */
export class Deadline {
  /** Epoch ms. */
  readonly at: number;
  #expired = false;
  readonly #onExpire = new Set<() => void>();
  readonly #timer: NodeJS.Timeout;

  constructor(ms: number) {
    this.at = Date.now() + ms;
    this.#timer = setTimeout(() => this.expire(), ms);
    this.#timer.unref();
  }

  get expired(): boolean {
    return this.#expired;
  }

  /** Runs `cancel` when the deadline passes (at once if it has); returns what unregisters it. */
  onExpire(cancel: () => void): () => void {
    if (this.#expired) {
      cancel();
      return noop;
    }
    this.#onExpire.add(cancel);
    return () => this.#onExpire.delete(cancel);
  }

  /** Ends the deadline now, cancelling whatever is still registered. */
  expire(): void {
    if (this.#expired) return;
    this.#expired = true;
    clearTimeout(this.#timer);
    for (const cancel of this.#onExpire) cancel();
    this.#onExpire.clear();
  }

  /** The request is answered: stops the timer, cancels nothing. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#onExpire.clear();
  }
}

const noop = () => {};

/** The error of a call cut off by its request's deadline. */
export const deadlineError = () => new HeyGenError('timeout', 'The request ran out of time, so its upstream call was cancelled');
