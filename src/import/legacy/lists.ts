/**
 * List items: milestones, next steps, segments, files created, and
 * components stated on one line ("1. **test_login.py** - 12 tests"); any
 * other item is read line by line.
 */
import type { List, ListItem } from 'mdast';
import { isPath, isTestPath, readComponentScore, readCounts, readCoverage, type Counts } from '../figures.js';
import { attach, levelFromPath, newComponent } from './components.js';
import type { Context } from './context.js';
import { applyCounts, applyField } from './fields.js';
import { readLine } from './lines.js';
import { baseName, codesIn, firstWordPath, nameAfter, nameBefore, pathIn, stripDecoration, truncate } from './text.js';
import { cleanText, lineOf, logicalLines, plainText, type LogicalLine, type Section } from '../markdown.js';

/** `parent`: the text of the list item this list is nested in ("**Test Files Created** (auth_service/tests/unit/):"). */
export function readList(ctx: Context, list: List, section: Section, parent = ''): void {
  const heading = section.heading?.text ?? '';
  const open = [...ctx.stack.map((h) => h.text), heading];
  const nextSteps = underNextSteps(open);
  const filesCreated = open.some((text) => /files? (created|modified|added|changed)/i.test(text));
  const milestones = /milestones?/i.test(heading);
  // The mission's targets, listed before any session: a session's goals stay with the session.
  const targets = !ctx.session && !ctx.component && TARGETS.test(heading);
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
    if (targets && head && readTargetItem(ctx, head)) continue;
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
    if (head && !ctx.component && readInlineComponent(ctx, head, item.children.slice(1), parent)) continue;
    for (const line of lines) readLine(ctx, line, section);
    for (const child of item.children) {
      if (child.type === 'list') readList(ctx, child, section, head?.text ?? '');
      else if (child.type === 'paragraph' && child !== first) for (const line of logicalLines(child.children, lineOf(child))) readLine(ctx, line, section);
    }
  }
}

/**
 * A heading that says its tests were made, not run: "Unit Tests Created (39+
 * tests)", "Tests collected". Files created ("Test Files Created") say nothing
 * of whether their tests ran.
 */
const CREATED_HEADING = /\b(?:tests?|suites?|specs?|examples)\s+(?:were\s+)?(?:created|written|collected|discovered|added)\b/i;

/**
 * A count with no result under a heading that says the tests were created
 * ("### Unit Tests Created" over "**test_auth.py** - 12 tests") is a count of
 * tests not run yet: the report says they were made, and nothing of a run.
 */
function createdUnder(ctx: Context, counts: Counts, parent: string, line: string): { counts: Counts; heading: string | null } {
  // A count marked done ("45 tests ✅") claims something of its own: it stays a count with no result.
  if (!counts.noResult || /[✅✔✓]/u.test(line)) return { counts, heading: null };
  // The list item it is nested in ("**Test Files Created** (…):"), else the heading of its section.
  for (const text of [parent, ctx.stack.at(-1)?.text ?? ''].map((t) => stripDecoration(t).replace(/\s*:\s*$/, ''))) {
    if (CREATED_HEADING.test(text) && !/\b(?:pass|fail|run|ran|green|result)/i.test(text)) return { counts: { ...counts, noResult: false, notRun: true }, heading: truncate(text, 80) };
  }
  return { counts, heading: null };
}

const TARGETS = /^(?:\W*\s*)?(?:targets?|goals?|success criteria|objectives and targets)\b/i;

/**
 * "200 tests in total", "Pass rate at least 95%", "**Coverage**: 80%": one
 * target, its label the item as written and its figure the number it states.
 * An item with no number, or with more than one, is no target.
 */
function readTargetItem(ctx: Context, head: LogicalLine): boolean {
  const text = cleanText(head.text);
  const numbers = [...text.matchAll(/(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s*(%|\/\s*10\b)?/g)];
  if (numbers.length !== 1) return false;
  ctx.report.targets.push({ line: head.line, label: text, target: Number(numbers[0]![1]!.replace(/,/g, '')), achieved: null, markedMet: null });
  ctx.mapped = true;
  return true;
}

const NEXT_STEPS = /next (steps|week|sprint|session|batch|phase)|recommendations|areas? (for|of) improvement|improvements? (needed|planned|to make)|to ?do|follow[- ]ups?|^plans?\b/i;
const NOT_NEXT_STEPS = /strength|achiev|validation|finding|benefit|value|compliance|objective|impact|metric|statistic|principle|categor/i;

/**
 * Whether a list is next steps: the innermost open heading that says what its
 * lists are decides. "Strengths identified" under "Audit findings &
 * recommendations" is no list of next steps; "Areas for improvement" there is.
 * A heading that says both ("Findings and next steps") is next steps.
 */
function underNextSteps(open: readonly string[]): boolean {
  for (const text of [...open].reverse()) {
    if (NEXT_STEPS.test(text)) return true;
    if (NOT_NEXT_STEPS.test(text)) return false;
  }
  return false;
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

/**
 * A component stated on one line of a list or paragraph: "1. **test_login.py** - 12 tests",
 * "- `tests/unit/test_x.py` — 9 tests", or with its name in bold beside its file
 * ("- **LedgerWriter** — `tests/unit/test_ledger_writer.py` — 27/30 passing — quality 8.0/10").
 */
export function readInlineComponent(ctx: Context, head: LogicalLine, children: ListItem['children'], parent = ''): boolean {
  const path = pathIn(head.nodes) ?? firstWordPath(head.text);
  if (!path || !isTestPath(path)) return false;
  const name = nameBefore(head.nodes, path) ?? nameAfter(head.nodes, path);
  const stated = head.text.replace(path, '').replace(name === null ? '' : name, '');
  const score = readComponentScore(stated);
  // Counts are read without the score, whose "/10" is no test count.
  const counts = readCounts(score.rest);
  // A named component needs no count when it states a score ("**AuditTrail** — `tests/test_audit.py` — rated 7/10").
  if (!counts && (name === null || score.value === null)) return false;
  const component = newComponent(head.line, name ?? baseName(path));
  component.test_file = path.includes('/') || !ctx.component ? path : null;
  if (counts) {
    const created = createdUnder(ctx, counts, parent, head.text);
    const why = created.heading === null ? undefined : `Tests created, not run: listed under "${created.heading}" with a count and no result (legacy line ${head.line}); counted as not run.`;
    applyCounts(ctx, component, created.counts, head.line, head.text, why);
  }
  component.score = score.value;
  component.coverage = readCoverage(score.rest);
  component.level = levelFromPath(path) ?? ctx.level?.value ?? null;
  const rest = cleanText(stated.replace(/\*\*|\(\s*\)/g, '').replace(/^[\s*`:–—-]+/, ''));
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
