/**
 * Fields: `**Label**: value` lines, and what each label sets on a component
 * (files, counts, coverage, impact, score, segments, goal, features), with the
 * pass rates and never-run claims that counts carry to the report.
 */
import type { PhrasingContent, RootContent } from 'mdast';
import { isPath, isTestPath, readComponentScore, readCounts, readCoverage, readDate, readImpact, readMoney, readScore, readTimes, type Counts, type Coverage } from '../figures.js';
import { levelFromPath } from './components.js';
import type { Context } from './context.js';
import { codesIn, firstWordPath, truncate } from './text.js';
import type { LegacyComponent, LegacyReport } from './types.js';
import { cleanText, lineOf, logicalLines, plainText, type LogicalLine } from '../markdown.js';

export const FILE_LABEL = /^(test file|tests file|test_file|file|source|source file|module|suite|test suite|location)$/i;
export const COUNT_LABEL = /^(status|result|results|tests|test count|tests written|tests created|test results|outcome)$/i;

export interface Field {
  label: string;
  value: string;
  /** Inline code in the value: paths. */
  codes: string[];
}

export function labelOf(line: LogicalLine): Field | null {
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

export function labelledLines(block: RootContent): Field[] {
  if (block.type === 'paragraph') return logicalLines(block.children, lineOf(block)).flatMap((line) => labelOf(line) ?? []);
  if (block.type === 'list') {
    return block.children.flatMap((item) => item.children.flatMap((child) => labelledLines(child)));
  }
  return [];
}

export function applyField(ctx: Context, component: LegacyComponent, label: string, value: string, codes: string[], line: number): void {
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
    // "Tests Written: 42 test cases": the label says what became of the count.
    const counts = readCounts(/written|created|collected/.test(name) ? `${label}: ${text}` : text);
    if (counts && !component.tests) applyCounts(ctx, component, counts, line, text);
    else component.notes.push(`${label}: ${text}`);
    // "15/15 tests PASSING (95.52% code coverage)": the coverage stated beside the result.
    component.coverage ??= readCoverage(text);
    return;
  }
  if (/coverage/.test(name)) {
    // "Initial Coverage: 17% (130/746 lines)" is where the work started, not where it is: a note.
    if (!/\b(initial|baseline|before|starting|original|previous|old)\b/.test(name)) {
      const coverage = readCoverage(text) ?? leadingPercent(text);
      // "Current Coverage: 30% (222/746 lines)" holds over any coverage stated before it.
      if (coverage && (!component.coverage || /\b(current|final|now|after|new)\b/.test(name))) component.coverage = coverage;
    }
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
    // In a score field, "9.2" and "(9.2/10)" are the score.
    const score = readComponentScore(`score ${text}`).value ?? readScore(text);
    if (score !== null && component.score === null) component.score = score;
    else component.notes.push(`${label}: ${text}`);
    return;
  }
  const date = DATE_LABEL.test(name) ? readDate(text) : null;
  if (date) {
    // A date field says when the work was done; it holds over a date met in the prose.
    if (!component.dated?.field) component.dated = { date, ...timesOf(text), line, field: true };
    component.notes.push(`${label}: ${text}`);
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
  // "Fixed the negative-stock bug: 24/24 passing now, coverage 85%": a sentence, not a label.
  if (readProseFigures(ctx, component, line, `${label}: ${text}`, codes)) return;
  component.notes.push(`${label}: ${text}`);
}

/**
 * A sentence of a component's section that states its test file, counts or
 * coverage ("Wrote `tests/unit/test_stock_ledger.py`. 24 tests, 22 passing;
 * coverage 156/200 lines"): what no field of the component holds yet, kept;
 * the sentence becomes a note. False when it states none of them.
 */
export function readProseFigures(ctx: Context, component: LegacyComponent, line: number, text: string, codes: readonly string[]): boolean {
  const path = codes.find((code) => isPath(code)) ?? firstWordPath(text);
  const file = path && isTestPath(path) ? path : null;
  const rest = readComponentScore(text).rest;
  const counts = readCounts(file ? rest.replace(file, '') : rest);
  const coverage = readCoverage(rest);
  const score = readScore(text);
  const adds = (file !== null && component.test_file === null) || (counts !== null && !counts.noResult && component.tests === null) || (coverage !== null && component.coverage === null);
  if (!adds) return false;
  if (file && component.test_file === null) component.test_file = file;
  if (counts && !counts.noResult && component.tests === null) applyCounts(ctx, component, counts, line, text);
  if (coverage && component.coverage === null) component.coverage = coverage;
  if (score !== null && component.score === null) component.score = score;
  component.notes.push(`Stated as: ${truncate(text, 300)}`);
  return true;
}

/** Labels that say when a component's work was done: "Date", "Written", "Last run", "Tested on". */
const DATE_LABEL = /^(date|dated|when|day|written|written on|tested|tested on|run|ran|last run|run on|completed|completed on|finished|updated|last updated|worked on)$/;

/** The times of a dated text, its date set aside: "2025-06-03, 10:00–12:30". */
function timesOf(text: string): { start: string | null; end: string | null } {
  const times = readTimes(text);
  return { start: times?.start ?? null, end: times?.end ?? null };
}

/**
 * The percentage a coverage field opens with, standing alone: "94%", "**93.3%** - Outstanding
 * coverage of 1520-line critical startup module"; not "100% method coverage" nor "100% OAuth
 * manager functionality", a share of something other than lines.
 */
function leadingPercent(text: string): Coverage | null {
  const m = /^[~≈]?\s*(\d+(?:\.\d+)?)\s*%\+?(?=\s*(?:$|[-–—(,;:]))/.exec(text);
  return m && Number(m[1]) <= 100 ? { percent: Number(m[1]) } : null;
}

/** "Message State Management (7 tests) - …": a category of the component's tests. */
export function readCategory(component: LegacyComponent, text: string): boolean {
  const m = /^(.+?)\s*\((\d+)\s*tests?\)/i.exec(text);
  if (!m) return false;
  component.categories.push({ name: cleanText(m[1]!.replace(/\*\*/g, '')), tests: Number(m[2]) });
  return true;
}

/** How the note of a count stated with no result begins: a later statement of its result takes it back (`merge.ts`). */
export const NO_RESULT_NOTE = 'The legacy report states a test count but no result';

/**
 * Give a component the counts a line states, with a note for each thing a
 * reader should know (a lower bound, never run, no result, derived).
 * `notRunBecause`: why the counts are not run when the line itself does not say
 * (the heading the suite is listed under); the note says that instead.
 */
export function applyCounts(ctx: Context, component: LegacyComponent, counts: Counts, line: number, text: string, notRunBecause?: string): void {
  // A count of tests never run, or with no result, states no passing count: its tests are not failures.
  component.tests = counts.notRun
    ? { total: counts.total, not_run: counts.total }
    : counts.noResult
      ? { total: counts.total }
      : {
          total: counts.total,
          passing: counts.passing,
          ...(counts.failing === undefined ? {} : { failing: counts.failing }),
          ...(counts.skipped === undefined ? {} : { skipped: counts.skipped }),
        };
  if (counts.atLeast) component.notes.push(`Test count stated as a lower bound ("${counts.total}+") at legacy line ${line}.`);
  if (counts.notRun) readNeverRun(ctx.report, line, text);
  if (counts.notRun) {
    component.notes.push(notRunBecause ?? `Tests collected or created but not run (legacy line ${line}: "${truncate(cleanText(text), 100)}"); counted as not run.`);
  }
  if (counts.noResult) component.notes.push(`${NO_RESULT_NOTE} (line ${line}); shown as no result.`);
  if (counts.derived) component.notes.push(`Passing count derived from the stated percentage (legacy line ${line}: "${truncate(cleanText(text), 100)}").`);
  if (counts.ratio && counts.statedRate !== null) addRate(ctx.report, { line, rate: counts.statedRate, passing: counts.passing, total: counts.total });
}

/** "Expected 100% pass rate" for tests that were never run. */
export function readNeverRun(report: LegacyReport, line: number, text: string): boolean {
  if (!/\bexpected\s+\d+(?:\.\d+)?\s*%\s*(?:pass|success)/i.test(text) && !/\bexpected\s+to\s+pass\b/i.test(text)) return false;
  if (!report.neverRun.some((item) => item.line === line)) report.neverRun.push({ line, text: truncate(cleanText(text), 160) });
  return true;
}

export function addRate(report: LegacyReport, rate: LegacyReport['rates'][number]): void {
  if (!report.rates.some((known) => known.line === rate.line && known.rate === rate.rate)) report.rates.push(rate);
}
