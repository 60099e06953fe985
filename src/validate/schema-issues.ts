/**
 * Turn zod's issues into located, readable `Issue`s: each names the file, line
 * and column, the field path, what was received and what was expected.
 */
import type { z } from 'zod';
import type { Issue, ParsedFile, Position } from '../model/records.js';
import { describeType, describeValue } from './describe.js';
import { allowedKeys, descriptionAt } from './schema-walk.js';
import { didYouMean } from './suggest.js';

type ZodIssue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

export function schemaIssues(file: ParsedFile, schema: z.ZodType, issues: readonly ZodIssue[]): Issue[] {
  return issues.flatMap((issue) => convert(file, schema, issue, issue.path));
}

function convert(file: ParsedFile, schema: z.ZodType, issue: ZodIssue, path: Path): Issue[] {
  const make = (code: Issue['code'], at: Path, message: string, onKey = false): Issue => ({
    code,
    file: file.path,
    ...locate(file, at, onKey),
    path: joinPath(at),
    message,
  });
  const value = valueAt(file.data, path);

  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schema, path);
      return issue.keys.map((key) =>
        make(
          'unknown-key',
          [...path, key],
          `unknown key "${key}"${didYouMean(key, allowed)}; expected one of: ${allowed.join(', ')}`,
          true,
        ),
      );
    }
    case 'invalid_type': {
      if (value === undefined) {
        const key = String(path[path.length - 1] ?? '');
        const about = descriptionAt(schema, path);
        const expected = about ? about.replace(/\.$/, '').replace(/ \(required\)$/, '') : describeType(issue.expected);
        return [make('missing-key', path.slice(0, -1), `missing required key "${key}"; expected ${lowerFirst(expected)}`)];
      }
      let hint = '';
      if (typeof value === 'string' && issue.expected === 'number' && value.trim() !== '' && !Number.isNaN(Number(value))) {
        hint = ' (numbers are written without quotes)';
      }
      const expected = path.length === 0 && issue.expected === 'object' ? 'a mapping of keys to values (a record)' : describeType(issue.expected);
      return [make('wrong-type', path, `expected ${expected}, received ${describeValue(value)}${hint}`)];
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const word = issue.code === 'too_small' ? 'at least' : 'at most';
      if (issue.origin === 'string') return [make('invalid-value', path, `expected non-empty text, received ${describeValue(value)}`)];
      if (issue.origin === 'array') return [make('out-of-range', path, `expected ${word} ${String(bound)} items, received ${describeValue(value)}`)];
      if (Math.abs(Number(bound)) === Number.MAX_SAFE_INTEGER) {
        return [make('out-of-range', path, `expected a whole number no larger than ${Number.MAX_SAFE_INTEGER}, received ${describeValue(value)}`)];
      }
      return [make('out-of-range', path, `expected ${word} ${String(bound)}, received ${describeValue(value)}`)];
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const suggestion = typeof value === 'string' ? didYouMean(value, options) : '';
      return [make('invalid-value', path, `expected one of ${options.join(', ')}, received ${describeValue(value)}${suggestion}`)];
    }
    case 'invalid_format':
      return [make('invalid-format', path, `${issue.message}, received ${describeValue(value)}`)];
    case 'custom': {
      const impossible = (issue.params as { tally?: string } | undefined)?.tally === 'impossible';
      const message = impossible ? issue.message : `${issue.message}, received ${describeValue(value)}`;
      return [make(impossible ? 'impossible' : 'invalid-value', path, message)];
    }
    case 'invalid_union': {
      // Report the branch that came closest: the one with the fewest problems.
      const branches = [...issue.errors].sort((a, b) => a.length - b.length);
      const best = branches[0];
      if (!best || best.length === 0) return [make('wrong-type', path, `expected ${issue.message}, received ${describeValue(value)}`)];
      return best.flatMap((inner) => convert(file, schema, inner, [...path, ...inner.path]));
    }
    default:
      return [make('invalid-value', path, `${issue.message}, received ${describeValue(value)}`)];
  }
}

/** The position of the value at `path`, or of its key, or of the nearest enclosing node. */
function locate(file: ParsedFile, path: Path, onKey: boolean): Position {
  for (let depth = path.length; depth >= 0; depth--) {
    const key = joinPath(path.slice(0, depth));
    const found = (onKey && depth === path.length ? file.positions.keys[key] : undefined) ?? file.positions.values[key];
    if (found) return found;
  }
  return { line: 1, column: 1 };
}

function joinPath(path: Path): string {
  return path.map(String).join('.');
}

function valueAt(data: unknown, path: Path): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
