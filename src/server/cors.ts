import type { CORSOptions } from 'graphql-yoga';
import type { Config } from '../config.js';

/**
 * Which origins' pages may read answers (CORS), the same on both front-ends. Unset, it follows from where
 * the HeyGen credential comes from: with the gateway's own key, a page on another site must not read
 * answers made with that key through a visitor's browser, so no origin is allowed; without one, every
 * caller brings its own key, and any origin may call. `false` sends no CORS headers at all.
 */
export function toCorsOptions(config: Pick<Config, 'corsOrigins' | 'heygenApiKey'>): CORSOptions | false {
  const origins = config.corsOrigins ?? (config.heygenApiKey ? [] : ['*']);
  if (origins.length === 0) return false;
  // The answer depends on the request's credential header, never on cookies, so none are invited.
  return { origin: [...origins], credentials: false };
}
