/**
 * Where JSON text stops being JSON (RFC 8259), and what was expected there.
 *
 * `JSON.parse` says what went wrong, but not always where: Node 20 gives "at
 * position N" for some mistakes and none for others ("Unexpected token 'x',
 * "…" is not valid JSON"), and the wording changes between Node versions. This
 * scanner runs only once `JSON.parse` has failed, so it never slows a valid
 * record; it keeps its own stack, so no nesting depth overflows it.
 */

export interface JsonSyntaxError {
  /** Offset in the text (UTF-16 code units) of the mistake. */
  offset: number;
  /** What was found and what was expected, without the "invalid JSON" prefix. */
  message: string;
}

const VALUE = 'a value (an object, array, string, number, true, false or null)';

/** The first syntax error of `text`, or null when it is JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const stack: ('{' | '[')[] = [];
  const fail = (offset: number, message: string): JsonSyntaxError => ({ offset, message });
  const skip = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };

  /** A string at `i` (which is a `"`); moves past it. */
  const string = (): JsonSyntaxError | null => {
    const open = i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return fail(i, `found the control character ${codePoint(c)} inside a string; expected it escaped (such as \\n or \\t)`);
      if (c === 0x5c) {
        const escape = text[i + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail(i, `found the escape ${/^\\u[0-9a-fA-F]*/.exec(text.slice(i, i + 6))![0]}; expected \\u and four hexadecimal digits`);
          i += 6;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) {
          return fail(i, `found ${escape === undefined ? 'a \\ at the end of the file' : `the escape \\${escape}`}; expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`);
        }
        i += 2;
        continue;
      }
      i++;
    }
    return fail(open, 'the string that opens here is never closed; expected a matching " before the end of the file');
  };

  /** A number at `i`; moves past it. */
  const number = (): JsonSyntaxError | null => {
    const digits = (): boolean => {
      const start = i;
      while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
      return i > start;
    };
    if (text[i] === '-') i++;
    if (text[i] === '0') {
      i++;
      if (text[i] !== undefined && text[i]! >= '0' && text[i]! <= '9') return fail(i, 'found a digit after a leading 0; expected a number without leading zeros');
    } else if (!digits()) {
      return fail(i, `found ${describe(text, i)} after "-"; expected a digit`);
    }
    if (text[i] === '.') {
      i++;
      if (!digits()) return fail(i, `found ${describe(text, i)} after the decimal point; expected a digit`);
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!digits()) return fail(i, `found ${describe(text, i)} in the exponent; expected a digit`);
    }
    return null;
  };

  /** A property name and its colon, at `i` after `{` or `,`. */
  const key = (afterComma: boolean): JsonSyntaxError | null => {
    skip();
    if (text[i] !== '"') {
      if (afterComma && text[i] === '}') return fail(i, 'found "}" after a comma; expected another property (JSON has no trailing commas)');
      return fail(i, `found ${describe(text, i)}; expected a property name in double quotes`);
    }
    const error = string();
    if (error) return error;
    skip();
    if (text[i] !== ':') return fail(i, `found ${describe(text, i)}; expected ":" after the property name`);
    i++;
    return null;
  };

  skip();
  for (;;) {
    // A value is expected at `i`.
    skip();
    const c = text[i];
    let error: JsonSyntaxError | null = null;
    let scalar = true;
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') i++;
      else {
        stack.push('{');
        error = key(false);
        scalar = false;
      }
    } else if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') i++;
      else {
        stack.push('[');
        scalar = false;
      }
    } else if (c === '"') {
      error = string();
    } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      error = number();
    } else {
      const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 64))?.[0];
      if (word === 'true' || word === 'false' || word === 'null') i += word.length;
      else if (c === ']' && stack.at(-1) === '[' && text.slice(0, i).trimEnd().endsWith(',')) {
        return fail(i, 'found "]" after a comma; expected another element (JSON has no trailing commas)');
      } else return fail(i, `found ${describe(text, i)}; expected ${VALUE}`);
    }
    if (error) return error;
    if (!scalar) continue;

    // After a whole value: close what it ends, until the next value is due.
    for (;;) {
      skip();
      const open = stack.at(-1);
      if (open === undefined) {
        return i < text.length ? fail(i, `found ${describe(text, i)} after the JSON value; expected the end of the file`) : null;
      }
      const next = text[i];
      if (next === ',') {
        i++;
        if (open === '{') {
          const keyError = key(true);
          if (keyError) return keyError;
        }
        break;
      }
      if ((open === '{' && next === '}') || (open === '[' && next === ']')) {
        stack.pop();
        i++;
        continue;
      }
      return fail(
        i,
        open === '{'
          ? `found ${describe(text, i)}; expected "," or "}" after a property value`
          : `found ${describe(text, i)}; expected "," or "]" after an array element`,
      );
    }
  }
}

/** What stands at `at`: the end of the file, a word, or one character. */
function describe(text: string, at: number): string {
  if (at >= text.length) return 'the end of the file';
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(at, at + 40))?.[0];
  if (word) return `"${word}"`;
  const code = text.codePointAt(at)!;
  if (code < 0x20 || code === 0x7f) return `the control character ${codePoint(code)}`;
  const char = String.fromCodePoint(code);
  return char === '"' ? "'\"'" : `"${char}"`;
}

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Line and column (1-based) of an offset; lines end at \n. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}
