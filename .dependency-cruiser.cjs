/*
 * The layers of STYLE.md, enforced: `npm run lint:deps`. Imports flow one way,
 *
 *   config ← heygen, pagination ← cache ← loaders ← graphql ← server ← entry points
 *
 * and each layer may import only the layers listed for it below (type-only imports count too). The
 * resource declarations (src/graphql/resources/) belong to graphql: the client, cache and loaders take
 * a declaration as a parameter and never import one.
 */

/** Each layer's files, and the layers it may import besides its own. */
const LAYERS = {
  config: { path: '^src/config\\.ts$', may: [] },
  heygen: { path: '^src/heygen/', may: ['config'] },
  pagination: { path: '^src/pagination/', may: [] },
  cache: { path: '^src/cache/', may: ['config', 'heygen', 'pagination'] },
  loaders: { path: '^src/loaders\\.ts$', may: ['config', 'heygen', 'pagination', 'cache'] },
  graphql: { path: '^src/graphql/', may: ['config', 'heygen', 'pagination', 'cache', 'loaders'] },
  server: { path: '^src/server/', may: ['config', 'heygen', 'pagination', 'cache', 'loaders', 'graphql'] },
  'entry points': {
    path: '^src/(main|demo|print-subgraph-sdl)\\.ts$',
    may: ['config', 'heygen', 'pagination', 'cache', 'loaders', 'graphql', 'server', 'simulator'],
  },
  simulator: { path: '^src/simulator/', may: ['wire types'] },
  'wire types': { path: '^src/heygen/types\\.ts$', may: [] },
};

const pathsOf = (names) => names.map((name) => LAYERS[name].path);

/** Core modules that do I/O, which pure code must not import. */
const IO_MODULES = '^(node:)?(fs|net|http|https|http2|dgram|dns|tls|child_process|worker_threads|cluster)(/|$)';

module.exports = {
  forbidden: [
    ...Object.entries(LAYERS).map(([name, layer]) => ({
      name: `layer-${name.replaceAll(' ', '-')}`,
      comment: `${name} may import only ${layer.may.length ? layer.may.join(', ') : 'itself'} from the project (STYLE.md, Layout).`,
      severity: 'error',
      from: { path: layer.path },
      to: { path: '^src/', pathNot: [layer.path, ...pathsOf(layer.may)] },
    })),
    {
      name: 'simulator-only-for-the-demo',
      comment: 'Only src/demo.ts (and the tests) may start the simulator.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/demo\\.ts$', LAYERS.simulator.path] },
      to: { path: LAYERS.simulator.path },
    },
    {
      name: 'entry-points-are-not-imported',
      comment: 'The bins are the top: nothing imports them.',
      severity: 'error',
      from: {},
      to: { path: LAYERS['entry points'].path },
    },
    {
      name: 'heygen-knows-no-graphql',
      comment: 'The upstream client knows nothing of GraphQL.',
      severity: 'error',
      from: { path: LAYERS.heygen.path },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer'], path: 'graphql' },
    },
    {
      name: 'pagination-is-pure',
      comment: 'Paging is pure: no packages (no graphql, no HTTP client) but lru-cache (string-memo.ts), and no I/O modules.',
      severity: 'error',
      from: { path: LAYERS.pagination.path },
      to: { dependencyTypesNot: ['local', 'core'], pathNot: 'node_modules/lru-cache/' },
    },
    {
      name: 'pagination-does-no-io',
      severity: 'error',
      from: { path: LAYERS.pagination.path },
      to: { dependencyTypes: ['core'], path: IO_MODULES },
    },
    {
      name: 'graphql-never-imports-undici',
      comment: 'Upstream HTTP belongs to heygen/.',
      severity: 'error',
      from: { path: LAYERS.graphql.path },
      to: { path: 'undici' },
    },
    {
      name: 'tracing-sdk-loads-on-demand',
      comment: 'The OpenTelemetry SDK is imported only by tracing-sdk.ts, and that only dynamically (start.ts, when tracing is on): a gateway without tracing never loads it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/server/tracing-sdk\\.ts$' },
      to: { path: '@opentelemetry/(core|resources|sdk-|exporter-)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'tracing-sdk-is-imported-dynamically',
      severity: 'error',
      from: {},
      to: { path: '^src/server/tracing-sdk\\.ts$', dynamic: false },
    },
    {
      name: 'ioredis-loads-on-demand',
      comment: 'ioredis is loaded by cache/ioredis.ts when a Redis store is made: a gateway without REDIS_URL never loads it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cache/ioredis\\.ts$' },
      to: { path: 'ioredis', pathNot: '^src/cache/ioredis\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      comment: 'Modules import one way only.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
