/** Plain-text output of the commands. */
import { formatMeasure, formatTestsLine, plural } from '../text/format.js';

export { plural };
import type { Finding } from '../model/findings.js';
import type { Issue } from '../model/records.js';
import type { Totals } from '../model/totals.js';
import type { CliIO } from './io.js';
import { jsonIssue } from './json.js';

export function formatIssue(issue: Issue): string {
  // Line 0: a command-line flag, which has no position.
  if (issue.line === 0) return `${issue.file}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`;
}

export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}: ${finding.message}`;
}

export function formatTotals(totals: Totals): string {
  const parts = [plural(totals.sessions, 'session'), plural(totals.components, 'component'), `tests: ${formatTestsLine(totals)}`];
  if (totals.avg_score !== null) parts.push(`average score ${formatMeasure(totals.avg_score, 'score')}`);
  return parts.join(', ');
}

/** The JSON document of `build`, `check` and `validate`: stable keys, two-space indent, final newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Print invalid-record problems: as `file:line:col: message` lines, or as the JSON document. */
export function printIssues(io: CliIO, issues: readonly Issue[], json: boolean, after: string): void {
  if (json) {
    io.stdout(toJson({ ok: false, missions: [], issues: issues.map(jsonIssue) }));
    return;
  }
  for (const issue of issues) io.stderr(`${formatIssue(issue)}\n`);
  io.stderr(`\n${plural(issues.length, 'invalid record problem')}${after}\n`);
}
