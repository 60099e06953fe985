/**
 * The code's layout, as the README's "How the code is laid out" describes it:
 * shared rooms (text, schema, model) import only each other; each stage
 * imports only shared rooms and the stages before it; the commands built on
 * the pipeline do not import each other; and no module imports itself back
 * through others.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';

const SHARED = ['text', 'schema', 'model', 'errors', 'version'];
/** The stages in pipeline order, then what is built on them, then the command line and the library's entry. */
const ORDER = ['load', 'parse', 'validate', 'evidence', 'aggregate', 'render', 'normalize', 'write', 'build', 'new', 'import', 'diff', 'verify', 'cli', 'index'];
const PEERS = new Set(['new', 'import', 'diff', 'verify']);

const src = path.join(repoRoot, 'src');
const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.split(path.sep).join('/'))
  .sort();

/** The room of a module: its folder under src/, or its name for a file at the top. */
const roomOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file.replace(/\.ts$/, ''));

/** The modules of src/ a file imports (statically or dynamically, types too). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(src, file), 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom|\bimport\(|^import)\s*'(\.{1,2}\/[^']+)'/gm)].map((match) => match[1]!);
  return specs.map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Why `from` may not import `to`, or null when it may. */
function violation(from: string, to: string): string | null {
  const a = roomOf(from);
  const b = roomOf(to);
  if (a === b) return null;
  if (SHARED.includes(a)) return SHARED.includes(b) ? null : `the shared room ${a} imports the stage ${b}`;
  if (SHARED.includes(b)) return null;
  if (!ORDER.includes(a) || !ORDER.includes(b)) return `${!ORDER.includes(a) ? a : b} is in no room of the layout`;
  if (PEERS.has(a) && PEERS.has(b)) return `${a} and ${b} are both built on the pipeline and must not import each other`;
  return ORDER.indexOf(b) > ORDER.indexOf(a) ? `${a} comes before ${b} in the pipeline` : null;
}

describe('the layout of src/', () => {
  it('every folder is a room of the layout', () => {
    const rooms = new Set(files.map(roomOf));
    expect([...rooms].filter((room) => !SHARED.includes(room) && !ORDER.includes(room))).toEqual([]);
  });

  it('no import goes against the stage order', () => {
    const wrong = [...graph].flatMap(([from, tos]) => tos.map((to) => ({ from, to, why: violation(from, to) })).filter((edge) => edge.why !== null));
    expect(wrong).toEqual([]);
  });

  it('every import names a module that is there', () => {
    const missing = [...graph].flatMap(([from, tos]) => tos.filter((to) => !graph.has(to)).map((to) => `${from} → ${to}`));
    expect(missing).toEqual([]);
  });

  it('has no cycle of imports', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('the rules catch what they are for', () => {
    expect(violation('validate/validate.ts', 'aggregate/findings.ts')).toMatch(/comes before/);
    expect(violation('load/read-data.ts', 'write/write-files.ts')).toMatch(/comes before/);
    expect(violation('new/new-session.ts', 'import/to-records.ts')).toMatch(/must not import each other/);
    expect(violation('model/charts.ts', 'aggregate/charts.ts')).toMatch(/shared room/);
    expect(violation('build/build.ts', 'load/read-data.ts')).toBeNull();
  });
});
