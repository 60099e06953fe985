/**
 * Test outcomes: every test of a component's `tests.total` has exactly one of
 * passed, failed, skipped, not run or no result. The one place that turns a
 * record's counts into outcomes; every total, rate and chart is built on it.
 */
import type { OutcomeTotals } from '../model/totals.js';
import type { ComponentRecord } from '../schema/session.js';
import { percent } from '../text/round.js';

/** Tests of a group by outcome; `total` is their sum. */
export interface Outcomes {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  not_run: number;
  no_result: number;
}

export const NO_OUTCOMES: Readonly<Outcomes> = Object.freeze({ total: 0, passed: 0, failed: 0, skipped: 0, not_run: 0, no_result: 0 });

/**
 * The outcomes a `tests` record states. Where `passing` is stated, a test not
 * stated as passing, skipped or not run failed (`{ total: 44, passing: 41 }`
 * is 3 failures); where it is not, such a test has no result: a count alone
 * is never read as failures.
 */
export function outcomesOf(tests: NonNullable<ComponentRecord['tests']>): Outcomes {
  const skipped = tests.skipped ?? 0;
  const notRun = tests.not_run ?? 0;
  if (tests.passing !== undefined) {
    return { total: tests.total, passed: tests.passing, failed: tests.total - tests.passing - skipped - notRun, skipped, not_run: notRun, no_result: 0 };
  }
  const failed = tests.failing ?? 0;
  return { total: tests.total, passed: 0, failed, skipped, not_run: notRun, no_result: tests.total - failed - skipped - notRun };
}

/** Add `b` into `a` (times `sign`), in place: totals kept as states are replaced. */
export function addOutcomes(a: Outcomes, b: Readonly<Outcomes>, sign: 1 | -1 = 1): void {
  a.total += sign * b.total;
  a.passed += sign * b.passed;
  a.failed += sign * b.failed;
  a.skipped += sign * b.skipped;
  a.not_run += sign * b.not_run;
  a.no_result += sign * b.no_result;
}

/** The tests that ran to a result: the pass rate's denominator. */
export function ran(outcomes: Readonly<Outcomes>): number {
  return outcomes.passed + outcomes.failed;
}

/** Passed over passed plus failed, one decimal; null when no test ran (never 0%). */
export function passRate(outcomes: Readonly<Outcomes>): number | null {
  return percent(outcomes.passed, ran(outcomes));
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
