/**
 * Lines that say something about a session rather than one component: its
 * date and times ("**Session**: 2025-09-07 16:30 - 17:00"), a session opened
 * on a bold line, a component described in prose ("File Created: `…`", then
 * "50 comprehensive test methods"), a claim that all its tests pass, its next
 * steps; and, outside any session, the files a plan or status list names.
 */
import { isPath, isTestPath, readCounts, readCoverage, readDate, readTimes, toNumber } from '../figures.js';
import { ALL_PASS } from './claims.js';
import { levelFromPath, newComponent } from './components.js';
import { openSession, sessionInfo, type Context } from './context.js';
import { applyCounts, readCategory, type Field } from './fields.js';
import { baseName, firstWordPath, pathIn, sessionTitle, stripDecoration, truncate } from './text.js';
import type { LegacyComponent, LegacySession } from './types.js';
import { plainText, type LogicalLine, type Section } from '../markdown.js';

/** Each reader returns true when it took the line. */
export function readSessionLine(ctx: Context, line: LogicalLine, text: string, field: Field | null, section: Section): boolean {
  if (ctx.component) return false;
  if (field && /^session$/i.test(field.label) && readDate(field.value)) return sessionField(ctx, line.line, field.value);
  if (closesLineSession(ctx, line)) ctx.session = null;
  if (!ctx.session) return lineSession(ctx, line, text, section) || mention(ctx, line, text, section);
  readPassClaim(ctx, line.line, text);
  if (field && NEXT_LABEL.test(field.label) && !field.value) {
    ctx.nextSteps = true;
    return true;
  }
  // The next steps run to the section's end or the next label that stands alone ("**Risks**:").
  if (ctx.nextSteps && field && !field.value) ctx.nextSteps = false;
  else if (ctx.nextSteps) {
    openSession(ctx)!.next_steps.push(text);
    return true;
  }
  if (field && /file/i.test(field.label) && proseComponent(ctx, line, field)) return true;
  return feedProse(ctx, line.line, text);
}

const NEXT_LABEL = /^next\b|\bplanned$|^to ?do$|^follow[- ]?ups?$|^remaining work$/i;

/**
 * "**Session**: 2025-09-07 16:30 - 17:00" dates the open session and gives its
 * times; under a heading that opened none ("Phase 3 extension: …") it makes
 * that heading's section a session.
 */
function sessionField(ctx: Context, line: number, value: string): boolean {
  const date = readDate(value)!;
  const times = readTimes(value);
  const session = openSession(ctx) ?? sessionFromHeading(ctx, date);
  if (!session) return false;
  if (session.dateInferred || session.date === null) {
    session.date = date;
    session.dateInferred = false;
    session.notes = session.notes.filter((note) => !note.startsWith('Date inferred'));
  }
  if (session.start === null && times) {
    session.start = times.start;
    session.end = times.end;
  }
  if (session.date !== date) session.notes.push(`The legacy report also dates it ${value.trim()} (line ${line}).`);
  return true;
}

function sessionFromHeading(ctx: Context, date: string): LegacySession | null {
  const heading = ctx.stack.at(-1);
  if (!heading) return null;
  const grouped = ctx.grouped.get(heading.line);
  const session: LegacySession =
    grouped === undefined
      ? { line: heading.line, number: null, date, start: null, end: null, title: sessionTitle(heading.text), named: true, dateInferred: false, phase: ctx.phase?.id ?? null, components: [], next_steps: [], notes: [] }
      : ctx.report.sessions[grouped]!;
  session.named = true;
  if (grouped === undefined) ctx.report.sessions.push(session);
  sessionInfo(ctx, session);
  ctx.session = { index: ctx.report.sessions.indexOf(session), depth: heading.depth };
  return session;
}

/**
 * A bold line that names a session and dates it ("**PHASE 2 - STARTUP
 * INFRASTRUCTURE (NEW SESSION 2025-09-07 17:00 UTC):**"), outside any session:
 * a session of its own, open until the next bold label or heading.
 */
function lineSession(ctx: Context, line: LogicalLine, text: string, section: Section): boolean {
  const first = line.nodes[0];
  if (first?.type !== 'strong') return false;
  const bold = stripDecoration(plainText(first));
  const date = readDate(bold);
  if (!date || !/\bsession\b/i.test(bold)) return false;
  const times = readTimes(bold);
  const title = sessionTitle(bold.replace(/\([^)]*\d{4}-\d{2}-\d{2}[^)]*\)/g, '')).replace(/[:\s]+$/, '') || truncate(text, 80);
  const session: LegacySession = {
    line: line.line,
    number: null,
    date,
    start: times?.start ?? null,
    end: times?.end ?? null,
    title,
    named: true,
    dateInferred: false,
    phase: ctx.phase?.id ?? null,
    components: [],
    next_steps: [],
    notes: [],
  };
  ctx.report.sessions.push(session);
  sessionInfo(ctx, session).fromLine = true;
  ctx.session = { index: ctx.report.sessions.length - 1, depth: (section.heading?.depth ?? 0) + 1 };
  return true;
}

/** The next bold label ("**ORIGINAL PHASE 1 ACHIEVEMENTS:**") ends a session opened on a bold line. */
function closesLineSession(ctx: Context, line: LogicalLine): boolean {
  const session = openSession(ctx);
  if (!session || !ctx.sessions.get(session)?.fromLine || session.line === line.line) return false;
  const [first, ...rest] = line.nodes;
  return first?.type === 'strong' && /:\s*$/.test(plainText(first)) && rest.every((node) => !plainText(node).trim());
}

