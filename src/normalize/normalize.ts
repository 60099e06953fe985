/**
 * Normalize stage: parse the template's markdown (remark-parse + remark-gfm),
 * put every record value back as an mdast node, and serialize with
 * remark-stringify, which escapes the values and formats the whole report
 * the same way whatever the template's whitespace.
 */
import type { InlineCode, Nodes, PhrasingContent, Root, Text } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { RenderedTemplate } from '../render/render.js';
import { TOKEN_OPEN, TOKEN_PATTERN, type Slot } from '../render/slots.js';
import { gfmOptions, stringifyOptions } from './markdown-options.js';

const processor = unified().use(remarkParse).use(remarkGfm, gfmOptions).use(remarkStringify, stringifyOptions).freeze();

export class PlacementError extends Error {
  constructor(readonly line: number) {
    super(
      `a value was placed where it cannot be escaped (inside raw HTML, a link address, an image or a code block) at line ${line} of the template output; put values in text, headings, lists or table cells`,
    );
    this.name = 'PlacementError';
  }
}

export function normalize(rendered: RenderedTemplate): string {
  const tree = processor.parse(rendered.markdown) as Root;
  fill(tree, rendered.slots);
  const output = processor.stringify(tree);
  const stray = output.indexOf(TOKEN_OPEN);
  if (stray !== -1) throw new PlacementError(output.slice(0, stray).split('\n').length);
  return output;
}

/** Markdown text normalized the same way, for text without slots. */
export function normalizeMarkdown(markdown: string): string {
  return normalize({ markdown, slots: [] });
}

function fill(node: Nodes, slots: readonly Slot[]): void {
  if (!('children' in node)) return;
  const children: Nodes[] = [];
  for (const child of node.children as Nodes[]) {
    if (child.type === 'text' && child.value.includes(TOKEN_OPEN)) {
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
  const value = node.value.replace(TOKEN_PATTERN, (_match, id: string) => slotAt(slots, id).value);
  return { type: 'inlineCode', value };
}

