/** Target and milestone status, computed from the totals. */
import type { MetricUnit, MilestoneView, TargetView } from '../model/mission-model.js';
import type { Totals } from '../model/totals.js';
import type { Metric, MissionRecord } from '../schema/mission.js';
import { roundTo } from '../text/round.js';

/** The computed figure a target metric names, or null when no record states it. */
function metricValue(metric: Metric, totals: Totals): number | null {
  switch (metric) {
    case 'sessions':
      return totals.sessions;
    case 'components':
      return totals.components;
    case 'tests.total':
      return totals.tests_total;
    case 'tests.passing':
      return totals.tests_passing;
    case 'tests.failing':
      return totals.tests_failing;
    case 'tests.not_run':
      return totals.tests_not_run;
    case 'tests.verified':
      return totals.tests_verified;
    case 'tests.unit':
      return totals.by_level.unit.tests_total;
    case 'tests.integration':
      return totals.by_level.integration.tests_total;
    case 'tests.e2e':
      return totals.by_level.e2e.tests_total;
    case 'pass_rate':
      return totals.pass_rate;
    case 'avg_score':
      return totals.avg_score;
    case 'coverage':
      return coveragePercent(totals);
    case 'lines_of_test_code':
      return totals.lines_of_test_code;
  }
}

/** The code base's coverage (the latest measurement, else the baseline), never a sum of components. */
function coveragePercent(totals: Totals): number | null {
  return totals.mission_coverage?.percent ?? null;
}

/** How a metric's figures read: a percent, a score out of 10, or a count. */
function metricUnit(metric: Metric): MetricUnit {
  if (metric === 'pass_rate' || metric === 'coverage') return 'percent';
  if (metric === 'avg_score') return 'score';
  return 'count';
}

export function computeTargets(mission: MissionRecord, totals: Totals): TargetView[] {
  return (mission.targets ?? []).map((target) => {
    const achieved = metricValue(target.metric, totals);
    const direction = target.direction ?? 'at_least';
    const met = achieved === null ? null : direction === 'at_least' ? achieved >= target.target : achieved <= target.target;
    return {
      metric: target.metric,
      label: target.label,
      target: target.target,
      direction,
      unit: metricUnit(target.metric),
      achieved,
      status: met === null ? 'not stated' : met ? 'met' : 'not met',
      ratio: achieved === null || target.target === 0 ? null : roundTo((achieved / target.target) * 100, 1),
    };
  });
}

export function computeMilestones(mission: MissionRecord, totals: Totals): MilestoneView[] {
  const coverage = coveragePercent(totals);
  return (mission.milestones ?? []).map((milestone) => ({
    coverage: milestone.coverage,
    label: milestone.label,
    reached: coverage !== null && coverage >= milestone.coverage,
  }));
}
