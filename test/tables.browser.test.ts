/**
 * At GitHub's width every table fits: each shipped report, and each of its
 * pages under `<mission>/`, rendered in headless Chromium in a 1,012 px window
 * with GitHub's markdown stylesheet (github-markdown-css) and laid out as
 * github.com's file view lays out a markdown file (see
 * test/helpers/github-page.ts for the widths assumed). GitHub's CSS makes a
 * table a scrolling block no wider than the article; the test fails for every
 * table whose scrollWidth exceeds its clientWidth, naming the file, the line,
 * the header row, both widths and the widest column.
 *
 * Needs Debian's `chromium` (/usr/bin/chromium); skipped without it.
 */
import { rm } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildShippedReports, hasChromium, launchChromium, warnIfNoChromium } from './helpers/browser.js';
import { CONTENT_WIDTH, GITHUB_VIEWPORT_WIDTH, githubCssVersion, githubPage } from './helpers/github-page.js';

warnIfNoChromium('test/tables.browser.test.ts');

/** A table may be this many pixels wider than its box (sub-pixel rounding) before it counts as scrolling. */
const SLACK = 1;

/** What the page reports for one `<table>`. */
interface MeasuredTable {
  /** 1-based line of the markdown where the table starts, or 0 if unknown. */
  line: number;
  /** The nearest heading above the table, e.g. "## Components". */
  section: string;
  /** The `<summary>` of the `<details>` the table is folded in, or "". */
  summary: string;
  header: string[];
  scrollWidth: number;
  clientWidth: number;
  /** The header cell of the widest column and its width in px. */
  widest: { header: string; width: number };
}

interface Measured {
  /** The article's content box width: what a table may take. */
  contentWidth: number;
  tables: MeasuredTable[];
}

// Runs in the page (a string: no DOM lib in the type check).
const MEASURE = String.raw`(() => {
  const text = (el) => (el ? el.textContent : '').replace(/\s+/g, ' ').trim();
  const article = document.querySelector('article.markdown-body');
  const style = getComputedStyle(article);
  const contentWidth = article.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const headingBefore = (table) => {
    let node = table;
    while (node.parentElement && node.parentElement !== article) node = node.parentElement;
    for (let at = node.previousElementSibling; at; at = at.previousElementSibling) {
      if (/^H[1-6]$/.test(at.tagName)) return '#'.repeat(Number(at.tagName[1])) + ' ' + text(at);
    }
    return '';
  };
  const tables = [...article.querySelectorAll('table')].map((table) => {
    const headRow = table.rows[0];
    const cells = headRow ? [...headRow.cells] : [];
    let widest = { header: '', width: 0 };
    for (const cell of cells) {
      const width = cell.getBoundingClientRect().width;
      if (width > widest.width) widest = { header: text(cell), width: Math.round(width) };
    }
    const details = table.closest('details');
    return {
      line: Number(table.getAttribute('data-line') || 0),
      section: headingBefore(table),
      summary: details ? text(details.querySelector('summary')) : '',
      header: cells.map(text),
      scrollWidth: table.scrollWidth,
      clientWidth: table.clientWidth,
      widest,
    };
  });
  return { contentWidth, tables };
})()`;

async function measure(page: Page, markdown: string, title: string): Promise<Measured> {
  await page.setContent(githubPage(markdown, title), { waitUntil: 'load' });
  return (await page.evaluate(MEASURE)) as Measured;
}

/** A table that scrolls sideways, or one that was not laid out at all (a closed `<details>`, say). */
function isProblem(table: MeasuredTable): boolean {
  return table.clientWidth === 0 || table.scrollWidth > table.clientWidth + SLACK;
}

