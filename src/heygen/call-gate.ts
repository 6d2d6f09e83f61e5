import { endedError, type Deadline } from './deadline.js';
import { HeyGenError } from './errors.js';

export interface CallGateOptions {
  /** Calls in flight at once, for the whole process. */
  maxInFlight: number;
  /** Calls waiting for one of those slots; one more fails at once. */
  maxQueued: number;
}

/**
 * The bound on the load one process puts on HeyGen: at most `maxInFlight` calls at once, at most
 * `maxQueued` more waiting (first come, first served), and any call beyond that fails at once instead of
 * queuing without limit. A waiting call leaves the queue, never started, when its request's deadline
 * ends (it passed, or the request was answered).
 */
export interface CallGate {
  /** Runs `call` once a slot is free; rejects with a `CallRefusedError` when the queue is full. */
  run<T>(call: () => Promise<T>, deadline?: Deadline): Promise<T>;
  /** Calls running now. */
  inFlight(): number;
  /** Calls waiting now. */
  queued(): number;
}

/**
 * A call the gate refused because too many were already waiting: no call was made. Its code is
 * `circuit_open` (calls refused to spare HeyGen; UPSTREAM_ERROR to a GraphQL client), it is not retried,
 * and it does not count against HeyGen in the circuit breaker.
 */
export class CallRefusedError extends HeyGenError {
  constructor(maxQueued: number) {
    super('circuit_open', `Too many calls queued for HeyGen in this gateway (${maxQueued} waiting); try again shortly`);
  }
}

/** Whether `error` is the gate's refusal (so not a sign that HeyGen is failing). */
export const isCallRefused = (error: unknown): error is CallRefusedError => error instanceof CallRefusedError;

/** Builds a gate; throws a RangeError for a bound that is not a whole number (maxInFlight at least 1). */
export function createCallGate({ maxInFlight, maxQueued }: CallGateOptions): CallGate {
  if (!(Number.isInteger(maxInFlight) && maxInFlight >= 1 && Number.isInteger(maxQueued) && maxQueued >= 0)) {
    throw new RangeError(`call gate needs maxInFlight >= 1 and maxQueued >= 0, whole numbers; got ${maxInFlight} and ${maxQueued}`);
  }
  let running = 0;
  /** Each waiting call's start. */
  const waiting: (() => void)[] = [];

  // A finished call hands its slot straight to the next waiter, so `running` never overshoots.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  const runNow = <T>(call: () => Promise<T>): Promise<T> => {
    let started: Promise<T>;
    try {
      started = call();
    } catch (error) {
      started = Promise.reject(error);
    }
    return started.then(
      (value) => {
        release();
        return value;
      },
      (error: unknown) => {
        release();
        throw error;
      },
    );
  };

  return {
    run(call, deadline) {
      if (running < maxInFlight) {
        running++;
        return runNow(call);
      }
      if (waiting.length >= maxQueued) return Promise.reject(new CallRefusedError(maxQueued));
      if (deadline?.ended) return Promise.reject(endedError(deadline));
      return new Promise((resolve, reject) => {
        let unregister: (() => void) | undefined;
        const start = () => {
          unregister?.();
          runNow(call).then(resolve, reject);
        };
        waiting.push(start);
        unregister = deadline?.onEnd(() => {
          waiting.splice(waiting.indexOf(start), 1);
          reject(endedError(deadline));
        });
      });
    },
    inFlight: () => running,
    queued: () => waiting.length,
  };
}
