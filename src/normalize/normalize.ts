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
    if (slot.kind === 'text') push(slot.value);
    else out.push({ type: 'inlineCode', value: slot.value });
    last = match.index + match[0].length;
  }
  push(node.value.slice(last));
  return out;
}

function expandCode(node: InlineCode, slots: readonly Slot[]): InlineCode {
  const value = node.value.replace(TOKEN_PATTERN, (_match, id: string) => slotAt(slots, id).value);
  return { type: 'inlineCode', value };
}

