/**
 * Normalize stage: parse the template's markdown (remark-parse + remark-gfm),
 * put every record value back in, and serialize with remark-stringify, which
 * escapes the values and formats the whole report the same way whatever the
 * template's whitespace.
 *
 * Only what the template wrote is parsed. The report is cut into sections (a
 * heading always starts a new block, so a section parses the same alone as in
 * the whole document), and each section's template markdown, with a token
 * for each value, is its shape. Sessions of the same kind share one shape, so
 * a report of ten thousand sessions parses and serializes a few dozen shapes,
 * not megabytes of markdown. A section's values are then either spliced into
 * its serialized shape (`splice.ts`), when remark would write them as they
 * are, or put into the shape's tree as mdast nodes and serialized (`fill.ts`).
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { RenderedTemplate } from '../render/render.js';
import { TOKEN_OPEN, TOKEN_PATTERN, type Slot } from '../render/slots.js';
import { fill, PlacementError, shapeToken, SlotCursor } from './fill.js';
import { gfmOptions, stringifyOptions } from './markdown-options.js';
import { compileSplice, splice, type SpliceShape } from './splice.js';

export { PlacementError } from './fill.js';

const processor = unified().use(remarkParse).use(remarkGfm, gfmOptions).use(remarkStringify, stringifyOptions).freeze();

interface Shape {
  tree: Root;
  /** Null when this shape's tokens are only placed (or refused) by the exact path. */
  splice: SpliceShape | null;
}

/** Parsed shapes, shared by the pages of one build (same templates, same shapes). */
export type ShapeCache = Map<string, Shape>;

export interface NormalizeOptions {
  /**
   * Each section shape's markdown as remark parsed and wrote it once: pass the
   * same map to every page of a build so that no shape is parsed twice. The
   * bytes are the same without it. Default: a new map for this page.
   */
  shapes?: ShapeCache;
  /**
   * The reference the fast paths are tested against: the whole page parsed as
   * one document, every value put in as an mdast node. Slow on large pages.
   * Default: false.
   */
  exact?: boolean;
}

export function normalize(rendered: RenderedTemplate, options: NormalizeOptions = {}): string {
  const shapes = options.shapes ?? new Map<string, Shape>();
  const normalizePiece = (piece: Piece, lineOffset: number): string => {
    const local: Slot[] = [];
    const key = piece.markdown.replace(TOKEN_PATTERN, (_match, id: string) => {
      const slot = slotAt(rendered.slots, id);
      local.push(slot);
      return shapeToken(slot.kind);
    });
    let shape = shapes.get(key);
    if (!shape) {
      const tree = processor.parse(key) as Root;
      shape = { tree, splice: compileSplice(structuredClone(tree), stringifyTree) };
      shapes.set(key, shape);
    }
    const spliced = shape.splice && !options.exact ? splice(shape.splice, local, codeBlock) : null;
    const output = spliced ?? exact(shape.tree, local, lineOffset);
    return piece.row ? rowOf(output) : output;
  };
  const out: string[] = [];
  let lines = 0; // line breaks in the output so far, as joined
  for (const piece of options.exact ? [{ markdown: rendered.markdown, row: false }] : cutPage(rendered.markdown)) {
    // Where the piece's output goes: after a line break between blocks, or, for a row, where its header's two lines would be.
    const output = normalizePiece(piece, piece.row ? lines - 2 : out.length > 0 ? lines + 1 : 0);
    if (piece.row) out[out.length - 1] += output;
    else if (output.trim() === '') continue;
    else {
      if (out.length > 0) lines++;
      out.push(output);
    }
    lines += countLines(output);
  }
  return out.join('\n');
}

/** A part of the page normalized alone. */
interface Piece {
  /** The markdown parsed: a section, or a table row under its table's header. */
  markdown: string;
  /** A table row after the first: only the row is kept from the output, and it goes on the table above. */
  row: boolean;
}

/**
 * The page cut into sections (`splitSections`), and each section that is one
 * table and nothing else into its rows. GFM table rows parse alone under
 * their header, and remark writes each row alone (pipes unaligned), so each
 * row is normalized as a table of one row and a long table needs as many
 * shapes as it has kinds of row, not one per table.
 */
