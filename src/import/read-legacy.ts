/**
 * Read a hand-written progress report into a `LegacyReport`: walk the remark
 * tree section by section (a section is a heading and the blocks under it).
 * Headings give sessions, phases and components; `**Label**: value` lines
 * and list items give fields; tables give targets and components.
 *
 * Everything taken keeps its line. A section that yields nothing is listed as
 * unmapped, never dropped silently.
 */
import type { List, ListItem, PhrasingContent, RootContent, Table } from 'mdast';
import {
  isPath,
  isTestPath,
  readCounts,
  readCoverage,
  readDate,
  readImpact,
  readMoney,
  readRate,
  readScore,
  readTimes,
  slug,
  toNumber,
  type Counts,
} from './figures.js';
import type { LegacyComponent, LegacyReport, LegacySession, TotalMetric } from './legacy-types.js';
import { cleanText, lineOf, logicalLines, parseMarkdown, plainText, sections, type LogicalLine, type Section } from './markdown.js';

type Level = LegacyComponent['level'];

interface Context {
  report: LegacyReport;
  /** The session headings open, with the depth of their heading. */
  session: { index: number; depth: number } | null;
  phase: { id: string; depth: number } | null;
  component: { value: LegacyComponent; depth: number } | null;
  level: { value: Level; depth: number } | null;
  /** Open headings, outermost first. */
  stack: { depth: number; text: string; line: number }[];
  /** Sessions made for loose components, by the line of the heading that holds them. */
  grouped: Map<number, number>;
  /** The last date seen in the document so far, for sessions that state none. */
  lastDate: string | null;
  mapped: boolean;
}

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
    unmapped: [],
    notes: [],
  };
  const ctx: Context = { report, session: null, phase: null, component: null, level: null, stack: [], grouped: new Map(), lastDate: null, mapped: false };

  for (const section of sections(root)) {
    ctx.mapped = false;
    if (section.heading) openHeading(ctx, section);
    readBlocks(ctx, section.blocks, section);
    if (section.heading && !ctx.mapped && !isDecorative(section)) {
      report.unmapped.push({ line: section.heading.line, heading: section.heading.text });
      const body = section.blocks.map((block) => cleanText(plainText(block))).filter(Boolean).join(' ');
      if (body) report.notes.push(`Unmapped section "${section.heading.text}" (legacy line ${section.heading.line}): ${truncate(body, 400)}`);
    }
  }
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

  const sessionNumber = /\bsession\s*#?\s*(\d+)\b/i.exec(text);
  // "Session 9 metrics" under (or after) "Session 9: …" continues it; a second "Session 13: other work" does not.
  const continuing =
    ctx.session !== null &&
    sessionNumber !== null &&
    ctx.report.sessions[ctx.session.index]!.number === Number(sessionNumber[1]) &&
    (depth > ctx.session.depth || /achievements|metrics|summary|impact|validations|declaration|completion|statistics/i.test(text));
  if (ctx.session && depth <= ctx.session.depth && !continuing) ctx.session = null;

  if (isSessionHeading(text, date, sessionNumber) && !continuing) {
    const times = readTimes(text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, ''));
    const session: LegacySession = {
      line,
      number: sessionNumber ? Number(sessionNumber[1]) : null,
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
  const named = /\bsession\b|\bsprint\b|\bweek of\b/i.test(text);
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

function levelFromPath(path: string | null): Level {
  if (!path) return null;
  if (/(^|\/)e2e(\/|_|$)|_e2e\.|end_to_end/i.test(path)) return 'e2e';
  if (/(^|\/)integration(\/|$)|_integration[._]/i.test(path)) return 'integration';
  if (/(^|\/)unit(\/|$)|_unit[._]/i.test(path)) return 'unit';
  return null;
}

function newComponent(line: number, name: string): LegacyComponent {
  return {
    line,
    name,
    test_file: null,
    source: null,
    level: null,
    tests: null,
    score: null,
    coverage: null,
    impact: null,
    revenue: null,
    value: null,
    segments: [],
    goal: null,
    categories: [],
    features: [],
    notes: [],
    replaced: false,
  };
}

/** Attach a component to the open session, or to a session grouping the loose components of its section. */
function attach(ctx: Context, component: LegacyComponent): void {
  if (ctx.session) {
    ctx.report.sessions[ctx.session.index]!.components.push(component);
    return;
  }
  const container = [...ctx.stack].reverse().find((heading) => heading.depth < 99) ?? { depth: 0, text: ctx.report.title, line: component.line };
  let index = ctx.grouped.get(container.line);
  if (index === undefined) {
    index = matchingSession(ctx, container.text) ?? -1;
    if (index === -1) {
      const date = readDate(container.text) ?? ctx.lastDate ?? ctx.report.started;
      const session: LegacySession = {
        line: container.line,
        number: null,
        date,
        start: readTimes(container.text)?.start ?? null,
        end: null,
        title: sessionTitle(container.text),
        named: false,
        dateInferred: !readDate(container.text),
        phase: ctx.phase?.id ?? null,
        components: [],
        next_steps: [],
        notes: [
          `Grouped by the importer: the legacy report lists these components under "${container.text}" (line ${container.line}) without naming a session.`,
          ...(date ? [`Date inferred (${date}) from the text before it.`] : []),
        ],
      };
      ctx.report.sessions.push(session);
      index = ctx.report.sessions.length - 1;
    }
    ctx.grouped.set(container.line, index);
  }
  ctx.report.sessions[index]!.components.push(component);
}

/** "WEBSOCKET & AUTH SESSION ACHIEVEMENTS" belongs to the earlier "WebSocket & Auth … Session (date)" that has no components yet. */
function matchingSession(ctx: Context, text: string): number | null {
  if (!/\bsession\b/i.test(text)) return null;
  const words = significantWords(text);
  for (let i = ctx.report.sessions.length - 1; i >= 0; i--) {
    const session = ctx.report.sessions[i]!;
    if (session.components.length > 0 || !session.named) continue;
    const shared = significantWords(session.title).filter((word) => words.includes(word));
    if (shared.length >= 2) return i;
  }
  return null;
}

const STOP_WORDS = new Set(['session', 'sessions', 'achievements', 'critical', 'the', 'and', 'for', 'of', 'unit', 'tests', 'test', 'ssot', 'previous', 'new', 'utc', 'complete', 'completed']);

function significantWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 2 && !STOP_WORDS.has(word) && !/^\d+$/.test(word));
}

