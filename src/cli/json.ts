/** The `--json` shapes: documented in the README, relied on by scripts. */
import type { GeneratedReport } from '../pipeline.js';
import type { Finding, Issue } from '../types.js';

export function jsonIssue(issue: Issue) {
  return { file: issue.file, line: issue.line, column: issue.column, code: issue.code, path: issue.path, message: issue.message };
}

export function jsonFinding(finding: Finding) {
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
      tests_total: totals.tests_total,
      tests_passing: totals.tests_passing,
      pass_rate: totals.pass_rate,
      avg_score: totals.avg_score,
      lines_of_test_code: totals.lines_of_test_code,
      coverage: totals.coverage,
      mission_coverage: totals.mission_coverage,
      by_level: totals.by_level,
    },
    targets: targets.map((target) => ({
      metric: target.metric,
      label: target.label,
      target: target.target,
      achieved: target.achieved,
      status: target.status,
    })),
    findings: findings.map(jsonFinding),
  };
}
