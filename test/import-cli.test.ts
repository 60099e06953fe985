/** `tally import` and `tally audit` end to end, and the audit of Tally's own reports. */
import { existsSync } from 'node:fs';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, scratch, tally } from './helpers/cli.js';

const legacy = (name: string) => path.join(repoRoot, 'test/fixtures/legacy', name, 'input.md');

describe('tally import', () => {
  it('writes records that validate and build, each keeping its legacy line', async () => {
    const work = await scratch();
    await copyFile(legacy('payments-hardening'), path.join(work, 'old.md'));
    const result = await tally(['import', 'old.md', '--mission', 'payments'], work);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Imported old.md into data/payments: 5 sessions, 10 components (9 with a score), 0 targets, 1 unmapped section');
    expect(result.stdout).toContain('old.md:111: Retro notes');
    const sessions = (await readdir(path.join(work, 'data/payments/sessions'))).sort();
    expect(sessions).toHaveLength(5);
    const first = await readFile(path.join(work, 'data/payments/sessions', sessions[0]!), 'utf8');
    expect(first.startsWith('# yaml-language-server: $schema=../../../schema/session.schema.json\n')).toBe(true);
    // The report is kept beside the records, and provenance names the copy.
    expect(first).toMatch(/from:\n {2}file: data\/payments\/legacy-report\.md\n {2}line: 13\n/);
    expect(await readFile(path.join(work, 'data/payments/legacy-report.md'), 'utf8')).toBe(await readFile(path.join(work, 'old.md'), 'utf8'));
    expect((await tally(['validate'], work)).code).toBe(0);
    const built = await tally(['build', '--json'], work);
    expect(built.code).toBe(0);
    // RefundProcessor counts once, in its latest state (44/44): 20+18+44+14+12+10+8+6+7.
    expect(JSON.parse(built.stdout).missions[0].totals).toMatchObject({ components: 9, tests_total: 139 });
  });

  it('never overwrites a mission folder, and --dry-run writes nothing', async () => {
    const work = await scratch();
    await copyFile(legacy('clean-small'), path.join(work, 'old.md'));
    const dry = await tally(['import', 'old.md', '--mission', 'rl', '--dry-run', '--json'], work);
    expect(JSON.parse(dry.stdout)).toMatchObject({ sessions: 2, components: 4, written: false });
    expect(existsSync(path.join(work, 'data'))).toBe(false);
    expect((await tally(['import', 'old.md', '--mission', 'rl'], work)).code).toBe(0);
    const again = await tally(['import', 'old.md', '--mission', 'rl'], work);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('data/rl/mission.yaml already exists; import never overwrites');
  });

  it('needs --mission, a usable name, and a file that exists', async () => {
    const work = await scratch();
    await copyFile(legacy('clean-small'), path.join(work, 'old.md'));
    expect((await tally(['import', 'old.md'], work)).code).toBe(2);
    expect((await tally(['import', 'old.md', '--mission', 'Bad Name'], work)).code).toBe(2);
    expect((await tally(['import', 'missing.md', '--mission', 'x'], work)).code).toBe(2);
  });

  it('--repair-only prints the repaired text; --in-place rewrites the file', async () => {
    const work = await scratch();
    await copyFile(legacy('mobile-e2e-batch'), path.join(work, 'old.md'));
    const printed = await tally(['import', 'old.md', '--repair-only'], work);
    expect(printed.stdout.split('\n')[0]).toBe('# 🎉 Mobile checkout E2E batch — completion report');
    expect(printed.stdout).toContain('Zürich office');
    expect(printed.stderr).toContain('mojibake sequences repaired');
    expect(await readFile(path.join(work, 'old.md'), 'utf8')).toContain('ðŸŽ‰');
    expect((await tally(['import', 'old.md', '--repair-only', '--in-place'], work)).code).toBe(0);
    expect(await readFile(path.join(work, 'old.md'), 'utf8')).toBe(printed.stdout);
  });
});

describe('tally audit', () => {
  it('prints each inconsistency with its line and exits 1', async () => {
    const result = await tally(['audit', legacy('mobile-e2e-batch')], repoRoot);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('mobile-e2e-batch/input.md:62: false-met: marks "E2E tests run" as met, but 4 is below the target of 8');
    expect(result.stdout).toContain('3 inconsistencies found.');
  });

  it('--json lists the problems with file, line and kind', async () => {
    const result = await tally(['audit', '--json', legacy('payments-hardening')], repoRoot);
    const doc = JSON.parse(result.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.problems.map((p: { kind: string; line: number }) => `${p.line}:${p.kind}`)).toEqual([
      '59:total-disagrees',
      '65:duplicate-component',
      '79:total-disagrees',
      '81:session-order',
      '100:duplicate-session-number',
    ]);
  });

  it('finds nothing in a consistent report, and nothing in the report Tally generates from its import', async () => {
    const work = await scratch();
    await copyFile(legacy('clean-small'), path.join(work, 'old.md'));
    expect((await tally(['audit', 'old.md'], work)).code).toBe(0);
    await tally(['import', 'old.md', '--mission', 'rl'], work);
    expect((await tally(['build'], work)).code).toBe(0);
    const generated = await tally(['audit', 'reports/rl.md'], work);
    expect(generated.stdout).toBe('reports/rl.md: no inconsistencies found.\n');
    expect(generated.code).toBe(0);
  });

  it('finds nothing in the reports Tally generates for the overlap fixture once its records agree', async () => {
    const work = await scratch(path.join(repoRoot, 'test/fixtures/reports/overlap/input'));
    // Remove what the fixture gets wrong on purpose: the claims, the categories and the reused number.
    const sessions = path.join(work, 'data/demo/sessions');
    for (const name of await readdir(sessions)) {
      const file = path.join(sessions, name);
      const text = (await readFile(file, 'utf8'))
        .replace(/claims:\n(  .*\n)+/, '')
        .replace(/    categories:\n(      .*\n)+/, '')
        .replace('session: 2\ndate: 2025-01-03\nstart: "08:00"', 'session: 3\ndate: 2025-01-03\nstart: "08:00"');
      await writeFile(file, text);
    }
    expect((await tally(['build'], work)).code).toBe(0);
    const result = await tally(['audit', 'reports/demo.md'], work);
    expect(result.stdout).toBe('reports/demo.md: no inconsistencies found.\n');
  });
});
