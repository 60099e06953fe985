/**
 * The reports' Mermaid charts, drawn by Mermaid in headless Chromium: each
 * chart renders to an SVG without a Mermaid error, and what it draws follows
 * the table of numbers beside it (one bar, line point, axis label or legend
 * entry per row; bar heights, line heights and slice angles in proportion).
 *
 * Needs Debian's `chromium` (/usr/bin/chromium); skipped without it. Set
 * TALLY_CHARTS_PNG=/tmp/charts.png to keep a screenshot of the rendered charts.
 */
import { rm } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildShippedReports,
  chartPage,
  extractCharts,
  hasChromium,
  warnIfNoChromium,
  launchChromium,
  measureCharts,
  mermaidVersion,
  tableNumber,
  type Bar,
  type Chart,
  type Measured,
} from './helpers/browser.js';

warnIfNoChromium('test/charts.browser.test.ts');

/** Pixels of slack when comparing SVG coordinates with values computed from the table. */
const PX = 0.5;

/** A linear y scale, `height = offset + perUnit * value`, found from two bars of different values. */
interface Scale {
  offset: number;
  perUnit: number;
  /** The y coordinate of the bars' bottom edge. */
  baseline: number;
}

function column(chart: Chart, name: string): number {
  const index = chart.header.indexOf(name);
  if (index < 0) throw new Error(`the table after line ${chart.line} has no "${name}" column (header: ${chart.header.join(' | ')})`);
  return index;
}

/** Check one xychart; returns the problems found. */
function checkXyChart(where: string, chart: Chart, measured: Measured): string[] {
  const problems: string[] = [];
  const n = chart.rows.length;
  const seriesOf = (kind: string) => chart.source.split('\n').filter((line) => line.trim().startsWith(`${kind} [`)).length;
  const hasLine = seriesOf('line') > 0;
  if (measured.role !== 'xychart') problems.push(`${where}: the svg is a "${measured.role}", not an xychart`);
  if (measured.bars.length !== seriesOf('bar')) problems.push(`${where}: ${measured.bars.length} bar series drawn, the source has ${seriesOf('bar')}`);
  if (measured.lines.length !== seriesOf('line')) problems.push(`${where}: ${measured.lines.length} line series drawn, the source has ${seriesOf('line')}`);

  const labels = chart.rows.map((row) => row[0] ?? '');
  if (JSON.stringify(measured.xLabels) !== JSON.stringify(labels)) {
    problems.push(`${where}: x-axis labels ${JSON.stringify(measured.xLabels)} differ from the table's first column ${JSON.stringify(labels)}`);
  }

  // A progress chart (bars and lines) draws Tests as bars, Passed as the first line and Failed as the second;
  // a bar chart draws the table's last column.
  const barValues = chart.rows.map((row) => tableNumber(row[hasLine ? column(chart, 'Tests') : chart.header.length - 1]));
  let scale: Scale | null = null;
  for (const bars of measured.bars) {
    if (bars.length !== n) {
      problems.push(`${where}: ${bars.length} bars drawn, the table has ${n} rows`);
      continue;
    }
    problems.push(...checkBars(where, bars, barValues));
    scale ??= barScale(bars, barValues);
  }

  if (hasLine) {
    const firstBars = measured.bars[0];
    const lineColumns = ['Passed', 'Failed'];
    for (const [k, points] of measured.lines.entries()) {
      const name = lineColumns[k] ?? 'Passed';
      const passing = chart.rows.map((row) => tableNumber(row[column(chart, name)]));
      if (points.length !== n) {
        problems.push(`${where}: the line has ${points.length} points, the table has ${n} rows`);
        continue;
      }
      points.forEach(([x, y], i) => {
        const bar = firstBars?.[i];
        if (bar && Math.abs(x - (bar.x + bar.width / 2)) > PX) {
          problems.push(`${where}: line point ${i + 1} is at x=${x}, not over the middle of bar ${i + 1} (${bar.x + bar.width / 2})`);
        }
        // On the bars' own y scale, a point at the line's value sits where a bar of that value would end.
        if (scale) {
          const expected = scale.baseline - (scale.offset + scale.perUnit * passing[i]!);
          if (Math.abs(y - expected) > PX) {
            problems.push(`${where}: line point ${i + 1} (${labels[i]}) is at y=${y.toFixed(2)}, but ${name} ${passing[i]} belongs at y=${expected.toFixed(2)}`);
          }
        }
      });
    }
  }
  return problems;
}

