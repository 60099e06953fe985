/**
 * The one place Tally reads XML: JUnit (`junit.ts`), and Cobertura through the
 * same two functions. Every file is untrusted: it comes from a CI artifact, a
 * pull request or a colleague's machine.
 *
 * API
 *
 *   walkXml(text, file, handlers, limits?)  streams the document: `open` gets each
 *       element's start (name, attributes, line:column, depth) once its start tag is
 *       complete, `close` gets the same object back at its end tag, `text` gets
 *       character data and CDATA (only when given: leave it out for speed). A handler
 *       may throw an EvidenceError of its own (a wrong root, a bad attribute); it
 *       reaches the caller as it is. Use it for anything that can be large (JUnit).
 *   parseXml(text, file, limits?)  the whole document as a small tree of XmlElement
 *       (name, attributes, children, text, line, column), built on walkXml. Simple to
 *       use for files that stay small (Cobertura); it holds every element in memory.
 *
 * Both either return a complete result or throw an EvidenceError naming the file and
 * the line:column (1-based; columns in UTF-16 code units, as JavaScript strings
 * count), with a message "found X; expected Y". Never a partial result: a truncated
 * file is an error at its end.
 *
 * Rules for untrusted input
 *
 * - No entity is ever expanded but XML's five (&lt; &gt; &amp; &quot; &apos;) and
 *   character references; nothing outside the text is ever read (the parser has no
 *   I/O at all). A DOCTYPE that declares an entity (<!ENTITY) is refused at the
 *   declaration's line:column as soon as the DOCTYPE ends, so an entity bomb costs
 *   the time to read its DOCTYPE. A DOCTYPE with only a SYSTEM or PUBLIC id
 *   (istanbul's Cobertura writes one) is accepted and never fetched.
 * - At most `maxDepth` (256) levels of nested elements, and at most `maxLength`
 *   (512 MiB) characters of text, each refused with a clear error.
 * - Strict XML 1.0 well-formedness: one root, every tag closed, no stray text.
 *
 * Parser: saxes (streaming, strict, written for conformance, no dependency but
 * xmlchars). Measured on this 2-core machine against fast-xml-parser 5.12.1 on a
 * 35 MB JUnit file of 200,000 test cases: saxes read it in 0.33 s at 122 MB peak
 * RSS; fast-xml-parser needed 1.1 s to build its object tree plus 0.7 s for the
 * XMLValidator pass it requires (its parser silently returns a partial tree for a
 * truncated file and accepts two root elements), at 208 MB before any conversion,
 * and 10 s / 690 MB on a 177 MB file, so the 512 MiB limit could not be honoured
 * with a clear error rather than an out-of-memory crash. fast-xml-parser also
 * places elements only by offset, and leaves numeric character references undecoded.
 */
import { SaxesParser } from 'saxes';
import { EvidenceError } from './error.js';

/** Deeper nesting is refused: no real report nests more than a few levels. */
const DEFAULT_MAX_DEPTH = 256;
/** Longer text is refused; counted in characters (UTF-16 code units) of the decoded text. */
const DEFAULT_MAX_LENGTH = 512 * 1024 * 1024;

export interface XmlLimits {
  /** Most levels of nested elements; the root is level 1. Default 256. */
  maxDepth?: number;
  /** Most characters of text. Default 512 MiB. */
  maxLength?: number;
}

/** An element's start tag, complete. */
export interface XmlStart {
  /** As written, prefix included (`xsi:schemaLocation` stays one name). */
  readonly name: string;
  /** Values with entities and character references decoded, never parsed; a null-prototype object, so `attributes.constructor` is only what the file wrote. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Where the `<` of the start tag is. */
  readonly line: number;
  readonly column: number;
  /** 1 for the root. */
  readonly depth: number;
}

export interface XmlHandlers {
  open?: (element: XmlStart) => void;
  close?: (element: XmlStart) => void;
  /** Character data and CDATA sections, as they come (possibly in several pieces). */
  text?: (text: string) => void;
}

/** An element of parseXml's tree. */
export interface XmlElement extends XmlStart {
  readonly children: XmlElement[];
  /** Character data and CDATA directly inside the element, concatenated, untrimmed. */
  text: string;
}

