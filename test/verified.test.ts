/** Verified figures in the aggregate stage, on plain objects: what the evidence replaces, what it flags, what it leaves. */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/aggregate/aggregate.js';
import type { CoverageRun, TestRun } from '../src/model/evidence.js';
import { componentsFromEvidence, nameFromTestFile, storedEvidence, GZIP_OVER } from '../src/new/from-evidence.js';
import type { CitedEvidence, MissionInput } from '../src/model/records.js';
import { component, mission, session } from './helpers/records.js';

const junit: TestRun = {
  format: 'junit',
  producer: 'vitest',
  files: [
    { file: 'tests/parser.test.ts', total: 10, passed: 8, failed: 1, skipped: 1, flaky: 2, duration_s: 0.5 },
    { file: 'tests/writer.test.ts', total: 3, passed: 3, failed: 0, skipped: 0, flaky: 0, duration_s: null },
  ],
};
const lcov: CoverageRun = {
  format: 'lcov',
  producer: null,
  files: [
    { file: 'src/parser.ts', lines_covered: 90, lines_total: 100 },
    { file: 'src/writer.ts', lines_covered: 10, lines_total: 50 },
  ],
  total: { lines_covered: 100, lines_total: 150 },
};
const cited = (file: string, run: TestRun | CoverageRun): CitedEvidence => ({
  file,
  format: run.format,
  sha256: 'a'.repeat(64),
  producer: run.producer,
  tests: run.format === 'junit' ? (run as TestRun) : null,
  coverage: run.format === 'junit' ? null : (run as CoverageRun),
});
const evidenceEntries = [
  { file: 'data/m/evidence/s/junit.xml', format: 'junit' as const, sha256: 'a'.repeat(64) },
  { file: 'data/m/evidence/s/lcov.info', format: 'lcov' as const, sha256: 'a'.repeat(64) },
];
const withEvidence = (input: MissionInput): MissionInput => ({
  ...input,
  evidence: new Map([
    ['data/m/evidence/s/junit.xml', cited('data/m/evidence/s/junit.xml', junit)],
    ['data/m/evidence/s/lcov.info', cited('data/m/evidence/s/lcov.info', lcov)],
  ]),
});

describe('verified figures', () => {
  it('replace the stated ones of the components whose test file or source the evidence covers, and flag each disagreement', () => {
    const model = aggregate(
      withEvidence(
        mission([
          session('s', {
            date: '2025-03-04',
            evidence: evidenceEntries,
            coverage: { percent: 50 },
            components: [
              component('Parser', { test_file: 'tests/parser.test.ts', source: 'src/parser.ts', tests: { total: 10, passing: 9, skipped: 1 }, coverage: { lines_covered: 90, lines_total: 100 } }),
              component('Writer', { test_file: 'tests/writer.test.ts', source: 'src/writer.ts' }),
              component('Docs', { test_file: 'tests/docs.test.ts', tests: { total: 4, passing: 4 } }),
            ],
          }),
        ]),
      ),
    );
    const parser = model.components.find((c) => c.name === 'Parser')!;
    expect(parser).toMatchObject({ tests_total: 10, tests_passing: 8, tests_failing: 1, tests_skipped: 1, tests_flaky: 2, duration_s: 0.5, coverage_percent: 90 });
    expect(parser.verified).toEqual({ tests: 'data/m/evidence/s/junit.xml', coverage: 'data/m/evidence/s/lcov.info' });
    expect(model.components.find((c) => c.name === 'Writer')).toMatchObject({ tests_total: 3, tests_passing: 3, coverage_percent: 20, verified: { tests: 'data/m/evidence/s/junit.xml', coverage: 'data/m/evidence/s/lcov.info' } });
    // A component the evidence does not cover stays as stated.
    expect(model.components.find((c) => c.name === 'Docs')).toMatchObject({ tests_passing: 4, verified: { tests: null, coverage: null } });
    expect(model.totals).toMatchObject({ tests_total: 17, tests_verified: 13, tests_passing: 15, tests_failing: 1 });
    expect(model.totals.mission_coverage).toMatchObject({ lines_covered: 100, lines_total: 150, percent: 66.7, verified: 'data/m/evidence/s/lcov.info' });
    const mismatches = model.findings.filter((f) => f.code === 'evidence-mismatch').map((f) => f.message);
    expect(mismatches).toEqual([
      'component "Parser" states 10 tests (9 passed · 1 skipped) in data/m/sessions/s.yaml, but data/m/evidence/s/junit.xml gives 10 tests (8 passed · 1 failed · 1 skipped); the report counts the evidence',
      "the session states the code base's coverage as 50% in data/m/sessions/s.yaml, but data/m/evidence/s/lcov.info gives 100/150 lines (66.7%); the report counts the evidence",
    ]);
  });

  it('count as stated where the evidence was not read (the base of tally diff)', () => {
    const model = aggregate(mission([session('s', { date: '2025-03-04', evidence: evidenceEntries, components: [component('Parser', { test_file: 'tests/parser.test.ts', tests: { total: 10, passing: 9 } })] })]));
    expect(model.components[0]).toMatchObject({ tests_passing: 9, verified: { tests: null, coverage: null } });
    expect(model.totals.tests_verified).toBe(0);
  });

  it('a later stated report of a verified component replaces it: verified counts the current states only', () => {
    const model = aggregate(
      withEvidence(
        mission([
          session('s', { date: '2025-03-04', evidence: evidenceEntries, components: [component('Parser', { test_file: 'tests/parser.test.ts' })] }),
          session('t', { date: '2025-03-05', components: [component('Parser', { test_file: 'tests/parser.test.ts', tests: { total: 12, passing: 12 } })] }),
        ]),
      ),
    );
    expect(model.totals).toMatchObject({ tests_total: 12, tests_verified: 0 });
    expect(model.sessions[0]!.cumulative.tests_verified).toBe(10);
    expect(model.sessions[0]!.evidence.map((e) => [e.format, e.tests, e.test_files, e.source_files, e.sha256])).toEqual([
      ['junit', 13, 2, null, 'aaaaaaaaaaaa'],
      ['lcov', null, null, 2, 'aaaaaaaaaaaa'],
    ]);
  });
});

