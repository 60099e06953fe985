/**
 * Read a hand-written progress report into a `LegacyReport`: walk the remark
 * tree section by section (a section is a heading and the blocks under it).
 * Headings give sessions, phases and components; `**Label**: value` lines
 * and list items give fields; tables give targets and components.
 *
 * Everything taken keeps its line. A section that yields nothing is listed as
 * unmapped, never dropped silently.
 *
 * This file walks the headings; the blocks under them are read in `legacy/`:
 * `blocks.ts`, `lists.ts`, `lines.ts`, `session-lines.ts` and `tables.ts`.
 * Once everything is read, `legacy/merge.ts` makes the sessions the ones the
 * author lived.
 */
import { slug } from '../text/format.js';
import { isPath, readComponentScore, readCounts, readCoverage, readDate, readScore, readTimes } from './figures.js';
import { readBlocks } from './legacy/blocks.js';
import { RUNNING_TOTAL } from './legacy/totals.js';
import { readPassClaims } from './legacy/claims.js';
import { attach, newComponent } from './legacy/components.js';
import { openSession, sessionInfo, type Context, type Level } from './legacy/context.js';
import { finishSessions } from './legacy/merge.js';
import { applyCounts, COUNT_LABEL, FILE_LABEL, labelledLines } from './legacy/fields.js';
import { componentName, SESSION_NUMBER, sessionTitle, stripDecoration, titleCase, truncate } from './legacy/text.js';
import type { LegacyReport, LegacySession } from './legacy/types.js';
import { cleanText, parseMarkdown, plainText, sections, type Section } from './markdown.js';


export function readLegacy(text: string, file: string): LegacyReport {
  const root = parseMarkdown(text);
  const report: LegacyReport = {
    file,
    title: '',
    titleLine: null,
    objective: null,
    started: null,
    phases: [],
    sessions: [],
    targets: [],
    milestones: [],
    baseline: null,
    totals: [],
    rates: [],
    neverRun: [],
    passClaims: [],
    failures: [],
    unmapped: [],
    notes: [],
  };
  const ctx: Context = {
    report,
    session: null,
    phase: null,
    component: null,
    level: null,
    stack: [],
    grouped: new Map(),
    lastDate: null,
    mapped: false,
    part: 0,
    sessions: new Map(),
    prose: null,
    passClaims: [],
    mentions: [],
    nextSteps: false,
  };

  const all = sections(root);
  for (const section of all) {
    ctx.mapped = false;
    if (section.heading) openHeading(ctx, section);
    readBlocks(ctx, section.blocks, section);
    if (section.heading && !ctx.mapped && !isDecorative(section)) {
      report.unmapped.push({ line: section.heading.line, heading: section.heading.text });
      const body = section.blocks.map((block) => cleanText(plainText(block))).filter(Boolean).join(' ');
      if (body) report.notes.push(`Unmapped section "${section.heading.text}" (legacy line ${section.heading.line}): ${truncate(body, 400)}`);
    }
  }
  readPassClaims(report, all, text.split('\n').length);
  if (!report.title) report.title = 'Imported report';
  mergeUnnamedSessions(report);
  finishSessions(ctx);
  dropSessionPhases(report);
  // A heading that became a session or a phase was mapped after all.
  const used = new Set([...report.sessions.map((session) => session.line), ...report.phases.map((phase) => phase.line)]);
  report.unmapped = report.unmapped.filter((section) => !used.has(section.line));
  return report;
}

/**
 * A report that names no session at all (a batch report) is one session: its
 * loose components, grouped by section while reading, become that session's.
 * Where its components' own text dates their work ("**Date**: 2025-06-03,
 * 10:00–12:30", "Reviewed on 5 June 2025"), each stretch of work it dates (a
 * date and its times) is a session of the components dated so; the components
 * it does not date stay one session, as a batch report's.
 */
