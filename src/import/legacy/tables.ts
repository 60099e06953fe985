/**
 * Tables: targets against what was achieved, a summary of stated totals, or
 * one component a row.
 */
import type { Table } from 'mdast';
import { isPath, readCounts, readCoverage, readDate, readScore, type Coverage } from '../figures.js';
import { attach, levelFromPath, newComponent } from './components.js';
import type { Context } from './context.js';
import { applyCounts } from './fields.js';
import { scopeOf } from './totals.js';
import type { LegacyComponent, TotalMetric } from './types.js';
import { cleanText, lineOf, plainText } from '../markdown.js';

export function readTable(ctx: Context, table: Table): void {
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
  const coverageCol = find(/coverage|^cov\b/);
  const outcomesCol = find(/^outcomes?$/);
  const nowCol = find(/^(now|current|state)$/);
  // A result in words ("14/15 passing", "22 tests written, not run") where no column counts the tests.
  const resultCol = totalCol === -1 && testsCol === -1 ? find(/^(results?|test results?|status|outcome)$/) : -1;
  // A row's date dates its work: a tracker of one row per suite run is a session per day.
  const dateCol = find(/^(date|day|when|run on|tested on|updated)$/);
  if ((nameCol !== -1 || fileCol !== -1) && (totalCol !== -1 || testsCol !== -1 || resultCol !== -1)) {
    for (const row of rows) {
      const values = cells(row);
      const name = values[nameCol === -1 ? fileCol : nameCol] ?? '';
      if (!name) continue;
      const component = newComponent(lineOf(row), name);
      const file = fileCol === -1 ? '' : (values[fileCol] ?? '');
      if (file && isPath(file)) component.test_file = file;
      // A passing cell with no number ("—", "n/a", empty) states no result: the total alone.
      const passed = passedCol === -1 ? null : (values[passedCol] ?? '');
      const countText =
        passed !== null && totalCol !== -1 && /^\d/.test(passed.trim()) ? `${passed}/${values[totalCol]} passing` : (values[resultCol !== -1 ? resultCol : testsCol === -1 ? totalCol : testsCol] ?? '');
      const counts = /^\d[\d,]*\s*\/\s*\d[\d,]*$/.test(countText.trim()) ? readCounts(`${countText} passing`) : readCounts(countText) ?? readCounts(`${countText} tests`);
      // "14 passed · 2 failed · 3 not run" (the outcomes column of a report Tally wrote): each outcome as stated.
      const outcomes = outcomesCol === -1 ? null : readOutcomes(values[outcomesCol] ?? '', counts?.total ?? null);
      if (outcomes) component.tests = outcomes;
      else if (counts) applyCounts(ctx, component, counts, lineOf(row), countText);
      if (scoreCol !== -1) component.score = readScore(`score ${values[scoreCol]}`) ?? plainScore(values[scoreCol] ?? '');
      // "96%", "91.2%", "222/746 lines" in a coverage column.
      if (coverageCol !== -1) component.coverage = coverageCell(values[coverageCol] ?? '');
      component.level = levelFromPath(component.test_file) ?? ctx.level?.value ?? null;
      component.replaced = nowCol !== -1 && /replaced|superseded|outdated/i.test(values[nowCol] ?? '');
      const date = dateCol === -1 ? null : readDate(values[dateCol] ?? '');
      if (date) component.dated = { date, start: null, end: null, line: lineOf(row), field: true };
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

/** "14 passed · 2 failed · 29 not run · 25 no result": outcomes as Tally's reports write them; the total from the tests column. */
function readOutcomes(text: string, total: number | null): LegacyComponent['tests'] {
  const found = [...text.matchAll(/(\d[\d,]*)\s+(passed|failed|skipped|not run|no result)\b/gi)];
  if (found.length === 0) return null;
  const count = (word: string) => {
    const m = found.find((f) => f[2]!.toLowerCase() === word);
    return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
  };
  const outcomes = { passing: count('passed'), failing: count('failed'), skipped: count('skipped'), not_run: count('not run') };
  const sum = Object.values(outcomes).reduce<number>((n, v) => n + (v ?? 0), 0) + (count('no result') ?? 0);
  const tests: NonNullable<LegacyComponent['tests']> = { total: total ?? sum };
  if (tests.total < sum) return null;
  for (const [key, value] of Object.entries(outcomes) as [keyof typeof outcomes, number | undefined][]) if (value !== undefined) tests[key] = value;
  return tests;
}

/** The coverage in a coverage column: "96%", "~91.2 %", "222/746 lines", "222/746". */
function coverageCell(text: string): Coverage | null {
  const cell = text.trim();
  if (/^\d[\d,]*\s*\/\s*\d[\d,]*$/.test(cell)) return readCoverage(`${cell} lines`);
  return readCoverage(cell) ?? readCoverage(`coverage ${cell.replace(/^[~≈]\s*/, '')}`);
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
