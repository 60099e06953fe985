/** Test outcome and coverage totals over a group of components, a session, a phase or the mission (README, "How totals are computed"). */
import type { SessionRef } from './refs.js';
import type { Level } from '../schema/session.js';

/**
 * Tests of a group by outcome (README, "Test outcomes"): each test of
 * `tests_total` is counted in exactly one of the five outcome fields.
 */
export interface OutcomeTotals {
  tests_total: number;
  /** Ran and passed. */
  tests_passing: number;
  /** Ran and failed or errored; where `passing` is stated, every test not stated otherwise. */
  tests_failing: number;
  /** Skipped by the runner. */
  tests_skipped: number;
  /** Written or collected, never executed. */
  tests_not_run: number;
  /** A count without a result. */
  tests_no_result: number;
  /** Passed plus failed: the tests the pass rate is taken over. */
  tests_ran: number;
  /** Passed over passed plus failed, percent with one decimal; null when no test ran (never 0%). */
  pass_rate: number | null;
}

/** Test totals over a group of current component states. */
export interface TestTotals extends OutcomeTotals {
  components: number;
  /** Components that state their tests; the others add nothing. */
  components_with_tests: number;
  /** Tests whose outcome comes from runner output (evidence); none yet, so 0. */
  tests_verified: number;
}

/** Lines covered against lines measured. */
export interface CoverageFigure {
  lines_covered: number;
  lines_total: number;
  /** Percent, rounded to one decimal; null when lines_total is 0. */
  percent: number | null;
}

/**
 * The code base's coverage: a measurement, never a sum. The latest session
 * that states `coverage`, else the mission's baseline (README, "How totals are computed", rule 7).
 */
export interface CodeBaseCoverage {
  /** Percent, one decimal; null when the measured code has no lines. */
  percent: number | null;
  /** Line counts, null where the measurement states a percent only. */
  lines_covered: number | null;
  lines_total: number | null;
  /** `session` when a session measured it, `baseline` when it is the mission's baseline. */
  source: 'session' | 'baseline';
  /** The session that measured it; null for the baseline. */
  session: SessionRef | null;
  /** The coverage file it comes from, when runner output measured it; null when stated. */
  verified: string | null;
}

export interface Totals extends TestTotals {
  sessions: number;
  /** Mean of the current scores, rounded to one decimal; null when no component states one. */
  avg_score: number | null;
  components_with_score: number;
  /** Sum over the components that state it; null when none does. */
  lines_of_test_code: number | null;
  /** How many components the sum of lines of test code is taken over. */
  components_with_lines_of_test_code: number;
  /** The mission baseline, when the mission states one. */
  baseline: CoverageFigure | null;
  /** The code base's coverage; null when neither a session nor the baseline measures it. */
  mission_coverage: CodeBaseCoverage | null;
  by_level: Record<Level | 'unspecified', TestTotals>;
}
