/**
 * Values from records never enter the template's markdown as text. A helper
 * stores the value in a slot and leaves a token in the template output; the
 * normalize stage parses the template's markdown, then puts each value back
 * as an mdast node, so remark-stringify escapes it like any other text.
 *
 * Tokens use Private Use Area characters that templates may not contain and
 * that no markdown construct gives meaning to.
 */

export type Slot =
  /** Literal text: shown exactly as it is. */
  | { kind: 'text'; value: string }
  /** Inline code, such as a file path. */
  | { kind: 'code'; value: string }
  /** A fenced code block (a Mermaid chart): must stand alone in its paragraph. */
  | { kind: 'block'; lang: string; value: string }
  /** A link Tally made: to an anchor of the report or to a record file, never to a URL from a record. */
  | { kind: 'link'; text: string; url: string }
  /** A target for links: `<a id="…"></a>`, with an id of lowercase letters, digits and "-". */
  | { kind: 'anchor'; id: string };

export const TOKEN_OPEN = '\uE000';
export const TOKEN_CLOSE = '\uE001';
export const TOKEN_PATTERN = /\uE000([0-9a-z]+)\uE001/g;

export class SlotTable {
  readonly slots: Slot[] = [];

  /** Store a value and return the token that stands for it. */
  add(slot: Slot): string {
    this.slots.push(slot);
    return `${TOKEN_OPEN}${(this.slots.length - 1).toString(36)}${TOKEN_CLOSE}`;
  }
}

/**
 * Inline values are one line: a line break in a record cannot start a heading,
 * a row or a list. Leading and trailing white space is dropped, as markdown would.
 */
export function oneLine(value: string): string {
  return value.replace(/\r\n|[\r\n\u2028\u2029\v\f\u0085]/g, ' ').trim();
}
