import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import type { BreakerOptions } from '../src/heygen/breaker.js';
import type { HeyGenClientOptions } from '../src/heygen/client.js';
import { clientOptionsFrom } from '../src/heygen/from-config.js';
import type { RetryPolicy } from '../src/heygen/retry.js';
import { createLogger } from '../src/server/logger.js';
import { startGateway, type RunningGateway } from '../src/server/start.js';
import { SIMULATOR_KEYS, startSimulator, type Simulator, type SimulatorOptions } from '../src/simulator/server.js';

export { SIMULATOR_KEYS };

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
  /** The raw body, for greps (e.g. that no key leaks). */
  text: string;
}

export interface Stack {
  simulator: Simulator;
  gateway: RunningGateway;
  /** Log lines the gateway wrote. */
  logs: string[];
  /** POSTs a query to /graphql; `headers` default to the demo key. */
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/**
 * Starts the simulator and a gateway on 127.0.0.1 free ports, over real HTTP. Pass `config` to
 * change the gateway (e.g. a short timeout) and `simulator` to change the fake upstream.
 */
export async function startStack(options: { config?: Partial<Config>; simulator?: SimulatorOptions } = {}): Promise<Stack> {
  const simulator = await startSimulator(options.simulator);
  const logs: string[] = [];
  const config: Config = {
    ...DEFAULT_CONFIG,
    port: 0,
    host: '127.0.0.1',
    heygenBaseUrl: simulator.url,
    logLevel: 'debug',
    // Retries wait milliseconds, and the breaker stays out of the way of tests that script many failures.
    heygenRetryBaseMs: 5,
    heygenRetryBudgetMs: 1000,
    breakerFailures: 1000,
    // Tests count upstream calls per request; the cross-request cache is on only where a test asks for it.
    cacheTtlSeconds: 0,
    ...options.config,
  };
  const gateway = await startGateway(config, createLogger(config.logLevel, (line) => logs.push(line)));
  return {
    simulator,
    gateway,
    logs,
    query: async (query, variables, headers = { 'x-api-key': SIMULATOR_KEYS.demo }) => {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      return { status: response.status, text, ...JSON.parse(text) };
    },
    close: async () => {
      await gateway.close(1000);
      await simulator.close();
    },
  };
}

/** The codes of a response's errors, in order. */
export const codesOf = (response: GraphQLResponse) => (response.errors ?? []).map((error) => error.extensions?.code);

/** Overrides of the client's options; `retry` and `breaker` are merged field by field. */
export type ClientOverrides = Partial<Omit<HeyGenClientOptions, 'retry' | 'breaker'>> & { retry?: Partial<RetryPolicy>; breaker?: Partial<BreakerOptions> };

/** The HeyGen client's options as the gateway builds them from DEFAULT_CONFIG, with `overrides` (pass `baseUrl`). */
export function clientOptions(overrides: ClientOverrides = {}): HeyGenClientOptions {
  const defaults = clientOptionsFrom(DEFAULT_CONFIG);
  const { retry, breaker, ...rest } = overrides;
  return { ...defaults, ...rest, retry: { ...defaults.retry, ...retry }, breaker: { ...defaults.breaker, ...breaker } };
}

/** The in-memory cache store's bounds as the gateway sets them by default. */
export const MEMORY_BOUNDS = Object.freeze({ maxEntries: DEFAULT_CONFIG.cacheMaxEntries, maxBytes: DEFAULT_CONFIG.cacheMaxBytes });
