import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import { createLogger } from '../src/server/logger.js';
import { startGateway, type RunningGateway } from '../src/server/start.js';
import { startSimulator, type Simulator } from '../src/simulator/server.js';
import { codesOf, SIMULATOR_KEYS, type GraphQLResponse } from './helpers.js';
import { describeWithRedis, freePort, startRedis } from './redis-server.js';
import { CREATE_VIDEO, expectOneVideo, postsIn, validInput } from './video-helpers.js';

/*
 * Idempotency keys across replicas: two gateways share one Redis (redis-server on a free loopback port)
 * and one simulator, whose request log counts the POSTs. A key claimed on one replica (SET NX) is
 * answered, waited for or refused on the other.
 */

describeWithRedis('idempotency keys shared by replicas on one Redis', 'test/idempotency-redis.test.ts', () => {
  let simulator: Simulator;
  let redisServer: ChildProcess;
  let replicas: RunningGateway[];
  let keys = 0;
  const freshKey = () => `replicated-${++keys}-${Date.now()}`;

  beforeAll(async () => {
    simulator = await startSimulator();
    const port = await freePort();
    redisServer = await startRedis(port);
    const config: Config = {
      ...DEFAULT_CONFIG,
      port: 0,
      host: '127.0.0.1',
      heygenBaseUrl: simulator.url,
      redisUrl: `redis://127.0.0.1:${port}`,
      heygenTimeoutMs: 300,
      cacheTtlSeconds: 0,
      logLevel: 'silent',
    };
    replicas = await Promise.all([startGateway(config, createLogger('silent')), startGateway(config, createLogger('silent'))]);
  });
  afterAll(async () => {
    for (const replica of replicas ?? []) {
      await replica.close(1000);
      await replica.gateway.videos.close();
    }
    await simulator?.close();
    redisServer?.kill();
    if (redisServer) await once(redisServer, 'exit');
  });
  beforeEach(() => simulator.clearRequests());

  const make = async (replica: RunningGateway, input: Record<string, unknown>): Promise<GraphQLResponse> => {
    const response = await fetch(`${replica.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': SIMULATOR_KEYS.demo },
      body: JSON.stringify({ query: CREATE_VIDEO, variables: { input } }),
    });
    const text = await response.text();
    return { status: response.status, text, ...JSON.parse(text) };
  };
  const posts = () => postsIn(simulator.requests);

  it('answers a repeat on the other replica with the first video, with no second POST', async () => {
    const input = validInput({ simulator }, { idempotencyKey: freshKey() });
    const first = await make(replicas[0]!, input);
    const repeat = await make(replicas[1]!, input);
    expect(repeat.data.createVideo).toEqual({ ...first.data.createVideo, replayed: true });
    expect(posts()).toHaveLength(1);
  });

  it('makes one POST for 20 concurrent duplicates spread over both replicas', async () => {
    const input = validInput({ simulator }, { idempotencyKey: freshKey() });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => make(replicas[index % 2]!, input)));
    expectOneVideo(answers);
    expect(posts()).toHaveLength(1);
  });

  it('refuses the key with another input on the other replica', async () => {
    const key = freshKey();
    await make(replicas[0]!, validInput({ simulator }, { idempotencyKey: key }));
    expect(codesOf(await make(replicas[1]!, validInput({ simulator }, { idempotencyKey: key, title: 'Other' })))).toEqual(['BAD_USER_INPUT']);
    expect(posts()).toHaveLength(1);
  });

  it('holds a key in doubt on every replica once a POST went unanswered', async () => {
    const input = validInput({ simulator }, { idempotencyKey: freshKey() });
    simulator.failNext({ method: 'POST', acceptThenHang: true });
    expect(codesOf(await make(replicas[0]!, input))).toEqual(['UPSTREAM_TIMEOUT']);
    expect(codesOf(await make(replicas[1]!, input))).toEqual(['IDEMPOTENCY_IN_DOUBT']);
    expect(posts()).toHaveLength(1);
  });
});
