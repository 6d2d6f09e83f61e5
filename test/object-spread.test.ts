import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * On Node 20 (V8 11.3), an object literal that spreads an object and then adds a property or another
 * spread (`{ ...call, onRetry }`) gets a hidden class of its own every time it runs: about 250 bytes
 * in old space per object, which only a full GC frees, and 8 times the CPU of Object.assign. On the
 * request path that was most of what filled old space (docs/bench-results.md, "What holds memory").
 * Object.assign({}, a, { b }) and a literal whose spread comes last are fine. An object whose keys a
 * client or HeyGen chose is copied with Object.fromEntries(Object.entries(a)) first: Object.assign
 * takes its "__proto__" key as the copy's prototype.
 * The simulator stands in for HeyGen and is not held to this.
 */
const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'simulator' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `file:line` of each object literal in `text` with anything after its first spread. */
function spreadsFollowedByMore(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const firstSpread = node.properties.findIndex(ts.isSpreadAssignment);
      if (firstSpread >= 0 && firstSpread < node.properties.length - 1) {
        found.push(`${relative(SRC, path)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('object literals in the gateway', () => {
  it('never spread an object and then add to it (Object.assign instead)', () => {
    const found = sourceFiles(SRC).flatMap((path) => spreadsFollowedByMore(path, readFileSync(path, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check finds such a literal, and passes the forms that are fine', () => {
    expect(spreadsFollowedByMore(join(SRC, 'x.ts'), 'const a = { ...call, onRetry };\nconst b = { ...x, ...y };')).toEqual(['x.ts:1', 'x.ts:2']);
    expect(spreadsFollowedByMore(join(SRC, 'x.ts'), 'const a = { onRetry, ...call };\nconst b = Object.assign({}, call, { onRetry });\nconst { c, ...rest } = d;')).toEqual([]);
  });
});
