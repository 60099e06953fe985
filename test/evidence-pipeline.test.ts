/**
 * Evidence from end to end (README, "Evidence"): `tally new --junit
 * --coverage` stores the runner output and writes the components from it;
 * `build` re-derives the verified figures, marks them, and turns a stated
 * figure the evidence contradicts into a finding; a missing or changed
 * evidence file is invalid data; `tally verify` compares the records with a
 * fresh run.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { edit, repoRoot, scratch, tally } from './helpers/cli.js';

const overlap = path.join(repoRoot, 'test/fixtures/reports/overlap/input');
const fixtures = path.join(repoRoot, 'test/fixtures/evidence-pipeline');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function workspace(): Promise<string> {
  const work = await scratch(overlap);
  made.push(work);
  await cp(path.join(fixtures, 'junit.xml'), path.join(work, 'junit.xml'));
  await cp(path.join(fixtures, 'lcov.info'), path.join(work, 'lcov.info'));
  return work;
}

const newArgs = ['new', '--mission', 'demo', '--title', 'CI run', '--date', '2025-03-04', '--junit', 'junit.xml', '--coverage', 'lcov.info', '--component', 'name=Parser,test_file=tests/parser.test.ts,source=src/parser.ts,level=unit'];

/** Record a session from the fixtures' runner output; its path and record. */
async function recorded(work: string) {
  const result = await tally([...newArgs, '--json'], work);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as { path: string; record: { evidence: { file: string; format: string; sha256: string }[] }; evidence: string[] };
}

describe('tally new --junit --coverage', () => {
  it('writes one component per test file, coverage per source and for the code base, and cites each file with its digest', async () => {
    const work = await workspace();
    const result = await tally([...newArgs, '--dry-run', '--json'], work);
    expect(result.code).toBe(0);
    const { record, path: target } = JSON.parse(result.stdout);
    expect(record.components).toEqual([
      { name: 'Parser', test_file: 'tests/parser.test.ts', source: 'src/parser.ts', level: 'unit', tests: { total: 4, passing: 2, failing: 1, skipped: 1 }, duration_s: 0.009, coverage: { lines_covered: 3, lines_total: 4 } },
      { name: 'writer', test_file: 'tests/writer.test.ts', tests: { total: 2, passing: 2, failing: 0, skipped: 0 }, duration_s: 0.019 },
    ]);
    expect(record.coverage).toEqual({ lines_covered: 7, lines_total: 10 });
    const id = path.basename(target, '.yaml');
    expect(record.evidence).toEqual([
      { file: `data/demo/evidence/${id}/junit.xml`, format: 'junit', sha256: sha256(await readFile(path.join(fixtures, 'junit.xml'))) },
      { file: `data/demo/evidence/${id}/lcov.info`, format: 'lcov', sha256: sha256(await readFile(path.join(fixtures, 'lcov.info'))) },
    ]);
    // A dry run writes nothing.
    expect(existsSync(path.join(work, 'data/demo/evidence'))).toBe(false);
    expect(await readdir(path.join(work, 'data/demo/sessions'))).not.toContain(path.basename(target));
  });

  it('copies the files beside the record, byte for byte, and a build marks what they verify', async () => {
    const work = await workspace();
    const { path: target, record } = await recorded(work);
    for (const cited of record.evidence) expect(sha256(await readFile(path.join(work, cited.file)))).toBe(cited.sha256);
    expect(existsSync(path.join(work, target))).toBe(true);

    const built = await tally(['build', '--json'], work);
    expect(built.code).toBe(0);
    const totals = JSON.parse(built.stdout).missions[0].totals;
    expect(totals.tests_verified).toBe(6);
    expect(totals.mission_coverage).toMatchObject({ percent: 70, lines_covered: 7, lines_total: 10, source: 'session' });
    const report = await readFile(path.join(work, 'reports/demo.md'), 'utf8');
    expect(report).toContain(`| Verified | 6 of ${totals.tests_total} tests verified by runner output`);
    expect(report).toMatch(/\| \[Parser\]\([^)]*\) \| 4 \| 2 passed · 1 failed · 1 skipped 🔬 verified \| 66\.7% \|/);
    expect(report).toMatch(/junit\.xml\]\([^)]*\): junit written by vitest, 6 tests in 2 test files; SHA-256 `[0-9a-f]{12}`…/);
    expect((await tally(['check', '--strict'], work)).code).toBe(1); // the overlap fixture's own findings
    expect((await tally(['check'], work)).code).toBe(0);
  });

  it('gzips runner output over 1 MiB and reads it back from the .gz', async () => {
    const work = await workspace();
    const cases = Array.from({ length: 12_000 }, (_, i) => `    <testcase classname="tests/big.test.ts" name="case ${i} ${'x'.repeat(60)}" time="0.001"></testcase>`).join('\n');
    await writeFile(path.join(work, 'big.xml'), `<?xml version="1.0"?>\n<testsuites name="vitest tests">\n  <testsuite name="tests/big.test.ts" tests="12000">\n${cases}\n  </testsuite>\n</testsuites>\n`);
    const result = await tally(['new', '--mission', 'demo', '--title', 'Big run', '--junit', 'big.xml', '--json'], work);
    expect(result.code).toBe(0);
    const cited = JSON.parse(result.stdout).record.evidence[0];
    expect(cited.file).toMatch(/\/big\.xml\.gz$/);
    expect(sha256(await readFile(path.join(work, cited.file)))).toBe(cited.sha256);
    const built = await tally(['build', '--json'], work);
    expect(built.code).toBe(0);
    expect(JSON.parse(built.stdout).missions[0].totals.tests_verified).toBe(12_000);
  });

  it('refuses a file that is not runner output, at its position, and writes nothing', async () => {
    const work = await workspace();
    await writeFile(path.join(work, 'broken.xml'), '<?xml version="1.0"?>\n<testsuites>\n  <testsuite name="a">\n    <testcase name="x">\n');
    const result = await tally(['new', '--mission', 'demo', '--title', 'x', '--junit', 'broken.xml'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tally: broken\.xml:\d+:\d+: /m);
    expect(existsSync(path.join(work, 'data/demo/evidence'))).toBe(false);
    const missing = await tally(['new', '--mission', 'demo', '--title', 'x', '--junit', 'nope.xml'], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.xml: cannot read the file (no such file); expected JUnit XML');
  });
});

