#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './server/logger.js';
import { exitOnSignals, logUnhandledErrors, startGateway } from './server/start.js';
import { SIMULATOR_KEYS, startSimulator } from './simulator/server.js';

// While requests wait on HeyGen, V8 may start allocating their short-lived objects in old space
// (allocation-site pretenuring), and peak RSS then jumps by about 150 MB (docs/bench-results.md).
setFlagsFromString('--no-allocation-site-pretenuring');

/** The gateway wired to the embedded HeyGen simulator, with the demo key as its own key: explore offline. */
async function demo(): Promise<void> {
  const simulator = await startSimulator({ latencyMs: Number(process.env.SIMULATOR_LATENCY_MS ?? 0) || 0 });
  let config;
  try {
    config = loadConfig({ HOST: '127.0.0.1', ...process.env }, { heygenBaseUrl: simulator.url, heygenApiKey: SIMULATOR_KEYS.demo, graphiqlApiKey: SIMULATOR_KEYS.demo });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  logUnhandledErrors(logger);
  const running = await startGateway(config, logger);
  process.stdout.write(
    [
      '',
      `  HeyGen GraphQL Gateway (demo, on the embedded HeyGen simulator at ${simulator.url})`,
      `  GraphiQL:  ${running.url}/graphql`,
      `  Demo key:  ${SIMULATOR_KEYS.demo} (the gateway's own key here, so requests need no header)`,
      `  Try:       curl -s ${running.url}/graphql -H 'content-type: application/json' -d '{"query":"{ avatarGroups(first: 3) { nodes { name } } }"}'`,
      '',
    ].join('\n') + '\n',
  );
  exitOnSignals({ close: async () => (await running.close(), await simulator.close()) }, logger);
}

demo().catch((error: unknown) => {
  process.stderr.write(`demo failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
