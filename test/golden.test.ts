/**
 * Golden fixtures: `test/fixtures/reports/<case>/input/` holds the records
 * (and, optionally, templates); `expected/` holds the reports and the
 * `build --json` output. `UPDATE=1 npm test` rewrites the expectations.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, scratch, tally } from './helpers/cli.js';

const root = path.join(repoRoot, 'test/fixtures/reports');
const cases = (await readdir(root)).sort();
const update = process.env['UPDATE'] === '1';

describe('golden reports', () => {
  it.each(cases)('%s', async (name) => {
    const work = await scratch(path.join(root, name, 'input'));
    const built = await tally(['build', '--json'], work);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);

    const expectedDir = path.join(root, name, 'expected');
    const reports = (await readdir(path.join(work, 'reports'))).sort();
    if (update) {
      await mkdir(path.join(expectedDir, 'reports'), { recursive: true });
      await writeFile(path.join(expectedDir, 'build.json'), built.stdout);
      for (const report of reports) {
        await writeFile(path.join(expectedDir, 'reports', report), await readFile(path.join(work, 'reports', report)));
      }
    }
    expect(reports).toEqual((await readdir(path.join(expectedDir, 'reports'))).sort());
    for (const report of reports) {
      const actual = await readFile(path.join(work, 'reports', report), 'utf8');
      expect(actual).toBe(await readFile(path.join(expectedDir, 'reports', report), 'utf8'));
    }
    expect(built.stdout).toBe(await readFile(path.join(expectedDir, 'build.json'), 'utf8'));

    // A second build finds every report current and writes nothing.
    const again = await tally(['build', '--json'], work);
    expect(JSON.parse(again.stdout).missions.map((m: { status: string }) => m.status)).toEqual(reports.map(() => 'unchanged'));
    expect((await tally(['check'], work)).code).toBe(0);
  });
});
