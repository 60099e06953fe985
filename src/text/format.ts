/**
 * Number and text formatting for reports, findings and command output: fixed
 * rules, no locale. The one place that decides separators, decimals and units,
 * shared by every stage (it depends on nothing but the model's types);
 * templates reach it only through the helpers.
 */
import type { MetricUnit } from '../model/mission-model.js';
import type { OutcomeTotals } from '../model/totals.js';

/** Shown where a record does not state a figure: never zero. */
export const NOT_STATED = 'not stated';

/** 24041 → "24,041"; 1234.5 → "1,234.5". */
export function formatNumber(value: number): string {
  const negative = value < 0;
  const [whole = '0', fraction] = String(Math.abs(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A percent figure (already rounded by the aggregate stage) with one decimal and grouped like any number: "96.6%", "2,441.0%". */
export function formatPercent(value: number): string {
  const [whole = '0', fraction = '0'] = value.toFixed(1).split('.');
  return `${formatNumber(Number(whole))}.${fraction}%`;
}

/**
 * A figure in its unit: "2,441", "17.4%", "9.2/10". A computed percent has one
 * decimal; a `stated` one (a goal, a claim) keeps the decimals it was written with.
 */
export function formatMeasure(value: number, unit: MetricUnit, stated = false): string {
  if (unit === 'percent') return stated ? `${formatNumber(value)}%` : formatPercent(value);
  if (unit === 'score') return `${formatScore(value)}/10`;
  return formatNumber(value);
}

/** Shown as the pass rate where no test ran to a result: never 0%. */
const NO_TEST_RUN = 'no test run';

/** Outcome counts that may be missing (a component that states no tests). */
export type MaybeOutcomes = { [K in keyof OutcomeTotals]: OutcomeTotals[K] | null };

const OUTCOME_WORDS: [keyof OutcomeTotals, string][] = [
  ['tests_passing', 'passed'],
  ['tests_failing', 'failed'],
  ['tests_skipped', 'skipped'],
  ['tests_not_run', 'not run'],
  ['tests_no_result', 'no result'],
];

/**
 * The outcomes there are, in a fixed order: "41 passed · 3 failed · 2 not run".
 * An outcome with no test is left out; "no tests" when there are none.
 */
export function formatOutcomes(o: MaybeOutcomes): string {
  if (o.tests_total === null) return NOT_STATED;
  const parts = OUTCOME_WORDS.filter(([key]) => (o[key] ?? 0) > 0).map(([key, word]) => `${formatNumber(o[key] ?? 0)} ${word}`);
  return parts.length === 0 ? 'no tests' : parts.join(' · ');
}

/** The pass rate of a group: "93.2%", "no test run" when none ran, "not stated" without tests. */
export function formatPassRate(o: MaybeOutcomes): string {
  if (o.tests_total === null) return NOT_STATED;
  return o.pass_rate === null ? NO_TEST_RUN : formatPercent(o.pass_rate);
}

/**
 * The headline of a group's tests, which a high rate over few executed tests
 * cannot hide behind: "1,410 passed · 102 failed · 721 no result · pass rate
 * 93.3% of the 1,512 tests that ran", or in words when none ran.
 */
export function formatTestsLine(o: MaybeOutcomes): string {
  if (o.tests_total === null) return NOT_STATED;
  if (o.tests_total === 0) return 'none recorded';
  const outcomes = formatOutcomes(o);
  if (o.pass_rate === null || !o.tests_ran) return `${outcomes} · no test has run to a result, so there is no pass rate`;
  return `${outcomes} · pass rate ${formatPercent(o.pass_rate)} of the ${o.tests_ran === 1 ? 'one test' : `${formatNumber(o.tests_ran)} tests`} that ran`;
}

/** A score with at least one decimal, as stated otherwise: 8 → "8.0", 9.25 → "9.25". */
export function formatScore(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** Any model value as text. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return NOT_STATED;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'string') return value;
  throw new TypeError(`cannot show ${Object.prototype.toString.call(value)} as text; name one of its fields`);
}

/**
 * Text for a table cell, where a word too long to wrap would push the table
 * wider than the page: each run of more than `max` characters without a space
 * keeps its start and end around "…" (`test_websocket_dat…real_services.py`).
 * Only for cells whose full text is shown elsewhere on the page.
 */
export function shortenWords(text: string, max = 30): string {
  return text.replace(/\S+/gu, (word) => {
    const chars = [...word];
    if (chars.length <= max) return word;
    const head = Math.ceil((max - 1) / 2);
    return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (max - 1 - head)).join('')}`;
  });
}

/** "1 session", "2 sessions". */
export function plural(count: number, word: string): string {
  return `${formatNumber(count)} ${word}${count === 1 ? '' : 's'}`;
}

/** Lowercase words joined by "-": for ids and file names. */
export function slug(text: string, max = 60): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (s.slice(0, max).replace(/-+$/, '') || 'untitled');
}
