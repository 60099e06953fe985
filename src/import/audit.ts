/**
 * Audit a legacy report: list what is inconsistent in it, each problem with
 * the line it is on. Pure: a `LegacyReport` in, problems out.
 */
import { compareText } from '../aggregate/identity.js';
import { decimalsOf, roundTo } from '../aggregate/round.js';
import { formatNumber } from '../text/format.js';
import { ALL_PASS } from './legacy-claims.js';
import { SESSION_NUMBER } from './legacy-text.js';
import type { LegacyComponent, LegacyReport, LegacySession, StatedTotal, TotalMetric } from './legacy-types.js';

export type AuditKind =
  | 'total-disagrees'
  | 'duplicate-component'
  | 'session-order'
  | 'duplicate-session-number'
  | 'pass-rate-mismatch'
  | 'false-met'
  | 'false-all-passing'
  | 'never-run';

export interface AuditProblem {
  kind: AuditKind;
  line: number;
  message: string;
}

export function audit(report: LegacyReport): AuditProblem[] {
  const groups = groupComponents(report);
  const problems = [
    ...auditTotals(report, groups),
    ...auditDuplicates(groups),
    ...auditSessions(report),
    ...auditRates(report),
    ...auditTargets(report),
    ...auditPassClaims(report),
    ...report.neverRun.map((item) => ({
      kind: 'never-run' as const,
      line: item.line,
      message: `states an expected result for tests that were not run: "${item.text}"; expected results that were run, or none`,
    })),
  ];
  return problems.sort((a, b) => a.line - b.line || compareText(a.kind, b.kind));
}

interface Report {
  component: LegacyComponent;
  session: LegacySession;
  /** Position of the session in time order. */
  order: number;
}

/**
 * The same component, reported in several places: linked by test file or by
 * name ("LLMManager SSOT", "LLMManager (Backend)" and "LLMManager" are one).
 */
function groupComponents(report: LegacyReport): Report[][] {
  const chronological = sessionOrder(report.sessions);
  const reports: Report[] = report.sessions.flatMap((session) =>
    session.components.map((component) => ({ component, session, order: chronological.get(session)! })),
  );
  const parent = reports.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const byKey = new Map<string, number>();
  reports.forEach((r, i) => {
    for (const key of [r.component.test_file ? `file:${r.component.test_file}` : null, `name:${normalizeName(r.component.name)}`]) {
      if (!key) continue;
      const first = byKey.get(key);
      if (first === undefined) byKey.set(key, i);
      else parent[find(i)] = find(first);
    }
  });
  const groups = new Map<number, Report[]>();
  reports.forEach((r, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), r]);
  });
  // Each group in time order, so the latest report up to a session is found by one scan.
  return [...groups.values()].map((group) => group.sort((a, b) => a.order - b.order || a.component.line - b.component.line));
}

export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/\bssot\b/g, '')
    .replace(/\.(py|ts|tsx|js|go)$/, '')
    .replace(/[^a-z0-9]+/g, '');
}

/** Sessions by date, then start time (missing first), then their place in the file. */
function sessionOrder(sessions: readonly LegacySession[]): Map<LegacySession, number> {
  // An undated session (a summary the importer grouped) comes after the dated ones.
  const sorted = [...sessions].sort(
    (a, b) => compareText(a.date ?? '\uffff', b.date ?? '\uffff') || compareText(a.start ?? '', b.start ?? '') || a.line - b.line,
  );
  return new Map(sorted.map((session, index) => [session, index]));
}

/** The latest report of every component among the sessions up to `upTo` (in time order). */
function figures(groups: Report[][], report: LegacyReport, order: ReadonlyMap<LegacySession, number>, upTo: number): Record<TotalMetric, number | null> {
  let total = 0;
  let passing = 0;
  let components = 0;
  for (const group of groups) {
    const latest = group.findLast((r) => r.order <= upTo);
    if (!latest) continue;
    components++;
    total += latest.component.tests?.total ?? 0;
    passing += latest.component.tests?.passing ?? 0;
  }
  const named = report.sessions.filter((session) => session.named);
  return {
    tests_total: total,
    tests_passing: passing,
    components,
    sessions: (named.length > 0 ? named : report.sessions).filter((session) => order.get(session)! <= upTo).length,
    lines_of_test_code: null,
  };
}