describe('tally new from runner output (pure parts)', () => {
  it('names a component after its test file', () => {
    expect(['tests/unit/test_parser.py', 'src/cli.test.ts', 'test/writer.spec.js', 'example.com/m/pkg', 'parser_test.go'].map(nameFromTestFile)).toEqual(['parser', 'cli', 'writer', 'pkg', 'parser']);
  });

  it('merges a --component of the same test file, keeps other stated components, and takes the code base from the coverage', () => {
    const { components, coverage } = componentsFromEvidence(
      [{ name: 'Parser', test_file: 'tests/parser.test.ts', source: 'src/parser.ts', score: 9 }, { name: 'Manual', tests: { total: 2, passing: 2 } }],
      [junit],
      [lcov],
    );
    expect(components).toEqual([
      { name: 'Parser', test_file: 'tests/parser.test.ts', source: 'src/parser.ts', score: 9, tests: { total: 10, passing: 8, failing: 1, skipped: 1 }, duration_s: 0.5, coverage: { lines_covered: 90, lines_total: 100 } },
      { name: 'writer', test_file: 'tests/writer.test.ts', tests: { total: 3, passing: 3, failing: 0, skipped: 0 } },
      { name: 'Manual', tests: { total: 2, passing: 2 } },
    ]);
    expect(coverage).toEqual({ lines_covered: 100, lines_total: 150 });
  });

  it('stores files over 1 MiB gzipped, gives each its own name and the digest of the bytes as stored', () => {
    const big = new Uint8Array(GZIP_OVER + 1).fill(65);
    const stored = storedEvidence([
      { name: 'junit.xml', bytes: new TextEncoder().encode('<testsuites/>') },
      { name: 'junit.xml', bytes: big },
      { name: '../../etc/passwd', bytes: new Uint8Array([1]) },
    ]);
    expect(stored.map((s) => s.name)).toEqual(['junit.xml', 'junit.xml.gz', 'etc-passwd']);
    expect(Buffer.from(gunzipSync(stored[1]!.bytes)).equals(Buffer.from(big))).toBe(true);
    expect(stored[1]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('tally verify reads runner output as the build does', () => {
  const model = aggregate(mission([session('a', { date: '2025-01-01', components: [component('Parser', { test_file: 'tests/parser.test.ts', source: 'src/parser.ts', tests: { total: 10, passing: 8, failing: 1, skipped: 1 }, coverage: { percent: 90 } })] })]));
  const second: CoverageRun = { ...lcov, files: [{ file: 'src/parser.ts', lines_covered: 10, lines_total: 100 }], total: { lines_covered: 10, lines_total: 100 } };
  const rerun: TestRun = { ...junit, files: [{ file: 'tests/parser.test.ts', total: 10, passed: 2, failed: 8, skipped: 0, flaky: 0, duration_s: null }] };

  it('each file from the first run that names it, and a stated percent at its own precision', async () => {
    const { verifyModels } = await import('../src/verify/compare.js');
    const rows = verifyModels([model], [junit, rerun], [lcov, second]);
    expect(rows.map((row) => [row.figure, row.matches])).toEqual([
      ['tests', true],
      ['coverage', true],
    ]);
    const near: CoverageRun = { ...lcov, files: [{ file: 'src/parser.ts', lines_covered: 903, lines_total: 1000 }] };
    expect(verifyModels([model], [], [near]).map((row) => row.matches)).toEqual([true]);
  });
});
