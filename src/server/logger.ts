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

/** Builds a logger that drops entries below `level` and writes the rest to `write` (stdout by default). */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const entry = (entryLevel: Exclude<LogLevel, 'silent'>) => (...args: unknown[]) => {
    if (RANK[entryLevel] < RANK[level]) return;
    const [first, ...rest] = args;
    const message = first instanceof Error ? first.message : typeof first === 'string' ? first : JSON.stringify(first);
    // One plain object of fields is spread into the line; anything else goes under `details`.
    const only = rest.length === 1 ? rest[0] : undefined;
    const extra =
      rest.length === 0
        ? {}
        : typeof only === 'object' && only !== null && !(only instanceof Error) && !Array.isArray(only)
          ? only
          : { details: rest.map((item) => (item instanceof Error ? item.message : item)) };
    write(JSON.stringify({ time: new Date().toISOString(), level: entryLevel, msg: message, ...extra }));
  };
  return { debug: entry('debug'), info: entry('info'), warn: entry('warn'), error: entry('error'), enabled: (entryLevel) => RANK[entryLevel] >= RANK[level] };
}
