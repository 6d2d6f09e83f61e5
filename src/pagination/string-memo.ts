import { LRUCache } from 'lru-cache';

/** A memo of strings made from strings: `get(key)` answers `make(key)`, made once while the key is kept. */
export interface StringMemo {
  get(key: string): string;
  /** What the kept keys and values take, bytes (UTF-16: two per character, plus ENTRY_BYTES each). */
  readonly bytes: number;
}

/** Counted per entry on top of its strings: the cache's slots and the strings' headers. */
const ENTRY_BYTES = 64;

/**
 * Remembers what `make` answered, least recently used first out, in at most `maxBytes`; a key longer
 * than `maxKeyLength` is made every time and never kept. For encodings that repeat across requests (the
 * ids and cursors of a catalogue's first pages are the same in every answer): a lookup costs a fraction
 * of encoding again. `make` must be pure: a kept answer stands for every later call with the key.
 */
export function createStringMemo(make: (key: string) => string, { maxBytes, maxKeyLength }: { maxBytes: number; maxKeyLength: number }): StringMemo {
  const kept = new LRUCache<string, string>({ maxSize: maxBytes, sizeCalculation: (value, key) => 2 * (key.length + value.length) + ENTRY_BYTES });
  return {
    get(key) {
      if (key.length > maxKeyLength) return make(key);
      let value = kept.get(key);
      if (value === undefined) kept.set(key, (value = make(key)));
      return value;
    },
    get bytes() {
      return kept.calculatedSize;
    },
  };
}
