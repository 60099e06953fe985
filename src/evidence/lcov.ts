/**
 * lcov tracefiles (geninfo(1), "TRACEFILE FORMAT"), read line by line.
 *
 * Why not a library: `lcov-parse` treats its argument as a path and misreads
 * `FN:start,end,name`; `@friedemannsommer/lcov-parser` (5.x, the maintained one
 * that knows FNL/FNA) turns a number it cannot read into 0 and keeps going, and
 * says nothing about where a line was, so a malformed or truncated file would
 * become a wrong count. The format is one record per line, so a reader that
 * checks every line and says where it stopped is short.
 *
 * Counting: a file's lines are its `DA` lines, a line covered when its hit
 * count is above 0; the same `SF` in several records is merged by line (covered
 * in any record, total the union). `LF`/`LH` are used only for a record without
 * `DA` lines: where both are present and disagree (coverage.py 6.5 writes `DA`
 * for an executed docstring and `LF:0 LH:1`), the `DA` lines win, being the
 * per-line facts the summary is meant to count.
 */
import { assembleRun, markLine, relativeToRoot, type FileLines, type LineHits } from './coverage-run.js';
import { EvidenceError } from './error.js';
import type { ReadOptions } from '../model/evidence.js';
import type { CoverageRun } from '../model/evidence.js';

/** A field of a line and its 1-based column, for errors. */
interface Field {
  text: string;
  column: number;
}

/** One `SF` … `end_of_record` record while it is read. */
interface OpenRecord {
  path: string;
  line: number;
  lines: LineHits;
  lf: { value: number; at: Field; line: number } | null;
  lh: { value: number; at: Field; line: number } | null;
}

/** What is known of one source file over all its records. */
interface FileState {
  lines: LineHits;
  hasDa: boolean;
  /** Records of this file that had no `DA` line but counted lines in `LF`: they cannot be merged by line. */
  summaries: { covered: number; total: number; line: number }[];
}

/** What the producer check needs to have seen. */
interface Signs {
  da: number;
  daWithBase64Checksum: number;
  /** A DA hit count other than 0 or 1 (coverage.py writes only those), or a comment line. */
  notCoveragePy: boolean;
  functions: boolean;
  version: boolean;
}

class LcovReader {
  private readonly files = new Map<string, FileState>();
  private record: OpenRecord | null = null;
  private readonly signs: Signs = { da: 0, daWithBase64Checksum: 0, notCoveragePy: false, functions: false, version: false };
  private lineNo = 0;

  constructor(
    private readonly text: string,
    private readonly options: ReadOptions,
  ) {}

  read(): CoverageRun {
    const lines = this.text.split('\n');
    // A final newline ends the last line; it does not start another.
    if (lines.at(-1) === '') lines.pop();
    lines.forEach((raw, index) => {
      this.lineNo = index + 1;
      this.readLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    });
    if (this.record) this.truncated(this.record);
    // No record at all is a run that measured no file: vitest writes an empty lcov.info then.
    return assembleRun('lcov', this.producer(), this.finish());
  }