// ---------------------------------------------------------------------------
// Blocks

function readBlocks(ctx: Context, blocks: readonly RootContent[], section: Section): void {
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      scoreInProse(ctx, cleanText(plainText(block)));
      const lines = logicalLines(block.children, lineOf(block));
      // "**test_x_e2e.py** - 4 comprehensive tests" on a line of its own: a component.
      if (!ctx.component && lines[0] && readInlineComponent(ctx, lines[0], [])) {
        // What follows in the section describes this component.
        const component = ctx.report.sessions.flatMap((session) => session.components).find((c) => c.line === lines[0]!.line);
        if (component) ctx.component = { value: component, depth: (section.heading?.depth ?? 0) + 1 };
        for (const line of lines.slice(1)) readLine(ctx, line, section);
        continue;
      }
      for (const line of lines) readLine(ctx, line, section);
    } else if (block.type === 'list') {
      readList(ctx, block, section);
    } else if (block.type === 'table') {
      readTable(ctx, block);
    }
  }
}

/** "Review of LateEventRouter … Score: 9.1/10.": a score in prose for the one component of the session it names. */
function scoreInProse(ctx: Context, text: string): void {
  if (ctx.component || !ctx.session) return;
  const score = readScore(text);
  if (score === null) return;
  const named = ctx.report.sessions[ctx.session.index]!.components.filter((c) => new RegExp(`\\b${escapeRegExp(c.name)}\\b`).test(text));
  if (named.length === 1 && named[0]!.score === null) {
    named[0]!.score = score;
    ctx.mapped = true;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readList(ctx: Context, list: List, section: Section): void {
  const heading = section.heading?.text ?? '';
  const open = [...ctx.stack.map((h) => h.text), heading];
  const nextSteps = open.some((text) => /next (steps|week|sprint|session|batch|phase)|recommendations|to ?do|follow[- ]ups?|^plans?\b/i.test(text));
  const filesCreated = open.some((text) => /files? (created|modified|added|changed)/i.test(text));
  const milestones = /milestones?/i.test(heading);
  for (const item of list.children) {
    const first = item.children.find((child) => child.type === 'paragraph');
    const lines = first && first.type === 'paragraph' ? logicalLines(first.children, lineOf(first)) : [];
    const head = lines[0];
    if (milestones && item.checked !== null && item.checked !== undefined && head) {
      const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*[-–—:]?\s*(.*)$/.exec(head.text);
      if (m) {
        ctx.report.milestones.push({ coverage: Number(m[1]), label: cleanText(m[2]!) || `${m[1]}%`, reached: item.checked, line: head.line });
        ctx.mapped = true;
        continue;
      }
    }
    if (nextSteps && head && !ctx.component) {
      const text = cleanText(plainText(first!));
      if (text) {
        const session = ctx.session ? ctx.report.sessions[ctx.session.index]! : ctx.report.sessions.at(-1);
        if (session) {
          session.next_steps.push(text.replace(/\s*\n\s*/g, ' '));
          ctx.mapped = true;
        }
      }
      continue;
    }
    if (head && !ctx.component && /segment|tier|customer/i.test(heading) && readSegmentItem(ctx, head)) continue;
    if (head && !ctx.component && filesCreated && readFileItem(ctx, head)) continue;
    if (head && !ctx.component && readInlineComponent(ctx, head, item.children.slice(1))) continue;
    for (const line of lines) readLine(ctx, line, section);
    for (const child of item.children) {
      if (child.type === 'list') readList(ctx, child, section);
      else if (child.type === 'paragraph' && child !== first) for (const line of logicalLines(child.children, lineOf(child))) readLine(ctx, line, section);
    }
  }
}

/** "- Free: `test_login.py`, `test_onboarding_flow.py`": the segment each named suite serves. */
function readSegmentItem(ctx: Context, head: LogicalLine): boolean {
  const m = /^\s*([^:]{1,40}):/.exec(cleanText(head.text));
  const files = codesIn(head.nodes).filter((code) => isPath(code));
  if (!m || files.length === 0) return false;
  const segment = cleanText(m[1]!.replace(/\*\*/g, '')).replace(/\s+tier$/i, '');
  const all = ctx.report.sessions.flatMap((session) => session.components);
  for (const file of files) {
    const component = all.find((c) => c.test_file === file || (c.test_file !== null && baseName(c.test_file) === baseName(file)) || c.name === file);
    if (component && !component.segments.includes(segment)) component.segments.push(segment);
    else if (!component) ctx.report.notes.push(`Segment "${segment}" names ${file} (legacy line ${head.line}), which no component of the report has.`);
  }
  ctx.mapped = true;
  return true;
}

/** "- `tests/unit/test_login.py`" under "Files created": already known as a component, or kept as a note. */
function readFileItem(ctx: Context, head: LogicalLine): boolean {
  const file = pathIn(head.nodes) ?? firstWordPath(head.text);
  if (!file) return false;
  const all = ctx.report.sessions.flatMap((session) => session.components);
  // A component named by its file's base name earlier gets the full path given here.
  for (const component of all) {
    if (component.test_file && !component.test_file.includes('/') && baseName(file) === component.test_file) component.test_file = file;
  }
  const known = all.some((c) => c.test_file === file || c.source === file);
  if (!known) ctx.report.notes.push(`File listed as created at legacy line ${head.line} with no test counts: ${file}.`);
  ctx.mapped = true;
  return true;
}

/** "1. **test_login.py** - 12 tests" or "- `tests/unit/test_x.py` — 9 tests": a component in a list. */
function readInlineComponent(ctx: Context, head: LogicalLine, children: ListItem['children']): boolean {
  const path = pathIn(head.nodes) ?? firstWordPath(head.text);
  if (!path || !isTestPath(path)) return false;
  const counts = readCounts(head.text.replace(path, ''));
  if (!counts) return false;
  const component = newComponent(head.line, baseName(path));
  component.test_file = path.includes('/') || !ctx.component ? path : null;
  applyCounts(ctx, component, counts, head.line, head.text);
  component.level = levelFromPath(path) ?? ctx.level?.value ?? null;
  const rest = cleanText(head.text.replace(path, '').replace(/^[\s*`:–—-]+/, ''));
  // Keep what the line says beyond its counts ("12 tests" alone adds nothing).
  if (rest && !/^\d+\+?\s*(comprehensive\s+)?tests?\.?$/i.test(rest)) component.notes.push(`Stated as: ${rest}`);
  for (const child of children) {
    if (child.type !== 'list') continue;
    for (const sub of child.children) {
      const text = cleanText(plainText(sub));
      const labelled = /^([A-Za-z][\w /&-]{1,30}):\s*(.+)$/.exec(text);
      if (labelled) applyField(ctx, component, labelled[1]!, labelled[2]!, [], head.line);
      else if (text) component.features.push(text);
    }
  }
  attach(ctx, component);
  ctx.mapped = true;
  return true;
}

function readLine(ctx: Context, line: LogicalLine, section: Section): void {
  const text = cleanText(line.text);
  if (!text) return;
  const before = ctx.mapped;
  ctx.mapped = false;
  readLineFields(ctx, line, section, text);
  // Text of a named session that maps to no field is kept as a session note.
  if (!ctx.mapped && ctx.session && !ctx.component) {
    const session = ctx.report.sessions[ctx.session.index]!;
    if (session.notes.length < MAX_SESSION_NOTES) session.notes.push(truncate(text, 300));
    else if (session.notes.length === MAX_SESSION_NOTES) session.notes.push(`More text follows in the legacy report (from line ${line.line}).`);
    ctx.mapped = true;
  }
  ctx.mapped ||= before;
}

const MAX_SESSION_NOTES = 40;

function readLineFields(ctx: Context, line: LogicalLine, section: Section, text: string): void {
  readStatedFigures(ctx, line.line, text);
  const field = labelOf(line);
  if (field && !ctx.component && /^(started|mission start|start date|date)$/i.test(field.label) && !ctx.report.started) {
    ctx.report.started = readDate(field.value);
    if (ctx.report.started) ctx.mapped = true;
  }
  if (field && !ctx.component && /^(mission|objective|goal)$/i.test(field.label) && !ctx.report.objective) {
    ctx.report.objective = cleanText(field.value);
    ctx.mapped = true;
  }
  if (!ctx.report.objective && /objective|mission\b/i.test(section.heading?.text ?? '') && !field && !ctx.component) {
    ctx.report.objective = text;
    ctx.mapped = true;
  }
  if (ctx.component) {
    if (field) applyField(ctx, ctx.component.value, field.label, field.value, field.codes, line.line);
    else readCategory(ctx.component.value, text) || ctx.component.value.features.push(text);
    ctx.mapped = true;
  }
}

/** Cumulative totals, pass rates, never-run claims, a baseline: figures the audit checks. */
function readStatedFigures(ctx: Context, line: number, text: string): void {
  const report = ctx.report;
  const session = ctx.session?.index ?? null;
  for (const total of statedTotals(text)) {
    report.totals.push({ line, session, scope: scopeOf(ctx, text), text: truncate(text, 160), ...total });
    ctx.mapped = true;
  }
  const counts = readCounts(text);
  const rate = readRate(text);
  if (counts?.ratio && rate !== null) {
    addRate(report, { line, rate, passing: counts.passing, total: counts.total });
    ctx.mapped = true;
  }
  if (readNeverRun(report, line, text)) ctx.mapped = true;
  const baseline = /coverage[^(]*\(\s*(\d[\d,]*)\s*\/\s*(\d[\d,]*)\s*lines\s*\)/i.exec(text);
  if (baseline && !report.baseline && /histor|baseline|initial|starting/i.test(text)) {
    report.baseline = { lines_covered: toNumber(baseline[1]!), lines_total: toNumber(baseline[2]!), line };
    ctx.mapped = true;
  }
}

const NUM = String.raw`\d{1,3}(?:,\d{3})+|\d+`;

/**
 * A session's own statistics ("Session 9 metrics > Test suite statistics")
 * state that session's figures; anything else states the mission's so far.
 */
function scopeOf(ctx: Context, text = ''): 'mission' | 'session' {
  if (!ctx.session) return 'mission';
  if (/\b(written|this session|session totals?)\b/i.test(text)) return 'session';
  const headings = ctx.stack.filter((heading) => heading.depth > ctx.session!.depth).map((heading) => heading.text);
  if (headings.some((text) => /cumulative|mission|overall|combined|all phases|final total/i.test(text))) return 'mission';
  if (headings.some((text) => /statistics|metrics|this session/i.test(text))) return 'session';
  return 'mission';
}

/** "Total Test Methods: 755+", "bringing the total to 212 tests", "(557+ tests, 18,900+ lines)" after "Suites Created". */
export function statedTotals(text: string): { metric: TotalMetric; value: number; atLeast: boolean; parts: number[] | null }[] {
  const out: { metric: TotalMetric; value: number; atLeast: boolean; parts: number[] | null }[] = [];
  const plain = text.replace(/\*\*/g, '');
  const keyword = /\b(total|cumulative|overall|in all|now have|bringing)\b/i.exec(plain);
  if (keyword) {
    const after = plain.slice(keyword.index);
    const tests = new RegExp(String.raw`^(.*?)(${NUM})(\+?)\s*(?:comprehensive\s+|unit\s+)?(?:tests?|test methods|test cases)\b(?!\s*(?:files?|suites?|classes|sessions?|runners?)\b)`, 'i').exec(after);
    const label = new RegExp(String.raw`^total\s+(?:test methods|tests|test count)(?:\s+created)?\s*:?\s*(${NUM})(\+?)`, 'i').exec(after);
    const lines = new RegExp(String.raw`^total\s+lines\s+of\s+test\s+code\s*:?\s*(${NUM})(\+?)\s*lines`, 'i').exec(after);
    if (label && !/\bnew\b/i.test(after.slice(0, label.index + label[0].length))) {
      out.push({ metric: 'tests_total', value: toNumber(label[1]!), atLeast: label[2] === '+', parts: partsAfter(after.slice(label[0].length)) });
    } else if (tests && !/\bnew\b|\bpassing\b|\bfailing\b|\bsuites?\b|\bfiles?\b|\bsessions?\b/i.test(tests[1]!) && !/%/.test(tests[1]!)) {
      const rest = after.slice(tests[0].length);
      out.push({ metric: 'tests_total', value: toNumber(tests[2]!), atLeast: tests[3] === '+', parts: partsAfter(rest) });
    }
    if (lines && !/\bnew\b/i.test(lines[0])) {
      out.push({ metric: 'lines_of_test_code', value: toNumber(lines[1]!), atLeast: lines[2] === '+', parts: partsAfter(after.slice(lines[0].length)) });
    }
  }
  const inTotal = new RegExp(String.raw`(${NUM})(\+?)\s*(?:tests?|test methods)\s+in\s+(?:total|all)\b`, 'i').exec(plain);
  if (inTotal && out.every((total) => total.metric !== 'tests_total')) {
    out.push({ metric: 'tests_total', value: toNumber(inTotal[1]!), atLeast: inTotal[2] === '+', parts: null });
  }
  const suites = new RegExp(String.raw`suites?\s+created[^()]*\(\s*(${NUM})(\+?)\s*tests`, 'i').exec(plain);
  if (suites && out.every((total) => total.metric !== 'tests_total')) {
    out.push({ metric: 'tests_total', value: toNumber(suites[1]!), atLeast: suites[2] === '+', parts: null });
  }
  return out;
}

/** "(247 previous + 141 new)" → [247, 141]. */
function partsAfter(text: string): number[] | null {
  const m = /^\s*(?:comprehensive\s+\w+\s*)?\(([^)]*\+[^)]*)\)/.exec(text);
  if (!m) return null;
  const parts = m[1]!.split('+').map((part) => new RegExp(`(${NUM})`).exec(part)?.[1]);
  if (parts.some((part) => part === undefined)) return null;
  return parts.map((part) => toNumber(part!));
}

// ---------------------------------------------------------------------------
// Fields

const FILE_LABEL = /^(test file|tests file|test_file|file|source|source file|module|suite|test suite|location)$/i;
const COUNT_LABEL = /^(status|result|results|tests|test count|tests written|tests created|test results|outcome)$/i;

interface Field {
  label: string;
  value: string;
  /** Inline code in the value: paths. */
  codes: string[];
}

function labelOf(line: LogicalLine): Field | null {
  const [first, second] = line.nodes;
  if (first?.type === 'strong') {
    const strong = plainText(first).trim();
    const rest = line.nodes.slice(1);
    const restText = rest.map(plainText).join('');
    if (strong.endsWith(':')) return field(strong.slice(0, -1), restText, rest);
    if (second?.type === 'text' && /^\s*:/.test(second.value)) return field(strong, restText.replace(/^\s*:/, ''), rest);
  }
  const m = /^\s*([A-Za-z][\w /&()-]{0,40}?)\s*:\s+(.+)$/.exec(cleanText(line.text));
  if (m && !/^https?$/i.test(m[1]!)) return field(m[1]!, m[2]!, line.nodes);
  return null;
}

function field(label: string, value: string, nodes: readonly PhrasingContent[]): Field {
  return { label: cleanText(label).replace(/:$/, ''), value: value.trim(), codes: codesIn(nodes) };
}

function labelledLines(block: RootContent): Field[] {
  if (block.type === 'paragraph') return logicalLines(block.children, lineOf(block)).flatMap((line) => labelOf(line) ?? []);
  if (block.type === 'list') {
    return block.children.flatMap((item) => item.children.flatMap((child) => labelledLines(child)));
  }
  return [];
}

function applyField(ctx: Context, component: LegacyComponent, label: string, value: string, codes: string[], line: number): void {
  const name = label.toLowerCase();
  const text = cleanText(value);
  if (FILE_LABEL.test(name) || /file/.test(name)) {
    const path = codes.find((code) => isPath(code)) ?? firstWordPath(text);
    if (path) {
      const clean = path.replace(/^\/+/, '');
      if (/test/.test(name) || isTestPath(clean)) {
        if (!component.test_file) component.test_file = clean;
        else component.notes.push(`${label}: ${text}`);
      } else if (!component.source) component.source = clean;
      component.level ??= levelFromPath(component.test_file);
      return;
    }
  }
  if (COUNT_LABEL.test(name) || /status|result/.test(name)) {
    const counts = readCounts(text);
    if (counts && !component.tests) applyCounts(ctx, component, counts, line, text);
    else component.notes.push(`${label}: ${text}`);
    return;
  }
  if (/coverage/.test(name)) {
    const coverage = readCoverage(text);
    if (coverage && !component.coverage) component.coverage = coverage;
    component.notes.push(`${label}: ${text}`);
    return;
  }
  if (/impact|business value|value|revenue/.test(name)) {
    component.impact ??= readImpact(text);
    component.revenue ??= readMoney(text);
    const description = text.replace(/^(CRITICAL|HIGH|MEDIUM|LOW)\b\s*[-–—:]?\s*/i, '').trim();
    if (description && !component.value) component.value = description;
    else if (description) component.notes.push(`${label}: ${text}`);
    return;
  }
  if (/score|quality|rating/.test(name)) {
    const score = readScore(`score ${text}`) ?? readScore(text);
    if (score !== null && component.score === null) component.score = score;
    else component.notes.push(`${label}: ${text}`);
    return;
  }
  if (/segment|tier/.test(name)) {
    component.segments.push(...text.split(/\s*(?:,|\/| and )\s*/).filter(Boolean));
    return;
  }
  if (/^goal$|business goal/.test(name)) {
    component.goal = text;
    return;
  }
  if (/feature|tested|events|covers|scenarios/.test(name)) {
    component.features.push(...text.split(/\s*,\s*/).filter(Boolean));
    return;
  }
  component.notes.push(`${label}: ${text}`);
}

/** "Message State Management (7 tests) - …": a category of the component's tests. */
function readCategory(component: LegacyComponent, text: string): boolean {
  const m = /^(.+?)\s*\((\d+)\s*tests?\)/i.exec(text);
  if (!m) return false;
  component.categories.push({ name: cleanText(m[1]!.replace(/\*\*/g, '')), tests: Number(m[2]) });
  return true;
}

function applyCounts(ctx: Context, component: LegacyComponent, counts: Counts, line: number, text: string): void {
  component.tests = {
    total: counts.total,
    passing: counts.passing,
    ...(counts.failing === undefined ? {} : { failing: counts.failing }),
    ...(counts.skipped === undefined ? {} : { skipped: counts.skipped }),
  };
  if (counts.atLeast) component.notes.push(`Test count stated as a lower bound ("${counts.total}+") at legacy line ${line}.`);
  if (counts.notRun) readNeverRun(ctx.report, line, text);
  if (counts.notRun) component.notes.push(`Tests collected or created but not run (legacy line ${line}: "${truncate(cleanText(text), 100)}"); counted as skipped.`);
  if (counts.noResult) component.notes.push(`The legacy report states a test count but no result (line ${line}); counted as skipped.`);
  if (counts.derived) component.notes.push(`Passing count derived from the stated percentage (legacy line ${line}: "${truncate(cleanText(text), 100)}").`);
  if (counts.ratio && counts.statedRate !== null) addRate(ctx.report, { line, rate: counts.statedRate, passing: counts.passing, total: counts.total });
}

/** "Expected 100% pass rate" for tests that were never run. */
function readNeverRun(report: LegacyReport, line: number, text: string): boolean {
  if (!/\bexpected\s+\d+(?:\.\d+)?\s*%\s*(?:pass|success)/i.test(text) && !/\bexpected\s+to\s+pass\b/i.test(text)) return false;
  if (!report.neverRun.some((item) => item.line === line)) report.neverRun.push({ line, text: truncate(cleanText(text), 160) });
  return true;
}

function addRate(report: LegacyReport, rate: LegacyReport['rates'][number]): void {
  if (!report.rates.some((known) => known.line === rate.line && known.rate === rate.rate)) report.rates.push(rate);
}

// ---------------------------------------------------------------------------
// Tables

function readTable(ctx: Context, table: Table): void {
  const [head, ...rows] = table.children;
  if (!head) return;
  const headers = head.children.map((cell) => cleanText(plainText(cell)).toLowerCase());
  const find = (pattern: RegExp, from = 0) => headers.findIndex((header, index) => index >= from && pattern.test(header));
  const cells = (row: (typeof rows)[number]) => row.children.map((cell) => cleanText(plainText(cell)));

  const targetCol = find(/^(target|goal|wanted|expected|required)\b/, 1);
  const achievedCol = find(/^(achieved|got|actual|result|current|reached)\b/);
  if (targetCol !== -1 && achievedCol !== -1) {
    const statusCol = find(/^(status|met\??|done|state)$/);
    for (const row of rows) {
      const values = cells(row);
      const target = leadingNumber(values[targetCol] ?? '');
      const achieved = leadingNumber(values[achievedCol] ?? '');
      const label = values[0] ?? '';
      if (target === null || achieved === null) {
        ctx.report.notes.push(`Target "${label}" (legacy line ${lineOf(row)}): target "${values[targetCol]}", achieved "${values[achievedCol]}" is not a number and is not imported.`);
        continue;
      }
      // Read the status with its emoji: "✅" is what marks a row met.
      const status = statusCol === -1 ? '' : plainText(row.children[statusCol] ?? { type: 'text', value: '' });
      ctx.report.targets.push({ line: lineOf(row), label, target, achieved, markedMet: statusCol === -1 ? null : markedMet(status) });
    }
    ctx.mapped = true;
    return;
  }

  const keyed = readKeyValueTable(ctx, headers, rows.map((row) => ({ line: lineOf(row), values: cells(row) })));
  if (keyed) return;

  const nameCol = find(/^(component|class|module|name|suite)$/);
  const fileCol = find(/test file|^file$|^path$/);
  const totalCol = find(/^(total|tests|test count|count)$/);
  const passedCol = find(/^(passed|passing|pass|green)$/);
  const testsCol = find(/^tests$/);
  const scoreCol = find(/score|quality/);
  const nowCol = find(/^(now|current|state)$/);
  if ((nameCol !== -1 || fileCol !== -1) && (totalCol !== -1 || testsCol !== -1)) {
    for (const row of rows) {
      const values = cells(row);
      const name = values[nameCol === -1 ? fileCol : nameCol] ?? '';
      if (!name) continue;
      const component = newComponent(lineOf(row), name);
      const file = fileCol === -1 ? '' : (values[fileCol] ?? '');
      if (file && isPath(file)) component.test_file = file;
      const countText = passedCol !== -1 && totalCol !== -1 ? `${values[passedCol]}/${values[totalCol]} passing` : (values[testsCol === -1 ? totalCol : testsCol] ?? '');
      const counts = /^\d[\d,]*\s*\/\s*\d[\d,]*$/.test(countText.trim()) ? readCounts(`${countText} passing`) : readCounts(countText) ?? readCounts(`${countText} tests`);
      if (counts) applyCounts(ctx, component, counts, lineOf(row), countText);
      if (scoreCol !== -1) component.score = readScore(`score ${values[scoreCol]}`) ?? plainScore(values[scoreCol] ?? '');
      component.level = levelFromPath(component.test_file) ?? ctx.level?.value ?? null;
      component.replaced = nowCol !== -1 && /replaced|superseded|outdated/i.test(values[nowCol] ?? '');
      attach(ctx, component);
    }
    ctx.mapped = true;
  }
}

/** "| Tests written | 140 |": a summary table of stated totals. */
function readKeyValueTable(ctx: Context, headers: string[], rows: { line: number; values: string[] }[]): boolean {
  const metricOf = (label: string): TotalMetric | null => {
    const l = label.toLowerCase();
    if (/^(total )?(tests?|test methods)( written| total| created| count)?$|^total tests$/.test(l)) return 'tests_total';
    if (/^(tests? )?(passing|passed)$|^passing tests$/.test(l)) return 'tests_passing';
    if (/^(components?|suites?|test suites?)$/.test(l)) return 'components';
    if (/^sessions?$/.test(l)) return 'sessions';
    if (/lines of test code/.test(l)) return 'lines_of_test_code';
    return null;
  };
  let found = false;
  for (const row of [{ line: 0, values: headers }, ...rows]) {
    const metric = metricOf(row.values[0] ?? '');
    const value = leadingNumber(row.values[1] ?? '');
    if (!metric || value === null || row.line === 0) continue;
    ctx.report.totals.push({ line: row.line, metric, value, atLeast: /\+/.test(row.values[1] ?? ''), parts: null, text: row.values.join(' | '), session: ctx.session?.index ?? null, scope: scopeOf(ctx) });
    found = true;
  }
  if (found) ctx.mapped = true;
  return found;
}

/** A bare score in a score column: "9.0", "8.5". */
function plainScore(text: string): number | null {
  if (!/^\d{1,2}(\.\d+)?$/.test(text.trim())) return null;
  const value = Number(text);
  return value <= 10 ? value : null;
}

function leadingNumber(text: string): number | null {
  const m = /^[~≥>=<≈$\s]*(\d[\d,]*(?:\.\d+)?)/.exec(text.trim());
  return m ? Number(m[1]!.replace(/,/g, '')) : null;
}

function markedMet(status: string): boolean {
  if (/\b(not met|no|missed|failed|behind|not yet)\b|❌|✗|✘/i.test(status)) return false;
  return /✅|✓|✔|\b(met|yes|done|complete|completed|achieved|over goal|exceeded)\b/i.test(status);
}

// ---------------------------------------------------------------------------
// Names and text

function componentName(text: string): string {
  let name = text
    .replace(/\((?:score|quality)[^)]*\)/gi, '')
    .replace(/\bscore\s*:?\s*\d[\d.]*\s*\/\s*10\b/gi, '');
  name = name.replace(/^\s*(?:#\s*)?\d+\s*[.)]\s*/, '');
  name = name.replace(/\((?:P\d[^)]*|[^)]*blocking[^)]*|[^)]*critical[^)]*)\)/gi, '');
  name = name.split(/\s+[-–—]\s+|\s*[-–—]{2}\s*/)[0] ?? name;
  name = name.replace(/\b(COMPLETED?|DONE|IN PROGRESS|PARTIAL)\b.*$/i, '');
  return cleanText(stripDecoration(name)).replace(/[:,]$/, '') || cleanText(text);
}

/** The heading without its date and times, which the record holds in fields of their own. */
function sessionTitle(text: string): string {
  const title = stripDecoration(text)
    .replace(/\(?\s*\d{4}-\d{2}-\d{2}(\s*(?:to|–|—|-|→)\s*\d{4}-\d{2}-\d{2})?\s*(?:[-–—,]\s*)?(\d{1,2}:\d{2}(?::\d{2})?(\s*(?:-|–|—|to|→)\s*\d{1,2}:\d{2})?)?\s*(UTC)?\s*\)?/g, ' ')
    .replace(/(?:\s*[-–—:]\s*){2,}/g, ': ')
    .replace(/^\s*[-–—:]\s*|\s*[-–—:]\s*$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // "Week of 2025-05-05 to 2025-05-09" means nothing without its dates: keep them.
  const meaningful = title.split(' ').length > 1 && !/\b(of|from|to|on|for)$/i.test(title);
  return meaningful || /^session \d+$/i.test(title) ? title : cleanText(stripDecoration(text)) || 'Session';
}

function stripDecoration(text: string): string {
  return cleanText(text.replace(/\*\*/g, ''));
}

/** "UNIT TEST COVERAGE 100% MISSION - PROGRESS REPORT" → "Unit test coverage 100% mission - progress report". */
function titleCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

function codesIn(nodes: readonly PhrasingContent[]): string[] {
  const out: string[] = [];
  const visit = (node: PhrasingContent) => {
    if (node.type === 'inlineCode') out.push(node.value.trim());
    else if ('children' in node) (node.children as PhrasingContent[]).forEach(visit);
  };
  nodes.forEach(visit);
  return out;
}

function pathIn(nodes: readonly PhrasingContent[]): string | null {
  for (const code of codesIn(nodes)) if (isPath(code)) return code;
  for (const node of nodes) {
    if (node.type === 'strong') {
      const text = plainText(node).trim();
      if (isPath(text)) return text;
    }
  }
  return null;
}

function firstWordPath(text: string): string | null {
  const m = /[\w./-]+\.(?:py|ts|tsx|js|jsx|mjs|go|rs|java|kt|rb|php|cs|swift)\b/.exec(text);
  return m ? m[0] : null;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