function mergeUnnamedSessions(report: LegacyReport): void {
  if (report.sessions.length === 0 || report.sessions.some((session) => session.named)) return;
  const components = report.sessions.flatMap((session) => session.components);
  const next_steps = report.sessions.flatMap((session) => session.next_steps);
  const first = report.sessions[0]!;
  const dated = components.filter((component) => component.dated);
  if (new Set(dated.map((component) => component.dated!.date)).size < 2) {
    const date = report.started ?? report.sessions.find((session) => session.date)?.date ?? null;
    report.sessions = [
      {
        ...first,
        line: report.titleLine ?? first.line,
        title: report.title,
        date,
        dateInferred: report.started === null,
        named: false,
        phase: null,
        components,
        next_steps,
        notes: [`The legacy report names no session: its components are imported as one session.`],
      },
    ];
    for (const total of report.totals) total.session = 0;
    return;
  }
  const stretches = new Map<string, LegacySession>();
  for (const component of dated) {
    const { date, start, end } = component.dated!;
    const key = `${date} ${start ?? ''} ${end ?? ''}`;
    let session = stretches.get(key);
    if (!session) {
      session = {
        line: component.line,
        number: null,
        date,
        start,
        end,
        title: '',
        named: false,
        dateInferred: false,
        phase: null,
        components: [],
        next_steps: [],
        notes: [],
      };
      stretches.set(key, session);
    }
    session.components.push(component);
  }
  const sessions = [...stretches.values()];
  for (const session of sessions) {
    const names = session.components.map((component) => component.name);
    session.title = truncate(names.join(', '), 100);
    const at = session.components.map((component) => `${component.name} at line ${component.dated!.line}`).join(', ');
    session.notes.push(`The legacy report names no session: a session of the work its text dates ${[session.date, session.start && session.end ? `${session.start}–${session.end}` : session.start].filter(Boolean).join(' ')} (${at}).`);
  }
  const undated = components.filter((component) => !component.dated);
  if (undated.length > 0) {
    const date = report.started ?? sessions[0]!.date;
    sessions.push({
      ...first,
      line: undated[0]!.line,
      title: report.title,
      date,
      start: null,
      end: null,
      dateInferred: report.started === null,
      named: false,
      phase: null,
      components: undated,
      next_steps: [],
      notes: [`The legacy report names no session and does not date these components: imported as one session${report.started === null ? `, dated ${date} as the first work it dates` : ''}.`],
    });
  }
  // Next steps belong to the last stretch of work in the file.
  sessions.sort((a, b) => a.line - b.line);
  sessions.at(-1)!.next_steps.push(...next_steps);
  report.sessions = sessions;
  // A stated total speaks for the report as it stands where it is stated.
  for (const total of report.totals) total.session = null;
}

/** A heading with nothing under it (a divider such as "Unit Tests") needs no mapping. */
function isDecorative(section: Section): boolean {
  return section.blocks.length === 0;
}

function openHeading(ctx: Context, section: Section): void {
  const { depth, text, line } = section.heading!;
  while (ctx.stack.length > 0 && ctx.stack.at(-1)!.depth >= depth) ctx.stack.pop();
  if (ctx.component && depth <= ctx.component.depth) ctx.component = null;
  if (ctx.level && depth <= ctx.level.depth) ctx.level = null;
  if (ctx.phase && depth <= ctx.phase.depth) ctx.phase = null;
  ctx.nextSteps = false;
  if (depth === 1) ctx.part = line;
  const date = readDate(text);

  if (depth === 1 && !ctx.report.title) {
    ctx.report.title = titleCase(stripDecoration(text));
    ctx.report.titleLine = line;
    ctx.mapped = true;
  }
  openSessionHeading(ctx, section, date);
  if (date) ctx.lastDate = date;
  // Reads the section's fields and prose: once a heading.
  const componentHeading = isComponentHeading(text, section);
  openPhaseHeading(ctx, section, componentHeading);

  const level = levelOf(text);
  if (level) ctx.level = { value: level, depth };

  if (componentHeading) {
    const component = newComponent(line, componentName(text));
    // On a component's own heading every form is its score ("(Score: 9.8/10)", "(9.2/10)", "quality 8.0/10"); the rest holds its counts and coverage.
    const score = readComponentScore(text);
    component.score = score.value;
    const counts = readCounts(score.rest);
    if (counts) applyCounts(ctx, component, counts, line, text);
    component.coverage = readCoverage(score.rest);
    component.level = ctx.level?.value ?? null;
    attach(ctx, component);
    ctx.component = { value: component, depth };
    ctx.mapped = true;
  }
  ctx.stack.push({ depth, text, line });
}

