/** Mission totals over the current component states. */
import type { ComponentRecord, CoverageFigure, Level, MissionRecord, SegmentView, TestTotals, Totals } from '../types.js';
import { compareText } from './identity.js';
import { hundredths, meanOfHundredths, percent } from './round.js';

export function testTotals(components: readonly ComponentRecord[]): TestTotals {
  let total = 0;
  let passing = 0;
  let withTests = 0;
  for (const component of components) {
    if (!component.tests) continue;
    withTests++;
    total += component.tests.total;
    passing += component.tests.passing;
  }
  return {
    components: components.length,
    components_with_tests: withTests,
    tests_total: total,
    tests_passing: passing,
    pass_rate: percent(passing, total),
  };
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

export function computeTotals(
  mission: MissionRecord,
  sessions: number,
  components: readonly ComponentRecord[],
): Totals {
  const byLevel = (level: Level | undefined) => testTotals(components.filter((component) => component.level === level));
  let covered = 0;
  let measured = 0;
  let linesOfTestCode = 0;
  let withLines = 0;
  for (const component of components) {
    if (component.coverage && 'lines_total' in component.coverage) {
      covered += component.coverage.lines_covered;
      measured += component.coverage.lines_total;
    }
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
    coverage: coverageFigure(covered, measured),
    baseline: base ? coverageFigure(base.lines_covered, base.lines_total) : null,
    // The components' code was uncovered at baseline (the mission's premise), so
    // their covered lines add to the baseline's; the measured code is the baseline's.
    mission_coverage: base ? coverageFigure(base.lines_covered + covered, base.lines_total) : null,
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
    .map(([segment, members]) => {
      const totals = testTotals(members);
      return {
        segment,
        components: members.length,
        tests_total: totals.tests_total,
        tests_passing: totals.tests_passing,
        pass_rate: totals.pass_rate,
        revenue_impacts: [...new Set(members.flatMap((member) => member.bvj?.revenue_impact ?? []))],
      };
    });
}
