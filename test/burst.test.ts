import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './helpers.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ config: { logLevel: 'warn', heygenMaxConnections: 32 }, simulator: { latencyMs: 200, recordRequests: false } });
});
afterAll(() => stack.close());

describe('a burst against a slow upstream', () => {
  it('answers 500 concurrent requests through a bounded pool while /health keeps answering', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    let done = false;
    const healthStatuses: number[] = [];
    const health = (async () => {
      while (!done) {
        const response = await fetch(`${stack.gateway.url}/health`);
        healthStatuses.push(response.status);
        await response.arrayBuffer();
      }
    })();
    const burst = await Promise.all(
      Array.from({ length: 500 }, (_, index) => stack.query(`{ avatarGroups(first: ${1 + (index % 20)}) { nodes { groupId } } }`)),
    );
    done = true;
    await health;
    expect(burst.every((response) => response.errors === undefined)).toBe(true);
    // 500 calls of 200 ms over 32 sockets take several rounds; /health is answered all along.
    expect(healthStatuses.length).toBeGreaterThan(3);
    expect(healthStatuses.every((status) => status === 200)).toBe(true);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(300 * 1024 * 1024);
  });
});
