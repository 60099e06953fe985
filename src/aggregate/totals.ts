/** Mission totals over the current component states. */
import type { CountedComponent } from '../model/components.js';
import type { SegmentView } from '../model/mission-model.js';
import type { SessionRef } from '../model/refs.js';
import type { SessionInput } from '../model/records.js';
import type { CodeBaseCoverage, CoverageFigure, OutcomeTotals, TestTotals, Totals } from '../model/totals.js';
import type { MissionRecord } from '../schema/mission.js';
import type { ComponentRecord, Level } from '../schema/session.js';
import { compareText } from '../text/compare.js';
import { addOutcomes, NO_OUTCOMES, outcomesOf, passRate, ran, type Outcomes } from './outcomes.js';
import { hundredths, meanOfHundredths, percent } from '../text/round.js';

/** The outcome fields, in the order they are shown: every group's outcomes carry these. */
export const OUTCOME_FIELDS = ['tests_total', 'tests_passing', 'tests_failing', 'tests_skipped', 'tests_not_run', 'tests_no_result', 'tests_ran', 'pass_rate'] as const;

/** Just the outcome fields of a group (a session's cumulative totals, a component), for a view that carries them alone. */
export function pickOutcomes<T extends { [K in (typeof OUTCOME_FIELDS)[number]]: unknown }>(group: T): Pick<T, (typeof OUTCOME_FIELDS)[number]> {
  const picked = {} as Pick<T, (typeof OUTCOME_FIELDS)[number]>;
  for (const field of OUTCOME_FIELDS) picked[field] = group[field];
  return picked;
}

/** Outcome counts under the names the model and `--json` use. */
export function outcomeTotals(outcomes: Readonly<Outcomes>): OutcomeTotals {
  return {
    tests_total: outcomes.total,
    tests_passing: outcomes.passed,
    tests_failing: outcomes.failed,
    tests_skipped: outcomes.skipped,
    tests_not_run: outcomes.not_run,
    tests_no_result: outcomes.no_result,
    tests_ran: ran(outcomes),
    pass_rate: passRate(outcomes),
  };
}

export function testTotals(components: readonly CountedComponent[]): TestTotals {
  const sum: Outcomes = { ...NO_OUTCOMES };
  let withTests = 0;
  let verified = 0;
  for (const component of components) {
    if (!component.tests) continue;
    withTests++;
    addOutcomes(sum, outcomesOf(component.tests));
    if (component.verified?.tests) verified += component.tests.total;
  }
  return { components: components.length, components_with_tests: withTests, ...outcomeTotals(sum), tests_verified: verified };
}

export function averageScore(components: readonly ComponentRecord[]): { avg_score: number | null; components_with_score: number } {
  let sum = 0;
  let count = 0;
  for (const component of components) {
    if (component.score === undefined) continue;
    sum += hundredths(component.score);
    count++;
  }
  return { avg_score: meanOfHundredths(sum, count), components_with_score: count };
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
  let linesOfTestCode = 0;
  let withLines = 0;
  for (const component of components) {
    if (component.lines_of_test_code !== undefined) {
      linesOfTestCode += component.lines_of_test_code;
      withLines++;
    }
  }
  const base = mission.baseline?.coverage;
  return {
    sessions,
    ...testTotals(components),
    ...averageScore(components),
    // Not stated by any component is "not stated", never 0.
    lines_of_test_code: withLines === 0 ? null : linesOfTestCode,
    components_with_lines_of_test_code: withLines,
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
