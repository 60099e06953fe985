/**
 * `tally verify` without the file system: the current state of every
 * component whose test file (or source) fresh runner output covers, against
 * what actually ran (pure).
 */
import { firstByFile, mergeRuns } from '../evidence/coverage-run.js';
import { matchesStated, percent } from '../text/round.js';
import { outcomeTotals } from '../aggregate/outcomes.js';
import type { CoverageRun, TestRun } from '../model/evidence.js';
import { formatOutcomes, formatPercent } from '../text/format.js';
import type { ComponentView } from '../model/components.js';
import type { MissionModel } from '../model/mission-model.js';

export interface VerifyRow {
  mission: string;
  component: string;
  /** `tests` or `coverage`. */
  figure: 'tests' | 'coverage';
  /** What the records hold now, and what the runner output says, in words. */
  stated: string;
  measured: string;
  /** The record that holds the current state, at the component's line. */
  file: string;
  line: number;
  matches: boolean;
}

export function verifyModels(models: readonly MissionModel[], tests: readonly TestRun[], coverage: readonly CoverageRun[]): VerifyRow[] {
  // Several runs read as the build reads them: each file from the first run that names it.
  const ran = firstByFile(tests);
  const measured = mergeRuns(coverage).files;
  const rows: VerifyRow[] = [];
  for (const model of models) {
    for (const component of model.components) {
      const where = { mission: model.name, component: component.name, file: component.session.file, line: component.line };
      const result = component.test_file === null ? undefined : ran.get(component.test_file)?.result;
      if (result) {
        const fresh = outcomeTotals({ total: result.total, passed: result.passed, failed: result.failed, skipped: result.skipped, not_run: 0, no_result: 0 });
        const stated = statedTests(component);
        const now = `${fresh.tests_total}: ${formatOutcomes(fresh)}`;
        rows.push({ ...where, figure: 'tests', stated, measured: now, matches: stated === now });
      }
      const lines = component.source === null ? undefined : measured.get(component.source)?.result;
      if (lines) {
        const fresh = percent(lines.lines_covered, lines.lines_total);
        const now = fresh === null ? 'no lines' : `${formatPercent(fresh)} (${lines.lines_covered}/${lines.lines_total} lines)`;
        // A coverage stated as a percent only is compared as a percent, at the precision it was stated with (as the build compares it).
        const exact = lines.lines_total === 0 ? null : (100 * lines.lines_covered) / lines.lines_total;
        const matches =
          component.lines_total === null
            ? component.coverage_percent !== null && exact !== null && matchesStated(component.coverage_percent, exact)
            : component.lines_covered === lines.lines_covered && component.lines_total === lines.lines_total;
        rows.push({ ...where, figure: 'coverage', stated: statedCoverage(component), measured: now, matches });
      }
    }
  }
  return rows;
}

function statedTests(component: ComponentView): string {
  return component.tests_total === null ? 'not stated' : `${component.tests_total}: ${formatOutcomes(component)}`;
}

function statedCoverage(component: ComponentView): string {
  if (component.coverage_percent === null) return 'not stated';
  if (component.lines_total === null) return formatPercent(component.coverage_percent);
  return `${formatPercent(component.coverage_percent)} (${component.lines_covered}/${component.lines_total} lines)`;
}
