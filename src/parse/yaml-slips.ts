/**
 * Plain words for the YAML slips people make when they edit records by hand.
 *
 * The yaml library reports where its parser got lost, in its own terms, and
 * that is often a line before or after the slip itself (`score:9.2` reads as
 * the start of a key that runs on to the next line; a key indented too far
 * reads as more of the previous value). The first error is matched here
 * against the library's nodes and the shape of the source lines around it, to
 * name the slip, point at it and show the fix. This is no second parser: an
 * error that matches no known slip keeps the library's message.
 */
import { isCollection, visit } from 'yaml';
import type { Document, Node, YAMLError } from 'yaml';

/** A recognised slip: where it is in the text and what to do about it. */
export interface Slip {
  offset: number;
  message: string;
}

/** The slip behind the first syntax error of a file, or null when it matches none. */
export function explainSlip(doc: Document, text: string, error: YAMLError): Slip | null {
  const source = new SourceLines(text);
  const at = error.pos[0];
  return unclosedQuote(doc, source, at) ?? unclosedFlow(doc, source, at) ?? lineSlip(source, at, error.code);
}

/** The start offset of the line that holds `offset`: errors after it cannot be trusted. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The text as lines (without `\r`), with the offset where each starts. */
class SourceLines {
  readonly lines: string[] = [];
  readonly starts: number[] = [];

  constructor(readonly text: string) {
    let start = 0;
    for (const raw of text.split('\n')) {
      this.starts.push(start);
      this.lines.push(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
      start += raw.length + 1;
    }
  }

  /** The 0-based line that holds `offset`. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  line(index: number): string {
    return this.lines[index] ?? '';
  }

  offset(line: number, index: number): number {
    return (this.starts[line] ?? 0) + index;
  }
}

// --- Unclosed quotes and brackets: found from the library's nodes -----------

const CLOSER: Record<string, string> = { '[': ']', '{': '}' };

/** A flow collection or quoted value that the parser ended at `end` without its closing character. */
interface Unclosed {
  start: number;
  end: number;
  opener: string;
  /** Whether a space follows the opener, as in `{ a: 1 }`. */
  spaced: boolean;
}

/**
 * The parser runs an unclosed quote on until the text is less indented or the
 * file ends, and reports the missing quote there; the slip is where the quote opens.
 */
function unclosedQuote(doc: Document, source: SourceLines, end: number): Slip | null {
  let found: Unclosed | null = null;
  let inFlow = false;
  visit(doc, {
    Scalar(_key, node, path) {
      const quote = node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : null;
      if (!quote || node.range?.[1] !== end || isClosed(source, node.range[0], end, quote)) return undefined;
      found = { start: node.range[0], end, opener: quote, spaced: false };
      inFlow = path.some((parent) => isCollection(parent) && parent.flow === true);
      return visit.BREAK;
    },
  });
  const quote = found as Unclosed | null;
  if (!quote) return null;
  // The parser ran the value on over the lines after it; most likely the quote
  // belongs at the end of its first line, or inside a `]` or `}` that ends it.
  const text = source.line(source.lineOf(quote.start)).trim();
  const [, body = text, closed = ''] = (inFlow ? /^(.*?)((?:[ \t]*[\]}])+)$/.exec(text) : null) ?? [];
  // The closers already on the line close the innermost collections the quote ran over.
  const swallowed = closed.replace(/[ \t]/g, '').length;
  const fix = `${body}${quote.opener}${closed}${unclosedFlows(doc, source, end).slice(swallowed).map(closing).join('')}`;
  return {
    offset: quote.start,
    message: `missing closing quote: the value that opens with ${quote.opener} here is never closed; expected a matching ${quote.opener} at the end of the value: ${fix}`,
  };
}

/** An unclosed `[` or `{`: the parser reports it where the block text resumes; the slip is the opener. */
function unclosedFlow(doc: Document, source: SourceLines, end: number): Slip | null {
  const flows = unclosedFlows(doc, source, end);
  const outer = flows[flows.length - 1];
  if (!outer) return null;
  const closer = CLOSER[outer.opener] ?? '';
  const [noun, what] = outer.opener === '[' ? ['bracket', 'list'] : ['brace', 'mapping'];
  const fix = endsItsLine(source, outer) ? `: ${fixedLine(source, outer.start, flows.map(closing))}` : '';
  return {
    offset: outer.start,
    message: `missing closing ${noun}: the ${what} that opens with ${outer.opener} here is never closed; expected a matching ${closer} at the end of the ${what}${fix}`,
  };
}

