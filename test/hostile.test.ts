/**
 * Hostile input beyond the invalid-record corpus: values that render literally
 * with the structure intact, numbers that are either rejected or counted
 * exactly, legacy reports crafted to break the importer, and builds killed at
 * random moments that must leave every report whole.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import type { Nodes, Root, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/aggregate/aggregate.js';
import { importLegacy } from '../src/import/import-legacy.js';
import { validateMissions } from '../src/validate/validate.js';
import { repoRoot, scratch, tally } from './helpers/cli.js';

const parse = (markdown: string) => unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;
const text = (node: Nodes): string => ('value' in node ? String(node.value) : 'children' in node ? (node.children as Nodes[]).map(text).join('') : '');

async function missionWith(work: string, componentName: string): Promise<void> {
  await mkdir(path.join(work, 'data/m/sessions'), { recursive: true });
  await writeFile(path.join(work, 'data/m/mission.yaml'), 'title: Hostile names\n');
  await writeFile(
    path.join(work, 'data/m/sessions/2025-01-01-a.yaml'),
    `date: 2025-01-01\ntitle: Session\ncomponents:\n  - name: ${JSON.stringify(componentName)}\n    test_file: tests/test_a.py\n    tests: { total: 3, passing: 2 }\n    score: 7\n`,
  );
}

const HOSTILE = [
  'a | b | c',
  'line one\n# not a heading',
  'row\n| x | y |',
  '<!-- comment',
  '<details><summary>x</summary>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '__init__',
  '1. not a list',
  '$x$ and $$y$$',
  '{{mission.title}} and {{{raw}}}',
  '**not bold** _not em_ `not code`',
  'https://example.com and www.example.com and a@b.co',
  '![img](http://x/y.png)',
  '> not a quote',
  '---',
  '\\| escaped?',
];

describe('record text renders literally', () => {
  it.each(HOSTILE)('%j stays one cell of a seven-cell row', async (name) => {
    const work = await scratch();
    await missionWith(work, name);
    expect((await tally(['build'], work)).code).toBe(0);
    const tree = parse(await readFile(path.join(work, 'reports/m.md'), 'utf8'));
    const table = tree.children.filter((n): n is Table => n.type === 'table').find((t) => text(t.children[0]!.children[0]!) === 'Component')!;
    const row = table.children[1]!;
    expect(row.children).toHaveLength(7);
    expect(text(row.children[0]!)).toBe(name.replace(/\n/g, ' '));
    // The only links and HTML are Tally's own: anchors of sessions, links to them and to
    // record files, the template's contents line and <details>. No image, math or footnote.
    const found: Nodes[] = [];
    const walk = (node: Nodes) => {
      found.push(node);
      if ('children' in node) (node.children as Nodes[]).forEach(walk);
    };
    walk(tree);
    expect(found.filter((n) => ['image', 'math', 'inlineMath', 'footnoteReference', 'definition'].includes(n.type))).toEqual([]);
    for (const node of found) {
      if (node.type === 'link') expect(node.url).toMatch(/^#[a-z0-9-]+$|^\.\.\/data\/m\/sessions\/2025-01-01-a\.yaml(#L\d+)?$/);
      if (node.type === 'html') expect(node.value).toMatch(/^<a id="session-[a-z0-9-]+">$|^<\/a>$|^<details><summary>[\w ]+<\/summary>$|^<\/details>$/);
    }
  });
});

describe('numbers are counted exactly or rejected', () => {
  const number = fc.oneof(
    fc.integer({ min: -5, max: 1000 }).map(String),
    fc.double({ noNaN: false }).map((d) => (Number.isNaN(d) ? '.nan' : d === Infinity ? '.inf' : d === -Infinity ? '-.inf' : String(d))),
    fc.constantFrom('"30"', '9007199254740993', '1e3', '0x1F', '007', '12.0', '-0', 'null', 'true', '~'),
  );
  it('whatever the YAML says, a record is rejected or its figures add up', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(number, number, number), { minLength: 1, maxLength: 5 }), (rows) => {
        const sessions = rows.map(([total, passing, score], i) => ({
          path: `data/m/sessions/2025-01-0${(i % 9) + 1}-${i}.yaml`,
          text: `date: 2025-01-0${(i % 9) + 1}\ntitle: s${i}\ncomponents:\n  - name: c${i}\n    tests: { total: ${total}, passing: ${passing} }\n    score: ${score}\n`,
        }));
        const result = validateMissions([{ name: 'm', dir: 'data/m', mission: { path: 'data/m/mission.yaml', text: 'title: m\n' }, sessions, evidence: [] }]);
        if (result.issues.length > 0) {
          for (const issue of result.issues) expect(issue.line).toBeGreaterThan(0);
          return;
        }
        const model = aggregate(result.missions[0]!);
        const records = result.missions[0]!.sessions.flatMap((s) => s.record.components);
        expect(model.totals.tests_total).toBe(records.reduce((n, c) => n + c.tests!.total, 0));
        expect(model.totals.tests_passing).toBe(records.reduce((n, c) => n + (c.tests!.passing ?? 0), 0));
        for (const c of records) {
          expect(Number.isSafeInteger(c.tests!.total) && c.tests!.total >= 0).toBe(true);
          expect(c.tests!.passing ?? 0).toBeLessThanOrEqual(c.tests!.total);
          expect(c.score! >= 0 && c.score! <= 10).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('crafted legacy reports do not break the importer', () => {
  const cases: [string, string][] = [
    ['a heading nested 200 levels of lists', `# T\n\n${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')}\n`],
    ['a score of 99/10 and negative counts', '# T\n\n## Session 1: 2025-01-01\n\n### Parser (Score: 99/10)\n**Test File**: `tests/test_p.py`\n**Status**: -5/3 tests passing\n'],
    ['html and links in component names', '# T\n\n## Session 1: 2025-01-01\n\n### <script>alert(1)</script> [x](javascript:y) (Score: 8/10)\n**Test File**: `tests/test_x.py`\n**Status**: 3/3 tests passing\n'],
    ['a path that leaves the repository', '# T\n\n## Session 1: 2025-01-01\n\n### Parser (Score: 8/10)\n**Test File**: `../../etc/passwd.py`\n**Status**: 3/3 tests passing\n'],
    ['control characters in the text', '# T\u0007\n\n## Session 1: 2025-01-01\n\n### Pa\u202Erser (Score: 8/10)\n**Test File**: `tests/test_p.py`\n**Status**: 3/3 tests passing\n'],
    ['no date anywhere', '# T\n\n## Suites\n\n### Parser (Score: 8/10)\n**Test File**: `tests/test_p.py`\n**Status**: 3/3 tests passing\n'],
    ['an empty file', ''],
    ['only emoji and mojibake', 'ðŸŽ‰ âœ… ‚úÖ üéØ\n'],
    ['a thousand identical components', `# T\n\n## Session 1: 2025-01-01\n\n${Array.from({ length: 1000 }, () => '- `tests/test_same.py` — 3 tests, all passing').join('\n')}\n`],
    ['a table with ragged rows', '# T\n\n## Session 1: 2025-01-01\n\n| Component | Test file | Passed | Total |\n|---|---|---|---|\n| A | `tests/test_a.py` | 3 |\n| B | | | | | |\n'],
  ];
  it.each(cases)('%s: valid records or a clear error, never a crash', (_name, input) => {
    let result;
    try {
      result = importLegacy(input, 'legacy.md');
    } catch (error) {
      // The one refusal: a report with components but no date at all says how to fix it.
      expect((error as Error).message).toMatch(/states no date anywhere/);
      return;
    }
    for (const file of result.files) {
      expect(file.content).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202A-\u202E\u2066-\u2069]/);
      expect(file.content).not.toMatch(/^\s*(test_file|source): .*\.\.\//m);
    }
  });
});

// Killing needs a process: the real bin, which runs dist/ (compiled again by a test run when a source is newer, test/global-setup.ts).
describe('builds killed at random moments', () => {
  const bin = path.join(repoRoot, 'bin/tally.js');
  const exec = (cwd: string) =>
    new Promise<void>((resolve, reject) => execFile(process.execPath, [bin, 'build'], { cwd }, (error) => (error ? reject(error) : resolve())));

  async function writeData(work: string, version: 'A' | 'B'): Promise<void> {
    // All files at once: the data is written between builds, never while one runs.
    await Promise.all(
      Array.from({ length: 12 }, async (_, m) => {
        const dir = path.join(work, `data/m${m}/sessions`);
        await mkdir(dir, { recursive: true });
        await writeFile(path.join(work, `data/m${m}/mission.yaml`), `title: Mission ${m} version ${version}\n`);
        await Promise.all(
          Array.from({ length: 25 }, (_, s) =>
            writeFile(
              path.join(dir, `2025-01-${String((s % 28) + 1).padStart(2, '0')}-s${s}.yaml`),
              `date: 2025-01-${String((s % 28) + 1).padStart(2, '0')}\ntitle: Session ${s} ${version}\ncomponents:\n  - name: C${s}\n    test_file: tests/test_${s}.py\n    tests: { total: ${version === 'A' ? 10 : 12}, passing: 9 }\n    score: 8\n`,
            ),
          ),
        );
      }),
    );
  }

  it('nine kills leave each report whole (old or new), and no temporary file survives the next build', async () => {
    const work = await scratch();
    await writeData(work, 'B');
    await exec(work);
    const versionB = new Map<string, string>();
    for (const name of await readdir(path.join(work, 'reports'))) versionB.set(name, await readFile(path.join(work, 'reports', name), 'utf8'));
    await writeData(work, 'A');
    await exec(work);
    const versionA = new Map<string, string>();
    for (const name of await readdir(path.join(work, 'reports'))) versionA.set(name, await readFile(path.join(work, 'reports', name), 'utf8'));

    for (let i = 0; i < 9; i++) {
      await writeData(work, i % 2 === 0 ? 'B' : 'A');
      const child = spawn(process.execPath, [bin, 'build'], { cwd: work, stdio: 'ignore' });
      // Listen before waiting: a build may finish before the kill.
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(Math.random() * 600)));
      child.kill('SIGKILL');
      await exited;
      for (const [name, a] of versionA) {
        const now = await readFile(path.join(work, 'reports', name), 'utf8');
        expect(now === a || now === versionB.get(name)).toBe(true);
      }
    }
    await exec(work);
    expect((await readdir(path.join(work, 'reports'))).sort()).toEqual([...versionA.keys()].sort());
  }, 180_000);
});
