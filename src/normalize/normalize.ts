/**
 * Normalize stage: parse the template's markdown (remark-parse + remark-gfm),
 * put every record value back as an mdast node, and serialize with
 * remark-stringify, which escapes the values and formats the whole report
 * the same way whatever the template's whitespace.
 */
import type { InlineCode, Nodes, Paragraph, PhrasingContent, Root, Text } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { RenderedTemplate } from '../render/render.js';
import { TOKEN_CLOSE, TOKEN_OPEN, TOKEN_PATTERN, type Slot } from '../render/slots.js';
import { gfmOptions, stringifyOptions } from './markdown-options.js';

const processor = unified().use(remarkParse).use(remarkGfm, gfmOptions).use(remarkStringify, stringifyOptions).freeze();

export class PlacementError extends Error {
  constructor(
    readonly line: number,
    readonly reason = 'a value was placed where it cannot be escaped (inside raw HTML, a link address, an image or a code block); put values in text, headings, lists or table cells',
  ) {
    super(`${reason} (line ${line} of the template output)`);
    this.name = 'PlacementError';
  }
}

/**
 * The report is normalized section by section: a heading always starts a new
 * block, so each section parses the same alone as in the whole document.
 * Sections with the same shape (a session section of each kind) differ only in
 * their values, so each shape is parsed once and filled for every section that
 * has it: a report of ten thousand sessions parses a few dozen shapes, not
 * megabytes of markdown.
 */
export function normalize(rendered: RenderedTemplate): string {
  const shapes = new Map<string, Root>();
  const out: string[] = [];
  let line = 0;
  for (const section of splitSections(rendered.markdown)) {
    const local: Slot[] = [];
    const shape = section.replace(TOKEN_PATTERN, (_match, id: string) => {
      local.push(slotAt(rendered.slots, id));
      return `${TOKEN_OPEN}${(local.length - 1).toString(36)}${TOKEN_CLOSE}`;
    });
    let parsed = shapes.get(shape);
    if (!parsed) {
      parsed = processor.parse(shape) as Root;
      shapes.set(shape, parsed);
    }
    const tree = structuredClone(parsed);
    fill(tree, local);
    const output = processor.stringify(tree);
    const stray = output.indexOf(TOKEN_OPEN);
    if (stray !== -1) throw new PlacementError(line + output.slice(0, stray).split('\n').length);
    line += section.split('\n').length - 1;
    if (output.trim() !== '') out.push(output);
  }
  return out.join('\n');
}

/** Cut markdown before every ATX heading that is not inside a fenced code block. */
export function splitSections(markdown: string): string[] {
  const sections: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && marker) fence = marker[0]!.repeat(marker.length);
    else if (fence !== null && marker && marker.startsWith(fence)) fence = null;
    if (fence === null && /^#{1,6}(\s|$)/.test(line) && current.length > 0) {
      sections.push(current.join('\n'));
      current = [];
    }
    current.push(line);
  }
  sections.push(current.join('\n'));
  return sections;
}

/** Serialize an mdast tree built by Tally (the diff summary) in the report's dialect. */
export function stringifyTree(tree: Root): string {
  return processor.stringify(tree);
}

/** Markdown text normalized the same way, for text without slots. */
export function normalizeMarkdown(markdown: string): string {
  return normalize({ markdown, slots: [] });
}

function fill(node: Nodes, slots: readonly Slot[]): void {
  if (!('children' in node)) return;
  const children: Nodes[] = [];
  for (const child of node.children as Nodes[]) {
    const block = child.type === 'paragraph' ? blockSlot(child, slots) : null;
    if (block) {
      children.push({ type: 'code', lang: block.lang, value: block.value });
    } else if (child.type === 'text' && child.value.includes(TOKEN_OPEN)) {
      children.push(...expandText(child, slots));
    } else if (child.type === 'inlineCode' && child.value.includes(TOKEN_OPEN)) {
      children.push(expandCode(child, slots));
    } else {
      fill(child, slots);
      children.push(child);
    }
  }
  (node as { children: Nodes[] }).children = children;
}

/** A paragraph that is only the token of a block slot: the block replaces it. */
function blockSlot(paragraph: Paragraph, slots: readonly Slot[]): Extract<Slot, { kind: 'block' }> | null {
  const [only, ...rest] = paragraph.children;
  if (rest.length > 0 || only?.type !== 'text') return null;
  const m = /^\s*\uE000([0-9a-z]+)\uE001\s*$/.exec(only.value);
  if (!m) return null;
  const slot = slotAt(slots, m[1]!);
  return slot.kind === 'block' ? slot : null;
}

function slotAt(slots: readonly Slot[], id: string): Slot {
  const slot = slots[Number.parseInt(id, 36)];
  if (!slot) throw new Error(`internal error: no value for token ${id}`);
  return slot;
}

function expandText(node: Text, slots: readonly Slot[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  const push = (value: string) => {
    if (value === '') return;
    const previous = out.at(-1);
    if (previous?.type === 'text') previous.value += value;
    else out.push({ type: 'text', value });
  };
  for (const match of node.value.matchAll(TOKEN_PATTERN)) {
    push(node.value.slice(last, match.index));
    const slot = slotAt(slots, match[1]!);
    if (slot.kind === 'code') out.push({ type: 'inlineCode', value: slot.value });
    else if (slot.kind === 'link') out.push({ type: 'link', url: slot.url, children: [{ type: 'text', value: slot.text }] });
    else if (slot.kind === 'anchor') out.push({ type: 'html', value: `<a id="${slot.id.replace(/[^a-z0-9-]/g, '')}"></a>` });
    else if (slot.kind === 'block') throw new PlacementError(node.position?.start.line ?? 0, 'a chart must stand alone on its line');
    else for (const part of literalParts(slot.value)) if (part.code) out.push({ type: 'inlineCode', value: part.text });
      else push(part.text);
    last = match.index + match[0].length;
  }
  push(node.value.slice(last));
  return out;
}

/**
 * GFM turns URLs, `www.` names and e-mail addresses in plain text into links,
 * and no escape stops every renderer from doing so (remark links `www\\.x.y`).
 * Such words are shown as inline code instead: the same characters, never a link.
 */
const LINK_LIKE = /\S*(?:[a-z][a-z0-9+.-]*:\/\/|www\.|@|mailto:|xmpp:)\S*/gi;

export function literalParts(value: string): { text: string; code: boolean }[] {
  const parts: { text: string; code: boolean }[] = [];
  let last = 0;
  for (const match of value.matchAll(LINK_LIKE)) {
    if (match.index > last) parts.push({ text: value.slice(last, match.index), code: false });
    parts.push({ text: match[0], code: true });
    last = match.index + match[0].length;
  }
  if (last < value.length) parts.push({ text: value.slice(last), code: false });
  return parts;
}

function expandCode(node: InlineCode, slots: readonly Slot[]): InlineCode {
  const value = node.value.replace(TOKEN_PATTERN, (_match, id: string) => {
    const slot = slotAt(slots, id);
    return slot.kind === 'text' || slot.kind === 'code' ? slot.value : '';
  });
  return { type: 'inlineCode', value };
}

