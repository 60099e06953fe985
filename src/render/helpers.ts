/**
 * The helpers every template may use. Each returns a token (see `slots.ts`),
 * never markdown, so a value can only ever appear as the characters it is.
 * Every plain `{{value}}` in a template is rewritten into `{{text value}}`.
 */
import type { HelperOptions } from 'handlebars';
import { compareText } from '../aggregate/identity.js';
import { OUTCOME_FIELDS } from '../aggregate/totals.js';
import path from 'node:path';
import type { Charts } from '../aggregate/charts.js';
import type { MetricUnit } from '../types.js';
import { formatMeasure, formatNumber, formatOutcomes, formatPassRate, formatPercent, formatScore, formatTestsLine, formatValue, NOT_STATED, plural, shortenWords, slug, type MaybeOutcomes } from '../text/format.js';
import { marker } from './markers.js';
import { mermaidFor } from './mermaid.js';
import { oneLine, type SlotTable } from './slots.js';

/** Where the page being rendered is written, for links to record files and to other pages. */
export interface ReportLocation {
  /** The working folder (absolute). */
  cwd: string;
  /** The reports folder, relative to `cwd` or absolute. */
  dir: string;
  /** The mission's name: its report is `<dir>/<mission>.md`, its archive pages `<dir>/<mission>/sessions-<page>.md`. */
  mission?: string;
  /** The page being rendered: null for the report itself, else an archive page id. */
  page?: string | null;
}

/** The file of a page, relative to the reports folder: the report, a session archive page, or (`components:<id>`) a component page. */
export function pageFile(mission: string, page: string | null): string {
  if (page === null) return `${mission}.md`;
  if (page.startsWith('components:')) return `${mission}/components-${page.slice('components:'.length)}.md`;
  return `${mission}/sessions-${page}.md`;
}

/** A link from the page being rendered to another page of the same mission (empty when it is the same page). */
function pageUrl(where: ReportLocation, page: string | null): string {
  const mission = where.mission ?? 'report';
  const from = pageFile(mission, where.page ?? null);
  const to = pageFile(mission, page);
  return from === to ? '' : path.posix.relative(path.posix.dirname(from), to).split('/').map(encodeURIComponent).join('/');
}

type Helper = (...args: unknown[]) => unknown;

/** Each helper with the one-line documentation the README repeats. */
export const helperDocs: Record<string, string> = {
  text: '`{{text value}}` (or just `{{value}}`): the value as literal text; numbers grouped by thousands, lists joined with ", ", nothing as "not stated".',
  num: '`{{num value}}`: a number grouped by thousands ("24,041"); nothing as "not stated".',
  percent: '`{{percent value}}`: a percent figure with one decimal ("96.6%"); nothing as "not stated".',
  outcomes: '`{{outcomes group}}`: the test outcomes of a component, level, phase, session or the mission (an object with `tests_total`, `tests_passing`, `tests_failing`, `tests_skipped`, `tests_not_run`, `tests_no_result`), those with tests only: "41 passed · 3 failed · 2 not run"; "not stated" without tests.',
  'pass-rate': '`{{pass-rate group}}`: the pass rate of the same kind of object, passed over passed plus failed: "93.2%"; "no test run" when none ran (never 0%); "not stated" without tests.',
  'tests-line': '`{{tests-line group}}`: the outcomes with the pass rate and how many tests it is taken over: "1,410 passed · 102 failed · 721 no result · pass rate 93.3% of the 1,512 tests that ran"; in words when none ran.',
  measure: '`{{measure value unit}}`: a figure in its unit (`count`, `percent` or `score`, as targets carry in `unit`): "2,441", "17.4%", "9.2/10"; nothing as "not stated". With `stated=true` (a goal or a claim), a percent keeps the decimals it was written with ("95%").',
  rating: '`{{rating score}}`: a 0 to 10 score as "9.2/10"; nothing as "not stated".',
  fraction: '`{{fraction part whole}}`: "49/51"; "not stated" when either is missing.',
  code: '`{{code value}}`: the value as inline code, for paths and identifiers.',
  short: '`{{short text}}` (or `{{session-link (short name) session}}`): text for a table cell, each word longer than 30 characters (or `max=N`) cut to its start and end around "…", so a long file name cannot push the table off the page; show the full text elsewhere.',
  join: '`{{join list ", "}}`: the items of a list as text, with a separator (default ", ").',
  sort: '`{{#each (sort list "field")}}`: a copy of a list sorted by a field, numbers numerically, text in code-point order; add `"desc"` to reverse.',
  eq: '`{{#if (eq a b)}}`: true when both values are the same.',
  or: '`{{#if (or a b c)}}`: true when any value is set (not null, false, 0, "" or an empty list).',
  plural: '`{{plural count "session"}}`: "1 session", "2 sessions".',
  mark: '`{{mark status}}`: a status with its marker, the same everywhere ("✅ met", "❌ not met", "⏳ in progress").',
  chart: '`{{chart charts.progress}}` (alone on its line): a Mermaid chart of one of the `charts` series.',
  'session-anchor': '`{{session-anchor session}}`: the anchor a session section is linked to; put it in the section\'s heading.',
  'session-link': '`{{session-link text session}}`: `text` linked to the section of `session`.',
  'file-link': '`{{file-link text file line}}`: `text` linked to a record file (relative to the report), at `line` if given.',
  'page-link': '`{{page-link text page}}`: `text` linked to an archive page (an id from `archives`), to a component page with `kind="components"` (an id from a phase\'s `pages`), or to the report itself for null.',
};

