/**
 * Turn a `LegacyReport` into Tally records: one mission file and one session
 * file per session, each record and component keeping the legacy line it
 * came from (`from: { file, line }`). Pure: data in, records out (their
 * file text is `recordText`, in `schema/record-text.ts`).
 */
import type { Metric, MissionRecord } from '../schema/mission.js';
import type { ComponentRecord, SessionRecord } from '../schema/session.js';
import { compareText } from '../text/compare.js';
import { compareSessions, componentKey } from '../model/identity.js';
import { plural, slug } from '../text/format.js';
import { insideRepository, UNSAFE_CHARACTER } from '../schema/common.js';
import type { LegacyComponent, LegacyReport, LegacySession, LegacyTarget } from './legacy/types.js';

export interface ImportOptions {
  /** Template for the mission. Default: `progress-report`. */
  template?: string;
  /** How the legacy file is named in `from:` fields. Default: the report's own `file`. */
  source?: string;
}

export interface ImportedRecords {
  mission: MissionRecord;
  sessions: { name: string; record: SessionRecord }[];
  /** Things worth a reviewer's eye, already kept as notes in the records. */
  warnings: string[];
}

export function toRecords(report: LegacyReport, options: ImportOptions = {}): ImportedRecords {
  const file = options.source ?? report.file;
  const from = (line: number) => ({ file, line });
  const warnings: string[] = [];
  const firstDate = report.started ?? report.sessions.map((session) => session.date).find((date) => date !== null) ?? null;
  if (!firstDate && report.sessions.length > 0) {
    throw new Error('the legacy report states no date anywhere; add a "**Started**: YYYY-MM-DD" line to it and import again');
  }

  // Every phase the report defines, whether or not a session is assigned to it: a phase still to come is part of the plan.
  const phases = report.phases;
  const targets = report.targets.flatMap((target) => {
    const metric = targetMetric(target);
    if (metric) return [{ metric, label: target.label, target: target.target }];
    warnings.push(`Target "${target.label}" (legacy line ${target.line}) names no figure Tally computes; kept as a note.`);
    return [];
  });

  const notes = [
    `Imported by \`tally import\` from ${file}: ${plural(report.sessions.length, 'session')}, ${plural(countComponents(report), 'component')}, ${plural(report.unmapped.length, 'unmapped section')}.`,
    ...report.targets.filter((target) => !targetMetric(target)).map((target) => `Target "${target.label}" (legacy line ${target.line}): target ${target.target}${target.achieved === null ? '' : `, achieved ${target.achieved}`} as stated.`),
    ...report.notes,
    ...report.milestones
      .filter((milestone) => milestone.reached)
      .map((m) => `Milestone ${m.coverage}% "${m.label}" is checked in the legacy report (line ${m.line}); Tally marks it reached when the code base's measured coverage reaches ${m.coverage}%.`),
  ];
  const mission: MissionRecord = compact({
    title: report.title,
    objective: report.objective ?? undefined,
    started: firstDate ?? undefined,
    template: options.template ?? 'progress-report',
    phases: phases.length > 0 ? phases.map((phase) => compact({ id: phase.id, name: phase.name, priority: phase.priority ?? undefined })) : undefined,
    targets: targets.length > 0 ? targets : undefined,
    milestones: report.milestones.length > 0 ? report.milestones.map((m) => ({ coverage: m.coverage, label: m.label })) : undefined,
    baseline: report.baseline ? { coverage: { lines_covered: report.baseline.lines_covered, lines_total: report.baseline.lines_total } } : undefined,
    notes: notes.length > 0 ? notes : undefined,
    from: from(1),
  });

  const names = new Set<string>();
  const removed = { characters: 0 };
  const sessions = report.sessions.map((session, index) => {
    const record = printable(sessionRecord(report, session, index, firstDate!, from, warnings), removed);
    let name = `${record.date}-${slug(record.title, 50)}`;
    for (let n = 2; names.has(name); n++) name = `${record.date}-${slug(record.title, 46)}-${n}`;
    names.add(name);
    return { name, record };
  });
  carryForward(sessions);
  const cleanMission = printable(mission, removed);
  if (removed.characters > 0) {
    const note = `Removed ${plural(removed.characters, 'control or bidirectional-override character')} from the legacy text.`;
    cleanMission.notes = [...(cleanMission.notes ?? []), note];
    warnings.push(note);
  }
  return { mission: cleanMission, sessions, warnings };
}

