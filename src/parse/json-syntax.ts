/**
 * Where JSON text stops being JSON (RFC 8259), and what was expected there.
 *
 * `JSON.parse` says what went wrong, but not always where: Node 20 gives "at
 * position N" for some mistakes and none for others, and the wording changes
 * between Node versions. So, once `JSON.parse` has failed (a valid record is
 * never slowed), the text is read again with Microsoft's `jsonc-parser`, the
 * scanner behind VS Code's JSON support: it tokenizes strings, escapes,
 * numbers, keywords and comments and says where each token starts. Its own
 * `parse`/`visit` recurse once per nesting level and overflow the stack a few
 * thousand levels deep, where `JSON.parse` does not; so the few grammar rules
 * of JSON are applied here over its tokens, with a stack of our own.
 */
import { createScanner, type ScanError, type SyntaxKind } from 'jsonc-parser';

export interface JsonSyntaxError {
  /** Offset in the text (UTF-16 code units) of the mistake. */
  offset: number;
  /** What was found and what was expected, without the "invalid JSON" prefix. */
  message: string;
}

const VALUE = 'a value (an object, array, string, number, true, false or null)';
// The library's enums are `const enum`s, which `verbatimModuleSyntax` cannot
// read: their values, each checked against its declaration by the type.
type Kinds = typeof SyntaxKind;
const Kind: { readonly [N in keyof Kinds]: Kinds[N] } = {
  OpenBraceToken: 1, CloseBraceToken: 2, OpenBracketToken: 3, CloseBracketToken: 4, CommaToken: 5, ColonToken: 6, NullKeyword: 7, TrueKeyword: 8, FalseKeyword: 9,
  StringLiteral: 10, NumericLiteral: 11, LineCommentTrivia: 12, BlockCommentTrivia: 13, LineBreakTrivia: 14, Trivia: 15, Unknown: 16, EOF: 17,
};
const NO_SCAN_ERROR: ScanError.None = 0;
const SCALARS = new Set<SyntaxKind>([Kind.StringLiteral, Kind.NumericLiteral, Kind.TrueKeyword, Kind.FalseKeyword, Kind.NullKeyword]);

/** The first syntax error of `text`, or null when it is JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  const scanner = createScanner(text, false);
  const open: ('{' | '[')[] = [];
  let want: 'value' | 'key' | 'colon' | 'after' = 'value';
  let prev: SyntaxKind | undefined;
  let prevEnd = 0;
  /** The next token (by default not whitespace): its kind, offset and text. */
  const next = (space = false): Token => {
    let kind = scanner.scan();
    while (!space && (kind === Kind.Trivia || kind === Kind.LineBreakTrivia)) kind = scanner.scan();
    const at = scanner.getTokenOffset();
    return { kind, at, token: text.slice(at, at + scanner.getTokenLength()) };
  };
  for (;;) {
    const found = next();
    const { kind, at, token } = found;
    const fail = (expected: string): JsonSyntaxError => ({ offset: at, message: `found ${describe(found)}; expected ${expected}` });
    if (kind === Kind.LineCommentTrivia || kind === Kind.BlockCommentTrivia) return { offset: at, message: 'found a comment; JSON has no comments' };
    if (scanner.getTokenError() !== NO_SCAN_ERROR && (want === 'value' ? SCALARS.has(kind) : want === 'key' && kind === Kind.StringLiteral)) {
      if (kind === Kind.StringLiteral) return stringError(text, at);
      // "1." or "1e": the scanner stops where a digit was due.
      return { offset: at + token.length, message: `found ${describe(next(true))} ${token.endsWith('.') ? 'after the decimal point' : 'in the exponent'}; expected a digit` };
    }
    const container = open.at(-1);
    if (want === 'value') {
      if (kind === Kind.OpenBraceToken) {
        open.push('{');
        want = 'key';
      } else if (kind === Kind.OpenBracketToken) open.push('[');
      else if (SCALARS.has(kind) || (kind === Kind.CloseBracketToken && prev === Kind.OpenBracketToken)) {
        if (kind === Kind.CloseBracketToken) open.pop();
        want = 'after';
      } else if (kind === Kind.CloseBracketToken && prev === Kind.CommaToken) {
        return { offset: at, message: 'found "]" after a comma; expected another element (JSON has no trailing commas)' };
      } else if (token === '-') {
        return { offset: at + 1, message: `found ${describe(next(true))} after "-"; expected a digit` };
      } else return fail(VALUE);
    } else if (want === 'key') {
      if (kind === Kind.StringLiteral) want = 'colon';
      else if (kind === Kind.CloseBraceToken && prev === Kind.OpenBraceToken) {
        open.pop();
        want = 'after';
      } else if (kind === Kind.CloseBraceToken) return { offset: at, message: 'found "}" after a comma; expected another property (JSON has no trailing commas)' };
      else return fail('a property name in double quotes');
    } else if (want === 'colon') {
      if (kind !== Kind.ColonToken) return fail('":" after the property name');
      want = 'value';
    } else if (container === undefined) {
      if (kind === Kind.EOF) return null;
      return { offset: at, message: `found ${describe(found)} after the JSON value; expected the end of the file` };
    } else if (kind === Kind.CommaToken) {
      want = container === '{' ? 'key' : 'value';
    } else if (kind === (container === '{' ? Kind.CloseBraceToken : Kind.CloseBracketToken)) {
      open.pop();
    } else if (kind === Kind.NumericLiteral && prev === Kind.NumericLiteral && prevEnd === at && /[0-9]/.test(token[0]!)) {
      return { offset: at, message: 'found a digit after a leading 0; expected a number without leading zeros' };
    } else {
      return fail(container === '{' ? '"," or "}" after a property value' : '"," or "]" after an array element');
    }
    prev = kind;
    prevEnd = at + token.length;
  }
}