  private readLine(line: string): void {
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      this.signs.notCoveragePy = true;
      return;
    }
    if (line.trimEnd() === 'end_of_record') return this.endRecord();
    const colon = line.indexOf(':');
    const tag = colon === -1 ? line.trimEnd() : line.slice(0, colon);
    const rest = colon === -1 ? '' : line.slice(colon + 1);
    const handler = Object.hasOwn(HANDLERS, tag) ? HANDLERS[tag] : undefined;
    if (!handler) {
      this.fail(1, `found ${quote(line)}; expected an lcov line (TN:, SF:, VER:, FN:, FNDA:, FNL:, FNA:, FNF:, FNH:, DA:, LF:, LH:, BRDA:, BRF:, BRH:, MCDC: or end_of_record)`);
    }
    handler(this, tag, rest, colon + 2);
  }

  /** `TN:` names a test, not a tool; it belongs before a record's `SF:`. */
  testName(): void {
    if (this.record) this.fail(1, `found TN: inside the record for ${this.record.path} opened at line ${this.record.line}; expected end_of_record before the next test name`);
  }

  openRecord(path: string, column: number): void {
    if (this.record) {
      this.fail(1, `found SF: while the record for ${this.record.path} opened at line ${this.record.line} is not closed; expected end_of_record first`);
    }
    if (path.trim() === '') this.fail(column, 'found SF: with no path; expected SF:<source file>');
    this.record = { path, line: this.lineNo, lines: new Map(), lf: null, lh: null };
  }

  /** The record a line belongs to; a line outside any record is an error. */
  current(tag: string): OpenRecord {
    if (!this.record) this.fail(1, `found ${tag}: outside a record; expected SF:<source file> to open one first`);
    return this.record;
  }

  lineHit(fields: Field[]): void {
    const record = this.current('DA');
    const [line, hits, checksum] = this.expectFields(fields, 2, 3, 'DA:<line>,<hits>[,<checksum>]');
    const number = this.lineNumber(line!, 'DA', 1);
    this.count(hits!, 'the hit count of DA');
    markLine(record.lines, number, /[1-9]/.test(hits!.text));
    this.signs.da++;
    if (hits!.text !== '0' && hits!.text !== '1') this.signs.notCoveragePy = true;
    if (checksum && /^[A-Za-z0-9+/]{22}$/.test(checksum.text)) this.signs.daWithBase64Checksum++;
  }

  summary(tag: 'LF' | 'LH', fields: Field[]): void {
    const record = this.current(tag);
    const [value] = this.expectFields(fields, 1, 1, `${tag}:<count>`);
    const entry = { value: this.count(value!, `the count of ${tag}`), at: value!, line: this.lineNo };
    if (tag === 'LF') record.lf = entry;
    else record.lh = entry;
  }

  /** Lines that count nothing toward lines covered, checked all the same so a damaged file is never half read. */
  checked(tag: string, fields: Field[]): void {
    this.current(tag);
    CHECKS[tag]?.(this, fields);
    if (FUNCTION_TAGS.has(tag)) this.signs.functions = true;
    if (tag === 'VER') this.signs.version = true;
  }

  private endRecord(): void {
    const record = this.current('end_of_record');
    this.record = null;
    const key = relativeToRoot(record.path, this.options.root);
    const state: FileState = this.files.get(key) ?? { lines: new Map(), hasDa: false, summaries: [] };
    this.files.set(key, state);
    if (record.lines.size > 0) {
      state.hasDa = true;
      for (const [line, hit] of record.lines) markLine(state.lines, line, hit);
      return;
    }
    const total = record.lf?.value ?? 0;
    const covered = record.lh?.value ?? 0;
    if (covered > total) {
      const at = record.lh!;
      throw new EvidenceError(this.options.file, at.line, at.at.column, `found LH:${covered} above LF:${total} in a record with no DA lines; expected at most as many lines hit as found`);
    }
    if (total > 0) state.summaries.push({ covered, total, line: record.line });
  }

  /** Each file's lines, or its `LF`/`LH` where it has no `DA` line anywhere. */
  private finish(): Map<string, FileLines> {
    const byFile = new Map<string, FileLines>();
    for (const [file, state] of this.files) {
      const [summary, another] = state.summaries;
      if (summary && (state.hasDa || another)) {
        const at = another ?? summary;
        throw new EvidenceError(this.options.file, at.line, 1, `found a record for ${file} with LF/LH and no DA lines, and another record of the same file; expected DA lines in each, since records of one file are merged line by line`);
      }
      byFile.set(file, summary && !state.hasDa ? { counts: summary } : { lines: state.lines });
    }
    return byFile;
  }

  /**
   * coverage.py (6.5 seen) gives every `DA` line a base64 MD5 checksum and a
   * hit count of 0 or 1, and writes no function, `VER` or comment line; gcovr
   * and geninfo --checksum write real counts and function lines. No other mark
   * in lcov names a tool (`TN:` is a test name, and empty from istanbul).
   */
  private producer(): string | null {
    const { da, daWithBase64Checksum, notCoveragePy, functions, version } = this.signs;
    return da > 0 && daWithBase64Checksum === da && !notCoveragePy && !functions && !version ? 'coverage.py' : null;
  }

  private truncated(record: OpenRecord): never {
    // The end of the file: the start of the line after a final newline, else the end of the last line.
    const lines = this.text.split('\n');
    const column = lines.at(-1)!.length + 1;
    throw new EvidenceError(this.options.file, lines.length, column, `found the end of the file inside the record for ${record.path} opened at line ${record.line}; expected end_of_record (the file looks truncated)`);
  }

  expectFields(fields: Field[], min: number, max: number, shape: string): Field[] {
    if (fields.length < min || fields.length > max) {
      const at = fields[Math.min(fields.length, max)] ?? fields.at(-1)!;
      const found = fields.length < min ? `${fields.length} field${fields.length === 1 ? '' : 's'}` : `an extra field ${quote(at.text)}`;
      this.fail(at.column, `found ${found}; expected ${shape}`);
    }
    return fields;
  }

  /** A line number (at least `min`): geninfo's lines start at 1, coverage.py's BRDA uses 0 for "exit". */
  lineNumber(field: Field, what: string, min: 0 | 1): number {
    if (!/^\d+$/.test(field.text) || Number(field.text) < min) {
      this.fail(field.column, `found ${quote(field.text)} as the line number of ${what}; expected a whole number from ${min}`);
    }
    return Number(field.text);
  }

  /** A count: a whole number from 0 (hit counts can pass 2^53, so a hit is judged from the digits). */
  count(field: Field, what: string): number {
    if (!/^\d+$/.test(field.text)) this.fail(field.column, `found ${quote(field.text)} as ${what}; expected a whole number from 0`);
    return Number(field.text);
  }

  fail(column: number, message: string): never {
    throw new EvidenceError(this.options.file, this.lineNo, column, message);
  }
}

