/** `tally diff` between two commits of a records repository, and `build --dump-model`. */
import { execFile } from 'node:child_process';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { edit, repoRoot, scratch, tally } from './helpers/cli.js';

const exec = promisify(execFile);
const git = (cwd: string, ...args: string[]) => exec('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', ...args], { cwd });

async function repository(): Promise<string> {
  const work = await scratch(path.join(repoRoot, 'test/fixtures/reports/overlap/input'));
  await git(work, 'init', '-q', '-b', 'main');
  await git(work, 'add', '-A');
  await git(work, 'commit', '-qm', 'base');
  return work;
}

describe('tally diff', () => {
  it('names exactly the sessions and components a change adds or alters, with totals before and after', async () => {
    const work = await repository();
    await git(work, 'checkout', '-qb', 'feature');
    const created = await tally(['new', '--mission', 'demo', '--title', 'Cache suite', '--date', '2025-01-05', '--component', 'name=Parser,test_file=tests/test_parser.py,tests=24/24,score=9.5', '--component', 'name=Cache,test_file=tests/test_cache.py,tests=5/6'], work);
    expect(created.code).toBe(0);
    await rm(path.join(work, 'data/demo/sessions/2025-01-03-no-start.yaml'));

    const json = JSON.parse((await tally(['diff', '--json'], work)).stdout);
    const mission = json.missions[0];
    expect(mission.sessions_added.map((s: { file: string }) => s.file)).toEqual([created.stdout.trim()]);
    expect(mission.sessions_removed.map((s: { id: string }) => s.id)).toEqual(['2025-01-03-no-start']);
    expect(mission.components_added.map((c: { key: string }) => c.key)).toEqual(['tests/test_cache.py']);
    expect(mission.components_changed).toEqual([
      {
        key: 'tests/test_parser.py',
        name: 'Parser',
        before: { tests_total: 22, tests_passing: 22, tests_failing: 0, tests_skipped: 0, tests_not_run: 0, tests_no_result: 0, tests_ran: 22, pass_rate: 100, score: 9.25 },
        after: { tests_total: 24, tests_passing: 24, tests_failing: 0, tests_skipped: 0, tests_not_run: 0, tests_no_result: 0, tests_ran: 24, pass_rate: 100, score: 9.5 },
      },
    ]);
    expect(mission.components_removed).toEqual([]);
    expect(mission.totals.before).toMatchObject({ sessions: 4, tests_total: 38, tests_passing: 36, tests_failing: 2 });
    expect(mission.totals.after).toMatchObject({ sessions: 4, tests_total: 46, tests_passing: 43, tests_failing: 3 });

    const markdown = (await tally(['diff'], work)).stdout;
    expect(markdown).toContain('| Tests | 38 | 46 |');
    expect(markdown).toContain('| Outcomes | 36 passed · 2 failed | 43 passed · 3 failed |');
    expect(markdown).toContain('| Parser | changed | 22: 22 passed → 24: 24 passed | 100.0% | 9.25/10 → 9.5/10 |');
    expect(markdown).toContain('| Cache | added | 6: 5 passed · 1 failed | 83.3% | not stated |');
    expect(markdown).toContain('**1 session removed**');
  });

  it('reports findings a change introduces and resolves', async () => {
    const work = await repository();
    // Resolve the wrong claim of the second session; introduce a new one in the first.
    const second = path.join(work, 'data/demo/sessions/2025-01-03-second.yaml');
    await edit(second, 'tests_total: 40', 'tests_total: 38');
    const first = path.join(work, 'data/demo/sessions/2025-01-02-first.yaml');
    await edit(first, 'tests_total: 30', 'tests_total: 31');
    const mission = JSON.parse((await tally(['diff', '--base', 'HEAD', '--json'], work)).stdout).missions[0];
    expect(mission.findings_new.map((f: { message: string }) => f.message)).toEqual(['claims total tests 31, but the records give 30 once this session is counted']);
    expect(mission.findings_resolved.map((f: { message: string }) => f.message)).toEqual(['claims total tests 40, but the records give 38 once this session is counted']);
  });

  it('an invalid record at the base sets aside its own mission only', async () => {
    const work = await scratch(path.join(repoRoot, 'test/fixtures/reports/overlap/input'));
    await cp(path.join(work, 'data/demo'), path.join(work, 'data/other'), { recursive: true });
    await writeFile(path.join(work, 'data/other/sessions/2025-01-05-bad.yaml'), 'date: 2025-01-05\ntitle: broken\ncomponents: []\nscore: 12\n');
    await git(work, 'init', '-q', '-b', 'main');
    await git(work, 'add', '-A');
    await git(work, 'commit', '-qm', 'base');
    await rm(path.join(work, 'data/other/sessions/2025-01-05-bad.yaml'));
    const result = await tally(['diff', '--base', 'HEAD', '--json'], work);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('the records of other at HEAD have 1 problem; that mission is compared as if absent');
    const status = Object.fromEntries(JSON.parse(result.stdout).missions.map((m: { name: string; status: string }) => [m.name, m.status]));
    expect(status).toEqual({ demo: 'unchanged', other: 'added' });
  });

  it('keeps the mission names whole with the data folder at the repository root', async () => {
    const work = await scratch(path.join(repoRoot, 'test/fixtures/reports/overlap/input/data'));
    await git(work, 'init', '-q', '-b', 'main');
    await git(work, 'add', '-A');
    await git(work, 'commit', '-qm', 'base');
    await edit(path.join(work, 'demo/sessions/2025-01-03-second.yaml'), 'tests_total: 40', 'tests_total: 38');
    const result = await tally(['diff', '--base', 'HEAD', '--data', '.', '--json'], work);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).missions.map((m: { name: string; status: string }) => [m.name, m.status])).toEqual([['demo', 'changed']]);
  });

  it('shows base files as the working tree shows them, whatever way --data is written', async () => {
    const work = await repository();
    for (const data of [path.join(work, 'data'), './data']) {
      const result = await tally(['diff', '--base', 'HEAD', '--data', data, '--json'], work);
      expect(result.code).toBe(0);
      const diff = JSON.parse(result.stdout);
      expect(diff.missions.map((m: { status: string; findings_new: unknown[]; findings_resolved: unknown[] }) => [m.status, m.findings_new.length, m.findings_resolved.length])).toEqual([['unchanged', 0, 0]]);
    }
  });

  it('reads base files with the checks the working tree gets: UTF-8, no NUL', async () => {
    const work = await repository();
    const file = path.join(work, 'data/demo/sessions/2025-01-02-first.yaml');
    const text = await readFile(file);
    await writeFile(file, Buffer.concat([text, Buffer.from([0xff, 0xfe, 0x0a])]));
    await git(work, 'commit', '-qam', 'bad bytes');
    await writeFile(file, text);
    const result = await tally(['diff', '--base', 'HEAD', '--json'], work);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/at HEAD: data\/demo\/sessions\/2025-01-02-first\.yaml:\d+:\d+: invalid UTF-8 byte sequence; expected UTF-8 text/);
    expect(JSON.parse(result.stdout).missions[0].status).toBe('added');
  });

  it('with no change says so; outside a git repository it is a usage error', async () => {
    const work = await repository();
    expect((await tally(['diff'], work)).stdout).toContain('No mission changes.');
    const plain = await scratch(path.join(repoRoot, 'test/fixtures/reports/overlap/input'));
    const outside = await tally(['diff'], plain);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('tally diff needs a git repository');
  });

  it('takes no --out or --templates: it writes no report, so they would do nothing', async () => {
    const work = await repository();
    for (const flag of ['--out', '--templates']) {
      const result = await tally(['diff', flag, 'x'], work);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`unknown option '${flag}'`);
    }
  });
});

describe('build --dump-model', () => {
  it('prints the model each template receives and writes nothing', async () => {
    const work = await scratch(path.join(repoRoot, 'test/fixtures/reports/overlap/input'));
    const result = await tally(['build', '--dump-model'], work);
    expect(result.code).toBe(0);
    const [dump] = JSON.parse(result.stdout);
    expect(dump.name).toBe('demo');
    expect(Object.keys(dump.model).sort()).toEqual(['archives', 'by_segment', 'charts', 'components', 'findings', 'log', 'milestones', 'mission', 'name', 'next_steps', 'phases', 'recent_log', 'recent_sessions', 'sessions', 'targets', 'targets_summary', 'totals']);
    expect(dump.model.charts.progress.points).toHaveLength(4);
    expect((await tally(['check'], work)).code).toBe(1); // nothing was written
  });
});