/** A copy with every control and bidirectional-override character removed from its text: records must be printable. */
function printable<T>(value: T, removed: { characters: number }): T {
  if (typeof value === 'string') {
    const pattern = new RegExp(UNSAFE_CHARACTER.source, 'g');
    const clean = value.replace(pattern, () => {
      removed.characters++;
      return '';
    });
    return clean as T;
  }
  if (Array.isArray(value)) return value.map((item) => printable(item, removed)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, printable(item, removed)])) as T;
  }
  return value;
}

function sessionRecord(
  report: LegacyReport,
  session: LegacySession,
  index: number,
  fallbackDate: string,
  from: (line: number) => { file: string; line: number },
  warnings: string[],
): SessionRecord {
  const notes = [...session.notes];
  if (!session.date) notes.push(`Date inferred (${fallbackDate}): the legacy report states none for this session.`);
  // One component appears once per session: a later report in the same session replaces an earlier one.
  const byKey = new Map<string, ComponentRecord>();
  for (const component of session.components) {
    const record = componentRecord(component, from);
    const key = componentKey(record);
    const earlier = byKey.get(key);
    if (earlier) {
      notes.push(`"${record.name}" is reported twice in this session (legacy lines ${earlier.from?.line} and ${component.line}); imported once, with the figures of both.`);
      warnings.push(`Session at legacy line ${session.line}: "${record.name}" reported twice; imported once, with the figures of both.`);
      byKey.delete(key);
    }
    byKey.set(key, earlier ? bothReports(earlier, record) : record);
  }
  const claims: NonNullable<SessionRecord['claims']> = {};
  for (const total of report.totals) {
    if (total.scope !== 'mission' || claimOwner(report, total) !== index) continue;
    claims[total.metric] = total.value;
  }
  return compact({
    session: session.number ?? undefined,
    date: session.date ?? fallbackDate,
    start: session.start ?? undefined,
    end: session.end ?? undefined,
    title: session.title,
    phase: phaseOf(session) ?? undefined,
    components: [...byKey.values()],
    claims: Object.keys(claims).length > 0 ? claims : undefined,
    log: session.log && session.log.length > 0 ? session.log.map((entry) => ({ at: entry.at, text: entry.text })) : undefined,
    next_steps: session.next_steps.length > 0 ? session.next_steps : undefined,
    notes: notes.length > 0 ? notes : undefined,
    from: from(session.line),
  });
}

/**
 * One component written up twice in one session (an achievement list, then
 * its detailed section): the later report's figures, and the earlier one's
 * where the later states none, a count with no result keeping the earlier result.
 */
function bothReports(earlier: ComponentRecord, later: ComponentRecord): ComponentRecord {
  const merged: ComponentRecord = { ...earlier, ...compact(later) };
  if (later.tests && earlier.tests && sameTotalNoResult(later.tests, earlier.tests)) merged.tests = earlier.tests;
  const notes = [...(earlier.notes ?? []), ...(later.notes ?? [])];
  if (notes.length > 0) merged.notes = notes;
  return merged;
}

/** The session's phase: its own, else the one the report lists every one of its components under. */
function phaseOf(session: LegacySession): string | null {
  if (session.phase !== null) return session.phase;
  const phases = new Set(session.components.map((component) => component.phase ?? null));
  const [only] = phases;
  return phases.size === 1 && only !== undefined ? only : null;
}

/** The figures a later report of a component can leave out and an earlier one state. */
const CARRIED = ['tests', 'score', 'coverage', 'lines_of_test_code', 'source', 'level', 'impact'] as const;

/**
 * A later report with less information never erases what an earlier one
 * stated: in session order (date, start, file name: how Tally finds the
 * current state), a report that states no count, score or coverage carries the
 * earlier one's, with a note. A count stated again with no result keeps the
 * earlier result when the total is the same.
 */
function carryForward(sessions: { name: string; record: SessionRecord }[]): void {
  // In the order a build reads them (`compareSessions`: date, start, file name).
  const ordered = [...sessions].sort((a, b) => compareSessions({ record: a.record, file: `${a.name}.yaml` }, { record: b.record, file: `${b.name}.yaml` }));
  const latest = new Map<string, ComponentRecord>();
  for (const { record } of ordered) {
    for (const component of record.components) {
      const key = componentKey(component);
      const earlier = latest.get(key);
      latest.set(key, component);
      if (!earlier) continue;
      const carried = CARRIED.filter((field) => component[field] === undefined && earlier[field] !== undefined);
      const fields = component as Record<(typeof CARRIED)[number], unknown>;
      for (const field of carried) fields[field] = structuredClone(earlier[field]);
      if (component.tests && earlier.tests && !carried.includes('tests') && sameTotalNoResult(component.tests, earlier.tests)) {
        component.tests = structuredClone(earlier.tests);
        carried.push('tests');
      }
      if (carried.length === 0) continue;
      component.notes = [
        ...(component.notes ?? []),
        `Carried forward from the earlier report at legacy line ${earlier.from?.line}: ${carried.join(', ')} (this report states none).`,
      ];
    }
  }
}

