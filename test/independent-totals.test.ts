/**
 * The totals of `tally build --json` against an independent computation from
 * the same YAML files under the README's rules ("Test outcomes", "How totals are computed"), written here from scratch
 * without any of Tally's code: latest report of a component wins; order by
 * date, then start time (missing = earliest), then file name. Outcomes by the
 * rules of "Test outcomes"; the code base's coverage is the latest session's
 * measurement, else the baseline, never a sum.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, scratch, tally } from './helpers/cli.js';

type Coverage = { lines_covered: number; lines_total: number } | { percent: number };

interface Component {
  name: string;
  test_file?: string;
  level?: string;
  tests?: { total: number; passing?: number; failing?: number; skipped?: number; not_run?: number };
  score?: number;
  lines_of_test_code?: number;
}

async function independentTotals(missionDir: string) {
  const dir = path.join(missionDir, 'sessions');
  // A mission with no session yet may have no sessions/ folder.
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.yaml')).sort();
  const sessions = await Promise.all(
    files.map(async (file) => ({
      file,
      record: parse(await readFile(path.join(dir, file), 'utf8')) as { date: string; start?: string; components: Component[]; coverage?: Coverage },
    })),
  );
  sessions.sort((a, b) => {
    const ka = [a.record.date, a.record.start ?? '', a.file];
    const kb = [b.record.date, b.record.start ?? '', b.file];
    for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  });
  const latest: Record<string, Component> = {};
  for (const session of sessions) for (const c of session.record.components) latest['#' + (c.test_file ?? c.name)] = c;
  const current = Object.values(latest);
  const withTests = current.filter((c) => c.tests);
  const sum = (f: (t: NonNullable<Component['tests']>) => number) => withTests.reduce((s, c) => s + f(c.tests!), 0);
  const total = sum((t) => t.total);
  const passing = sum((t) => t.passing ?? 0);
  const skipped = sum((t) => t.skipped ?? 0);
  const notRun = sum((t) => t.not_run ?? 0);
  // Stated passing: the rest failed. No passing: the rest has no result.
  const failing = sum((t) => (t.passing !== undefined ? t.total - t.passing - (t.skipped ?? 0) - (t.not_run ?? 0) : (t.failing ?? 0)));
  const noResult = sum((t) => (t.passing !== undefined ? 0 : t.total - (t.failing ?? 0) - (t.skipped ?? 0) - (t.not_run ?? 0)));
  const measured = sessions.filter((s) => s.record.coverage).at(-1)?.record.coverage;
  const mission = parse(await readFile(path.join(missionDir, 'mission.yaml'), 'utf8')) as { baseline?: { coverage?: Coverage } };
  const coverage = measured ?? mission.baseline?.coverage;
  const scored = current.filter((c) => c.score !== undefined);
  const level = (name: string | undefined) => current.filter((c) => c.level === name).reduce((s, c) => s + (c.tests?.total ?? 0), 0);
  return {
    sessions: sessions.length,
    components: current.length,
    tests_total: total,
    tests_passing: passing,
    tests_failing: failing,
    tests_skipped: skipped,
    tests_not_run: notRun,
    tests_no_result: noResult,
    pass_rate: passing + failing === 0 ? null : (passing / (passing + failing)) * 100,
    coverage: coverage === undefined ? null : 'percent' in coverage ? coverage.percent : coverage.lines_total === 0 ? null : (coverage.lines_covered / coverage.lines_total) * 100,
    avg_score: scored.length === 0 ? null : scored.reduce((s, c) => s + c.score!, 0) / scored.length,
    lines_of_test_code: current.some((c) => c.lines_of_test_code !== undefined) ? current.reduce((s, c) => s + (c.lines_of_test_code ?? 0), 0) : null,
    unit: level('unit'),
    integration: level('integration'),
    e2e: level('e2e'),
  };
}

const datasets = [
  { name: 'shipped data', root: repoRoot },
  { name: 'overlap fixture', root: path.join(repoRoot, 'test/fixtures/reports/overlap/input') },
  { name: 'seed transcribed by hand', root: path.join(repoRoot, 'test/fixtures/reports/seed-by-hand/input') },
  { name: 'every outcome and session coverage', root: path.join(repoRoot, 'test/fixtures/reports/outcomes/input') },
  { name: 'figures from runner output', root: path.join(repoRoot, 'test/fixtures/reports/evidence/input') },
];

describe('build --json totals equal an independent computation', () => {
  it.each(datasets)('$name', async ({ root }) => {
    const work = await scratch();
    const built = await tally(['build', '--json', '--data', path.join(root, 'data'), '--out', path.join(work, 'out')], work);
    expect(built.code).toBe(0);
    const missions = JSON.parse(built.stdout).missions as { name: string; totals: Record<string, unknown> & { by_level: Record<string, { tests_total: number }> } }[];
    expect(missions.length).toBeGreaterThan(0);
    for (const mission of missions) {
      const expected = await independentTotals(path.join(root, 'data', mission.name));
      const t = mission.totals;
      expect(t['sessions']).toBe(expected.sessions);
      expect(t['components']).toBe(expected.components);
      expect(t['tests_total']).toBe(expected.tests_total);
      expect(t['tests_passing']).toBe(expected.tests_passing);
      expect(t['tests_failing']).toBe(expected.tests_failing);
      expect(t['tests_skipped']).toBe(expected.tests_skipped);
      expect(t['tests_not_run']).toBe(expected.tests_not_run);
      expect(t['tests_no_result']).toBe(expected.tests_no_result);
      const coverage = t['mission_coverage'] as { percent: number | null } | null;
      if (expected.coverage === null) expect(coverage?.percent ?? null).toBeNull();
      else expect(Math.abs(coverage!.percent! - expected.coverage)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(t['lines_of_test_code']).toBe(expected.lines_of_test_code);
      expect(t.by_level['unit']!.tests_total).toBe(expected.unit);
      expect(t.by_level['integration']!.tests_total).toBe(expected.integration);
      expect(t.by_level['e2e']!.tests_total).toBe(expected.e2e);
      // Rounded to one decimal: within half a tenth of the exact figure.
      if (expected.pass_rate === null) expect(t['pass_rate']).toBeNull();
      else expect(Math.abs((t['pass_rate'] as number) - expected.pass_rate)).toBeLessThanOrEqual(0.05 + 1e-9);
      if (expected.avg_score === null) expect(t['avg_score']).toBeNull();
      else expect(Math.abs((t['avg_score'] as number) - expected.avg_score)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
  });
});
