#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './server/logger.js';
import { exitOnSignals, logUnhandledErrors, startGateway } from './server/start.js';

// While requests wait on HeyGen, V8 may start allocating their short-lived objects in old space
// (allocation-site pretenuring), and peak RSS then jumps by about 150 MB (docs/bench-results.md).
setFlagsFromString('--no-allocation-site-pretenuring');

/** The gateway in front of HeyGen's real API (or any HEYGEN_BASE_URL). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  logUnhandledErrors(logger);
  const running = await startGateway(config, logger);
  // Where it listens is printed whatever LOG_LEVEL says: operators and scripts wait for this line.
  createLogger('info').info(`heygen-graphql-gateway listening on ${running.url}/graphql`, {
    upstream: config.heygenBaseUrl,
    serverApiKey: config.heygenApiKey ? 'set' : 'not set: clients must send X-Api-Key',
    graphiql: config.graphiql ? `${running.url}/graphql` : 'off',
  });
  exitOnSignals(running, logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`heygen-graphql-gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
