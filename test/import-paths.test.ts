/**
 * `tally import` reads a legacy report from anywhere (an absolute path, a
 * `../` path, a path in the repository) and keeps it, byte for byte, beside
 * the records as `data/<mission>/legacy-report.md`: every `from:` names that
 * copy, a path inside the repository, so the records validate and build.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, scratch, tally } from './helpers/cli.js';

const fixture = path.join(repoRoot, 'test/fixtures/legacy/ledger-sprint-list/input.md');

/** Every `from.file` in the records of a mission folder, and how many records and components carry one. */
async function provenance(missionDir: string): Promise<{ files: Set<string>; count: number }> {
  const names = ['mission.yaml', ...(await readdir(path.join(missionDir, 'sessions'))).map((name) => `sessions/${name}`)];
  const files = new Set<string>();
  let count = 0;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key === 'from') {
          files.add((item as { file: string }).file);
          count++;
        } else visit(item);
      }
    }
  };
  for (const name of names) visit(parse(await readFile(path.join(missionDir, name), 'utf8')));
  return { files, count };
}

/** Import from `cwd`, then check the copy, the provenance, `validate` and `build`. */
async function importAndCheck(cwd: string, legacy: string, original: string, mission = 'ledger'): Promise<void> {
  const result = await tally(['import', legacy, '--mission', mission], cwd);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const copy = `data/${mission}/legacy-report.md`;
  expect(result.stdout).toContain(` to ${copy}; every record's \`from:\` points there.\n`);
  expect(Buffer.compare(await readFile(path.join(cwd, copy)), await readFile(original))).toBe(0);
  const { files, count } = await provenance(path.join(cwd, 'data', mission));
  expect([...files]).toEqual([copy]);
  // The mission, 4 sessions and 12 components.
  expect(count).toBe(17);
  expect((await tally(['validate'], cwd)).code).toBe(0);
  const built = await tally(['build', '--json'], cwd);
  expect(built.code).toBe(0);
  expect(JSON.parse(built.stdout).missions[0]).toMatchObject({ name: mission, totals: { sessions: 4, components: 11 } });
}

describe('tally import from any path', () => {
  it('takes an absolute path outside the working folder', async () => {
    const [work, elsewhere] = [await scratch(), await scratch()];
    const report = path.join(elsewhere, 'report.md');
    await writeFile(report, await readFile(fixture));
    await importAndCheck(work, report, report);
  });

  it('takes a ../ path, and copies the bytes as they are (CRLF line ends kept)', async () => {
    const root = await scratch();
    const repo = path.join(root, 'repo');
    await mkdir(repo);
    await mkdir(path.join(root, 'elsewhere'));
    const report = path.join(root, 'elsewhere/report.md');
    await writeFile(report, (await readFile(fixture, 'utf8')).replace(/\n/g, '\r\n'));
    await importAndCheck(repo, '../elsewhere/report.md', report);
  });

  it('takes a path inside the repository', async () => {
    const work = await scratch();
    await mkdir(path.join(work, 'old-reports'));
    await writeFile(path.join(work, 'old-reports/ledger.md'), await readFile(fixture));
    await importAndCheck(work, 'old-reports/ledger.md', path.join(work, 'old-reports/ledger.md'));
  });

  it('copies nothing when the report is already the mission\'s legacy-report.md', async () => {
    const work = await scratch();
    await mkdir(path.join(work, 'data/ledger'), { recursive: true });
    await writeFile(path.join(work, 'data/ledger/legacy-report.md'), await readFile(fixture));
    const result = await tally(['import', 'data/ledger/legacy-report.md', '--mission', 'ledger'], work);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('Copied');
    expect([...(await provenance(path.join(work, 'data/ledger'))).files]).toEqual(['data/ledger/legacy-report.md']);
    expect((await tally(['validate'], work)).code).toBe(0);
  });

  it('with --dry-run writes nothing, and says where the copy would go', async () => {
    const [work, elsewhere] = [await scratch(), await scratch()];
    const report = path.join(elsewhere, 'report.md');
    await writeFile(report, await readFile(fixture));
    const dry = await tally(['import', report, '--mission', 'ledger', '--dry-run', '--json'], work);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ written: false, legacy_report: 'data/ledger/legacy-report.md', files: expect.arrayContaining(['data/ledger/legacy-report.md']) });
    expect(existsSync(path.join(work, 'data'))).toBe(false);
  });

  it('never overwrites another report in the copy\'s place, and then writes no record', async () => {
    const [work, elsewhere] = [await scratch(), await scratch()];
    const report = path.join(elsewhere, 'report.md');
    await writeFile(report, await readFile(fixture));
    await mkdir(path.join(work, 'data/ledger'), { recursive: true });
    await writeFile(path.join(work, 'data/ledger/legacy-report.md'), '# Another report\n');
    const result = await tally(['import', report, '--mission', 'ledger'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('data/ledger/legacy-report.md already exists and holds another report; import never overwrites');
    expect(await readFile(path.join(work, 'data/ledger/legacy-report.md'), 'utf8')).toBe('# Another report\n');
    expect(existsSync(path.join(work, 'data/ledger/mission.yaml'))).toBe(false);
  });

  it('names the copy from the data folder\'s parent when --data is outside the working folder', async () => {
    const [work, repo] = [await scratch(), await scratch()];
    const data = path.join(repo, 'data');
    const result = await tally(['import', fixture, '--mission', 'ledger', '--data', data], work);
    expect(result.code).toBe(0);
    expect(Buffer.compare(await readFile(path.join(data, 'ledger/legacy-report.md')), await readFile(fixture))).toBe(0);
    expect([...(await provenance(path.join(data, 'ledger'))).files]).toEqual(['data/ledger/legacy-report.md']);
    expect((await tally(['validate'], repo)).code).toBe(0);
  });
});
