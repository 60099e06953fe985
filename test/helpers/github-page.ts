/**
 * A markdown document as an HTML page laid out the way github.com shows a
 * markdown file, for measuring in headless Chromium (see
 * test/tables.browser.test.ts).
 *
 * - Markdown → HTML with the unified tools GitHub's flavour needs: remark-parse
 *   and remark-gfm (tables, autolinks, …), remark-rehype, rehype-stringify. Raw
 *   HTML (`<details>`, `<summary>`, `<br>`) passes through as GitHub keeps it.
 * - Every `<details>` is opened (the `open` attribute), so the tables folded
 *   inside one are laid out and measured too.
 * - Mermaid code blocks stay code blocks: a `<pre>` scrolls by itself and is
 *   not a table.
 * - Styles: `github-markdown-css`'s light theme, inlined from node_modules (no
 *   network). It makes every table `display: block; width: max-content;
 *   max-width: 100%; overflow: auto`, so a table wider than the article
 *   scrolls inside itself: its scrollWidth exceeds its clientWidth.
 * - Each `<table>` gets `data-line`, the 1-based line of the markdown where it
 *   starts (an attribute only; it changes no layout).
 *
 * Fonts: the stylesheet asks for -apple-system, "Segoe UI", "Noto Sans",
 * Helvetica, Arial, …; on a Debian test machine fontconfig answers Helvetica
 * and Arial with Liberation Sans, which has Arial's metrics.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/** The window width the test renders at: Primer's `lg` breakpoint (and `container-lg`), 1,012 px. */
export const GITHUB_VIEWPORT_WIDTH = 1012;

/**
 * The layout assumed for github.com's file view ("blob" view) of a markdown
 * file in a 1,012 px window:
 *
 * - the file-tree side panel is collapsed (it is not shown beside the file at
 *   this width), so the file takes the page's whole width;
 * - the page keeps a 24 px gutter on each side (Primer's PageLayout "normal"
 *   padding from the `md` breakpoint up);
 * - the file sits in a box with a 1 px border;
 * - the rendered markdown (`article.markdown-body`) has padding: github.com
 *   gives it 32 px; github-markdown-css's README suggests 45 px. The test takes
 *   45 px, the narrower of the two, so a table that fits here fits in both.
 *
 * The window's vertical scrollbar is not subtracted (overlay scrollbars, as on
 * macOS; Playwright's headless Chromium hides scrollbars too). The article's
 * width is set in pixels, so the result does not depend on that either.
 */
export const GITHUB_LAYOUT = {
  pageGutter: 24,
  boxBorder: 1,
  articlePadding: 45,
} as const;

/** The article's border-box width: 1012 − 2 × 24 − 2 × 1 = 962 px. */
export const ARTICLE_WIDTH = GITHUB_VIEWPORT_WIDTH - 2 * GITHUB_LAYOUT.pageGutter - 2 * GITHUB_LAYOUT.boxBorder;

/** The width a table may take before it scrolls: 962 − 2 × 45 = 872 px. */
export const CONTENT_WIDTH = ARTICLE_WIDTH - 2 * GITHUB_LAYOUT.articlePadding;

const require = createRequire(import.meta.url);
export const githubCssPath = require.resolve('github-markdown-css/github-markdown-light.css');
export const githubCssVersion = (require('github-markdown-css/package.json') as { version: string }).version;

let css: string | undefined;
function githubCss(): string {
  css ??= readFileSync(githubCssPath, 'utf8');
  return css;
}

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  position?: { start: { line: number } };
  children?: HastNode[];
}

/** `<details>` and `<details class="x">` → `<details open>`, `<details open class="x">`; an open one stays as it is. */
export function openDetails(html: string): string {
  return html.replace(/<details\b(?![^>]*\sopen\b)/gi, '<details open');
}

/** A rehype plugin: open every `<details>` (raw HTML or element) and mark each table with its markdown line. */
function rehypeForMeasuring() {
  return (tree: unknown) => {
    const walk = (node: HastNode) => {
      if (node.type === 'raw' && typeof node.value === 'string') node.value = openDetails(node.value);
      if (node.type === 'element' && node.tagName === 'details') node.properties = { ...node.properties, open: true };
      if (node.type === 'element' && node.tagName === 'table' && node.position) {
        node.properties = { ...node.properties, dataLine: node.position.start.line };
      }
      node.children?.forEach(walk);
    };
    walk(tree as HastNode);
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeForMeasuring)
  .use(rehypeStringify, { allowDangerousHtml: true });

/** The markdown's body as HTML, the `<details>` open. */
export function markdownToHtml(markdown: string): string {
  return String(processor.processSync(markdown));
}

/** A whole page: the stylesheet inlined, the markdown in `article.markdown-body` at GitHub's width. */
export function githubPage(markdown: string, title = 'report'): string {
  const { pageGutter, boxBorder, articlePadding } = GITHUB_LAYOUT;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</title>
<style>
${githubCss()}
</style>
<style>
  html, body { margin: 0; padding: 0; background: #ffffff; }
  .gh-page { padding: 0 ${pageGutter}px; }
  .gh-box { border: ${boxBorder}px solid #d1d9e0; border-radius: 6px; width: max-content; }
  .gh-box > article.markdown-body {
    box-sizing: border-box;
    width: ${ARTICLE_WIDTH}px;
    min-width: 0;
    max-width: none;
    margin: 0;
    padding: ${articlePadding}px;
  }
</style>
</head>
<body>
<div class="gh-page"><div class="gh-box"><article class="markdown-body">
${markdownToHtml(markdown)}
</article></div></div>
</body>
</html>
`;
}
