/**
 * Render a report's Mermaid charts in headless Chromium and measure the SVG.
 *
 * Uses Debian's `chromium` package through `playwright-core` (no downloaded
 * browser) and the Mermaid bundle from node_modules (no network). The code
 * that runs in the page is a plain string, not a function, so neither the
 * test transform nor the type check (no DOM lib here) gets in its way.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Code, Root, Table } from 'mdast';
import { chromium, type Browser, type Page } from 'playwright-core';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { run } from '../../src/cli/run.js';
import { repoRoot } from './cli.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Say why a browser test file is skipped, where Chromium is missing. */
export function warnIfNoChromium(file: string): void {
  if (!hasChromium) console.warn(`skipped ${file}: ${CHROMIUM} not found; install Debian's chromium package (apt-get install chromium)`);
}

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

const require = createRequire(import.meta.url);
export const mermaidPath = require.resolve('mermaid/dist/mermaid.min.js');
export const mermaidVersion = (require('mermaid/package.json') as { version: string }).version;

/** A ```mermaid block and the table of numbers that follows it. */
export interface Chart {
  /** 1-based line of the code fence in the report. */
  line: number;
  source: string;
  /** The first word of the source: `xychart-beta`, `pie`, … */
  type: string;
  header: string[];
  rows: string[][];
}

function cellText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const n = node as { value?: unknown; children?: unknown[] };
  if (typeof n.value === 'string') return n.value;
  return (n.children ?? []).map(cellText).join('');
}

/**
 * Every ```mermaid block of a report, each with the first table after it (and
 * before the next chart). A chart without a table gets `rows: []`, which the
 * row-count assertions then report.
 */
export function extractCharts(markdown: string): Chart[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;
  const charts: Chart[] = [];
  const nodes = tree.children;
  nodes.forEach((node, index) => {
    if (node.type !== 'code' || node.lang !== 'mermaid') return;
    const code = node as Code;
    let table: Table | undefined;
    for (const next of nodes.slice(index + 1)) {
      if (next.type === 'code' && next.lang === 'mermaid') break;
      if (next.type === 'table') {
        table = next;
        break;
      }
    }
    const [head, ...body] = (table?.children ?? []).map((row) => row.children.map((cell) => cellText(cell).trim()));
    charts.push({
      line: code.position?.start.line ?? 0,
      source: code.value,
      type: code.value.trim().split(/\s+/)[0] ?? '',
      header: head ?? [],
      rows: body,
    });
  });
  return charts;
}

