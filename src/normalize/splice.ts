/**
 * The fast path of the normalize stage. A section shape (the template's
 * markdown of a section, with a token where each value goes) is serialized by
 * remark once, with a hole where each value goes; a section of that shape is
 * then its values spliced into the holes.
 *
 * Splicing gives the same bytes as the exact path (`fill.ts`) only for values
 * remark would not escape, whatever surrounds them. `splice` checks each value
 * against remark-stringify's "unsafe" patterns (mdast-util-to-markdown and its
 * GFM extensions) and returns null when any value could be escaped, or could
 * change how the template's own characters next to it are escaped; the caller
 * then takes the exact path. A property test checks both paths agree.
 */
import type { Nodes, Root } from 'mdast';
import { TOKEN_CLOSE, TOKEN_OPEN, type Slot } from '../render/slots.js';
import { anchorHtml, isBlockOnly, literalParts, SHAPE_TOKEN, shapeToken } from './fill.js';

/** Where a value goes in the serialized shape: the token marks with no kind between them. */
const HOLE = `${TOKEN_OPEN}${TOKEN_CLOSE}`;

interface Hole {
  block: boolean;
  /** The two characters after the hole ('' at the end; "aa" when a value follows: it starts like a letter). */
  after: string;
  /** The hole may start a line: nothing but container markers before it on its line. */
  atBreak: boolean;
}

/** A shape token the serializer wrote back: it sat where no value can go. */
const STRAY_TOKEN = new RegExp(`${TOKEN_OPEN}[a-z]`);

export interface SpliceShape {
  parts: string[];
  holes: Hole[];
}

/**
 * Turn a parsed shape (already cloned: it is changed) into the pieces to
 * splice values between, or null when a token sits where only the exact path
 * places or refuses values (inline code, a chart not at the top level, a link
 * address, raw HTML).
 */