/** The anchor id of a session's section. */
export function sessionAnchor(id: string): string {
  return `session-${slug(id, 80)}`;
}

export function createHelpers(): Record<string, Helper> {
  const slots = (options: HelperOptions): SlotTable => (options.data as { slots: SlotTable }).slots;
  const report = (options: HelperOptions): ReportLocation => (options.data as { report: ReportLocation }).report;
  const sessionId = (session: unknown): string => {
    const id = session !== null && typeof session === 'object' ? (session as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') throw new TypeError('expected a session (an object with an id)');
    return id;
  };
  const sessionPage = (session: unknown): string | null => {
    const page = (session as { page?: unknown }).page;
    return typeof page === 'string' ? page : null;
  };
  const text = (value: string, options: HelperOptions) => slots(options).add({ kind: 'text', value: oneLine(value) });

  return {
    text: (value, options) => text(formatValue(value), options as HelperOptions),
    num: (value, options) =>
      text(typeof value === 'number' ? formatNumber(value) : formatValue(value), options as HelperOptions),
    percent: (value, options) =>
      text(typeof value === 'number' ? formatPercent(value) : formatValue(value), options as HelperOptions),
    outcomes: (group, options) => text(formatOutcomes(outcomesArg(group, 'outcomes')), options as HelperOptions),
    'pass-rate': (group, options) => text(formatPassRate(outcomesArg(group, 'pass-rate')), options as HelperOptions),
    'tests-line': (group, options) => text(formatTestsLine(outcomesArg(group, 'tests-line')), options as HelperOptions),
    measure: (value, unit, options) => {
      if (unit !== 'count' && unit !== 'percent' && unit !== 'score') throw new TypeError(`measure expects a unit of count, percent or score, received ${String(unit)}`);
      const stated = (options as HelperOptions).hash?.['stated'] === true;
      return text(typeof value === 'number' ? formatMeasure(value, unit as MetricUnit, stated) : formatValue(value), options as HelperOptions);
    },
    rating: (value, options) =>
      text(typeof value === 'number' ? `${formatScore(value)}/10` : formatValue(value), options as HelperOptions),
    fraction: (part, whole, options) =>
      text(
        typeof part === 'number' && typeof whole === 'number' ? `${formatNumber(part)}/${formatNumber(whole)}` : NOT_STATED,
        options as HelperOptions,
      ),
    code: (value, options) => {
      const table = slots(options as HelperOptions);
      if (value === null || value === undefined) return table.add({ kind: 'text', value: NOT_STATED });
      return table.add({ kind: 'code', value: oneLine(formatValue(value)) });
    },
    short: (value, options) => {
      const max = (options as HelperOptions).hash?.['max'];
      return shortenWords(formatValue(value), typeof max === 'number' && max >= 3 ? max : undefined);
    },
    join: (...args) => {
      const options = args.pop() as HelperOptions;
      const [list, separator = ', '] = args;
      const items = Array.isArray(list) ? list.map(formatValue) : [formatValue(list)];
      return text(items.join(String(separator)), options);
    },
    sort: (...args) => {
      args.pop();
      const [list, field, order] = args;
      if (!Array.isArray(list)) throw new TypeError('sort expects a list as its first argument');
      const key = (item: unknown): unknown =>
        typeof field === 'string' && item !== null && typeof item === 'object'
          ? (item as Record<string, unknown>)[field]
          : item;
      const sorted = [...list].sort((a, b) => compareValues(key(a), key(b)));
      return order === 'desc' ? sorted.reverse() : sorted;
    },
    mark: (value, options) => text(marker(typeof value === 'string' ? value : null), options as HelperOptions),
    chart: (chart, options) => {
      if (chart === null || typeof chart !== 'object' || !('kind' in chart)) throw new TypeError('chart expects one of the charts series, such as charts.progress');
      return slots(options as HelperOptions).add({ kind: 'block', lang: 'mermaid', value: mermaidFor(chart as Charts[keyof Charts]) });
    },
    'session-anchor': (session, options) => slots(options as HelperOptions).add({ kind: 'anchor', id: sessionAnchor(sessionId(session)) }),
    'session-link': (label, session, options) =>
      slots(options as HelperOptions).add({
        kind: 'link',
        text: oneLine(formatValue(label)),
        url: `${pageUrl(report(options as HelperOptions), sessionPage(session))}#${sessionAnchor(sessionId(session))}`,
      }),
    'page-link': (label, page, options) => {
      const where = report(options as HelperOptions);
      const kind = (options as HelperOptions).hash?.['kind'];
      const id = typeof page === 'string' ? (kind === 'components' ? `components:${page}` : page) : null;
      const url = pageUrl(where, id);
      return slots(options as HelperOptions).add({ kind: 'link', text: oneLine(formatValue(label)), url: url === '' ? '#' : url });
    },
    'file-link': (...args) => {
      const options = args.pop() as HelperOptions;
      const [label, file, line] = args;
      if (typeof file !== 'string') throw new TypeError('file-link expects a record file path');
      const where = report(options);
      const pageDir = path.dirname(path.resolve(where.cwd, where.dir, pageFile(where.mission ?? 'report', where.page ?? null)));
      const relative = path.relative(pageDir, path.resolve(where.cwd, file)).split(path.sep);
      // Every segment encoded: the address is built here, from a path, and cannot carry a scheme.
      const url = relative.map((segment) => (segment === '..' ? '..' : encodeURIComponent(segment))).join('/') + (typeof line === 'number' ? `#L${line}` : '');
      return slots(options).add({ kind: 'link', text: oneLine(formatValue(label)), url });
    },
    eq: (a, b) => a === b,
    or: (...args) => {
      args.pop();
      return args.some((value) => (Array.isArray(value) ? value.length > 0 : Boolean(value)));
    },
    plural: (count, word, options) => text(plural(typeof count === 'number' ? count : 0, String(word)), options as HelperOptions),
  };
}

/** An object carrying outcome counts (a component, a level's totals, a session's cumulative figures). */
function outcomesArg(group: unknown, helper: string): MaybeOutcomes {
  if (group === null || typeof group !== 'object') throw new TypeError(`${helper} expects an object with test outcomes, such as totals or a component`);
  const g = group as Record<string, unknown>;
  const missing = OUTCOME_FIELDS.filter((field) => !(field in g));
  if (missing.length > 0) throw new TypeError(`${helper} expects an object with test outcomes; this one has no ${missing.join(', ')}`);
  const outcomes = {} as MaybeOutcomes;
  for (const field of OUTCOME_FIELDS) outcomes[field] = typeof g[field] === 'number' ? (g[field] as number) : null;
  return outcomes;
}

/** Nothing sorts last; numbers numerically; everything else by its text in code-point order. */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareText(String(a), String(b));
}