/** The bars' scale, from the lowest and highest values, or null if every value is the same. */
function barScale(bars: Bar[], values: number[]): Scale | null {
  const low = values.indexOf(Math.min(...values));
  const high = values.indexOf(Math.max(...values));
  if (values[low] === values[high]) return null;
  const perUnit = (bars[high]!.height - bars[low]!.height) / (values[high]! - values[low]!);
  return { perUnit, offset: bars[low]!.height - perUnit * values[low]!, baseline: bars[low]!.y + bars[low]!.height };
}

function checkBars(where: string, bars: Bar[], values: number[]): string[] {
  const problems: string[] = [];
  bars.forEach((bar, i) => {
    const before = bars[i - 1];
    if (before && !(bar.x > before.x)) problems.push(`${where}: bar ${i + 1} is not to the right of bar ${i}`);
  });
  // Same order as the table: a larger value has a taller bar, an equal value an equal bar.
  const disorders: string[] = [];
  for (let i = 0; i < bars.length; i++) {
    for (let j = i + 1; j < bars.length; j++) {
      const dv = values[i]! - values[j]!;
      const dh = bars[i]!.height - bars[j]!.height;
      const agree = dv === 0 ? Math.abs(dh) < 0.01 : Math.sign(dv) === Math.sign(dh) && Math.abs(dh) >= 0.01;
      if (!agree) disorders.push(`${where}: bars ${i + 1} and ${j + 1} are ${bars[i]!.height.toFixed(2)} and ${bars[j]!.height.toFixed(2)} high for values ${values[i]} and ${values[j]}`);
    }
  }
  problems.push(...disorders.slice(0, 3));
  if (disorders.length > 3) problems.push(`${where}: and ${disorders.length - 3} more pairs of bars out of order`);
  // In proportion: all bars stand on one baseline and height = offset + perUnit * value.
  // (Mermaid's y scale has an offset: a 0 bar is a few pixels high.)
  const scale = barScale(bars, values);
  if (scale) {
    if (!(scale.perUnit > 0)) problems.push(`${where}: taller bars for smaller values`);
    bars.forEach((bar, i) => {
      const expected = scale.offset + scale.perUnit * values[i]!;
      if (Math.abs(bar.height - expected) > PX) problems.push(`${where}: bar ${i + 1} is ${bar.height.toFixed(2)} high; its value ${values[i]} puts it at ${expected.toFixed(2)}`);
      if (Math.abs(bar.y + bar.height - scale.baseline) > PX) problems.push(`${where}: bar ${i + 1} does not stand on the axis`);
    });
  }
  return problems;
}

/**
 * Check one pie. Mermaid 11 leaves out of the drawing, and of the angles, every
 * slice under 1% of the total (createPieArcs in its pieRenderer), but still lists
 * it in the legend: so every row has a legend entry, and the rows of 1% or more
 * have a slice each, sized by their share of those rows.
 */