/** A heading that opens a session, continues the open one, or closes it. */
function openSessionHeading(ctx: Context, section: Section, date: string | null): void {
  const { depth, text, line } = section.heading!;
  const sessionNumber = SESSION_NUMBER.exec(text);
  // "Session 9 metrics" under (or after) "Session 9: …" continues it; a second "Session 13: other work" does not.
  const continuing =
    ctx.session !== null &&
    sessionNumber !== null &&
    ctx.report.sessions[ctx.session.index]!.number === Number(sessionNumber[2]) &&
    (depth > ctx.session.depth || /achievements|metrics|summary|impact|validations|declaration|completion|statistics/i.test(text));
  if (ctx.session && depth <= ctx.session.depth && !continuing) ctx.session = null;
  if (continuing) {
    ctx.mapped = true;
    return;
  }
  if (!isSessionHeading(text, date, sessionNumber)) return;

  const times = readTimes(text);
  const number = sessionNumber ? Number(sessionNumber[2]) : null;
  const twin = date ? sameWorkAs(ctx.report.sessions, date, times, number) : -1;
  if (twin !== -1) {
    ctx.session = { index: twin, depth };
    ctx.mapped = true;
    return;
  }
  const session: LegacySession = {
    line,
    number,
    date: date ?? null,
    start: times?.start ?? null,
    end: times?.end ?? null,
    title: '',
    named: true,
    dateInferred: !date,
    phase: ctx.phase?.id ?? null,
    components: [],
    next_steps: [],
    notes: [],
  };
  if (!date) {
    const inferred = readDate(section.blocks.map((b) => plainText(b)).join(' ')) ?? ctx.lastDate ?? ctx.report.started;
    session.date = inferred;
    if (inferred) session.notes.push(`Date inferred (${inferred}): the legacy heading at line ${line} states none.`);
  }
  const { title, untitled } = headingTitle(ctx, text, section);
  session.title = title;
  const entry = logEntry(ctx, text, session);
  if (entry) session.log = [entry];
  ctx.report.sessions.push(session);
  sessionInfo(ctx, session).untitled = untitled;
  ctx.session = { index: ctx.report.sessions.length - 1, depth };
  ctx.mapped = true;
}

/**
 * A session the report already opened for the same stretch of work: same date
 * and times, no components yet, no other number ("5 suites completed
 * (2025-09-08 20:00-22:00 UTC)" after "Agent module session (2025-09-08 - 20:00-22:00 UTC)").
 */
function sameWorkAs(sessions: readonly LegacySession[], date: string, times: { start: string; end: string | null } | null, number: number | null): number {
  if (!times) return -1;
  return sessions.findIndex(
    (s) =>
      s.date === date &&
      !s.dateInferred &&
      s.start === times.start &&
      (s.end === null || times.end === null || s.end === times.end) &&
      s.components.length === 0 &&
      (number === null || s.number === null || s.number === number),
  );
}

/**
 * The session's title from its heading; a heading that is only a date and time
 * takes its first line of text (not an aside in parentheses). Where that line
 * reports a component ("Added **CartService** tests …: 18/20 passing"), it is no
 * title: the session is titled once its components are known (`legacy/merge.ts`).
 */
function headingTitle(ctx: Context, text: string, section: Section): { title: string; untitled: boolean } {
  // "Session: 2025-09-07 11:20 - 12:00 - P0 unit test creation mission": the label is no part of the title.
  const title = sessionTitle(text).replace(/^session\s*:\s*(?=\S)/i, '');
  if (/\p{L}/u.test(title.replace(/\bUTC\b/g, ''))) return { title, untitled: false };
  // "(Forgot to write this one up on the day.)" is an aside, no title.
  const first = section.blocks.map((block) => cleanText(plainText(block).split('\n')[0] ?? '')).find((line) => line && !/^\(.*\)$/.test(line));
  if (first && !statesFigures(first)) return { title: truncate(first, 100), untitled: false };
  const parent = ctx.stack.at(-1);
  return { title: parent ? `${stripDecoration(parent.text)} ${title}` : title, untitled: true };
}

