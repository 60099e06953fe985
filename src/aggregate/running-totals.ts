/**
 * Totals kept up to date as component states are replaced, so that the
 * cumulative figures after every session cost one pass over the reports.
 */
import type { CountedComponent } from '../model/components.js';
import type { TestTotals } from '../model/totals.js';
import { addOutcomes, NO_OUTCOMES, outcomesOf, outcomeTotals, passRate, type Outcomes } from './outcomes.js';
import { hundredths, meanOfHundredths } from '../text/round.js';

export class RunningTotals {
  components = 0;
  withTests = 0;
  readonly outcomes: Outcomes = { ...NO_OUTCOMES };
  verified = 0;
  scoreHundredths = 0;
  scored = 0;
  linesOfTestCode = 0;
  withLines = 0;

  add(component: CountedComponent, sign: 1 | -1 = 1): void {
    this.components += sign;
    if (component.tests) {
      this.withTests += sign;
      addOutcomes(this.outcomes, outcomesOf(component.tests), sign);
      if (component.verified?.tests) this.verified += sign * component.tests.total;
    }
    if (component.score !== undefined) {
      this.scoreHundredths += sign * hundredths(component.score);
      this.scored += sign;
    }
    if (component.lines_of_test_code !== undefined) {
      this.linesOfTestCode += sign * component.lines_of_test_code;
      this.withLines += sign;
    }
  }

  /** The totals of a group of components, added once. */
  static of(components: Iterable<CountedComponent>): RunningTotals {
    const totals = new RunningTotals();
    for (const component of components) totals.add(component);
    return totals;
  }

  replace(previous: CountedComponent | undefined, next: CountedComponent): void {
    if (previous) this.add(previous, -1);
    this.add(next, 1);
  }

  get passRate(): number | null {
    return passRate(this.outcomes);
  }

  get linesOfTest(): number | null {
    return this.withLines === 0 ? null : this.linesOfTestCode;
  }

  get avgScore(): number | null {
    return meanOfHundredths(this.scoreHundredths, this.scored);
  }

  /** The test totals as they stand now (a copy). */
  testTotals(): TestTotals {
    return { components: this.components, components_with_tests: this.withTests, ...outcomeTotals(this.outcomes), tests_verified: this.verified };
  }
}