/** Split `rest` at commas; `limit` fields at most, the last keeping its commas (names and branch strings may have some). */
function splitFields(rest: string, column: number, limit = Infinity): Field[] {
  const fields: Field[] = [];
  let start = 0;
  while (fields.length < limit - 1) {
    const comma = rest.indexOf(',', start);
    if (comma === -1) break;
    fields.push({ text: rest.slice(start, comma), column: column + start });
    start = comma + 1;
  }
  fields.push({ text: rest.slice(start), column: column + start });
  return fields;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

const FUNCTION_TAGS = new Set(['FN', 'FNDA', 'FNL', 'FNA']);

type Handler = (reader: LcovReader, tag: string, rest: string, column: number) => void;

const HANDLERS: Record<string, Handler> = {
  TN: (reader) => reader.testName(),
  SF: (reader, _tag, rest, column) => reader.openRecord(rest, column),
  DA: (reader, _tag, rest, column) => reader.lineHit(splitFields(rest, column)),
  LF: (reader, tag, rest, column) => reader.summary(tag as 'LF', splitFields(rest, column)),
  LH: (reader, tag, rest, column) => reader.summary(tag as 'LH', splitFields(rest, column)),
  ...Object.fromEntries(
    ['VER', 'FN', 'FNDA', 'FNL', 'FNA', 'FNF', 'FNH', 'BRDA', 'BRF', 'BRH', 'MCDC'].map((tag): [string, Handler] => [
      tag,
      (reader, _tag, rest, column) => reader.checked(tag, splitFields(rest, column, FIELD_LIMIT[tag])),
    ]),
  ),
};

/** How many comma-separated fields a line has before its free text (a name, a branch string) begins. */
const FIELD_LIMIT: Record<string, number> = { VER: 1, FN: 3, FNDA: 2, FNA: 3, BRDA: Infinity, MCDC: 6 };

type Check = (reader: LcovReader, fields: Field[]) => void;

/** `<count>` lines: FNF, FNH, BRF, BRH. */
const countOnly = (tag: string): Check => (reader, fields) => {
  const [value] = reader.expectFields(fields, 1, 1, `${tag}:<count>`);
  reader.count(value!, `the count of ${tag}`);
};

/** A name or branch string: anything but nothing. */
function named(reader: LcovReader, field: Field | undefined, shape: string, column: number): void {
  if (!field || field.text === '') reader.fail(field?.column ?? column, `found no name; expected ${shape}`);
}

const CHECKS: Record<string, Check> = {
  FNF: countOnly('FNF'),
  FNH: countOnly('FNH'),
  BRF: countOnly('BRF'),
  BRH: countOnly('BRH'),
  // FN:<line>,<name> (lcov 1) or FN:<start>,<end>,<name> (lcov 2); the name may hold commas.
  FN: (reader, fields) => {
    const shape = 'FN:<line>,[<end line>,]<name>';
    const [start, second, third] = reader.expectFields(fields, 2, 3, shape);
    reader.lineNumber(start!, 'FN', 0);
    if (third !== undefined && /^\d+$/.test(second!.text)) return named(reader, third, shape, second!.column);
    named(reader, { text: fields.slice(1).map((f) => f.text).join(','), column: second!.column }, shape, second!.column);
  },
  FNDA: (reader, fields) => {
    const [hits, name] = reader.expectFields(fields, 2, 2, 'FNDA:<hits>,<name>');
    reader.count(hits!, 'the hit count of FNDA');
    named(reader, name, 'FNDA:<hits>,<name>', hits!.column);
  },
  // lcov 2.2: FNL:<index>,<start>[,<end>] then FNA:<index>,<hits>,<name> for each alias.
  FNL: (reader, fields) => {
    const [index, start, end] = reader.expectFields(fields, 2, 3, 'FNL:<index>,<start line>[,<end line>]');
    reader.count(index!, 'the function index of FNL');
    reader.lineNumber(start!, 'FNL', 0);
    if (end) reader.lineNumber(end, 'the end of FNL', 0);
  },
  FNA: (reader, fields) => {
    const [index, hits, name] = reader.expectFields(fields, 3, 3, 'FNA:<index>,<hits>,<name>');
    reader.count(index!, 'the function index of FNA');
    reader.count(hits!, 'the hit count of FNA');
    named(reader, name, 'FNA:<index>,<hits>,<name>', hits!.column);
  },
  // BRDA:<line>,[e]<block>,<branch>,<taken>: the branch may be a string with commas, taken "-" when never reached.
  BRDA: (reader, fields) => {
    const shape = 'BRDA:<line>,<block>,<branch>,<taken>';
    if (fields.length < 4) reader.expectFields(fields, 4, 4, shape);
    reader.lineNumber(fields[0]!, 'BRDA', 0);
    const block = fields[1]!;
    if (!/^e?\d+$/.test(block.text)) reader.fail(block.column, `found ${quote(block.text)} as the block of BRDA; expected a whole number (e<number> for an exception branch)`);
    named(reader, { text: fields.slice(2, -1).map((f) => f.text).join(','), column: fields[2]!.column }, shape, fields[2]!.column);
    const taken = fields.at(-1)!;
    if (taken.text !== '-' && !/^\d+$/.test(taken.text)) reader.fail(taken.column, `found ${quote(taken.text)} as the taken count of BRDA; expected a whole number from 0, or - for a branch never reached`);
  },
  // lcov 2.2 MC/DC: MCDC:<line>,<group size>,<sense>,<taken>,<index>,<expression>.
  MCDC: (reader, fields) => {
    const [line] = reader.expectFields(fields, 6, 6, 'MCDC:<line>,<group size>,<sense>,<taken>,<index>,<expression>');
    reader.lineNumber(line!, 'MCDC', 1);
  },
};

/** Read an lcov tracefile; throws `EvidenceError` at the first line it cannot read exactly. */
export function readLcov(text: string, options: ReadOptions): CoverageRun {
  return new LcovReader(text, options).read();
}