/** A line that reports test figures: counts, a score or a coverage. */
function statesFigures(text: string): boolean {
  const score = readComponentScore(text);
  return score.value !== null || readCounts(score.rest) !== null || readCoverage(score.rest) !== null;
}

/** Headings of a progress log: "Progress Log", "Log", "Journal", "Changelog". */
const LOG_HEADING = /^(?:progress|work|session|daily|activity)?\s*(?:log|journal|changelog|diary|timeline)$/i;

/** A dated heading under the report's progress log is one of its entries: its time and what it says. */
function logEntry(ctx: Context, text: string, session: LegacySession): NonNullable<LegacySession['log']>[number] | null {
  const parent = ctx.stack.at(-1);
  if (!parent || !LOG_HEADING.test(stripDecoration(parent.text)) || !session.date || !/^\s*\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const seconds = /\b\d{1,2}:\d{2}:(\d{2})\b/.exec(text)?.[1];
  const at = session.start ? `${session.date}T${session.start}${seconds ? `:${seconds}` : ''}Z` : session.date;
  return { at, text: session.title, line: session.line };
}

const PHASE_HEADING = /^(?:[\d.\s]*)(?:original\s+|extended\s+|new\s+)?phase\s*\d+/i;
/**
 * "PHASE 3 ACHIEVEMENTS", "PHASE 3 METRICS & IMPACT": parts of a phase's write-up, no phase of their own;
 * "PHASE 2 COMPLETED TEST SUITES": a list of what was done, no phase either ("(COMPLETED ✅)" after a name is a status).
 */
const PHASE_PART = /\b(achievements?|metrics|impact|validations?|summary|declaration|completion|completed|statistics)\b/i;

/** A phase as the report defines it ("Phase 1 (P0 - IMMEDIATE)", "Phase 4: WebSocket Infrastructure (COMPLETED ✅)"). */
function openPhaseHeading(ctx: Context, section: Section, componentHeading: boolean): void {
  const { depth, text, line } = section.heading!;
  const plain = stripDecoration(text);
  if (!PHASE_HEADING.test(plain) || PHASE_PART.test(phaseName(text).replace(/\(.*?\)/g, '')) || componentHeading) return;
  const name = phaseName(text);
  const id = slug(name.replace(/\(.*?\)/g, ''), 40);
  if (!ctx.report.phases.some((phase) => phase.id === id)) {
    const priority = /\bP(\d)\b/.exec(text);
    ctx.report.phases.push({ id, name, line, priority: priority ? `P${priority[1]}` : null });
  }
  ctx.phase = { id, depth };
  const session = openSession(ctx);
  // A session heading that is also the phase's ("PHASE 3 WEBSOCKET & AUTH STARTUP SESSION (…)"), or a phase inside a session.
  if (session && session.phase === null && (depth > ctx.session!.depth || session.line === line)) session.phase = id;
}

/**
 * A heading that names a phase but turned out to be a dated stretch of work
 * ("PHASE 3 WEBSOCKET & AUTH STARTUP SESSION", 2025-09-08 21:00) is a
 * session: the report defines no phase there, and nothing is assigned to one.
 */
function dropSessionPhases(report: LegacyReport): void {
  const sessionLines = new Set(report.sessions.map((session) => session.line));
  const dropped = new Set(report.phases.filter((phase) => sessionLines.has(phase.line)).map((phase) => phase.id));
  if (dropped.size === 0) return;
  report.phases = report.phases.filter((phase) => !dropped.has(phase.id));
  for (const session of report.sessions) {
    if (session.phase !== null && dropped.has(session.phase)) session.phase = null;
    for (const component of session.components) if (component.phase && dropped.has(component.phase)) component.phase = null;
  }
}

/** The phase's name without its date, times and status. */
function phaseName(text: string): string {
  return sessionTitle(text)
    .replace(/\s*\(\s*(?:COMPLETED?|DONE)\s*\)/gi, '')
    .replace(/\s*[-–—]?\s*\b(?:COMPLETED?|DONE)\b\s*$/i, '')
    .trim();
}

function isSessionHeading(text: string, date: string | null, number: RegExpExecArray | null): boolean {
  if (/^\d{4}-\d{2}-\d{2}\b/.test(text)) return true;
  const named = /\bsession\b|\bsprint\b|\biteration\b|\bweek of\b/i.test(text) || number !== null;
  if (!named) return /^\s*(from\s+)?\d{4}-\d{2}-\d{2}\s*(to|–|—|-|→)\s*\d{4}-\d{2}-\d{2}/i.test(text);
  if (/\b(achievements|metrics|summary|impact|validations|declaration|completion)\b/i.test(text) && !date) return false;
  return date !== null || number !== null;
}

function isComponentHeading(text: string, section: Section): boolean {
  if (readScore(text) !== null) return true;
  if (/\bsession\b|\bphase\s*\d/i.test(text)) return false;
  const fields = section.blocks.flatMap((block) => labelledLines(block)).map((field) => field.label);
  const hasFileField = fields.some((label) => FILE_LABEL.test(label));
  const hasStatus = fields.some((label) => COUNT_LABEL.test(label));
  if (hasFileField && (hasStatus || /^\s*\d+\.\s/.test(text) || isPath(text.trim()))) return true;
  // "### StockLedger" over prose that states its tests ("24 tests, 22 passing"): the heading is the component's name.
  // A section with a table lists components of its own: its heading is a group ("No phase"), never one of them.
  return (
    isNameLike(text) &&
    !section.blocks.some((block) => block.type === 'table') &&
    section.blocks.some((block) => block.type === 'paragraph' && statesTestCounts(cleanText(plainText(block))))
  );
}

/** Headings that name what a section is, never a component. */
const GENERIC_HEADING = /^(?:summary|overview|totals?|results?|status|metrics|statistics|progress|notes?|next steps?|goals?|targets?|highlights|achievements?|coverage|findings|recommendations|issues|risks|blockers|plans?|background|context|approach|changelog|log|journal|appendix|conclusions?|timeline|milestones?|tests?|testing|test results|open questions|known issues|what'?s next)\b/i;

/** Words that make a heading a part of the report ("MISSION COMPLETION DECLARATION", "Impact analysis"), not a component. */
const SECTION_WORD = /\b(?:summary|overview|status|results|metrics|statistics|progress|achievements?|highlights|findings|recommendations|declaration|completion|conclusions?|mission|report|totals|analysis|impact|lessons|retrospective|next)\b/i;

/** A heading that reads as a name: a few words, no sentence, no date, no session or phase, nothing generic. */
function isNameLike(text: string): boolean {
  const name = stripDecoration(text).replace(/[`*_#]/g, '').trim();
  return (
    name.length > 0 &&
    name.length <= 60 &&
    name.split(/\s+/).length <= 5 &&
    /\p{L}/u.test(name) &&
    !/[.!?;,:]$/.test(name) &&
    !GENERIC_HEADING.test(name) &&
    !SECTION_WORD.test(name) &&
    readDate(name) === null &&
    !SESSION_NUMBER.test(name)
  );
}

/** A paragraph that states a count of tests with a result or as never run, not a running total. */
function statesTestCounts(text: string): boolean {
  const counts = readCounts(readComponentScore(text).rest);
  return counts !== null && !counts.noResult && !/\btotal\b/i.test(text) && !RUNNING_TOTAL.test(text);
}

function levelOf(text: string): Level {
  const unit = /\bunit\b/i.test(text);
  const integration = /\bintegration\b/i.test(text);
  const e2e = /\be2e\b|end-to-end|end to end/i.test(text);
  if (unit && !integration && !e2e) return 'unit';
  if (integration && !unit && !e2e) return 'integration';
  if (e2e && !unit && !integration) return 'e2e';
  return null;
}