function describeTable(table: MeasuredTable): string {
  const where = [`line ${table.line}`, table.section && `under "${table.section}"`, table.summary && `in <details> "${table.summary}"`]
    .filter(Boolean)
    .join(', ');
  if (table.clientWidth === 0) return `  ${where}: | ${table.header.join(' | ')} | was not laid out (hidden?)`;
  return (
    `  ${where}: | ${table.header.join(' | ')} |\n` +
    `    scrollWidth ${table.scrollWidth} px > clientWidth ${table.clientWidth} px (${table.scrollWidth - table.clientWidth} px too wide); ` +
    `widest column "${table.widest.header}" (${table.widest.width} px)`
  );
}

describe.skipIf(!hasChromium)(`tables at GitHub's width (${GITHUB_VIEWPORT_WIDTH} px window, github-markdown-css ${githubCssVersion})`, () => {
  const reports = new Map<string, string>();
  let out = '';
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    let built;
    ({ out, reports: built } = await buildShippedReports('tally-tables-'));
    for (const [file, text] of built) reports.set(file, text);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: GITHUB_VIEWPORT_WIDTH, height: 800 } });
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('the check itself: a table with a long unbreakable cell scrolls, a narrow one does not, a folded one is measured', async () => {
    // No spaces and no hyphens: Chromium may break a line after a hyphen.
    const longPath = `tests/${'very_long_directory_name/'.repeat(12)}test_something.py`;
    expect(longPath.length).toBeGreaterThanOrEqual(300);
    const markdown = [
      '# Synthetic',
      '',
      '## Wide',
      '',
      '| Component | Tests | Test file |',
      '| - | -: | - |',
      `| Auth | 12 | ${longPath} |`,
      '',
      '## Narrow',
      '',
      '| Component | Tests |',
      '| - | -: |',
      '| Auth | 12 |',
      '',
      '## Folded',
      '',
      '<details><summary>Numbers</summary>',
      '',
      '| Point | Test file |',
      '| - | - |',
      `| 1 | \`${longPath}\` |`,
      '',
      '</details>',
      '',
    ].join('\n');
    const { contentWidth, tables } = await measure(page, markdown, 'synthetic');
    expect(contentWidth).toBe(CONTENT_WIDTH);
    expect(tables.map((table) => table.section)).toEqual(['## Wide', '## Narrow', '## Folded']);
    const [wide, narrow, folded] = tables as [MeasuredTable, MeasuredTable, MeasuredTable];

    expect(isProblem(wide), describeTable(wide)).toBe(true);
    expect(wide.clientWidth).toBe(CONTENT_WIDTH);
    expect(wide.scrollWidth).toBeGreaterThan(CONTENT_WIDTH + 100);
    expect(wide.widest.header).toBe('Test file');
    expect(wide.line).toBe(5);

    expect(isProblem(narrow), describeTable(narrow)).toBe(false);
    expect(narrow.clientWidth).toBeGreaterThan(0);
    expect(narrow.clientWidth).toBeLessThan(CONTENT_WIDTH);

    expect(folded.summary).toBe('Numbers');
    expect(folded.clientWidth).toBe(CONTENT_WIDTH);
    expect(isProblem(folded), describeTable(folded)).toBe(true);
    expect(folded.widest.header).toBe('Test file');
  });

  it('builds the shipped reports', () => {
    expect([...reports.keys()]).toEqual(expect.arrayContaining(['batch-4-golden-path.md', 'unit-test-coverage.md']));
  });

  it('no table of any report or report page scrolls sideways', { timeout: 60_000 }, async () => {
    const problems: string[] = [];
    let count = 0;
    for (const [file, markdown] of reports) {
      const { tables } = await measure(page, markdown, file);
      count += tables.length;
      const bad = tables.filter(isProblem);
      if (bad.length > 0) problems.push(`${file}: ${bad.length} of ${tables.length} tables\n${bad.map(describeTable).join('\n')}`);
    }
    expect(count, 'tables found in the reports').toBeGreaterThan(0);
    if (problems.length > 0) {
      expect.fail(
        `tables wider than GitHub's markdown file view (${GITHUB_VIEWPORT_WIDTH} px window, ${CONTENT_WIDTH} px of content) scroll sideways:\n` +
          problems.join('\n'),
      );
    }
  });
});
