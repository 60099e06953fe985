/**
 * Verified figures (pure): where a session cites runner output, a component's
 * outcomes come from the test cases of its test file, its coverage from the
 * lines of its source, and the code base's coverage from the coverage totals.
 * A figure the record states that the evidence contradicts is a finding that
 * names both numbers and both files; the evidence counts.
 */
import { firstByFile, mergeRuns } from '../evidence/coverage-run.js';
import type { FileCoverage, TestFileResult } from '../model/evidence.js';
import { formatOutcomes, plural } from '../text/format.js';
import type { CountedComponent } from '../model/components.js';
import type { Finding } from '../model/findings.js';
import type { CitedEvidence, MissionInput, SessionInput } from '../model/records.js';
import type { ComponentRecord } from '../schema/session.js';
import { at } from './findings.js';
import { matchesStated, percent } from '../text/round.js';
import { outcomesOf, outcomeTotals } from './outcomes.js';

type Lines = { lines_covered: number; lines_total: number };

/** What one session's cited evidence says, indexed for its components. */
export interface SessionEvidence {
  cited: CitedEvidence[];
  tests: Map<string, { result: TestFileResult; file: string }>;
  coverage: Map<string, { result: FileCoverage; file: string }>;
  /** The code base's lines, from the coverage files' totals (files merged by path, first file first). */
  codeBase: (Lines & { file: string }) | null;
}

export function sessionEvidence(session: SessionInput, evidence: MissionInput['evidence']): SessionEvidence | null {
  if (!evidence || !session.record.evidence?.length) return null;
  const cited = session.record.evidence.map((entry) => evidence.get(entry.file)).filter((e): e is CitedEvidence => e !== undefined);
  const tests = new Map([...firstByFile(cited.flatMap((item) => (item.tests ? [{ files: item.tests.files, file: item.file }] : [])))].map(([path, { result, run }]) => [path, { result, file: run.file }]));
  // Several coverage files (a backend and a frontend run): merged as `tally new` merges them.
  const runs = cited.flatMap((item) => (item.coverage ? [{ files: item.coverage.files, file: item.file }] : []));
  const merged = mergeRuns(runs);
  const coverage = new Map([...merged.files].map(([path, { result, run }]) => [path, { result, file: run.file }]));
  const codeBase = runs.length === 0 ? null : { lines_covered: merged.lines_covered, lines_total: merged.lines_total, file: runs[0]!.file };
  return { cited, tests, coverage, codeBase };
}

/** The component as counted: its verified figures in place of stated ones, and a finding for each disagreement. */
export function countedComponent(component: ComponentRecord, index: number, session: SessionInput, evidence: SessionEvidence | null): { record: CountedComponent; findings: Finding[] } {
  if (!evidence) return { record: component, findings: [] };
  const findings: Finding[] = [];
  const ran = component.test_file === undefined ? undefined : evidence.tests.get(component.test_file);
  const measured = component.source === undefined ? undefined : evidence.coverage.get(component.source);
  if (!ran && !measured) return { record: component, findings };
  const record: CountedComponent = { ...component, verified: { tests: ran?.file ?? null, coverage: measured?.file ?? null } };
  if (ran) {
    const { total, passed, failed, skipped } = ran.result;
    record.tests = { total, passing: passed, failing: failed, skipped };
    record.flaky = ran.result.flaky;
    if (ran.result.duration_s !== null) record.duration_s = ran.result.duration_s;
    if (component.tests && differs(component.tests, record.tests)) {
      findings.push({
        code: 'evidence-mismatch',
        ...at(session, `components.${index}`),
        message: `component "${component.name}" states ${testsText(component.tests)} in ${session.file}, but ${ran.file} gives ${testsText(record.tests)}; the report counts the evidence`,
      });
    }
  }
  if (measured) {
    const lines = { lines_covered: measured.result.lines_covered, lines_total: measured.result.lines_total };
    if (component.coverage && !sameCoverage(component.coverage, lines)) {
      findings.push({
        code: 'evidence-mismatch',
        ...at(session, `components.${index}`),
        message: `component "${component.name}" states coverage ${coverageText(component.coverage)} of ${component.source} in ${session.file}, but ${measured.file} gives ${coverageText(lines)}; the report counts the evidence`,
      });
    }
    record.coverage = lines;
  }
  return { record, findings };
}

/** The code base's coverage a session states or its evidence measures (the evidence counts), with a finding when they disagree. */
export function sessionCoverage(session: SessionInput, evidence: SessionEvidence | null): { coverage: SessionInput['record']['coverage']; verified: string | null; findings: Finding[] } {
  const stated = session.record.coverage;
  const measured = evidence?.codeBase;
  if (!measured) return { coverage: stated, verified: null, findings: [] };
  const lines = { lines_covered: measured.lines_covered, lines_total: measured.lines_total };
  const findings: Finding[] =
    stated && !sameCoverage(stated, lines)
      ? [{ code: 'evidence-mismatch', ...at(session, 'coverage'), message: `the session states the code base's coverage as ${coverageText(stated)} in ${session.file}, but ${measured.file} gives ${coverageText(lines)}; the report counts the evidence` }]
      : [];
  return { coverage: lines, verified: measured.file, findings };
}

function differs(a: NonNullable<ComponentRecord['tests']>, b: NonNullable<ComponentRecord['tests']>): boolean {
  const x = outcomesOf(a);
  const y = outcomesOf(b);
  return x.total !== y.total || x.passed !== y.passed || x.failed !== y.failed || x.skipped !== y.skipped || x.not_run !== y.not_run || x.no_result !== y.no_result;
}

function testsText(tests: NonNullable<ComponentRecord['tests']>): string {
  const outcomes = outcomeTotals(outcomesOf(tests));
  return `${plural(tests.total, 'test')} (${formatOutcomes(outcomes)})`;
}

/** A stated percent matches at its own precision (95.5 matches 95.48); line counts match exactly. */
function sameCoverage(stated: NonNullable<ComponentRecord['coverage']>, measured: Lines): boolean {
  if ('percent' in stated) {
    const exact = measured.lines_total === 0 ? null : (100 * measured.lines_covered) / measured.lines_total;
    return exact !== null && matchesStated(stated.percent, exact);
  }
  return stated.lines_covered === measured.lines_covered && stated.lines_total === measured.lines_total;
}

function coverageText(coverage: NonNullable<ComponentRecord['coverage']>): string {
  if ('percent' in coverage) return `${coverage.percent}%`;
  const pct = percent(coverage.lines_covered, coverage.lines_total);
  return `${coverage.lines_covered}/${coverage.lines_total} lines${pct === null ? '' : ` (${pct}%)`}`;
}