function cutPage(markdown: string): Piece[] {
  const pieces: Piece[] = [];
  for (const section of splitSections(markdown)) {
    const table = tableRows(section);
    if (!table) pieces.push({ markdown: section, row: false });
    else table.rows.forEach((row, i) => pieces.push({ markdown: `${table.head}\n${row}`, row: i > 0 }));
  }
  return pieces;
}

function tableRows(markdown: string): { head: string; rows: string[] } | null {
  const lines = markdown.trimEnd().split('\n');
  const [header, delimiter] = lines;
  if (lines.length < 3 || !header!.startsWith('|') || header!.includes(TOKEN_OPEN) || !DELIMITER_ROW.test(delimiter!)) return null;
  const rows = lines.slice(2);
  return rows.every((row) => row.startsWith('|')) ? { head: `${header}\n${delimiter}`, rows } : null;
}

const DELIMITER_ROW = /^\|(?:\s*:?-+:?\s*\|)+\s*$/;

/** Of a one-row table as remark writes it (header, delimiter, row), the row. */
function rowOf(output: string): string {
  const lines = output.split('\n');
  if (lines.length !== 4) throw new Error('internal error: a table row did not stay one row');
  return `${lines[2]}\n`;
}

/** The exact path: values as mdast nodes in a copy of the shape's tree, serialized by remark; `lineOffset` places the output's lines on the page. */
function exact(tree: Root, slots: readonly Slot[], lineOffset: number): string {
  const copy = structuredClone(tree);
  fill(copy, new SlotCursor(slots));
  const output = processor.stringify(copy);
  const stray = output.indexOf(TOKEN_OPEN);
  if (stray !== -1) throw new PlacementError(lineOffset + output.slice(0, stray).split('\n').length);
  return output;
}

/** A chart's fenced block, as remark writes it (without the final line break). */
function codeBlock(slot: Extract<Slot, { kind: 'block' }>): string {
  return stringifyTree({ type: 'root', children: [{ type: 'code', lang: slot.lang, value: slot.value }] }).replace(/\n$/, '');
}

/**
 * Cut markdown where a block starts that parses the same alone as in the whole
 * document: before every ATX heading, and before an unindented line after a
 * blank line, unless that line is a list item and a list above could go on
 * with it. Never inside fenced code or an HTML block that runs over blank lines
 * (comments, `<pre>`, `<script>`…). Link reference definitions hold for the
 * whole document, so markdown that has any is not cut at all.
 */
export function splitSections(markdown: string): string[] {
  if (/^[ \t>]*\[(?:[^\]\\]|\\.)+\]:/m.test(markdown)) return [markdown];
  const sections: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  let htmlEnd: RegExp | null = null;
  let blank = false;
  let list = false;
  for (const line of markdown.split('\n')) {
    const startsBlock = current.length > 0 && fence === null && htmlEnd === null &&
      (/^#{1,6}(\s|$)/.test(line) || (blank && /^[^\s]/.test(line) && !(list && LIST_ITEM.test(line))));
    if (startsBlock) {
      sections.push(current.join('\n'));
      current = [];
      list = false;
    }
    if (fence === null && htmlEnd === null && IN_LIST.test(line)) list = true;
    current.push(line);
    blank = line.trim() === '';
    if (htmlEnd !== null) {
      if (htmlEnd.test(line)) htmlEnd = null;
      continue;
    }
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && marker) fence = marker[0]!.repeat(marker.length);
    else if (fence !== null && marker && marker.startsWith(fence)) fence = null;
    else if (fence === null) {
      const html = HTML_BLOCKS.find(([start]) => start.test(line));
      if (html && !html[1].test(line.replace(html[0], ''))) htmlEnd = html[1];
    }
  }
  sections.push(current.join('\n'));
  return sections;
}

const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
/** A list item, or something that may be one (in a quote, indented, a thematic break). */
const IN_LIST = /^[ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/** HTML blocks that do not end at a blank line (CommonMark types 1 to 5): their start, and their end. */
const HTML_BLOCKS: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** Serialize an mdast tree built by Tally (the diff summary) in the report's dialect. */
export function stringifyTree(tree: Root): string {
  return processor.stringify(tree);
}

/** Markdown text normalized the same way, for text without slots. */
export function normalizeMarkdown(markdown: string): string {
  return normalize({ markdown, slots: [] });
}

function slotAt(slots: readonly Slot[], id: string): Slot {
  const slot = slots[Number.parseInt(id, 36)];
  if (!slot) throw new Error(`internal error: no value for token ${id}`);
  return slot;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
