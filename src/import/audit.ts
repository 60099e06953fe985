/**
 * Audit a legacy report: list what is inconsistent in it, each problem with
 * the line it is on. Pure: a `LegacyReport` in, problems out.
 */
import { outcomesOf } from '../aggregate/outcomes.js';
import { compareText } from '../text/compare.js';
import { decimalsOf, roundTo } from '../text/round.js';
import { formatNumber } from '../text/format.js';
import { ALL_PASS } from './legacy/claims.js';
import { baseName, normalizeName, SESSION_NUMBER } from './legacy/text.js';
import type { LegacyComponent, LegacyReport, LegacySession, StatedTotal, TotalMetric } from './legacy/types.js';

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
  /** A status list's restatement of the component (`report.restated`): in its group, never a report of its own. */
  restatement: boolean;
}

/**
 * The same component, reported in several places. A component is its test
 * file: two reports with the same file are one component, two with different
 * files are two, whatever their names. A report that names no file (or only
 * its base name) joins the one component it names, by file name or by name
 * ("LLMManager SSOT", "LLMManager (Backend)" and "LLMManager" are one), where
 * the name points to one component only. A status list's restatement
 * (`report.restated`) belongs to the component it restates.
 */
function groupComponents(report: LegacyReport): Report[][] {
  const chronological = sessionOrder(report.sessions);
  const reports: Report[] = report.sessions.flatMap((session) =>
    session.components.map((component) => ({ component, session, order: chronological.get(session)!, restatement: false })),
  );
  const groups = new Map<string, Report[]>();
  const add = (key: string, r: Report) => groups.set(key, [...(groups.get(key) ?? []), r]);
  const withFolder = reports.filter((r) => r.component.test_file?.includes('/'));
  for (const r of withFolder) add(`file:${r.component.test_file}`, r);
  // Keys a name or a bare file name points to, where it points to one group only.
  const pointers = new Map<string, Set<string>>();
  const point = (pointer: string, key: string) => pointers.set(pointer, new Set([...(pointers.get(pointer) ?? []), key]));
  for (const r of withFolder) {
    point(`base:${baseName(r.component.test_file!)}`, `file:${r.component.test_file}`);
    point(`name:${normalizeName(r.component.name)}`, `file:${r.component.test_file}`);
  }
  const only = (pointer: string) => {
    const keys = pointers.get(pointer);
    return keys?.size === 1 ? [...keys][0]! : null;
  };
  const rest = reports.filter((r) => !r.component.test_file?.includes('/'));
  for (const r of rest.filter((r) => r.component.test_file)) {
    const key = only(`base:${r.component.test_file}`) ?? `base:${r.component.test_file}`;
    add(key, r);
    if (key.startsWith('base:')) point(`name:${normalizeName(r.component.name)}`, key);
  }
  for (const r of rest.filter((r) => !r.component.test_file)) {
    const name = `name:${normalizeName(r.component.name)}`;
    add((pointers.get(name)?.size ?? 0) > 1 ? `${name}@${r.component.line}` : (only(name) ?? name), r);
  }
  // A restatement joins the group of the component it was folded into.
  const byLine = new Map<number, string>();
  for (const [key, group] of groups) for (const r of group) byLine.set(r.component.line, key);
  for (const restated of report.restated ?? []) {
    const key = byLine.get(restated.into);
    const into = key === undefined ? undefined : groups.get(key)!.find((r) => r.component.line === restated.into);
    if (key !== undefined && into) add(key, { component: restated.component, session: into.session, order: into.order, restatement: true });
  }
  // Each group in time order, so the latest report up to a session is found by one scan.
  return [...groups.values()].map((group) => group.sort((a, b) => a.order - b.order || a.component.line - b.component.line));
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
    const latest = group.findLast((r) => r.order <= upTo && !r.restatement);
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
    // A restatement repeats a report; it is no report of its own, and a report is no duplicate of it.
    const byLine = group.filter((r) => !r.restatement).sort((a, b) => a.component.line - b.component.line);
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
  const key = (session: LegacySession) => `${session.date ?? ''} ${session.start ?? ''}`.trim();
  // A report written newest first (a changelog) is in order when each session is earlier than the one above it.
  const sign = newestFirst(named, key) ? -1 : 1;
  const order = sign === 1 ? 'in time order' : 'newest first, as the rest of the report';
  let latest: LegacySession | null = null;
  let highest: LegacySession | null = null;
  const numbers = new Map<number, LegacySession>();
  for (const session of named) {
    if (latest && session.date && sign * compareText(key(session), key(latest)) < 0) {
      problems.push({ kind: 'session-order', line: session.line, message: `session of ${key(session)} comes after the session of ${key(latest)} (line ${latest.line}); expected sessions ${order}` });
    } else if (highest && session.number !== null && sign * (session.number - highest.number!) < 0) {
      problems.push({ kind: 'session-order', line: session.line, message: `session ${session.number} comes after session ${highest.number} (line ${highest.line}); expected sessions ${sign === 1 ? 'in order' : order}` });
    }
    if (session.date && (!latest || sign * compareText(key(session), key(latest)) >= 0)) latest = session;
    if (session.number !== null && (!highest || sign * (session.number - highest.number!) > 0)) highest = session;
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

/**
 * Whether the report lists its sessions newest first: more of its dated
 * sessions (or, with no dates, numbered ones) follow a later one than an earlier one.
 */
function newestFirst(sessions: readonly LegacySession[], key: (session: LegacySession) => string): boolean {
  const steps = (values: readonly (string | number)[]) => {
    let up = 0;
    let down = 0;
    for (let i = 1; i < values.length; i++) {
      const a = values[i - 1]!;
      const b = values[i]!;
      if (a < b) up++;
      else if (a > b) down++;
    }
    return { up, down };
  };
  const dates = steps(sessions.filter((session) => session.date).map(key));
  if (dates.up + dates.down > 0) return dates.down > dates.up;
  const numbers = steps(sessions.flatMap((session) => (session.number === null ? [] : [session.number])));
  return numbers.down > numbers.up;
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
    .filter((target) => target.markedMet === true && target.achieved !== null && target.achieved < target.target)
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
/** Failed by Tally's one rule (`outcomesOf`): where passing is stated, the rest failed. */
function failedCount(component: LegacyComponent): number {
  return component.tests ? outcomesOf(component.tests).failed : 0;
}
