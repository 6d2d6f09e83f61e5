import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../src/config.js';
import { startSimulator, type Simulator } from '../src/simulator/server.js';
import { SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';

describe('configuration', () => {
  it('has documented defaults', () => {
    expect(loadConfig({})).toEqual(DEFAULT_CONFIG);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      HEYGEN_BASE_URL: 'http://localhost:9999/',
      HEYGEN_API_KEY: ' key ',
      HEYGEN_TIMEOUT_MS: '2500',
      DIGITAL_TWIN_AVATAR_TYPE: 'video_avatar',
      GRAPHIQL: 'false',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      heygenBaseUrl: 'http://localhost:9999',
      heygenApiKey: 'key',
      heygenTimeoutMs: 2500,
      digitalTwinAvatarType: 'video_avatar',
      graphiql: false,
      logLevel: 'warn',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535, got "abc"'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535, got "70000"'],
    [{ HEYGEN_BASE_URL: 'api.heygen.com' }, 'HEYGEN_BASE_URL must be an absolute http(s) URL'],
    [{ HEYGEN_BASE_URL: 'ftp://api.heygen.com' }, 'HEYGEN_BASE_URL must use http or https'],
    [{ HEYGEN_BASE_URL: 'https://api.heygen.com/v3' }, 'HEYGEN_BASE_URL must be an origin with no path'],
    [{ HEYGEN_TIMEOUT_MS: '0' }, 'HEYGEN_TIMEOUT_MS must be a whole number from 1'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of debug, info, warn, error, silent, got "loud"'],
  ])('rejects %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('lists every problem at once', () => {
    expect(() => loadConfig({ PORT: 'x', HEYGEN_BASE_URL: 'nope' })).toThrow(/PORT[\s\S]*HEYGEN_BASE_URL/);
  });
});

describe('http server', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ config: { heygenApiKey: SIMULATOR_KEYS.demo } });
  });
  afterAll(() => stack.close());

  it('answers /health with 200', async () => {
    const response = await fetch(`${stack.gateway.url}/health`);
    expect(response.status).toBe(200);
  });

  it('serves queries over GET', async () => {
    const url = `${stack.gateway.url}/graphql?query=${encodeURIComponent('{ avatarGroups(first: 2) { nodes { name } } }')}`;
    // CSRF prevention: a GET that brings no credential header must carry yoga's.
    const response = await fetch(url, { headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' } });
    const body = await response.json();
    expect(body.data.avatarGroups.nodes).toHaveLength(2);
  });

  it('serves GraphiQL to a browser with no CDN', async () => {
    const response = await fetch(`${stack.gateway.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(html).toMatch(/graphiql/i);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs|esm\.sh/);
  });
});

/** Runs src/main.ts as a real process, as `npm start` would. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/[^/\s"]+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`exited early: ${output}`)));
  });
  url.catch(() => {}); // a test that expects an early exit never awaits the url
  return { child, url, output: () => output };
}

describe('the gateway process', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(() => simulator.close());

  it('stops with a clear message on bad configuration', async () => {
    const main = startMain({ PORT: 'abc', HEYGEN_BASE_URL: 'not a url' });
    const [code] = await once(main.child, 'exit');
    expect(code).toBe(1);
    expect(main.output()).toContain('PORT must be a whole number');
    expect(main.output()).toContain('HEYGEN_BASE_URL must be an absolute http(s) URL');
    expect(main.output()).not.toMatch(/\n\s+at /);
  });

  it('says where it listens and drains requests in flight on SIGTERM, then exits 0', async () => {
    const main = startMain({ PORT: '0', HOST: '127.0.0.1', HEYGEN_BASE_URL: simulator.url, HEYGEN_API_KEY: SIMULATOR_KEYS.demo });
    const url = await main.url;
    expect(main.output()).toContain(simulator.url);
    expect(main.output()).not.toContain(SIMULATOR_KEYS.demo);
    simulator.failNext({ delayMs: 400 });
    const slow = fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ avatarGroups(first: 1) { nodes { name } } }' }),
    });
    while (simulator.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    main.child.kill('SIGTERM');
    const response = await slow;
    expect((await response.json()).data.avatarGroups.nodes).toHaveLength(1);
    const [code] = await once(main.child, 'exit');
    expect(code).toBe(0);
  });
});
