/** The `--json` shapes: documented in the README, relied on by scripts. */
import type { GeneratedReport } from '../build/build.js';
import type { Finding } from '../model/findings.js';
import type { Issue } from '../model/records.js';
import type { Totals } from '../model/totals.js';

export function jsonIssue(issue: Issue) {
  return { file: issue.file, line: issue.line, column: issue.column, code: issue.code, path: issue.path, message: issue.message };
}

function jsonFinding(finding: Finding) {
  return { file: finding.file, line: finding.line, column: finding.column, code: finding.code, message: finding.message };
}

export function jsonMission(report: GeneratedReport, status: string) {
  const { totals, targets, findings } = report.summary;
  return {
    name: report.name,
    path: report.path,
    status,
    totals: {
      sessions: totals.sessions,
      components: totals.components,
      components_with_tests: totals.components_with_tests,
      tests_total: totals.tests_total,
      tests_passing: totals.tests_passing,
      tests_failing: totals.tests_failing,
      tests_skipped: totals.tests_skipped,
      tests_not_run: totals.tests_not_run,
      tests_no_result: totals.tests_no_result,
      tests_ran: totals.tests_ran,
      tests_verified: totals.tests_verified,
      pass_rate: totals.pass_rate,
      avg_score: totals.avg_score,
      components_with_score: totals.components_with_score,
      lines_of_test_code: totals.lines_of_test_code,
      components_with_lines_of_test_code: totals.components_with_lines_of_test_code,
      baseline_coverage: totals.baseline,
      mission_coverage: jsonCoverage(totals.mission_coverage),
      by_level: totals.by_level,
    },
    targets: targets.map((target) => ({
      metric: target.metric,
      label: target.label,
      target: target.target,
      achieved: target.achieved,
      unit: target.unit,
      status: target.status,
    })),
    findings: findings.map(jsonFinding),
  };
}

/** The code base's coverage, with the session that measured it (null for the baseline). */
function jsonCoverage(coverage: Totals['mission_coverage']) {
  if (!coverage) return null;
  return {
    percent: coverage.percent,
    lines_covered: coverage.lines_covered,
    lines_total: coverage.lines_total,
    source: coverage.source,
    session: coverage.session ? { id: coverage.session.id, file: coverage.session.file, date: coverage.session.date } : null,
    verified: coverage.verified,
  };
}
