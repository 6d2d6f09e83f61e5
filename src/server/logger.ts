import { writeSync } from 'node:fs';
import type { LogLevel } from '../config.js';

/** A yoga-compatible logger writing one JSON line per entry. Never give it credentials. */
export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  /** Whether entries at `level` are written (so a caller can skip building one that would not be). */
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Longest text a log line keeps, characters, for its message and each string field: what a client sent can be megabytes. */
export const MAX_LOG_TEXT = 2000;

const bounded = (text: string) => (text.length <= MAX_LOG_TEXT ? text : `${text.slice(0, MAX_LOG_TEXT)}… (${text.length} characters)`);
const boundedValue = (value: unknown) => (typeof value === 'string' ? bounded(value) : value instanceof Error ? bounded(value.message) : value);
const isLong = (value: unknown) => typeof value === 'string' && value.length > MAX_LOG_TEXT;
/** `fields`, or a copy with its long strings cut (rarely: every request's log line passes here). */
const boundedFields = (fields: object) =>
  Object.values(fields).some(isLong) ? Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, boundedValue(value)])) : fields;

export interface LineBatcher {
  /** Queues a line; `urgent` writes it, and all queued before it, at once. */
  push(line: string, urgent?: boolean): void;
  flush(): void;
}

/**
 * Writes lines in batches: on a pipe, stdout writes are synchronous, and a write per request was a large
 * part of a request's CPU. A line waits at most `flushMs`, or until `maxBytes` are queued; whatever is
 * queued is written synchronously when the process exits.
 */
export function createLineBatcher(
  write: (text: string) => void,
  writeOnExit: (text: string) => void,
  { flushMs = 50, maxBytes = 64 * 1024 }: { flushMs?: number; maxBytes?: number } = {},
): LineBatcher {
  let queued: string[] = [];
  let bytes = 0;
  let timer: NodeJS.Timeout | undefined;
  let exitHooked = false;
  const take = () => {
    const text = queued.join('');
    queued = [];
    bytes = 0;
    return text;
  };
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (queued.length > 0) write(take());
  };
  return {
    push(line, urgent = false) {
      if (!exitHooked) {
        exitHooked = true;
        process.once('exit', () => {
          if (queued.length > 0) writeOnExit(take());
        });
      }
      queued.push(`${line}\n`);
      bytes += line.length + 1;
      if (urgent || bytes >= maxBytes) flush();
      else if (timer === undefined) timer = setTimeout(flush, flushMs).unref();
    },
    flush,
  };
}

/** Every default logger shares one queue, so lines keep their order. */
const stdoutLines = createLineBatcher(
  (text) => process.stdout.write(text),
  (text) => {
    try {
      writeSync(1, text);
    } catch {
      // stdout is gone; nothing is left to tell.
    }
  },
);

/**
 * Builds a logger that drops entries below `level` and writes the rest to `write`, by default stdout,
 * batched (warnings and errors are written at once). The message and every string field are cut to
 * MAX_LOG_TEXT characters.
 */
export function createLogger(level: LogLevel, write: (line: string, urgent: boolean) => void = stdoutLines.push): Logger {
  const enabled = (entryLevel: Exclude<LogLevel, 'silent'>) => RANK[entryLevel] >= RANK[level];
  const entry = (entryLevel: Exclude<LogLevel, 'silent'>) => (...args: unknown[]) => {
    if (!enabled(entryLevel)) return;
    const [first, ...rest] = args;
    const message = bounded(first instanceof Error ? first.message : typeof first === 'string' ? first : String(JSON.stringify(first)));
    // One plain object of fields is spread into the line; anything else goes under `details`.
    const only = rest.length === 1 ? rest[0] : undefined;
    const extra =
      rest.length === 0
        ? {}
        : typeof only === 'object' && only !== null && !(only instanceof Error) && !Array.isArray(only)
          ? boundedFields(only)
          : { details: rest.map(boundedValue) };
    write(JSON.stringify({ time: new Date().toISOString(), level: entryLevel, msg: message, ...extra }), RANK[entryLevel] >= RANK.warn);
  };
  return { debug: entry('debug'), info: entry('info'), warn: entry('warn'), error: entry('error'), enabled };
}
