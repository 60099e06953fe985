/**
 * Totals kept up to date as component states are replaced, so that the
 * cumulative figures after every session cost one pass over the reports.
 */
import type { ComponentRecord } from '../types.js';
import { hundredths, meanOfHundredths, percent } from './round.js';

export class RunningTotals {
  components = 0;
  testsTotal = 0;
  testsPassing = 0;
  scoreHundredths = 0;
  scored = 0;
  linesOfTestCode = 0;
  withLines = 0;

  add(component: ComponentRecord, sign: 1 | -1 = 1): void {
    this.components += sign;
    if (component.tests) {
      this.testsTotal += sign * component.tests.total;
      this.testsPassing += sign * component.tests.passing;
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

  replace(previous: ComponentRecord | undefined, next: ComponentRecord): void {
    if (previous) this.add(previous, -1);
    this.add(next, 1);
  }

  get passRate(): number | null {
    return percent(this.testsPassing, this.testsTotal);
  }

  get linesOfTest(): number | null {
    return this.withLines === 0 ? null : this.linesOfTestCode;
  }

  get avgScore(): number | null {
    return meanOfHundredths(this.scoreHundredths, this.scored);
  }
}
