/**
 * The legacy report as an mdast tree, and the plain text of its nodes. The
 * importer reads structure from the tree (headings, list items, tables,
 * strong labels), never from regular expressions over raw lines.
 */
import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm);

export function parseMarkdown(text: string): Root {
  return parser.parse(text) as Root;
}

/** Emoji, variation selectors and joiners: decoration, not content. */
const DECORATION = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u200D\u20E3]/gu;

/** Text of a node with markup removed; inline code keeps its value. */
export function plainText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  // `UniversalRegistry<T>`: remark reads `<T>` as HTML, but it is a type parameter.
  if (node.type === 'html' && /^<[A-Z][\w, ]*>$/.test(node.value)) return node.value;
  if (node.type === 'break') return '\n';
  // Blocks and list items are separate lines, not run together.
  const separator = node.type === 'list' || node.type === 'listItem' || node.type === 'root' || node.type === 'blockquote' || node.type === 'table' || node.type === 'tableRow' ? '\n' : '';
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join(separator);
  return '';
}

/** Plain text without emoji, with runs of white space collapsed. */
export function cleanText(text: string): string {
  return text.replace(DECORATION, '').replace(/\s+/g, ' ').trim();
}

export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

/** One line of a paragraph or list item: its phrasing nodes and its text. */
export interface LogicalLine {
  line: number;
  nodes: PhrasingContent[];
  text: string;
}

/**
 * Split a paragraph's phrasing content into its source lines: a legacy
 * report often writes several `**Label**: value` lines in one paragraph.
 */
export function logicalLines(children: readonly PhrasingContent[], firstLine: number): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let current: LogicalLine = { line: firstLine, nodes: [], text: '' };
  const flush = (next: number) => {
    if (current.text.trim() !== '' || current.nodes.length > 0) lines.push(current);
    current = { line: next, nodes: [], text: '' };
  };
  for (const node of children) {
    if (node.type === 'break') {
      flush((node.position?.end.line ?? current.line) + 0);
      continue;
    }
    if (node.type === 'text' && node.value.includes('\n')) {
      const parts = node.value.split('\n');
      const start = node.position?.start.line ?? current.line;
      parts.forEach((part, index) => {
        if (index > 0) flush(start + index);
        if (part !== '') {
          current.nodes.push({ type: 'text', value: part });
          current.text += part;
        }
      });
      continue;
    }
    if (current.nodes.length === 0 && node.position) current.line = node.position.start.line;
    current.nodes.push(node);
    current.text += plainText(node);
  }
  flush(current.line);
  return lines;
}

/** Blocks between a heading and the next heading, in order. */
export interface Section {
  heading: { depth: number; text: string; line: number; node: RootContent } | null;
  blocks: RootContent[];
}

/** Cut the document into sections, one per heading (plus what comes before the first). */
export function sections(root: Root): Section[] {
  const out: Section[] = [{ heading: null, blocks: [] }];
  for (const node of root.children) {
    if (node.type === 'heading') {
      out.push({ heading: { depth: node.depth, text: cleanText(plainText(node)), line: lineOf(node), node }, blocks: [] });
    } else {
      out.at(-1)!.blocks.push(node);
    }
  }
  return out;
}