describe('tally new and runner output that names files outside the repository', () => {
  it('says which file and how to map it, and writes nothing', async () => {
    const work = await workspace();
    await writeFile(path.join(work, 'outside.xml'), '<testsuites name="vitest tests"><testsuite name="/elsewhere/a.test.ts"><testcase classname="/elsewhere/a.test.ts" name="x"/></testsuite></testsuites>\n');
    const result = await tally(['new', '--mission', 'demo', '--title', 'x', '--junit', 'outside.xml'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('outside.xml: names the test file /elsewhere/a.test.ts, outside the repository; expected paths under');
    expect(result.stderr).toContain('--test-file-map');
    await writeFile(path.join(work, 'map.json'), JSON.stringify({ '/elsewhere/a.test.ts': 'tests/a.test.ts' }));
    const mapped = await tally(['new', '--mission', 'demo', '--title', 'x', '--junit', 'outside.xml', '--test-file-map', 'map.json', '--dry-run', '--json'], work);
    expect(mapped.code).toBe(0);
    expect(JSON.parse(mapped.stdout).record.components.map((c: { test_file: string }) => c.test_file)).toEqual(['tests/a.test.ts']);
  });
});

describe('tally build and check on cited evidence', () => {
  it('a changed evidence file is invalid data: check fails, naming the file and both digests', async () => {
    const work = await workspace();
    const { record } = await recorded(work);
    expect((await tally(['build'], work)).code).toBe(0);
    await appendFile(path.join(work, record.evidence[0]!.file), '<!-- edited -->\n');
    const checked = await tally(['check'], work);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(`${record.evidence[0]!.file} has the SHA-256 `);
    expect(checked.stderr).toContain(`but the record states ${record.evidence[0]!.sha256}`);
    const validated = await tally(['validate'], work);
    expect(validated.code).toBe(1);
  });

  it('a missing evidence file is invalid data', async () => {
    const work = await workspace();
    const { record } = await recorded(work);
    await rm(path.join(work, record.evidence[1]!.file));
    const built = await tally(['build'], work);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain(`cites ${record.evidence[1]!.file}, which is not there`);
  });

  it('a stated figure the evidence contradicts is a finding naming both numbers and both files; the evidence counts', async () => {
    const work = await workspace();
    const { path: target, record } = await recorded(work);
    await edit(path.join(work, target), 'passing: 2\n      failing: 1', 'passing: 3\n      failing: 0');
    const built = await tally(['build', '--json'], work);
    expect(built.code).toBe(0);
    const mission = JSON.parse(built.stdout).missions[0];
    const finding = mission.findings.find((f: { code: string }) => f.code === 'evidence-mismatch');
    expect(finding.file).toBe(target);
    expect(finding.message).toBe(
      `component "Parser" states 4 tests (3 passed · 1 skipped) in ${target}, but ${record.evidence[0]!.file} gives 4 tests (2 passed · 1 failed · 1 skipped); the report counts the evidence`,
    );
    const report = await readFile(path.join(work, 'reports/demo.md'), 'utf8');
    expect(report).toMatch(/\| \[Parser\]\([^)]*\) \| 4 \| 2 passed · 1 failed · 1 skipped 🔬 verified \|/);
  });
});

describe('tally verify', () => {
  it('exits 0 when the records match a fresh run and 1, with a table, when a count changed', async () => {
    const work = await workspace();
    await recorded(work);
    const same = await tally(['verify', '--junit', 'junit.xml', '--coverage', 'lcov.info'], work);
    expect(same.stderr).toBe('');
    expect(same.stdout).toBe('3 figures compared: every one matches the runner output.\n');
    expect(same.code).toBe(0);

    await edit(path.join(work, 'junit.xml'), '<testcase classname="tests/writer.test.ts" name="never overwrites" time="0.008">', '<testcase classname="tests/writer.test.ts" name="never overwrites" time="0.008"><failure message="boom"/>');
    const changed = await tally(['verify', '--junit', 'junit.xml', '--json'], work);
    expect(changed.code).toBe(1);
    const doc = JSON.parse(changed.stdout);
    expect(doc.differences).toBe(1);
    expect(doc.rows.find((row: { matches: boolean }) => !row.matches)).toMatchObject({ component: 'writer', figure: 'tests', stated: '2: 2 passed', measured: '2: 1 passed · 1 failed' });
    const text = await tally(['verify', '--junit', 'junit.xml'], work);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/^writer\s+tests\s+2: 2 passed\s+2: 1 passed · 1 failed\s+data\/demo\/sessions\/.*\.yaml:\d+$/m);
  });

  it('asks for runner output when given none', async () => {
    const work = await workspace();
    const result = await tally(['verify'], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected --junit FILE and/or --coverage FILE');
  });
});