const LABELS: Record<TotalMetric, string> = {
  tests_total: 'total tests',
  tests_passing: 'passing tests',
  lines_of_test_code: 'lines of test code',
  components: 'components',
  sessions: 'sessions',
};

function auditTotals(report: LegacyReport, groups: Report[][]): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const order = sessionOrder(report.sessions);
  const everything = report.sessions.length;
  const stated = (total: StatedTotal) => `${formatNumber(total.value)}${total.atLeast ? '+' : ''}`;
  const previous = new Map<TotalMetric, StatedTotal[]>();

  for (const total of report.totals) {
    const reasons: string[] = [];
    if (total.parts) {
      const sum = total.parts.reduce((a, b) => a + b, 0);
      if (sum !== total.value) reasons.push(`its parts (${total.parts.join(' + ')}) add up to ${sum}`);
    }
    const session = total.session === null ? null : report.sessions[total.session]!;
    if (total.scope === 'session' && session && session.components.length > 0) {
      const own = ownFigure(session, total.metric);
      if (own !== null && own !== total.value) reasons.push(`the components of this session add up to ${own}`);
    } else if (total.scope === 'mission') {
      const upTo = session ? order.get(session)! : everything;
      const computed = figures(groups, report, order, upTo)[total.metric];
      if (computed !== null && computed !== total.value && computed > 0) {
        reasons.push(`the components the report lists ${session ? 'up to this session ' : ''}add up to ${formatNumber(computed)}`);
      }
      // A cumulative total cannot shrink: a later session stating less than an earlier one disagrees with it.
      if (session) {
        const when = order.get(session)!;
        const earlier = (previous.get(total.metric) ?? []).filter((other) => order.get(report.sessions[other.session!]!)! < when && other.value > total.value);
        if (earlier.length > 0) {
          reasons.push(`an earlier session states ${earlier.map((other) => `${stated(other)} (line ${other.line})`).join(', ')}`);
        }
        previous.set(total.metric, [...(previous.get(total.metric) ?? []), total]);
      }
    }
    if (reasons.length > 0) {
      problems.push({
        kind: 'total-disagrees',
        line: total.line,
        message: `states ${stated(total)} ${LABELS[total.metric]}, but ${reasons.join('; ')}`,
      });
    }
  }
  return problems;
}

function ownFigure(session: LegacySession, metric: TotalMetric): number | null {
  switch (metric) {
    case 'tests_total':
      return session.components.reduce((n, c) => n + (c.tests?.total ?? 0), 0);
    case 'tests_passing':
      return session.components.reduce((n, c) => n + (c.tests?.passing ?? 0), 0);
    case 'components':
      return session.components.length;
    default:
      return null;
  }
}

/** "49/51", "68 tests not run", "12 tests with no result". */
function testsText(tests: NonNullable<LegacyComponent['tests']>): string {
  if (tests.passing !== undefined) return `${tests.passing}/${tests.total}`;
  return tests.not_run === tests.total ? `${tests.total} tests not run` : `${tests.total} tests with no result`;
}

function describe(component: LegacyComponent): string {
  const tests = component.tests ? testsText(component.tests) : 'no test count';
  return `${tests}${component.score === null ? '' : ` at ${component.score}/10`}`;
}

function auditDuplicates(groups: Report[][]): AuditProblem[] {
  const problems: AuditProblem[] = [];
  for (const group of groups) {
    const byLine = [...group].sort((a, b) => a.component.line - b.component.line);
    for (let i = 1; i < byLine.length; i++) {
      const current = byLine[i]!.component;
      if (current.replaced) continue;
      const earlier = byLine.slice(0, i).map((r) => r.component).filter((c) => !c.replaced && differs(c, current));
      const first = earlier.at(-1);
      if (!first) continue;
      problems.push({
        kind: 'duplicate-component',
        line: current.line,
        message: `reports "${current.name}" as ${describe(current)}; line ${first.line} reports "${first.name}" as ${describe(first)}`,
      });
    }
  }
  return problems;
}

function differs(a: LegacyComponent, b: LegacyComponent): boolean {
  const tests = (c: LegacyComponent) => (c.tests ? testsText(c.tests) : null);
  return (tests(a) !== null && tests(b) !== null && tests(a) !== tests(b)) || (a.score !== null && b.score !== null && a.score !== b.score);
}

