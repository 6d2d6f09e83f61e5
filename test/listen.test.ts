import { connect, type Socket } from 'node:net';
import { Client } from 'undici';
import { describe, expect, it } from 'vitest';
import { listen } from '../src/server/listen.js';

/** The server's draining on its own, with a handler that answers after `delayMs`. */
const serve = (delayMs = 0) =>
  listen(
    (_request, response) => {
      setTimeout(() => response.end('answered'), delayMs);
    },
    { port: 0, host: '127.0.0.1', requestTimeoutMs: 10_000 },
  );

const openSocket = (url: string) =>
  new Promise<Socket>((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });

describe('listen: closing', () => {
  it('resolves at once when no connection is open', async () => {
    const server = await serve();
    const started = performance.now();
    await server.close(5_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('cuts a connection still open at the grace, then resolves; a new connection is refused', async () => {
    const server = await serve();
    const silent = await openSocket(server.url);
    const cut = new Promise<void>((resolve) => silent.once('close', () => resolve()));
    const started = performance.now();
    const closed = server.close(300);
    await expect(openSocket(server.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await Promise.all([closed, cut]);
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(3_000);
  });

  it('lets a request in flight finish, its answer saying Connection: close, then resolves', async () => {
    const server = await serve(200);
    const client = new Client(server.url);
    try {
      const answer = client.request({ path: '/', method: 'GET' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const closed = server.close(5_000);
      const { statusCode, headers, body } = await answer;
      expect(statusCode).toBe(200);
      expect(headers.connection).toBe('close');
      expect(await body.text()).toBe('answered');
      await closed;
    } finally {
      await client.close();
    }
  });
});