/** Flow collections ending, unclosed, at `end`: innermost first, so their closers can be appended in order. */
function unclosedFlows(doc: Document, source: SourceLines, end: number): Unclosed[] {
  const flows: Unclosed[] = [];
  visit(doc, {
    Node(_key, node: Node) {
      if (!isCollection(node) || !node.flow || node.range?.[1] !== end) return;
      const opener = source.text.charAt(node.range[0]);
      const closer = CLOSER[opener];
      if (!closer || isClosed(source, node.range[0], end, closer)) return;
      flows.push({ start: node.range[0], end, opener, spaced: /[ \t]/.test(source.text.charAt(node.range[0] + 1)) });
    },
  });
  return flows.sort((a, b) => b.start - a.start);
}

/** Whether the text from `start` to `end` ends with `closer` (after the opening character). */
function isClosed(source: SourceLines, start: number, end: number, closer: string): boolean {
  const text = source.text.slice(start, end).trimEnd();
  return text.length > 1 && text.endsWith(closer);
}

/**
 * Whether an unclosed collection is all on its opening line, up to its end:
 * then its closer belongs at the end of that line; otherwise where is a guess.
 */
function endsItsLine(source: SourceLines, flow: Unclosed): boolean {
  const line = source.lineOf(flow.start);
  const body = source.text.slice(flow.start, flow.end).trimEnd();
  const rest = source.line(line).slice(flow.start - source.offset(line, 0)).trimEnd();
  return body === rest && !/[ \t]#/.test(body);
}

/** The closer of an unclosed collection, spaced the way it opens (`{ a: 1 }`, `[a]`). */
function closing(flow: Unclosed): string {
  return `${flow.spaced ? ' ' : ''}${CLOSER[flow.opener] ?? ''}`;
}

/** The line that holds `start`, without its indentation, with the missing closers added at its end. */
function fixedLine(source: SourceLines, start: number, closers: string[]): string {
  return `${source.line(source.lineOf(start)).trim()}${closers.join('')}`;
}

// --- Slips read from the shape of the lines ----------------------------------

/** A source line taken apart: indentation, `- ` list markers, content. */
interface Shape {
  /** Spaces (and tabs) before the content or the first `-`. */
  indent: number;
  /** Where the content after any `- ` markers starts. */
  content: number;
  text: string;
  /** A `key:` at the start of the content: its length up to the value. */
  keyEnd: number | null;
  key: string | null;
}