/** Reads `text` as XML, calling the handlers in document order. Throws an EvidenceError on anything unsafe or malformed. */
export function walkXml(text: string, file: string, handlers: XmlHandlers, limits: XmlLimits = {}): void {
  const maxLength = limits.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    throw new EvidenceError(file, 1, 1, `found ${size(text.length)} of text; expected at most ${size(maxLength)}`);
  }
  // A byte order mark decoded as text is not XML; the parser would call it stray text.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  new Walk(source, file, handlers, limits.maxDepth ?? DEFAULT_MAX_DEPTH).run();
}

/** The whole document as a tree. For files that stay small; use walkXml for large ones. */
export function parseXml(text: string, file: string, limits: XmlLimits = {}): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  walkXml(
    text,
    file,
    {
      open(start) {
        const element: XmlElement = { ...start, children: [], text: '' };
        const parent = stack.at(-1);
        if (parent) parent.children.push(element);
        else root = element;
        stack.push(element);
      },
      close() {
        stack.pop();
      },
      text(chunk) {
        const current = stack.at(-1);
        if (current) current.text += chunk;
      },
    },
    limits,
  );
  // walkXml refuses a document without a root, so this is unreachable; it keeps the type honest.
  if (!root) throw new EvidenceError(file, 1, 1, 'found no element; expected a root element');
  return root;
}

/** One pass of saxes over a text, with positions and limits. */
class Walk {
  private readonly parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  private readonly locator: Locator;
  private readonly open: XmlStart[] = [];
  /** Where the `<` of the start tag being read is (set at its name, used when it completes). */
  private pending = { line: 1, column: 1 };
  /** saxes closes the innermost element before it finds that an end tag does not match it. */
  private lastClosed: XmlStart | undefined;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly handlers: XmlHandlers,
    private readonly maxDepth: number,
  ) {
    this.locator = new Locator(text);
  }

  run(): void {
    const { parser, handlers } = this;
    parser.on('error', (err) => {
      throw this.translate(err.message);
    });
    parser.on('doctype', (doctype) => this.checkDoctype(doctype));
    parser.on('opentagstart', (tag) => this.startTag(tag.name));
    parser.on('opentag', (tag) => {
      const start: XmlStart = { name: tag.name, attributes: tag.attributes, ...this.pending, depth: this.open.length + 1 };
      this.open.push(start);
      handlers.open?.(start);
    });
    parser.on('closetag', () => {
      const start = this.open.pop();
      if (!start) return;
      this.lastClosed = start;
      handlers.close?.(start);
    });
    const onText = handlers.text;
    if (onText) {
      parser.on('text', onText);
      parser.on('cdata', onText);
    }
    parser.write(this.text).close();
  }

  /** Locates the `<` and refuses one level too many before any attribute is read. */
  private startTag(name: string): void {
    // The name ends one character before the parser's position (its delimiter, or two for CR LF).
    const offset = this.text.lastIndexOf(`<${name}`, this.parser.position - 1);
    this.pending = this.locator.at(offset);
    if (this.open.length + 1 > this.maxDepth) {
      const { line, column } = this.pending;
      throw new EvidenceError(
        this.file,
        line,
        column,
        `found <${name}> nested ${this.open.length + 1} levels deep; expected at most ${this.maxDepth} levels of nested elements`,
      );
    }
  }

  /** Refuses a DOCTYPE that declares entities; one with only an external id is harmless (never fetched). */
  private checkDoctype(doctype: string): void {
    if (!doctype.includes('<!ENTITY')) return;
    const start = this.text.lastIndexOf('<!DOCTYPE', this.parser.position);
    const { line, column } = this.locator.at(this.text.indexOf('<!ENTITY', start));
    throw new EvidenceError(
      this.file,
      line,
      column,
      'found an entity declaration (<!ENTITY) in the DOCTYPE; expected none: entities are never expanded, so a file that declares them is refused',
    );
  }

  /** Turns a saxes message into "found X; expected Y" at the place it points to. */
  private translate(message: string): EvidenceError {
    // saxes prefixes "line:column: " and ends with a period; the position is ours.
    const bare = message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    // saxes fails just after reading the offending character; what the end leaves open, at the end.
    const found = isEndMessage(bare)
      ? { offset: this.text.length, message: this.endMessage() }
      : this.explain(bare, Math.min(this.text.length, Math.max(0, this.parser.position - 1)));
    const { line, column } = this.locator.at(found.offset);
    return new EvidenceError(this.file, line, column, found.message);
  }

  private explain(bare: string, offset: number): { offset: number; message: string } {
    if (bare === 'text data outside of root node') return this.strayText(offset);
    const unclosed = this.lastClosed;
    if (bare === 'unexpected close tag' && unclosed) {
      const tag = this.text.lastIndexOf('</', offset);
      const name = /^<\/([^\s>]*)/.exec(this.text.slice(tag, tag + 200))?.[1] ?? '';
      return {
        offset: tag,
        message: `found </${name}>; expected </${unclosed.name}> to close <${unclosed.name}> (opened at ${unclosed.line}:${unclosed.column})`,
      };
    }
    if (bare === 'documents may contain only one root') {
      return { offset: this.text.lastIndexOf('<', offset), message: 'found a second root element; expected one root element' };
    }
    if (bare === 'undefined entity') {
      return {
        offset: this.text.lastIndexOf('&', offset),
        message: 'found a reference to an undefined entity; expected only &lt; &gt; &amp; &quot; &apos; or a character reference such as &#10;',
      };
    }
    if (bare === 'disallowed character') {
      const code = this.text.codePointAt(offset) ?? 0;
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      return { offset, message: `found the character U+${hex}, which XML 1.0 does not allow; expected text without control characters` };
    }
    return { offset, message: `found malformed XML (${bare}); expected well-formed XML` };
  }

  /** What the end of the file leaves open. */
  private endMessage(): string {
    const inner = this.open.at(-1);
    if (inner) {
      return `found the end of the file inside <${inner.name}> (opened at ${inner.line}:${inner.column}); expected the rest of the document up to </${inner.name}>: is the file truncated?`;
    }
    if (this.text.trim() === '') return 'found an empty file; expected an XML document';
    if (this.lastClosed?.depth === 1) return 'found the end of the file in unfinished markup after the root element; expected it complete: is the file truncated?';
    return 'found the end of the file before a complete root element; expected an XML document: is the file truncated, or not XML?';
  }

  /** Text before or after the root element: points at where it starts (saxes notices it where it ends). */
  private strayText(offset: number): { offset: number; message: string } {
    let start = this.text.lastIndexOf('>', offset - 1) + 1;
    while (start < offset && /\s/.test(this.text.charAt(start))) start++;
    const message = this.lastClosed?.depth === 1
      ? 'found text after the root element; expected only comments and whitespace there'
      : 'found text before the root element; expected an XML document (is the file XML?)';
    return { offset: start, message };
  }
}

