import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLineBatcher, createLogger } from '../src/server/logger.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('batched log lines', () => {
  const batcher = (options?: { flushMs?: number; maxBytes?: number }) => {
    const writes: string[] = [];
    return { writes, lines: createLineBatcher((text) => writes.push(text), (text) => writes.push(text), options) };
  };

  it('writes queued lines together, at most flushMs after the first', () => {
    vi.useFakeTimers();
    const { writes, lines } = batcher({ flushMs: 50 });
    lines.push('a');
    lines.push('b');
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(writes).toEqual(['a\nb\n']);
  });

  it('writes an urgent line at once, after the lines queued before it', () => {
    vi.useFakeTimers();
    const { writes, lines } = batcher();
    lines.push('info');
    lines.push('error', true);
    expect(writes).toEqual(['info\nerror\n']);
    vi.advanceTimersByTime(1000);
    expect(writes).toHaveLength(1);
  });

  it('writes once maxBytes are queued, without waiting', () => {
    const { writes, lines } = batcher({ maxBytes: 10, flushMs: 60_000 });
    lines.push('12345');
    lines.push('67890');
    expect(writes).toEqual(['12345\n67890\n']);
  });

  it('loses no line when the process exits right after logging', () => {
    const script = `
      const { createLogger } = await import(${JSON.stringify(new URL('../src/server/logger.ts', import.meta.url).href)});
      const logger = createLogger('info');
      for (let i = 0; i < 3; i++) logger.info('line ' + i);
      process.exit(0);`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line).msg)).toEqual(['line 0', 'line 1', 'line 2']);
  });

  it('marks warnings and errors urgent', () => {
    const seen: [string, boolean][] = [];
    const logger = createLogger('debug', (line, urgent) => seen.push([JSON.parse(line).level, urgent]));
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(seen).toEqual([
      ['debug', false],
      ['info', false],
      ['warn', true],
      ['error', true],
    ]);
  });
});