/** "2,441" → 2441. */
export function tableNumber(cell: string | undefined): number {
  const value = Number((cell ?? '').replace(/,/g, ''));
  if (!Number.isFinite(value) || (cell ?? '').trim() === '') throw new Error(`not a number: ${JSON.stringify(cell)}`);
  return value;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the page found for one chart. */
export interface Measured {
  /** Mermaid's error message, or null if it rendered. */
  error: string | null;
  /** The rendered svg's aria-roledescription (`xychart`, `pie`, `error`), or null without an svg. */
  role: string | null;
  /** xychart: one entry per `g.bar-plot-N`, its rects in document order. */
  bars: Bar[][];
  /** xychart: one entry per `g.line-plot-N`, the [x, y] vertices of its path. */
  lines: [number, number][][];
  /** xychart: the x-axis labels. */
  xLabels: string[];
  /** pie: the span in radians of each drawn slice (`path.pieCircle`), in document order. */
  slices: number[];
  /** pie: the text of each legend entry, e.g. "Unit [2154]". */
  legend: string[];
}

// Runs in the page. Renders each chart into its own div (so a screenshot shows
// them all) and reads numbers back from the SVG.
const MEASURE = String.raw`
window.__tallyMeasure = async (charts) => {
  const num = (el, name) => Number(el.getAttribute(name));
  // "M0,-185A185,185,0,1,1,-120.779,-140.134L0,0Z" → vertices [[0,-185], …]; the
  // numbers of each command are kept so arcs can be measured.
  const commands = (d) => [...d.matchAll(/([MLAZ])([^MLAZ]*)/gi)].map((m) => ({
    op: m[1].toUpperCase(),
    args: (m[2].match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi) || []).map(Number),
  }));
  const angle = (x, y) => Math.atan2(x, -y); // clockwise from 12 o'clock, like d3.pie
  const sliceSpan = (d) => {
    let span = 0;
    let at = null;
    for (const c of commands(d)) {
      if (c.op === 'M' || c.op === 'L') at = c.args.slice(-2);
      if (c.op === 'A') {
        const end = c.args.slice(5, 7);
        let delta = angle(end[0], end[1]) - angle(at[0], at[1]);
        if (c.args[4] === 0) delta = -delta; // counter-clockwise sweep
        delta = ((delta % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
        span += delta;
        at = end;
      }
    }
    return span;
  };
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  const results = [];
  for (const { source, caption } of charts) {
    const i = (window.__tallyCharts = (window.__tallyCharts || 0) + 1);
    const label = document.createElement('p');
    label.style.font = '12px monospace';
    label.textContent = caption;
    document.body.appendChild(label);
    const host = document.createElement('div');
    host.className = 'chart';
    host.id = 'chart-' + i;
    document.body.appendChild(host);
    const result = { error: null, role: null, bars: [], lines: [], xLabels: [], slices: [], legend: [] };
    results.push(result);
    try {
      const { svg, bindFunctions } = await mermaid.render('chart-svg-' + i, source);
      host.innerHTML = svg;
      if (bindFunctions) bindFunctions(host);
    } catch (error) {
      result.error = String((error && error.message) || error);
      // mermaid.render may leave its error drawing behind; keep the page clean.
      document.querySelectorAll('#dchart-svg-' + i).forEach((el) => el.remove());
      continue;
    }
    const svg = host.querySelector('svg');
    if (!svg) continue;
    result.role = svg.getAttribute('aria-roledescription');
    result.bars = [...svg.querySelectorAll('g[class^="bar-plot-"]')].map((g) =>
      [...g.querySelectorAll('rect')].map((r) => ({ x: num(r, 'x'), y: num(r, 'y'), width: num(r, 'width'), height: num(r, 'height') })));
    result.lines = [...svg.querySelectorAll('g[class^="line-plot-"] path')].map((p) =>
      commands(p.getAttribute('d') || '').filter((c) => c.op === 'M' || c.op === 'L').map((c) => c.args.slice(0, 2)));
    result.xLabels = [...svg.querySelectorAll('g.bottom-axis g.label text')].map((t) => t.textContent);
    result.slices = [...svg.querySelectorAll('path.pieCircle')].map((p) => sliceSpan(p.getAttribute('d') || ''));
    result.legend = [...svg.querySelectorAll('g.legend text')].map((t) => t.textContent);
  }
  return results;
};
`;

/** A blank page with Mermaid and the measuring code loaded. */
export async function chartPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 760, height: 600 } });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:8px;background:#fff"></body></html>');
  await page.addScriptTag({ content: await readFile(mermaidPath, 'utf8') });
  await page.addScriptTag({ content: MEASURE });
  return page;
}

/** Render the charts, in order, each under its caption, below whatever the page already shows. */
export async function measureCharts(page: Page, charts: readonly { source: string; caption: string }[]): Promise<Measured[]> {
  return (await page.evaluate(`window.__tallyMeasure(${JSON.stringify(charts)})`)) as Measured[];
}

/**
 * Build the reports of the shipped data into a fresh temporary folder: every
 * markdown file (the reports and their pages under `<mission>/`) by its path
 * in that folder. The caller removes `out`.
 */
export async function buildShippedReports(prefix: string): Promise<{ out: string; reports: Map<string, string> }> {
  const out = await mkdtemp(path.join(tmpdir(), prefix));
  let stderr = '';
  const code = await run(['build', '--out', out], { stdout: () => {}, stderr: (text) => void (stderr += text), cwd: repoRoot });
  if (code !== 0) throw new Error(`tally build of the shipped data exited ${code}: ${stderr}`);
  const entries = await readdir(out, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.md')).map((e) => path.relative(out, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
  const reports = new Map<string, string>();
  for (const file of files) reports.set(file, await readFile(path.join(out, file), 'utf8'));
  return { out, reports };
}