export function compileSplice(tree: Root, serialize: (tree: Root) => string): SpliceShape | null {
  let fits = true;
  /** For each hole in document order: whether it is a chart (a block) rather than an inline value. */
  const blocks: boolean[] = [];
  const visit = (node: Nodes): void => {
    if ('children' in node) {
      (node as { children: Nodes[] }).children = (node.children as Nodes[]).map((child) => {
        if (child.type !== 'paragraph' || !isBlockOnly(child)) return child;
        // A chart is a fenced block: spliced whole, it must not be inside a list or a quote.
        if (node.type !== 'root') fits = false;
        blocks.push(true);
        return { type: 'html', value: HOLE };
      });
    }
    if (node.type === 'text') {
      node.value = node.value.replace(SHAPE_TOKEN, (token) => {
        if (token === shapeToken('block')) fits = false;
        blocks.push(false);
        return HOLE;
      });
    } else if ('value' in node && node.value.includes(TOKEN_OPEN)) {
      fits = false;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) if (child.type !== 'html') visit(child);
  };
  visit(tree);
  if (!fits) return null;
  const output = serialize(tree);
  if (STRAY_TOKEN.test(output)) return null;
  const parts = output.split(HOLE);
  if (parts.length - 1 !== blocks.length) return null;
  const holes = blocks.map((block, i): Hole => {
    const previous = parts[i]!;
    const next = parts[i + 1]!;
    return {
      block,
      after: next === '' && i < blocks.length - 1 ? 'aa' : next.slice(0, 2),
      atBreak: previous === '' ? i === 0 : /(?:^|\n)[ \t>*+\-#|.)\d]*$/.test(previous),
    };
  });
  return { parts, holes };
}

/** The section with its values spliced in, or null when a value needs the exact path. */
export function splice(shape: SpliceShape, slots: readonly Slot[], block: (slot: Extract<Slot, { kind: 'block' }>) => string): string | null {
  const out = [shape.parts[0]!];
  // The last two characters written: the template's, or the value spliced just before.
  let tail = shape.parts[0]!.slice(-2);
  for (const [i, hole] of shape.holes.entries()) {
    const slot = slots[i]!;
    let value: string | null;
    if (hole.block) value = slot.kind === 'block' ? block(slot) : null;
    else value = inline(slot);
    if (value === null || !fitsBetween(value, tail, hole, slot)) return null;
    const next = shape.parts[i + 1]!;
    out.push(value, next);
    tail = (tail + value + next).slice(-2);
  }
  return out.join('');
}

/** A value as remark would write it, when remark would write it as it is. */
function inline(slot: Slot): string | null {
  switch (slot.kind) {
    case 'anchor':
      return anchorHtml(slot.id);
    case 'code':
      return code(slot.value);
    case 'link':
      return plain(slot.text) && !slot.text.startsWith('^') && SAFE_URL.test(slot.url) ? `[${slot.text}](${slot.url})` : null;
    case 'text': {
      let out = '';
      for (const part of literalParts(slot.value)) {
        const text = part.code ? code(part.text) : UNSAFE.test(part.text) ? null : part.text;
        if (text === null) return null;
        out += text;
      }
      return plainEdges(out) ? out : null;
    }
    default:
      return null;
  }
}

/**
 * Characters remark escapes in some context ("unsafe" patterns): none may
 * appear in a spliced value. `@` and `_` are escaped only in some positions,
 * but are rare enough in values to leave to the exact path.
 */
const UNSAFE = /[\\`*_[\]<>|~$&@\t\r\n\uE000-\uE001]|[Ww]\.[-.\w]|[ps]:\//;
const AUTOLINK_START = /[Ww]\.[-.\w]|[ps]:\//;
/** A value starting a line must not start a block (heading, list, quote, table row…) or an ordered list. */
const UNSAFE_START = /^(?:[#+\-=:.)\s]|\d+\)|\d+\.(?:\s|$))/;

function plain(text: string): boolean {
  return !UNSAFE.test(text) && plainEdges(text);
}

/** Not empty, no block started at a line start, no closing `#` of a heading at the end. */
function plainEdges(text: string): boolean {
  return text !== '' && !UNSAFE_START.test(text) && !/[#\s]$/.test(text);
}

/** Inline code needs a single backtick fence and no padding; `|` would be escaped in a table cell. */
function code(value: string): string | null {
  return value === '' || /[`|\r\n]|^\s|\s$/.test(value) ? null : `\`${value}\``;
}

/** Link addresses Tally builds: written by remark as they are (no `<…>`, no escapes). */
const SAFE_URL = /^[A-Za-z0-9#%./_:?=+,;-]+$/;

const ALNUM = /[\p{L}\p{N}]/u;

/**
 * The neighbours of a hole are the template's characters, escaped by remark
 * as if the value were a letter. A value must not change that: no attention
 * marker next to a non-alphanumeric edge, no entity, HTML, image or link
 * completed across the edge, no ordered list made of digits and the
 * template's `.` or `)`, no autolink literal around the edge.
 */
function fitsBetween(value: string, before: string, hole: Hole, slot: Slot): boolean {
  if (hole.block) return true;
  const first = value[0]!;
  const last = value.at(-1)!;
  const b1 = before.at(-1) ?? '';
  const a1 = hole.after[0] ?? '';
  if (b1 === '\\') return false;
  if (slot.kind === 'anchor') return true;
  if (b1 === '&' || b1 === '<' || (b1 === '!' && first === '[')) return false;
  if (/[*_~]/.test(b1) && !ALNUM.test(first)) return false;
  if (/[*_~]/.test(a1) && !ALNUM.test(last)) return false;
  if (b1 === ']' && first === '(') return false;
  if (b1 === '[' && first === '^') return false;
  if ((b1 === '@' && /[-.\w]/.test(first)) || (a1 === '@' && /[+\-.\w]/.test(last))) return false;
  // `w.x` and `p:/` are escaped (autolink literals): also when they form across the edge.
  if (AUTOLINK_START.test(before + value.slice(0, 2)) || AUTOLINK_START.test(value.slice(-2) + hole.after)) return false;
  if (a1 === '[' && last === '!') return false;
  if (hole.atBreak && /[.)]/.test(a1) && /^\d+$/.test(value)) return false;
  if (a1 === '`' || b1 === '`') return false;
  return true;
}
