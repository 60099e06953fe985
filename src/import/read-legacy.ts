/**
 * Read a hand-written progress report into a `LegacyReport`: walk the remark
 * tree section by section (a section is a heading and the blocks under it).
 * Headings give sessions, phases and components; `**Label**: value` lines
 * and list items give fields; tables give targets and components.
 *
 * Everything taken keeps its line. A section that yields nothing is listed as
 * unmapped, never dropped silently.
 *
 * This file walks the headings; the blocks under them are read in
 * `legacy-blocks.ts`, `legacy-lists.ts`, `legacy-lines.ts` and
 * `legacy-tables.ts`.
 */
import { slug } from '../text/format.js';
import { isPath, readCounts, readDate, readScore, readTimes } from './figures.js';
import { readBlocks } from './legacy-blocks.js';
import { readPassClaims } from './legacy-claims.js';
import { attach, newComponent } from './legacy-components.js';
import type { Context, Level } from './legacy-context.js';
import { applyCounts, COUNT_LABEL, FILE_LABEL, labelledLines } from './legacy-fields.js';
import { componentName, SESSION_NUMBER, sessionTitle, stripDecoration, titleCase, truncate } from './legacy-text.js';
import type { LegacyReport, LegacySession } from './legacy-types.js';
import { cleanText, parseMarkdown, plainText, sections, type Section } from './markdown.js';

export { statedTotals } from './legacy-totals.js';

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
  const ctx: Context = { report, session: null, phase: null, component: null, level: null, stack: [], grouped: new Map(), lastDate: null, mapped: false };

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
  // A heading that became a session or a phase was mapped after all.
  const used = new Set([...report.sessions.map((session) => session.line), ...report.phases.map((phase) => phase.line)]);
  report.unmapped = report.unmapped.filter((section) => !used.has(section.line));
  return report;
}

/**
 * A report that names no session at all (a batch report) is one session: its
 * loose components, grouped by section while reading, become that session's.
 */
function mergeUnnamedSessions(report: LegacyReport): void {
  if (report.sessions.length === 0 || report.sessions.some((session) => session.named)) return;
  const components = report.sessions.flatMap((session) => session.components);
  const next_steps = report.sessions.flatMap((session) => session.next_steps);
  const date = report.started ?? report.sessions.find((session) => session.date)?.date ?? null;
  const first = report.sessions[0]!;
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
}

/** A heading with nothing under it (a divider such as "Unit Tests") needs no mapping. */
function isDecorative(section: Section): boolean {
  return section.blocks.length === 0;
}

function openHeading(ctx: Context, section: Section): void {
  const heading = section.heading!;
  const { depth, text, line } = heading;
  while (ctx.stack.length > 0 && ctx.stack.at(-1)!.depth >= depth) ctx.stack.pop();
  if (ctx.component && depth <= ctx.component.depth) ctx.component = null;
  if (ctx.level && depth <= ctx.level.depth) ctx.level = null;
  if (ctx.phase && depth <= ctx.phase.depth) ctx.phase = null;
  const date = readDate(text);

  if (depth === 1 && !ctx.report.title) {
    ctx.report.title = titleCase(stripDecoration(text));
    ctx.report.titleLine = line;
    ctx.mapped = true;
  }

  const sessionNumber = SESSION_NUMBER.exec(text);
  // "Session 9 metrics" under (or after) "Session 9: …" continues it; a second "Session 13: other work" does not.
  const continuing =
    ctx.session !== null &&
    sessionNumber !== null &&
    ctx.report.sessions[ctx.session.index]!.number === Number(sessionNumber[2]) &&
    (depth > ctx.session.depth || /achievements|metrics|summary|impact|validations|declaration|completion|statistics/i.test(text));
  if (ctx.session && depth <= ctx.session.depth && !continuing) ctx.session = null;

  if (isSessionHeading(text, date, sessionNumber) && !continuing) {
    const times = readTimes(text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, ''));
    const session: LegacySession = {
      line,
      number: sessionNumber ? Number(sessionNumber[2]) : null,
      date: date ?? null,
      start: times?.start ?? null,
      end: times?.end ?? null,
      title: sessionTitle(text),
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
    ctx.report.sessions.push(session);
    ctx.session = { index: ctx.report.sessions.length - 1, depth };
    ctx.mapped = true;
  } else if (continuing) {
    ctx.mapped = true;
  }
  if (date) ctx.lastDate = date;

  if (/^(?:[\d.\s]*)(?:original\s+|extended\s+|new\s+)?phase\s*\d+/i.test(stripDecoration(text)) && !isComponentHeading(text, section)) {
    const id = slug(text.replace(/\(.*?\)/g, ''), 40);
    if (!ctx.report.phases.some((phase) => phase.id === id)) {
      const priority = /\bP(\d)\b/.exec(text);
      const name = stripDecoration(text).replace(/\s*[-–—]?\s*\(?\b(COMPLETED?|DONE)\b\)?\s*$/i, '');
      ctx.report.phases.push({ id, name, line, priority: priority ? `P${priority[1]}` : null });
    }
    ctx.phase = { id, depth };
    if (ctx.session && ctx.report.sessions[ctx.session.index]!.phase === null && depth > ctx.session.depth) {
      ctx.report.sessions[ctx.session.index]!.phase = id;
    }
  }

  const level = levelOf(text);
  if (level) ctx.level = { value: level, depth };

  if (isComponentHeading(text, section)) {
    const component = newComponent(line, componentName(text));
    component.score = readScore(text);
    const counts = readCounts(text.replace(/\(score[^)]*\)/i, ''));
    if (counts) applyCounts(ctx, component, counts, line, text);
    component.level = ctx.level?.value ?? null;
    attach(ctx, component);
    ctx.component = { value: component, depth };
    ctx.mapped = true;
  }
  ctx.stack.push({ depth, text, line });
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
  return hasFileField && (hasStatus || /^\s*\d+\.\s/.test(text) || isPath(text.trim()));
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
