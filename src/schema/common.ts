/**
 * Building blocks shared by the mission and session schemas. These zod schemas
 * are the single source of truth: the TypeScript types are inferred from them,
 * the runtime validation runs them, and `tally schema` writes them out as JSON
 * Schema.
 */
import { z } from 'zod';
import { IDENTIFIER } from './identifier.js';

/** True when `y-m-d` names a day that exists in the proleptic Gregorian calendar. */
function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** A calendar date kept as text (`YYYY-MM-DD`), never turned into a `Date`. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, { error: 'expected a real calendar date' })
  .describe('A calendar date as YYYY-MM-DD, for example 2025-09-08.');

/** A time of day in UTC as `HH:MM`. */
export const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a time as HH:MM (24-hour, UTC)' })
  .describe('A time of day in UTC as HH:MM, for example "21:00" (quote it in YAML).');

/** A non-negative safe integer: counts of tests, lines and sessions. */
export const count = z.int().min(0);

/**
 * Control characters (but tab and line breaks) and the bidirectional controls
 * that can make text read differently from what it is (Trojan Source).
 */
export const UNSAFE_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

function safeText(value: string): boolean {
  return !UNSAFE_CHARACTER.test(value);
}

/** The first unsafe character of a text, as U+XXXX, for the error message. */
function unsafeCharacter(value: string): string | null {
  const m = UNSAFE_CHARACTER.exec(value);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

const printable = {
  error: (issue: { input: unknown }) =>
    `found ${unsafeCharacter(String(issue.input))}, a control or bidirectional-override character, at offset ${String(issue.input).search(UNSAFE_CHARACTER)}; expected printable text`,
};

/** Free text of one or more characters, without control or bidirectional-override characters. */
export const text = z.string().min(1, { error: 'expected non-empty text' }).refine(safeText, printable);

/** `..` segments, absolute paths, drive letters and backslashes: anything that could leave the repository. */
export function insideRepository(value: string): boolean {
  return !/^[\\/]|^[a-zA-Z]:|\\/.test(value) && !value.split('/').includes('..');
}

/** A relative path inside the repository. */
export const relativePath = z
  .string()
  .min(1, { error: 'expected non-empty text' })
  .refine(safeText, printable)
  .refine(insideRepository, { error: 'expected a path relative to the repository, with "/" and without ".." (such as tests/unit/test_parser.py)' })
  .describe('A path relative to the repository root, with forward slashes.');

/** Identifiers for phases: lowercase letters, digits, `-` and `_`. */
export const identifier = z
  .string()
  .regex(IDENTIFIER, { error: 'expected an id of lowercase letters, digits, "-" and "_"' });

/**
 * Report impossible data (a part larger than its whole) on the field at
 * `field`: "passing (23) is greater than total (22); expected at most 22".
 */
export function atMost(
  ctx: z.RefinementCtx,
  field: string,
  label: string,
  value: number,
  limitLabel: string,
  limit: number,
): void {
  if (value <= limit) return;
  ctx.addIssue({
    code: 'custom',
    path: [field],
    message: `${label} (${value}) is greater than ${limitLabel} (${limit}); expected at most ${limit}`,
    params: { tally: 'impossible' },
  });
}

/** Line counts for coverage; `lines_covered` may not exceed `lines_total`. */
export const lineCoverage = z
  .strictObject({
    lines_covered: count.describe('Lines executed by the tests.'),
    lines_total: count.describe('Executable lines in the measured code.'),
  })
  .superRefine((value, ctx) => {
    atMost(ctx, 'lines_covered', 'lines_covered', value.lines_covered, 'lines_total', value.lines_total);
  });

/** Where an imported record came from: the legacy report and the line (provenance). */
export const provenance = z
  .strictObject({
    file: relativePath.describe('The legacy report the record was imported from.'),
    line: z.int().min(1).describe('The line of the legacy report it came from (1-based).'),
  })
  .describe('Provenance of an imported record: the legacy file and line it came from.');