function sameTotalNoResult(later: NonNullable<ComponentRecord['tests']>, earlier: NonNullable<ComponentRecord['tests']>): boolean {
  const stated = (tests: NonNullable<ComponentRecord['tests']>) => [tests.passing, tests.failing, tests.skipped, tests.not_run].some((n) => n !== undefined);
  return later.total === earlier.total && !stated(later) && stated(earlier);
}

/**
 * The session a stated cumulative total becomes a claim of: the session it is
 * stated in, or else the last session before it in the file (a summary after
 * a session speaks of the mission as it stood then).
 */
function claimOwner(report: LegacyReport, total: LegacyReport['totals'][number]): number | null {
  if (total.session !== null) return total.session;
  // A total stated outside any session speaks for the work written up before it: the latest of those sessions in time.
  const when = (session: LegacySession) => `${session.date ?? ''} ${session.start ?? ''}`;
  let owner: number | null = null;
  report.sessions.forEach((session, index) => {
    if (session.line > total.line) return;
    const best = owner === null ? null : report.sessions[owner]!;
    const order = best === null ? 1 : compareText(when(session), when(best));
    if (order > 0 || (order === 0 && session.line >= best!.line)) owner = index;
  });
  return owner;
}

function componentRecord(component: LegacyComponent, from: (line: number) => { file: string; line: number }): ComponentRecord {
  const bvj = compact({
    segment: component.segments.length > 0 ? component.segments : undefined,
    goal: component.goal ?? undefined,
    value_impact: component.value ?? undefined,
    revenue_impact: component.revenue ?? undefined,
  });
  // A path that would leave the repository is kept as a note, not as a path.
  const notes = [...component.notes];
  const keepPath = (value: string | null, label: string) => {
    if (value === null) return undefined;
    if (insideRepository(value)) return value;
    notes.push(`${label} as stated: ${value} (not a path inside the repository).`);
    return undefined;
  };
  const source = keepPath(component.source, 'Source');
  const testFile = keepPath(component.test_file, 'Test file');
  return compact({
    name: component.name,
    source,
    test_file: testFile,
    level: component.level ?? undefined,
    tests: component.tests ?? undefined,
    score: component.score ?? undefined,
    coverage: component.coverage ?? undefined,
    lines_of_test_code: component.lines_of_test_code ?? undefined,
    impact: component.impact ?? undefined,
    bvj: Object.keys(bvj).length > 0 ? bvj : undefined,
    categories: component.categories.length > 0 ? component.categories : undefined,
    features: component.features.length > 0 ? component.features : undefined,
    notes: notes.length > 0 ? notes : undefined,
    from: from(component.line),
  });
}

function targetMetric(target: LegacyTarget): Metric | null {
  const label = target.label.toLowerCase();
  // "Components at 8/10 or above" counts what passes a score threshold: no figure Tally computes.
  if (/\d\s*\/\s*10\b/.test(label)) return null;
  if (/e2e|end[- ]to[- ]end/.test(label)) return 'tests.e2e';
  if (/integration/.test(label)) return 'tests.integration';
  if (/\bunit\b/.test(label)) return 'tests.unit';
  if (/pass(ing)? rate/.test(label)) return 'pass_rate';
  if (/passing/.test(label)) return 'tests.passing';
  if (/score|quality/.test(label)) return 'avg_score';
  if (/coverage/.test(label) && !/segment|value/.test(label)) return 'coverage';
  if (/^(total )?tests?( total)?$|total tests|tests? in total|test count/.test(label)) return 'tests.total';
  if (/sessions?/.test(label)) return 'sessions';
  if (/components?|suites?/.test(label)) return 'components';
  return null;
}

function countComponents(report: LegacyReport): number {
  return report.sessions.reduce((n, session) => n + session.components.length, 0);
}

/** Drop undefined fields, so records hold only what the legacy report states. */
function compact<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