function auditSessions(report: LegacyReport): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const named = report.sessions.filter((session) => session.named && !session.dateInferred);
  let latest: LegacySession | null = null;
  let highest: LegacySession | null = null;
  const numbers = new Map<number, LegacySession>();
  for (const session of named) {
    const when = `${session.date ?? ''} ${session.start ?? ''}`.trim();
    if (latest && session.date && compareText(`${session.date} ${session.start ?? ''}`, `${latest.date} ${latest.start ?? ''}`) < 0) {
      problems.push({ kind: 'session-order', line: session.line, message: `session of ${when} comes after the session of ${`${latest.date} ${latest.start ?? ''}`.trim()} (line ${latest.line}); expected sessions in time order` });
    } else if (highest && session.number !== null && session.number < highest.number!) {
      problems.push({ kind: 'session-order', line: session.line, message: `session ${session.number} comes after session ${highest.number} (line ${highest.line}); expected sessions in order` });
    }
    if (session.date && (!latest || compareText(`${session.date} ${session.start ?? ''}`, `${latest.date} ${latest.start ?? ''}`) >= 0)) latest = session;
    if (session.number !== null && (!highest || session.number > highest.number!)) highest = session;
  }
  for (const session of report.sessions) {
    if (session.number === null) continue;
    const first = numbers.get(session.number);
    if (first) {
      const label = SESSION_NUMBER.exec(session.title)?.[1]!.toLowerCase() ?? 'session';
      problems.push({ kind: 'duplicate-session-number', line: session.line, message: `${label} number ${session.number} is also used at line ${first.line}; expected each number once` });
    } else numbers.set(session.number, session);
  }
  return problems;
}

function auditRates(report: LegacyReport): AuditProblem[] {
  return report.rates
    .filter((rate) => rate.total > 0 && roundTo((rate.passing / rate.total) * 100, decimalsOf(rate.rate)) !== rate.rate)
    .map((rate) => ({
      kind: 'pass-rate-mismatch' as const,
      line: rate.line,
      message: `states a ${rate.rate}% pass rate, but ${rate.passing}/${rate.total} is ${roundTo((rate.passing / rate.total) * 100, 1)}%`,
    }));
}

function auditTargets(report: LegacyReport): AuditProblem[] {
  return report.targets
    .filter((target) => target.markedMet === true && target.achieved < target.target)
    .map((target) => ({
      kind: 'false-met' as const,
      line: target.line,
      message: `marks "${target.label}" as met, but ${target.achieved} is below the target of ${target.target}`,
    }));
}

/**
 * "All green" (or "all passing", "all tests pass") in a section that lists
 * failures: a component with failed tests, or a line stating some ("3 failing").
 */
function auditPassClaims(report: LegacyReport): AuditProblem[] {
  const failed = report.sessions
    .flatMap((session) => session.components)
    .filter((component) => !component.replaced && failedCount(component) > 0)
    .map((component) => ({ line: component.line, text: `"${component.name}" (${failedCount(component)} of ${component.tests!.total} failed)` }));
  const stated = report.failures.filter((failure) => !failed.some((f) => f.line === failure.line)).map((failure) => ({ line: failure.line, text: `"${failure.text}"` }));
  const failures = [...failed, ...stated].sort((a, b) => a.line - b.line);
  return report.passClaims.flatMap((claim) => {
    const listed = failures.filter((failure) => failure.line >= claim.from && failure.line <= claim.to);
    if (listed.length === 0) return [];
    const shown = listed.slice(0, 3).map((failure) => `${failure.text} (line ${failure.line})`);
    if (listed.length > 3) shown.push(`${listed.length - 3} more`);
    const phrase = ALL_PASS.exec(claim.text)?.[0] ?? claim.text;
    return [{ kind: 'false-all-passing' as const, line: claim.line, message: `says "${phrase}", but the same section lists failures: ${shown.join(', ')}` }];
  });
}

/** Failed tests of a component: stated, or where passing is stated, what did not pass, skip or stay unrun (README, "Test outcomes"). */
function failedCount(component: LegacyComponent): number {
  const tests = component.tests;
  if (!tests) return 0;
  if (tests.failing !== undefined) return tests.failing;
  return tests.passing === undefined ? 0 : tests.total - tests.passing - (tests.skipped ?? 0) - (tests.not_run ?? 0);
}