interface Token {
  kind: SyntaxKind;
  at: number;
  token: string;
}

/** A token as the message names it. */
function describe({ kind, token }: Token): string {
  if (kind === Kind.EOF) return 'the end of the file';
  if (kind === Kind.Trivia || kind === Kind.LineBreakTrivia) return token[0] === ' ' ? 'a space' : token[0] === '\t' ? 'a tab' : 'a line break';
  if (kind === Kind.StringLiteral) return /^"[^\u0000-\u001f]{0,40}"$/.test(token) ? `the string ${token}` : 'a string';
  const shown = /^[^\s\p{C}]{1,40}/u.exec(token)?.[0];
  if (shown !== undefined) return `"${shown}${shown === token ? '' : '…'}"`;
  const char = String.fromCodePoint(token.codePointAt(0)!);
  return `the ${/\p{Cc}/u.test(char) ? 'control ' : ''}character ${codePoint(char.codePointAt(0)!)}`;
}

/**
 * A string the scanner flagged. It reports the kind of the last flaw in the
 * string at the string's start; this finds the first flaw and its offset.
 */
function stringError(text: string, at: number): JsonSyntaxError {
  // Valid escapes are matched to be stepped over; a lone \, a " or a control
  // character ends the search (one regex call per escape, not per character).
  const stop = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})|[\\"\u0000-\u001f]/g;
  stop.lastIndex = at + 1;
  let match: RegExpExecArray | null;
  do match = stop.exec(text);
  while (match !== null && match[0].length > 1);
  const i = match?.index ?? text.length;
  const fail = (message: string): JsonSyntaxError => ({ offset: i, message });
  if (i >= text.length) return { offset: at, message: 'the string that opens here is never closed; expected a matching " before the end of the file' };
  if (text[i] !== '\\') return fail(`found the control character ${codePoint(text.charCodeAt(i))} inside a string; expected it escaped (such as \\n or \\t)`);
  if (text[i + 1] === 'u') return fail(`found the escape ${/^\\u[0-9a-fA-F]*/.exec(text.slice(i, i + 6))![0]}; expected \\u and four hexadecimal digits`);
  const escape = i + 1 < text.length ? `the escape \\${String.fromCodePoint(text.codePointAt(i + 1)!)}` : 'a \\ at the end of the file';
  return fail(`found ${escape}; expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`);
}

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