const SHAPE = /^([ \t]*)((?:-(?:[ \t]+|$))*)(.*)$/;
/** A key and its `: ` (quoted, or plain up to the first `: `), not inside a comment. */
const KEY = /^("[^"]*"|'[^']*'|[^\s#'"[\]{},|>][^#]*?)[ \t]*:(?:[ \t]+|$)/;
/** `key:value` with no space: a plain key without spaces, then a colon and at once a value. */
const NO_SPACE = /^([^\s#'"[\]{},|>:][^\s:]*):(?=[^\s:])(?!\/\/)/;

function shape(text: string): Shape {
  const [, lead = '', dashes = '', rest = ''] = SHAPE.exec(text) ?? [];
  const key = KEY.exec(rest);
  return {
    indent: lead.length,
    content: lead.length + dashes.length,
    text: rest,
    keyEnd: key ? lead.length + dashes.length + key[0].length : null,
    key: key ? (key[1] ?? '').trim() : null,
  };
}

/** A line that holds YAML content: not blank, not only a comment. */
function isContent(text: string): boolean {
  return !/^[ \t]*(#.*)?$/.test(text);
}

/** Slips found by looking at the line the parser stopped on, and the line after it. */
function lineSlip(source: SourceLines, at: number, code: string): Slip | null {
  const line = source.lineOf(at);
  const index = at - source.offset(line, 0);
  const text = source.line(line);
  const tab = tabSlip(source, line, code === 'TAB_AS_INDENT' ? index : -1);
  if (tab) return tab;
  const here = shape(text);
  // The parser stopped at the start of the line: the slip is on this line.
  if (index <= here.content) return noSpaceSlip(source, line) ?? listSlip(source, line) ?? indentSlip(source, line);
  // It stopped at a value: either the value holds a `: `, or the next line was read as more of it.
  if (here.keyEnd !== null && index >= here.keyEnd) return colonSlip(source, line) ?? nextLineSlip(source, line);
  return null;
}

/** A tab in the indentation (YAML allows spaces only); `index` is where the parser saw it, if it said so. */
function tabSlip(source: SourceLines, line: number, index: number): Slip | null {
  const text = source.line(line);
  const lead = /^[ \t]*/.exec(text)?.[0] ?? '';
  const tab = text.charAt(index) === '\t' ? index : lead.indexOf('\t');
  if (tab < 0) return null;
  return {
    offset: source.offset(line, tab),
    message: 'found a tab in the indentation; expected spaces only (YAML does not accept tabs there): replace the tab with spaces',
  };
}

/** `key:value`: without a space after the colon YAML reads the whole line as text, not as a key. */
function noSpaceSlip(source: SourceLines, line: number): Slip | null {
  const text = source.line(line);
  const here = shape(text);
  const match = NO_SPACE.exec(here.text);
  if (!match) return null;
  const colon = here.content + match[0].length;
  const fixed = `${text.slice(0, colon)} ${text.slice(colon)}`.trim();
  return {
    offset: source.offset(line, colon),
    message: `found no space after the colon in ${here.text.trim()}; expected a space between a key and its value: ${fixed}`,
  };
}

/** A `: ` (or a `:` at the end) inside a plain value starts a second key on the same line. */
function colonSlip(source: SourceLines, line: number): Slip | null {
  const text = source.line(line);
  const here = shape(text);
  if (here.keyEnd === null) return null;
  const raw = text.slice(here.keyEnd);
  if (/^["'[{|>&*!]/.test(raw)) return null;
  const comment = /[ \t]#/.exec(raw);
  const value = (comment ? raw.slice(0, comment.index) : raw).trimEnd();
  const colon = /:(?:[ \t]|$)/.exec(value);
  if (!colon) return null;
  const quoted = `"${value.replace(/[\\"]/g, '\\$&')}"`;
  const fixed = `${text.slice(here.indent, here.keyEnd)}${quoted}${comment ? ` ${raw.slice(comment.index).trim()}` : ''}`;
  const found = colon.index === value.length - 1 ? '":" at the end of' : '": " inside';
  return {
    offset: source.offset(line, here.keyEnd + colon.index),
    message: `found ${found} the value of "${here.key}", which YAML reads as the start of a new key; expected the value in quotes: ${fixed}`,
  };
}

/** The parser read the next line as more of this line's value: that line is a list item or a key out of place. */
function nextLineSlip(source: SourceLines, line: number): Slip | null {
  let next = line + 1;
  while (next < source.lines.length && !isContent(source.line(next))) next += 1;
  if (next >= source.lines.length) return null;
  return tabSlip(source, next, -1) ?? noSpaceSlip(source, next) ?? listSlip(source, next) ?? indentSlip(source, next);
}

/** A `- ` list item not lined up with the items of its list. */
function listSlip(source: SourceLines, line: number): Slip | null {
  const here = shape(source.line(line));
  if (here.content === here.indent) return null;
  const expected = nearest(here.indent, listColumns(source, line));
  if (expected === null) return null;
  return {
    offset: source.offset(line, here.indent),
    message: `found the list item "-" indented ${spaces(here.indent)}, but the items above it are ${indented(expected)}; expected the items of one list lined up: ${moveTo('this "-"', expected)}`,
  };
}

/** Where the `-` of earlier list items stand, back to the top-level key that holds them. */
function listColumns(source: SourceLines, line: number): number[] {
  const columns: number[] = [];
  for (let i = line - 1; i >= 0; i -= 1) {
    const text = source.line(i);
    if (!isContent(text)) continue;
    const above = shape(text);
    if (above.content > above.indent) columns.push(above.indent);
    else if (above.indent === 0) break;
  }
  return columns;
}

/** A key indented more or less than the keys of the mapping it belongs to. */
function indentSlip(source: SourceLines, line: number): Slip | null {
  const here = shape(source.line(line));
  if (here.key === null || here.content !== here.indent) return null;
  const expected = keyColumn(source, line, here.indent);
  if (expected === null) return null;
  return {
    offset: source.offset(line, here.indent),
    message: `found the key "${here.key}" indented ${spaces(here.indent)}, but the keys above it are ${indented(expected)}; expected the keys of one mapping lined up: ${moveTo(`"${here.key}"`, expected)}`,
  };
}

/**
 * The indentation a key at `indent` most likely meant: that of the keys just
 * above it (the block it visually continues), or of the key that holds them.
 */
function keyColumn(source: SourceLines, line: number, indent: number): number | null {
  let block: number | null = null;
  let holder: number | null = null;
  for (let i = line - 1; i >= 0; i -= 1) {
    const text = source.line(i);
    if (!isContent(text)) continue;
    const above = shape(text);
    const column = above.key !== null ? above.content : null;
    if (above.indent < indent) {
      holder = column;
      break;
    }
    if (column !== null) block = block === null ? column : Math.min(block, column);
  }
  return nearest(indent, [block, holder].filter((column): column is number => column !== null));
}

/** The candidate closest to `value` (the first on a tie), leaving out `value` itself. */
function nearest(value: number, candidates: number[]): number | null {
  let best: number | null = null;
  for (const candidate of candidates) {
    if (candidate === value) continue;
    if (best === null || Math.abs(candidate - value) < Math.abs(best - value)) best = candidate;
  }
  return best;
}

/** How far the lines above are indented, in words. */
function indented(count: number): string {
  return count === 0 ? 'not indented' : `indented ${count}`;
}

/** What to do with a line that should be indented `count` spaces. */
function moveTo(what: string, count: number): string {
  return count === 0 ? `start ${what} at the beginning of the line` : `indent ${what} ${spaces(count)}`;
}

function spaces(count: number): string {
  return count === 1 ? '1 space' : `${count} spaces`;
}
