import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../src/cache/memory-store.js';
import { MEMORY_BOUNDS } from './helpers.js';
import type { CacheStore } from '../src/cache/store.js';
import { createTieredStore } from '../src/cache/tiered-store.js';

/** A shared store that answers like Redis (asynchronously, with JSON copies) and counts what it is asked. */
function sharedStore() {
  const entries = new Map<string, string>();
  const asked = { gets: 0, sets: 0, deletes: 0, locks: 0, waits: 0 };
  const store: CacheStore = {
    kind: 'redis',
    get: async (key) => {
      asked.gets++;
      const json = entries.get(key);
      return json === undefined ? undefined : JSON.parse(json);
    },
    set: async (key, value) => {
      asked.sets++;
      entries.set(key, JSON.stringify(value));
    },
    delete: (key) => {
      asked.deletes++;
      entries.delete(key);
    },
    lock: async () => {
      asked.locks++;
      return { release: () => {} };
    },
    waitFor: async (key) => {
      asked.waits++;
      const json = entries.get(key);
      return json === undefined ? undefined : JSON.parse(json);
    },
    close: async () => {},
  };
  return { store, asked, entries };
}

function tiered(localTtlMs = 1000) {
  let now = 0;
  const shared = sharedStore();
  const local = createMemoryStore({ ...MEMORY_BOUNDS, now: () => now });
  return { ...shared, tiered: createTieredStore(local, shared.store, localTtlMs), advance: (ms: number) => (now += ms) };
}

describe('tiered store (memory in front of Redis)', () => {
  it('reads an entry from the shared store once, then from memory until the local TTL passes', async () => {
    const { tiered: store, asked, entries, advance } = tiered(1000);
    entries.set('k', JSON.stringify({ page: 1 }));
    expect(await store.get('k')).toEqual({ page: 1 });
    expect(await store.get('k')).toEqual({ page: 1 });
    advance(999);
    expect(await store.get('k')).toEqual({ page: 1 });
    expect(asked.gets).toBe(1);
    advance(1);
    expect(await store.get('k')).toEqual({ page: 1 });
    expect(asked.gets).toBe(2);
  });

  it('keeps no local copy of a miss', async () => {
    const { tiered: store, asked } = tiered();
    expect(await store.get('absent')).toBeUndefined();
    expect(await store.get('absent')).toBeUndefined();
    expect(asked.gets).toBe(2);
  });

  it('writes through to the shared store, keeping the local copy no longer than the entry itself', async () => {
    const { tiered: store, asked, entries, advance } = tiered(1000);
    await store.set('short', 'v', 300);
    expect(entries.get('short')).toBe('"v"');
    advance(300);
    entries.delete('short');
    expect(await store.get('short')).toBeUndefined();
    expect(asked.gets).toBe(1);
  });

  it('deletes from both tiers', async () => {
    const { tiered: store, entries } = tiered();
    await store.set('k', 1, 60_000);
    store.delete('k');
    expect(entries.has('k')).toBe(false);
    expect(await store.get('k')).toBeUndefined();
  });

  it("leaves locks to the shared store and keeps what a wait brought", async () => {
    const { tiered: store, asked, entries } = tiered();
    expect(store.kind).toBe('redis');
    await store.lock!('k', 2000);
    entries.set('k', '"loaded elsewhere"');
    expect(await store.waitFor!('k', 1000)).toBe('loaded elsewhere');
    expect(await store.get('k')).toBe('loaded elsewhere');
    expect(asked).toMatchObject({ locks: 1, waits: 1, gets: 0 });
  });
});
