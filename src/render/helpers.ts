/**
 * The helpers every template may use, one entry each: its function, whether
 * it returns a slot, and the line of documentation the README repeats.
 * A slot helper returns a token (see `slots.ts`), never markdown, so a value
 * can only ever appear as the characters it is; whatever else a `{{…}}`
 * prints (`{{value}}`, `{{sort …}}`) is rewritten into `{{text …}}`
 * (`templates.ts`).
 */
import type { HelperOptions } from 'handlebars';
import type { Charts } from '../model/charts.js';
import { pageIdOfName, REPORT_PAGE, type PageId } from '../model/page-id.js';
import type { MetricUnit } from '../model/mission-model.js';
import { formatMeasure, formatNumber, formatOutcomes, formatPassRate, formatPercent, formatScore, formatTestsLine, formatValue, NOT_STATED, plural, shortenWords } from '../text/format.js';
import { compareValues, outcomesArg, sessionId } from './helper-args.js';
import { fileUrl, pageUrl, sessionAnchor, type ReportLocation } from './links.js';
import { marker } from './markers.js';
import { mermaidFor } from './mermaid.js';
import { oneLine, type SlotTable } from './slots.js';

/** One template helper. */
export interface Helper {
  /** One line for the README: how it is called, then what it gives. */
  doc: string;
  /** Whether it returns a slot token, printed as it is; the value of any other helper is printed through `text`. */
  slot: boolean;
  /** Called with the template's arguments, then Handlebars' `options`. */
  fn: (...args: never[]) => unknown;
}

/** The slot table of the template being rendered. */
function slots(options: HelperOptions): SlotTable {
  return (options.data as { slots: SlotTable }).slots;
}

/** Where the page being rendered is written. */
function report(options: HelperOptions): ReportLocation {
  return (options.data as { report: ReportLocation }).report;
}

/** A slot of literal text. */
function text(value: string, options: HelperOptions): string {
  return slots(options).add({ kind: 'text', value: oneLine(value) });
}

/** The page holding a session's section: an archive page, or the report. */
function sessionPage(session: unknown): PageId {
  const page = (session as { page?: unknown }).page;
  return typeof page === 'string' ? pageOf('sessions', page, 'session-link') : REPORT_PAGE;
}

function pageOf(kind: 'sessions' | 'components', name: string, helper: string): PageId {
  const page = pageIdOfName(kind, name);
  if (!page) throw new TypeError(`${helper} expects the id of a ${kind === 'sessions' ? 'page of older sessions (from `archives`)' : 'component page (from a phase\'s `pages`)'}, received "${name}"`);
  return page;
}

