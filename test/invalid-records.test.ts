/**
 * A corpus of invalid records, one defect per case (test/fixtures/invalid/<case>/),
 * each with the exact located lines `tally validate` must print (expected.txt).
 * `build` must fail on the same lines and write nothing. A few valid edge inputs
 * (test/fixtures/valid-edge/<case>/) must be accepted.
 *
 * Run with UPDATE=1 to rewrite every expected.txt from the actual output, then
 * review the diff.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scratch, tally } from './helpers/cli.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const invalidDir = path.join(fixtures, 'invalid');
const validEdgeDir = path.join(fixtures, 'valid-edge');
const update = process.env['UPDATE'] === '1';

/** A line such as `data/m/sessions/2025-01-01-a.yaml:7:7: message`. */
const LOCATED = /^\S+:\d+:\d+: /;

function caseNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function located(text: string): string[] {
  return text.split('\n').filter((line) => LOCATED.test(line));
}

function readExpected(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

const temps: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-invalid-'));
  temps.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const invalidCases = caseNames(invalidDir);

describe('invalid records', () => {
  it('has a corpus of at least 30 cases', () => {
    expect(invalidCases.length).toBeGreaterThanOrEqual(30);
  });

  describe.each(invalidCases)('%s', (name) => {
    const caseDir = path.join(invalidDir, name);
    const expectedFile = path.join(caseDir, 'expected.txt');

    it('validate exits 1 with exactly the expected located lines', async () => {
      const result = await tally(['validate'], caseDir);
      const actual = located(result.stderr);
      if (update) writeFileSync(expectedFile, actual.map((line) => `${line}\n`).join(''));
      expect(result.code, result.stderr).toBe(1);
      expect(actual.length, `no located line in stderr:\n${result.stderr}`).toBeGreaterThan(0);
      // Every line of stderr is a located issue, the blank line or the summary: nothing else (no stack trace).
      const rest = result.stderr.split('\n').filter((line) => line !== '' && !LOCATED.test(line));
      expect(rest).toHaveLength(1);
      expect(rest[0]).toMatch(/^\d+ problems? in \d+ files? of \d+\.$/);
      expect(actual).toEqual(readExpected(expectedFile));
    });

    it('build exits 1 with the same lines and writes nothing', async () => {
      const out = freshDir();
      const result = await tally(['build', '--out', out], caseDir);
      expect(result.code, result.stderr).toBe(1);
      expect(located(result.stderr)).toEqual(readExpected(expectedFile));
      expect(result.stderr).toMatch(/nothing was written\.\n$/);
      expect(readdirSync(out)).toEqual([]);
    });
  });
});

describe('valid edge inputs', () => {
  describe.each(caseNames(validEdgeDir))('%s', (name) => {
    const caseDir = path.join(validEdgeDir, name);

    it('validate exits 0', async () => {
      const result = await tally(['validate'], caseDir);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^\d+ files? valid\.\n$/);
    });

    it('build exits 0 and writes the report', async () => {
      const out = freshDir();
      // From a copy: a build writes its caches under the folder it runs in, and the fixture stays as it is.
      const result = await tally(['build', '--out', out], await scratch(caseDir));
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(readdirSync(out)).toEqual(['m.md']);
    });
  });
});