function checkPie(where: string, chart: Chart, measured: Measured): string[] {
  const problems: string[] = [];
  if (measured.role !== 'pie') problems.push(`${where}: the svg is a "${measured.role}", not a pie`);
  const values = chart.rows.map((row) => tableNumber(row[chart.header.length - 1]));
  const total = values.reduce((a, b) => a + b, 0);
  const showData = /^\s*pie\b[^\n]*\bshowData\b/.test(chart.source);

  if (measured.legend.length !== chart.rows.length) {
    problems.push(`${where}: ${measured.legend.length} legend entries, the table has ${chart.rows.length} rows`);
  } else {
    chart.rows.forEach((row, i) => {
      const expected = showData ? `${row[0]} [${values[i]}]` : row[0];
      if (measured.legend[i] !== expected) problems.push(`${where}: legend entry ${i + 1} reads ${JSON.stringify(measured.legend[i])}, expected ${JSON.stringify(expected)}`);
    });
  }

  const drawn = values.filter((value) => (value / total) * 100 >= 1);
  const drawnTotal = drawn.reduce((a, b) => a + b, 0);
  if (measured.slices.length !== drawn.length) {
    problems.push(`${where}: ${measured.slices.length} slices drawn; the table has ${chart.rows.length} rows, ${drawn.length} of them 1% of the total or more`);
  } else {
    measured.slices.forEach((span, i) => {
      const share = span / (2 * Math.PI);
      if (Math.abs(share - drawn[i]! / drawnTotal) > 0.001) problems.push(`${where}: slice ${i + 1} spans ${(share * 100).toFixed(2)}% of the circle, expected ${((drawn[i]! / drawnTotal) * 100).toFixed(2)}%`);
    });
  }
  return problems;
}

function checkChart(where: string, chart: Chart, measured: Measured): string[] {
  if (measured.error !== null) return [`${where}: Mermaid ${mermaidVersion} error: ${measured.error}`];
  if (measured.role === null || measured.role === 'error') return [`${where}: no chart svg was produced (${measured.role ?? 'no svg'})`];
  if (chart.rows.length === 0) return [`${where}: no table of numbers follows the chart`];
  if (chart.type === 'xychart-beta' || chart.type === 'xychart') return checkXyChart(where, chart, measured);
  if (chart.type === 'pie') return checkPie(where, chart, measured);
  return [`${where}: a "${chart.type}" chart, which this test does not know how to check`];
}

describe.skipIf(!hasChromium)('Mermaid charts rendered in Chromium', () => {
  const reports = new Map<string, string>();
  let out = '';
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    let built;
    ({ out, reports: built } = await buildShippedReports('tally-charts-'));
    // The reports themselves: their pages under <mission>/ hold no chart.
    for (const [file, text] of built) if (!file.includes('/')) reports.set(file, text);
    browser = await launchChromium();
    page = await chartPage(browser);
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('builds the shipped reports', () => {
    expect([...reports.keys()]).toEqual(expect.arrayContaining(['batch-4-golden-path.md', 'unit-test-coverage.md']));
  });

  it('draws every chart of every report as its table says', { timeout: 30_000 }, async () => {
    const charts = [...reports].flatMap(([file, text]) => extractCharts(text).map((chart) => ({ file, chart })));
    const measured = await measureCharts(
      page,
      charts.map(({ file, chart }) => ({ source: chart.source, caption: `${file}:${chart.line}` })),
    );
    const screenshot = process.env['TALLY_CHARTS_PNG'];
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });

    expect(measured).toHaveLength(charts.length);
    const problems = charts.flatMap(({ file, chart }, i) => checkChart(`${file}:${chart.line}`, chart, measured[i]!));
    expect(problems).toEqual([]);
  });

  it('unit-test-coverage.md has a progress chart (bars and a line), a pie and bar charts', () => {
    const charts = extractCharts(reports.get('unit-test-coverage.md') ?? '');
    const kinds = charts.map((chart) =>
      chart.type === 'pie' ? 'pie' : /^\s*line \[/m.test(chart.source) ? 'bars and line' : 'bars',
    );
    expect(kinds).toContain('bars and line');
    expect(kinds).toContain('pie');
    expect(kinds).toContain('bars');
    for (const chart of charts) expect(chart.rows.length, `rows of the table after line ${chart.line}`).toBeGreaterThan(0);
  });

  it('batch-4-golden-path.md has its charts too (rendered by the test above)', () => {
    const text = reports.get('batch-4-golden-path.md') ?? '';
    expect(extractCharts(text).length).toBeGreaterThan(0);
  });
});