/** Every helper, by name. */
export const HELPERS: Readonly<Record<string, Helper>> = {
  text: {
    doc: '`{{text value}}` (or just `{{value}}`): the value as literal text; numbers grouped by thousands, lists joined with ", ", nothing as "not stated".',
    slot: true,
    fn: (value: unknown, options: HelperOptions) => text(formatValue(value), options),
  },
  num: {
    doc: '`{{num value}}`: a number grouped by thousands ("24,041"); nothing as "not stated".',
    slot: true,
    fn: (value: unknown, options: HelperOptions) => text(typeof value === 'number' ? formatNumber(value) : formatValue(value), options),
  },
  percent: {
    doc: '`{{percent value}}`: a percent figure with one decimal ("96.6%"); nothing as "not stated".',
    slot: true,
    fn: (value: unknown, options: HelperOptions) => text(typeof value === 'number' ? formatPercent(value) : formatValue(value), options),
  },
  outcomes: {
    doc: '`{{outcomes group}}`: the test outcomes of a component, level, phase, session or the mission (an object with `tests_total`, `tests_passing`, `tests_failing`, `tests_skipped`, `tests_not_run`, `tests_no_result`), those with tests only: "41 passed · 3 failed · 2 not run"; "not stated" without tests.',
    slot: true,
    fn: (group: unknown, options: HelperOptions) => text(formatOutcomes(outcomesArg(group, 'outcomes')), options),
  },
  'pass-rate': {
    doc: '`{{pass-rate group}}`: the pass rate of the same kind of object, passed over passed plus failed: "93.2%"; "no test run" when none ran (never 0%); "not stated" without tests.',
    slot: true,
    fn: (group: unknown, options: HelperOptions) => text(formatPassRate(outcomesArg(group, 'pass-rate')), options),
  },
  'tests-line': {
    doc: '`{{tests-line group}}`: the outcomes with the pass rate and how many tests it is taken over: "1,410 passed · 102 failed · 721 no result · pass rate 93.3% of the 1,512 tests that ran"; in words when none ran.',
    slot: true,
    fn: (group: unknown, options: HelperOptions) => text(formatTestsLine(outcomesArg(group, 'tests-line')), options),
  },
  measure: {
    doc: '`{{measure value unit}}`: a figure in its unit (`count`, `percent` or `score`, as targets carry in `unit`): "2,441", "17.4%", "9.2/10"; nothing as "not stated". With `stated=true` (a goal or a claim), a percent keeps the decimals it was written with ("95%").',
    slot: true,
    fn: (value: unknown, unit: unknown, options: HelperOptions) => {
      if (unit !== 'count' && unit !== 'percent' && unit !== 'score') throw new TypeError(`measure expects a unit of count, percent or score, received ${String(unit)}`);
      const stated = options.hash?.['stated'] === true;
      return text(typeof value === 'number' ? formatMeasure(value, unit as MetricUnit, stated) : formatValue(value), options);
    },
  },
  rating: {
    doc: '`{{rating score}}`: a 0 to 10 score as "9.2/10"; nothing as "not stated".',
    slot: true,
    fn: (value: unknown, options: HelperOptions) => text(typeof value === 'number' ? `${formatScore(value)}/10` : formatValue(value), options),
  },
  fraction: {
    doc: '`{{fraction part whole}}`: "49/51"; "not stated" when either is missing.',
    slot: true,
    fn: (part: unknown, whole: unknown, options: HelperOptions) =>
      text(typeof part === 'number' && typeof whole === 'number' ? `${formatNumber(part)}/${formatNumber(whole)}` : NOT_STATED, options),
  },
  code: {
    doc: '`{{code value}}`: the value as inline code, for paths and identifiers.',
    slot: true,
    fn: (value: unknown, options: HelperOptions) => {
      if (value === null || value === undefined) return slots(options).add({ kind: 'text', value: NOT_STATED });
      return slots(options).add({ kind: 'code', value: oneLine(formatValue(value)) });
    },
  },
  short: {
    doc: '`{{short text}}` (or `{{session-link (short name) session}}`): text for a table cell, each word longer than 30 characters (or `max=N`) cut to its start and end around "…", so a long file name cannot push the table off the page; show the full text elsewhere.',
    slot: false,
    fn: (value: unknown, options: HelperOptions) => {
      const max = options.hash?.['max'];
      return shortenWords(formatValue(value), typeof max === 'number' && max >= 3 ? max : undefined);
    },
  },
  join: {
    doc: '`{{join list ", "}}`: the items of a list as text, with a separator (default ", ").',
    slot: true,
    fn: (...args: unknown[]) => {
      const options = args.pop() as HelperOptions;
      const [list, separator = ', '] = args;
      const items = Array.isArray(list) ? list.map(formatValue) : [formatValue(list)];
      return text(items.join(String(separator)), options);
    },
  },
  sort: {
    doc: '`{{#each (sort list "field")}}`: a copy of a list sorted by a field, numbers numerically, text in code-point order; add `"desc"` to reverse.',
    slot: false,
    fn: (...args: unknown[]) => {
      args.pop();
      const [list, field, order] = args;
      if (!Array.isArray(list)) throw new TypeError('sort expects a list as its first argument');
      const key = (item: unknown): unknown =>
        typeof field === 'string' && item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[field] : item;
      const sorted = [...list].sort((a, b) => compareValues(key(a), key(b)));
      return order === 'desc' ? sorted.reverse() : sorted;
    },
  },
  mark: {
    doc: '`{{mark status}}`: a status with its marker, the same everywhere ("✅ met", "❌ not met", "⏳ in progress").',
    slot: true,
    fn: (value: unknown, options: HelperOptions) => text(marker(typeof value === 'string' ? value : null), options),
  },
  chart: {
    doc: '`{{chart charts.progress}}` (alone on its line): a Mermaid chart of one of the `charts` series.',
    slot: true,
    fn: (chart: unknown, options: HelperOptions) => {
      if (chart === null || typeof chart !== 'object' || !('kind' in chart)) throw new TypeError('chart expects one of the charts series, such as charts.progress');
      return slots(options).add({ kind: 'block', lang: 'mermaid', value: mermaidFor(chart as Charts[keyof Charts]) });
    },
  },
  'session-anchor': {
    doc: '`{{session-anchor session}}`: the anchor a session section is linked to; put it in the section\'s heading.',
    slot: true,
    fn: (session: unknown, options: HelperOptions) => slots(options).add({ kind: 'anchor', id: sessionAnchor(sessionId(session)) }),
  },
  'session-link': {
    doc: '`{{session-link text session}}`: `text` linked to the section of `session`.',
    slot: true,
    fn: (label: unknown, session: unknown, options: HelperOptions) => {
      const anchor = sessionAnchor(sessionId(session));
      return slots(options).add({ kind: 'link', text: oneLine(formatValue(label)), url: `${pageUrl(report(options), sessionPage(session))}#${anchor}` });
    },
  },
  'page-link': {
    doc: '`{{page-link text page}}`: `text` linked to an archive page (an id from `archives`), to a component page with `kind="components"` (an id from a phase\'s `pages`), or to the report itself for null.',
    slot: true,
    fn: (label: unknown, page: unknown, options: HelperOptions) => {
      const kind = options.hash?.['kind'] === 'components' ? 'components' : 'sessions';
      const url = pageUrl(report(options), typeof page === 'string' ? pageOf(kind, page, 'page-link') : REPORT_PAGE);
      return slots(options).add({ kind: 'link', text: oneLine(formatValue(label)), url: url === '' ? '#' : url });
    },
  },
  'file-link': {
    doc: '`{{file-link text file line}}`: `text` linked to a record file (relative to the report), at `line` if given.',
    slot: true,
    fn: (...args: unknown[]) => {
      const options = args.pop() as HelperOptions;
      const [label, file, line] = args;
      if (typeof file !== 'string') throw new TypeError('file-link expects a record file path');
      return slots(options).add({ kind: 'link', text: oneLine(formatValue(label)), url: fileUrl(report(options), file, line) });
    },
  },
  eq: {
    doc: '`{{#if (eq a b)}}`: true when both values are the same.',
    slot: false,
    fn: (a: unknown, b: unknown) => a === b,
  },
  or: {
    doc: '`{{#if (or a b c)}}`: true when any value is set (not null, false, 0, "" or an empty list).',
    slot: false,
    fn: (...args: unknown[]) => {
      args.pop();
      return args.some((value) => (Array.isArray(value) ? value.length > 0 : Boolean(value)));
    },
  },
  plural: {
    doc: '`{{plural count "session"}}`: "1 session", "2 sessions".',
    slot: true,
    fn: (count: unknown, word: unknown, options: HelperOptions) => text(plural(typeof count === 'number' ? count : 0, String(word)), options),
  },
};
