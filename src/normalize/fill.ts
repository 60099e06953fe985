/**
 * The exact path of the normalize stage: put each value into the parsed
 * template as an mdast node, so remark-stringify escapes it like any other
 * text. Every section can go this way; `splice.ts` is the fast path for the
 * values that need no escaping anywhere.
 */
import type { InlineCode, Nodes, Paragraph, PhrasingContent, Text } from 'mdast';
import { EXIT_FAILURE, TallyError } from '../errors.js';
import { TOKEN_CLOSE, TOKEN_OPEN, type Slot } from '../render/slots.js';

const KIND_LETTER: Record<Slot['kind'], string> = { text: 't', code: 'c', block: 'b', link: 'l', anchor: 'a' };

/**
 * A value's token in a section shape: the slot's kind between the token
 * marks, so that sections whose values are of the same kinds share a shape.
 */
export function shapeToken(kind: Slot['kind']): string {
  return `${TOKEN_OPEN}${KIND_LETTER[kind]}${TOKEN_CLOSE}`;
}

/** A token in a section shape; its group is the kind letter. */
export const SHAPE_TOKEN = new RegExp(`${TOKEN_OPEN}([a-z])${TOKEN_CLOSE}`, 'g');
const BLOCK_ONLY = new RegExp(`^\\s*${shapeToken('block')}\\s*$`);

export class PlacementError extends TallyError {
  constructor(
    readonly line: number,
    readonly reason = 'a value was placed where it cannot be escaped (inside raw HTML, a link address, an image or a code block); put values in text, headings, lists or table cells',
  ) {
    super(`${reason} (line ${line} of the template output)`, EXIT_FAILURE);
    this.name = 'PlacementError';
  }
}

/** The section's slots, taken in document order: the order of their tokens in the shape. */
export class SlotCursor {
  private index = 0;
  constructor(private readonly slots: readonly Slot[]) {}

  next(): Slot {
    const slot = this.slots[this.index++];
    if (!slot) throw new Error('internal error: more tokens than values in a section');
    return slot;
  }
}

/** Replace the tokens of a (cloned) shape tree with their values, in place. */
export function fill(node: Nodes, slots: SlotCursor): void {
  if (!('children' in node)) return;
  const children: Nodes[] = [];
  for (const child of node.children as Nodes[]) {
    if (child.type === 'paragraph' && isBlockOnly(child)) {
      const block = slots.next() as Extract<Slot, { kind: 'block' }>;
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

/** A paragraph that is only the token of a block slot (a chart): the block replaces it. */
export function isBlockOnly(paragraph: Paragraph): boolean {
  const [only, ...rest] = paragraph.children;
  return rest.length === 0 && only?.type === 'text' && BLOCK_ONLY.test(only.value);
}

function expandText(node: Text, slots: SlotCursor): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  const push = (value: string) => {
    if (value === '') return;
    const previous = out.at(-1);
    if (previous?.type === 'text') previous.value += value;
    else out.push({ type: 'text', value });
  };
  for (const match of node.value.matchAll(SHAPE_TOKEN)) {
    push(node.value.slice(last, match.index));
    const slot = slots.next();
    if (slot.kind === 'code') out.push({ type: 'inlineCode', value: slot.value });
    else if (slot.kind === 'link') out.push({ type: 'link', url: slot.url, children: [{ type: 'text', value: slot.text }] });
    else if (slot.kind === 'anchor') out.push({ type: 'html', value: anchorHtml(slot.id) });
    else if (slot.kind === 'block') throw new PlacementError(node.position?.start.line ?? 0, 'a chart must stand alone on its line');
    else for (const part of literalParts(slot.value)) if (part.code) out.push({ type: 'inlineCode', value: part.text });
      else push(part.text);
    last = match.index + match[0].length;
  }
  push(node.value.slice(last));
  return out;
}

function expandCode(node: InlineCode, slots: SlotCursor): InlineCode {
  const value = node.value.replace(SHAPE_TOKEN, () => {
    const slot = slots.next();
    return slot.kind === 'text' || slot.kind === 'code' ? slot.value : '';
  });
  return { type: 'inlineCode', value };
}

/** The HTML of an anchor: an id of lowercase letters, digits and "-" only. */
export function anchorHtml(id: string): string {
  return `<a id="${id.replace(/[^a-z0-9-]/g, '')}"></a>`;
}

/**
 * GFM turns URLs, `www.` names and e-mail addresses in plain text into links,
 * and no escape stops every renderer from doing so (remark links `www\\.x.y`).
 * Such words are shown as inline code instead: the same characters, never a link.
 */
const LINK_LIKE = /\S*(?:[a-z][a-z0-9+.-]*:\/\/|www\.|@|mailto:|xmpp:)\S*/gi;

export function literalParts(value: string): { text: string; code: boolean }[] {
  // Most values have no such word: a cheap test first.
  if (!/:\/\/|www\.|@|mailto:|xmpp:/i.test(value)) return value === '' ? [] : [{ text: value, code: false }];
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
