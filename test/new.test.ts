/** `tally new`: valid, unique, exclusive, and safe with many writers at once. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { createExclusive, ExistsError } from '../src/write/create-exclusive.js';
import { repoRoot, scratch, tally } from './helpers/cli.js';

const overlap = path.join(repoRoot, 'test/fixtures/reports/overlap/input');
/** Writers started at once: enough to collide on a shared name without a random suffix (each is a Node process). */
const WRITERS = 30;
const sessionsOf = async (work: string) => (await readdir(path.join(work, 'data/demo/sessions'))).sort();

/** Run in-process with standard input and a fixed date. */
async function tallyWithInput(args: string[], cwd: string, input: string) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd,
    stdin: async () => input,
    today: () => '2025-02-03',
  });
  return { code, stdout, stderr };
}

describe('tally new', () => {
  it('an unreadable mission file is an issue naming it, exit 1, not an internal error', async () => {
    const work = await scratch(overlap);
    await writeFile(path.join(work, 'data/demo/mission.yaml'), Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0xff, 0x0a]));
    const result = await tally(['new', '--mission', 'demo', '--title', 'x'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^data\/demo\/mission\.yaml:1:8: /m);
    expect(result.stderr).not.toContain('internal error');
  });


  it('creates a valid session file from flags, with the schema comment, and prints its path', async () => {
    const work = await scratch(overlap);
    const before = await sessionsOf(work);
    const result = await tally(
      ['new', '--mission', 'demo', '--title', 'Refund edge cases', '--date', '2025-02-01', '--phase', 'p1', '--session', '7', '--component', 'name=RefundProcessor,test_file=tests/test_refunds.py,level=unit,tests=41/44,score=8.7,coverage=40/50', '--note', 'First pass'],
      work,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const created = result.stdout.trim();
    expect(created).toMatch(/^data\/demo\/sessions\/2025-02-01-refund-edge-cases-[0-9a-z]{6}\.yaml$/);
    expect(await sessionsOf(work)).toEqual([...before, path.basename(created)].sort());
    const text = await readFile(path.join(work, created), 'utf8');
    expect(text).toBe(`# yaml-language-server: $schema=../../../schema/session.schema.json
session: 7
date: 2025-02-01
title: Refund edge cases
phase: p1
components:
  - name: RefundProcessor
    test_file: tests/test_refunds.py
    level: unit
    tests:
      total: 44
      passing: 41
    score: 8.7
    coverage:
      lines_covered: 40
      lines_total: 50
notes:
  - First pass
`);
    expect((await tally(['validate', created], work)).code).toBe(0);
    expect((await tally(['build'], work)).code).toBe(0);
  });

  it('takes the whole record as JSON on standard input, and a missing date is today (UTC)', async () => {
    const work = await scratch(overlap);
    const json = JSON.stringify({ title: 'From an agent', components: [{ name: 'Parser', test_file: 'tests/test_parser.py', tests: { total: 23, passing: 23 } }] });
    const result = await tallyWithInput(['new', '--mission', 'demo', '--from-json', '-', '--json'], work, json);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ ok: true, written: true, record: { date: '2025-02-03', title: 'From an agent' } });
    expect(existsSync(path.join(work, doc.path))).toBe(true);
  });

  it('a bad record writes nothing and reports every problem with its field path, line and column in the JSON', async () => {
    const work = await scratch(overlap);
    const before = await sessionsOf(work);
    const json = '{\n  "title": "Bad",\n  "components": [\n    { "name": "A", "tests": { "total": "30", "passing": 4 }, "test_flie": "x.py" }\n  ],\n  "phase": "p7"\n}\n';
    const result = await tallyWithInput(['new', '--mission', 'demo', '--from-json', '-', '--json'], work, json);
    expect(result.code).toBe(1);
    const issues = JSON.parse(result.stdout).issues as { file: string; line: number; column: number; path: string; message: string }[];
    expect(issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.path}`)).toEqual([
      '<stdin>:4:40 components.0.tests.total',
      '<stdin>:4:62 components.0.test_flie',
      '<stdin>:6:12 phase',
    ]);
    expect(issues[0]!.message).toContain('numbers are written without quotes');
    expect(issues[1]!.message).toContain('did you mean "test_file"');
    expect(issues[2]!.message).toContain("expected one of the mission's phases: p0 (Phase 1: foundations), p1 (Phase 2: features)");
    expect(await sessionsOf(work)).toEqual(before);
  });

  it('reads JSON from a file, locating problems in that file', async () => {
    const work = await scratch(overlap);
    await writeFile(path.join(work, 'record.json'), '{ "title": "x", "date": "2025-02-30", "components": [] }\n');
    const result = await tally(['new', '--mission', 'demo', '--from-json', 'record.json'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('record.json:1:25: expected a real calendar date, received the text "2025-02-30"');
  });

  it('names the flag a problem comes from', async () => {
    const work = await scratch(overlap);
    const result = await tally(['new', '--mission', 'demo', '--title', 'x', '--component', 'name=A,tests=5/4,score=high', '--status', 'done'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--component 1: components.0: score=high: expected a number');
    expect(result.stderr).toContain('--component 1: components.0.tests.passing: passing (5) is greater than total (4)');
    expect(result.stderr).toContain('--status: status: expected one of completed, in-progress, blocked, received the text "done"');
  });

  it.each([
    ['tests=41/44', { total: 44, passing: 41 }, '41 passed · 3 failed'],
    ['tests=44', { total: 44 }, '44 no result'],
    ['tests=68,not_run=68', { total: 68, not_run: 68 }, '68 not run'],
    ['tests=10,failing=2', { total: 10, failing: 2 }, '2 failed · 8 no result'],
    ['tests=20/20,skipped=1', { total: 20, passing: 20, skipped: 1 }, null],
    ['total=12,passing=9,skipped=1', { total: 12, passing: 9, skipped: 1 }, '9 passed · 2 failed · 1 skipped'],
  ])('the component shorthand %s writes the outcomes people mean', async (spec, tests, shown) => {
    const work = await scratch(overlap);
    const result = await tally(['new', '--mission', 'demo', '--title', 'x', '--date', '2025-02-01', '--dry-run', '--json', '--component', `name=Suite,${spec}`], work);
    if (shown === null) {
      // 20 passed and 1 skipped is more than 20: impossible, and said so at the flag.
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).issues.map((i: { message: string }) => i.message)).toContain('passing + skipped (21) is greater than total (20); expected at most 20');
      return;
    }
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).record.components[0].tests).toEqual(tests);
    const written = await tally(['new', '--mission', 'demo', '--title', 'x', '--date', '2025-02-01', '--component', `name=Suite,test_file=tests/test_suite.py,${spec}`], work);
    expect(written.code).toBe(0);
    await tally(['build'], work);
    // The component's row: its count, then its outcomes.
    const row = new RegExp(`^\\| \\[Suite\\]\\([^)]*\\) \\| ${tests.total} \\| ${shown} \\|`, 'm');
    expect(await readFile(path.join(work, 'reports/demo.md'), 'utf8')).toMatch(row);
  });

  it('usage errors exit 2: no mission, no title, JSON and flags together, an unknown mission', async () => {
    const work = await scratch(overlap);
    expect((await tally(['new', '--title', 'x'], work)).code).toBe(2);
    expect((await tally(['new', '--mission', 'demo'], work)).code).toBe(2);
    expect((await tally(['new', '--mission', 'demo', '--from-json', '-', '--title', 'x'], work)).code).toBe(2);
    const unknown = await tally(['new', '--mission', 'dmeo', '--title', 'x'], work);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('expected one of: demo');
  });
});

describe('exclusive create', () => {
  it('never overwrites an existing file and leaves no temporary file behind', async () => {
    const work = await scratch();
    const file = path.join(work, 'a.yaml');
    await createExclusive(file, 'one\n');
    await expect(createExclusive(file, 'two\n')).rejects.toBeInstanceOf(ExistsError);
    expect(await readFile(file, 'utf8')).toBe('one\n');
    expect(await readdir(work)).toEqual(['a.yaml']);
  });
});

// Many processes: the real bin, which runs dist/ (compiled again by a test run when a source is newer, test/global-setup.ts).
describe('many writers at once', () => {
  const exec = promisify(execFile);
  const bin = path.join(repoRoot, 'bin/tally.js');

  it('thirty `tally new` processes started together leave thirty distinct valid files', async () => {
    const work = await scratch(overlap);
    const before = await sessionsOf(work);
    const runs = await Promise.all(
      Array.from({ length: WRITERS }, () =>
        exec(process.execPath, [bin, 'new', '--mission', 'demo', '--title', 'Same title, same second', '--date', '2025-02-01', '--component', 'name=Parser,test_file=tests/test_parser.py,tests=22/22'], { cwd: work }),
      ),
    );
    const printed = runs.map((r) => r.stdout.trim());
    expect(new Set(printed).size).toBe(WRITERS);
    const after = await sessionsOf(work);
    expect(after.length).toBe(before.length + WRITERS);
    expect(after.filter((name) => name.startsWith('.'))).toEqual([]);
    expect((await tally(['validate'], work)).code).toBe(0);
    const built = JSON.parse((await tally(['build', '--json'], work)).stdout);
    expect(built.missions[0].totals.sessions).toBe(before.length + WRITERS);
  }, 120_000);

  it('builds run while writers add sessions never fail on a half-written file', async () => {
    const work = await scratch(overlap);
    const writers = Promise.all(
      Array.from({ length: 20 }, (_, i) => exec(process.execPath, [bin, 'new', '--mission', 'demo', '--title', `Writer ${i}`, '--date', '2025-02-01'], { cwd: work })),
    );
    const builds: number[] = [];
    let done = false;
    void writers.finally(() => (done = true));
    while (!done) builds.push((await tally(['build'], work)).code);
    await writers;
    builds.push((await tally(['build'], work)).code);
    expect(builds.every((code) => code === 0)).toBe(true);
    expect(JSON.parse((await tally(['build', '--json'], work)).stdout).missions[0].totals.sessions).toBe(24);
  }, 120_000);
});