/** "All tests passing", "Achieved 100% pass rates for both", "all 42 tests pass": applied once every component is read. */
const PASS_ALL = new RegExp(`${ALL_PASS.source}|\\ball\\s+\\d[\\d,]*\\+?\\s+tests?\\s+(?:are\\s+|were\\s+)?pass(?:es|ed|ing)?\\b|\\b100(?:\\.0+)?\\s*%\\s*pass(?:ing)?\\s*rates?\\b`, 'i');
const HEDGED = /\b(?:except|but|apart from|other than|not all|save for|once|until|expected|expect|should|will|aim|target|goal)\b/i;

function readPassClaim(ctx: Context, line: number, text: string): void {
  if (!PASS_ALL.test(text) || HEDGED.test(text)) return;
  ctx.passClaims.push({ session: openSession(ctx)!, line, text });
}

/**
 * "File: `tests/unit/test_x.py`", "**File Created**: `…`", "Created comprehensive
 * test file: `…`" in a session: a component the lines after it describe.
 */
function proseComponent(ctx: Context, line: LogicalLine, field: Field): boolean {
  const path = field.codes.find((code) => isPath(code) && isTestPath(code)) ?? pathIn(line.nodes) ?? firstWordPath(field.value);
  if (!path || !isTestPath(path)) return false;
  const session = openSession(ctx)!;
  const clean = path.replace(/^\/+/, '');
  let component = session.components.find((c) => c.test_file === clean || (c.test_file !== null && baseName(c.test_file) === baseName(clean)));
  if (!component) {
    component = newComponent(line.line, baseName(clean));
    component.test_file = clean;
    component.level = levelFromPath(clean) ?? ctx.level?.value ?? null;
    session.components.push(component);
  }
  ctx.prose = { session, component };
  return true;
}

/** The figures of the component the session describes in prose: its count, result, lines of test code, coverage, categories. */
function feedProse(ctx: Context, line: number, text: string): boolean {
  const session = openSession(ctx);
  const component = ctx.prose?.session === session ? ctx.prose.component : null;
  // A line that names another file speaks of that file.
  if (!component || firstWordPath(text)) return false;
  const took = [proseCount(ctx, component, line, text), proseLines(component, text), proseCoverage(component, line, text)].some(Boolean);
  if (took) component.notes.push(`Legacy line ${line}: ${truncate(text, 160)}`);
  return took;
}

function proseCount(ctx: Context, component: LegacyComponent, line: number, text: string): boolean {
  if (component.tests) {
    if (readCategory(component, text)) return true;
    // "Tests Status: 7 passing" for a count stated before with no result.
    const passing = /(\d[\d,]*)\s+(?:tests?\s+)?(?:passing|passed)\b/i.exec(text);
    if (!passing || component.tests.passing !== undefined || component.tests.not_run !== undefined) return false;
    const value = toNumber(passing[1]!);
    if (value > component.tests.total) return false;
    component.tests = { ...component.tests, passing: value };
    return true;
  }
  const counts = readCounts(text);
  if (!counts) return false;
  applyCounts(ctx, component, counts, line, text);
  return true;
}

/** "1,200+ lines of test code", "22 test methods … (1,100+ lines)". */
export function readTestLines(text: string): number | null {
  const m = /(\d[\d,]*)\+?\s*lines\s+(?:of\s+)?(?:[\w/.]+\s+){0,2}test\s+code/i.exec(text) ?? /\btest\b[^()]*\((\d[\d,]*)\+?\s*lines\)/i.exec(text);
  return m ? toNumber(m[1]!) : null;
}

function proseLines(component: LegacyComponent, text: string): boolean {
  const lines = readTestLines(text);
  if (lines === null || (component.lines_of_test_code ?? null) !== null) return false;
  component.lines_of_test_code = lines;
  return true;
}

function proseCoverage(component: LegacyComponent, line: number, text: string): boolean {
  if (!/coverage/i.test(text) || component.coverage) return false;
  const coverage = readCoverage(text);
  if (!coverage) return false;
  component.coverage = coverage;
  if (/estimat/i.test(text)) component.notes.push(`Coverage stated as an estimate (legacy line ${line}).`);
  return true;
}

/**
 * Outside any session, a list line that opens with a file of the code under
 * test ("**agent_websocket_bridge.py** - COMPLETED WITH COMPREHENSIVE TESTS"):
 * what a plan or status list says of the component that tests it. The lines
 * under it add to what it says.
 */
function mention(ctx: Context, line: LogicalLine, text: string, section: Section): boolean {
  const first = line.nodes[0];
  const file = first && (first.type === 'strong' || first.type === 'inlineCode') ? stripDecoration(plainText(first)) : null;
  const headingLine = section.heading?.line ?? 0;
  if (file && isPath(file) && !isTestPath(file)) {
    ctx.mentions.push({ line: line.line, file: baseName(file), text, heading: section.heading?.text ?? '', headingLine, phase: ctx.phase?.id ?? null });
    return true;
  }
  const last = ctx.mentions.at(-1);
  if (!last || last.headingLine !== headingLine || !/^\s*(status|current status)\s*:/i.test(text)) return false;
  last.text += `; ${text}`;
  return true;
}

/** The bold text a line opens with ("✅ **AuthService** (1,293 lines) - …"), when it is a name and not a label ("**Status**: …"). */
export function boldName(line: LogicalLine): string | null {
  let start = 0;
  while (start < line.nodes.length && !/[\p{L}\p{N}]/u.test(plainText(line.nodes[start]!))) start++;
  const [first, second] = line.nodes.slice(start);
  if (first?.type !== 'strong') return null;
  const name = stripDecoration(plainText(first));
  if (/:\s*$/.test(name) || (second && /^\s*:/.test(plainText(second)))) return null;
  return /^\p{L}/u.test(name) && name.split(/\s+/).length <= 6 ? name : null;
}