/** Line and column of offsets, for offsets that mostly come in increasing order. */
class Locator {
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  at(target: number): { line: number; column: number } {
    if (target < this.offset) {
      this.offset = 0;
      this.line = 1;
      this.lineStart = 0;
      this.nextCr = -2;
    }
    const { text } = this;
    // Line breaks as XML counts them: LF, CR LF, and a lone CR.
    for (let i = this.nextBreak(this.offset); i !== -1 && i < target; i = this.nextBreak(i + 1)) {
      if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i++;
      this.line++;
      this.lineStart = i + 1;
    }
    this.offset = target;
    return { line: this.line, column: target - this.lineStart + 1 };
  }

  private nextCr = -2;

  /** The next LF or CR at or after `from`; the next CR is cached so a file without CRs is scanned for one only once. */
  private nextBreak(from: number): number {
    if (this.nextCr !== -1 && this.nextCr < from) this.nextCr = this.text.indexOf('\r', from);
    const lf = this.text.indexOf('\n', from);
    if (this.nextCr === -1) return lf;
    return lf === -1 ? this.nextCr : Math.min(lf, this.nextCr);
  }
}

/** saxes's complaints about what the end of the input leaves open. */
function isEndMessage(bare: string): boolean {
  return bare.startsWith('unclosed tag') || bare === 'unexpected end' || bare === 'document must contain a root element';
}

function size(characters: number): string {
  if (characters < 1024 * 1024) return `${characters.toLocaleString('en-US')} characters`;
  return `${(characters / 1024 / 1024).toFixed(1)} MiB`;
}
