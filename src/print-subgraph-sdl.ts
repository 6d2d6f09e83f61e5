#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from './config.js';
import { NODE_FIELD_MODES, toSubgraphSdl, type NodeFieldMode } from './graphql/federation.js';
import { typeDefs } from './graphql/schema.js';

/**
 * Prints the Federation v2 subgraph SDL to stdout, for a schema registry or a composer:
 * `npm run -s subgraph:sdl > heygen.graphql`. `--node-field omit` leaves out `node` and `nodes`.
 */
function printSubgraphSdl(args: string[]): number {
  let nodeField: string;
  try {
    nodeField = parseArgs({ args, options: { 'node-field': { type: 'string', default: DEFAULT_CONFIG.federationNodeField } } }).values['node-field'];
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\nUsage: print-subgraph-sdl [--node-field shareable|omit]\n`);
    return 2;
  }
  if (!(NODE_FIELD_MODES as readonly string[]).includes(nodeField)) {
    process.stderr.write(`--node-field must be one of ${NODE_FIELD_MODES.join(', ')}, got "${nodeField}"\n`);
    return 2;
  }
  process.stdout.write(toSubgraphSdl(typeDefs, nodeField as NodeFieldMode));
  return 0;
}

process.exitCode = printSubgraphSdl(process.argv.slice(2));
