import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from '../config.js';
import type { HeyGenClient } from '../heygen/client.js';
import { createContextFactory, type Context } from '../graphql/context.js';
import { maskError } from '../graphql/errors.js';
import { createUnknownValueReporter } from '../graphql/models.js';
import { createSchema } from '../graphql/schema.js';
import { createGraphiQLOptions, renderGatewayGraphiQL } from './graphiql.js';
import type { Logger } from './logger.js';
import { useUpstreamCost } from './use-upstream-cost.js';

export interface GatewayDeps {
  client: HeyGenClient;
  logger: Logger;
}

export type Gateway = YogaServerInstance<Record<string, unknown>, Context>;

/**
 * Builds the gateway: /graphql (POST and GET, GraphiQL on a browser GET) and /health. Opens no socket;
 * hand it to `listen`.
 */
export function createGateway(config: Config, deps: GatewayDeps): Gateway {
  return createYoga<Record<string, unknown>, Context>({
    schema: createSchema(),
    context: createContextFactory({
      client: deps.client,
      serverApiKey: config.heygenApiKey,
      maxConcurrencyPerRequest: config.maxConcurrencyPerRequest,
      digitalTwinAvatarType: config.digitalTwinAvatarType,
      reportUnknown: createUnknownValueReporter((message) => deps.logger.warn(message)),
    }),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: deps.logger,
    maskedErrors: { maskError },
    graphiql: config.graphiql ? createGraphiQLOptions(config) : false,
    renderGraphiQL: renderGatewayGraphiQL,
    plugins: [useUpstreamCost()],
  });
}
