/** Mission totals over the current component states. */
import type { CountedComponent } from '../model/components.js';
import type { SegmentView } from '../model/mission-model.js';
import type { SessionRef } from '../model/refs.js';
import type { SessionInput } from '../model/records.js';
import type { CodeBaseCoverage, CoverageFigure, TestTotals, Totals } from '../model/totals.js';
import type { MissionRecord } from '../schema/mission.js';
import type { ComponentRecord, Level } from '../schema/session.js';
import { compareText } from '../text/compare.js';
import { RunningTotals } from './running-totals.js';
import { percent } from '../text/round.js';

/** The outcome fields, in the order they are shown: every group's outcomes carry these. */
export const OUTCOME_FIELDS = ['tests_total', 'tests_passing', 'tests_failing', 'tests_skipped', 'tests_not_run', 'tests_no_result', 'tests_ran', 'pass_rate'] as const;

/** Just the outcome fields of a group (a session's cumulative totals, a component), for a view that carries them alone. */
export function pickOutcomes<T extends { [K in (typeof OUTCOME_FIELDS)[number]]: unknown }>(group: T): Pick<T, (typeof OUTCOME_FIELDS)[number]> {
  const picked = {} as Pick<T, (typeof OUTCOME_FIELDS)[number]>;
  for (const field of OUTCOME_FIELDS) picked[field] = group[field];
  return picked;
}

/** Test totals over a group of components: the one accumulator (`RunningTotals`) filled once. */
export function testTotals(components: readonly CountedComponent[]): TestTotals {
  return RunningTotals.of(components).testTotals();
}

export function averageScore(components: readonly ComponentRecord[]): { avg_score: number | null; components_with_score: number } {
  const totals = RunningTotals.of(components);
  return { avg_score: totals.avgScore, components_with_score: totals.scored };
}

function coverageFigure(covered: number, total: number): CoverageFigure {
  return { lines_covered: covered, lines_total: total, percent: percent(covered, total) };
}

/** A stated coverage (line counts or a percent) as the code base's figure. */
export function statedCoverage(coverage: NonNullable<SessionInput['record']['coverage']>): Omit<CodeBaseCoverage, 'source' | 'session' | 'verified'> {
  if ('percent' in coverage) return { percent: coverage.percent, lines_covered: null, lines_total: null };
  return coverageFigure(coverage.lines_covered, coverage.lines_total);
}

/**
 * The code base's coverage: the latest measurement, else the baseline. Never
 * a sum: component line counts overlap each other and the baseline.
 */
export function codeBaseCoverage(
  mission: MissionRecord,
  latest: { coverage: NonNullable<SessionInput['record']['coverage']>; session: SessionRef; verified: string | null } | null,
): CodeBaseCoverage | null {
  if (latest) return { ...statedCoverage(latest.coverage), source: 'session', session: latest.session, verified: latest.verified };
  const base = mission.baseline?.coverage;
  return base ? { ...coverageFigure(base.lines_covered, base.lines_total), source: 'baseline', session: null, verified: null } : null;
}

export function computeTotals(
  mission: MissionRecord,
  sessions: number,
  components: readonly ComponentRecord[],
  coverage: CodeBaseCoverage | null,
): Totals {
  const byLevel = (level: Level | undefined) => testTotals(components.filter((component) => component.level === level));
  const all = RunningTotals.of(components);
  const base = mission.baseline?.coverage;
  return {
    sessions,
    ...all.testTotals(),
    avg_score: all.avgScore,
    components_with_score: all.scored,
    // Not stated by any component is "not stated", never 0.
    lines_of_test_code: all.linesOfTest,
    components_with_lines_of_test_code: all.withLines,
    baseline: base ? coverageFigure(base.lines_covered, base.lines_total) : null,
    mission_coverage: coverage,
    by_level: {
      unit: byLevel('unit'),
      integration: byLevel('integration'),
      e2e: byLevel('e2e'),
      unspecified: byLevel(undefined),
    },
  };
}

/** Current states grouped by customer segment, segments in code-point order. */
export function bySegment(components: readonly ComponentRecord[]): SegmentView[] {
  const groups = new Map<string, ComponentRecord[]>();
  for (const component of components) {
    for (const segment of new Set(component.bvj?.segment ?? [])) groups.set(segment, [...(groups.get(segment) ?? []), component]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([segment, members]) => ({
      segment,
      ...testTotals(members),
      revenue_impacts: [...new Set(members.flatMap((member) => member.bvj?.revenue_impact ?? []))],
    }));
}
