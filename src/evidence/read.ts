/**
 * One entry to the evidence readers: bytes in (gzipped or not), the format
 * detected from the content unless given, a test run or a coverage run out.
 * Pure: the caller reads the file.
 */
import { gunzipSync } from 'node:zlib';
import { readCobertura } from './cobertura.js';
import { readIstanbulFinal, readIstanbulSummary } from './istanbul.js';
import { readJunit } from './junit.js';
import { readLcov } from './lcov.js';
import { EvidenceError } from './error.js';
import type { ReadOptions } from '../model/evidence.js';
import type { CoverageRun, EvidenceFormat, TestRun } from '../model/evidence.js';

export type EvidenceRun = { kind: 'tests'; run: TestRun } | { kind: 'coverage'; run: CoverageRun };

/** The formats, in the order `--format` lists them. */
export const EVIDENCE_FORMATS: readonly EvidenceFormat[] = ['junit', 'lcov', 'istanbul-summary', 'istanbul-final', 'cobertura'];

/** Runner output is text; a `.gz` copy (Tally gzips what it stores over 1 MiB) is recognised by its magic bytes, not its name. */
function evidenceText(bytes: Uint8Array, file: string): string {
  let raw = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      raw = gunzipSync(bytes);
    } catch (error) {
      throw new EvidenceError(file, 1, 1, `found a gzip file that does not decompress (${(error as Error).message}); expected a whole .gz file`);
    }
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    throw new EvidenceError(file, 1, 1, 'found bytes that are not UTF-8; expected runner output as UTF-8 text');
  }
}

/** The format a file's content shows, or null: XML by its root element, JSON by its keys, lcov by its record lines. */
export function detectFormat(text: string): EvidenceFormat | null {
  const head = text.slice(0, 4096);
  // XML: skip the declaration, comments, processing instructions and a DOCTYPE to the root element.
  const root = /^\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>\s*)*<([A-Za-z_][\w.:-]*)/.exec(head)?.[1];
  if (root === 'testsuites' || root === 'testsuite') return 'junit';
  if (root === 'coverage') return 'cobertura';
  if (/^\s*\{/.test(head)) {
    if (/"total"\s*:\s*\{\s*"(?:lines|statements|functions|branches)"/.test(head)) return 'istanbul-summary';
    if (/"statementMap"\s*:/.test(text.slice(0, 1 << 20))) return 'istanbul-final';
    return null;
  }
  if (/^(?:TN|SF|VER):/m.test(head) && /^end_of_record\s*$/m.test(text)) return 'lcov';
  return null;
}

/** Read runner output of a known format; throws `EvidenceError` (file, line, column) on anything it cannot count exactly. */
function readEvidenceText(text: string, format: EvidenceFormat, options: ReadOptions): EvidenceRun {
  switch (format) {
    case 'junit':
      return { kind: 'tests', run: readJunit(text, options) };
    case 'lcov':
      return { kind: 'coverage', run: readLcov(text, options) };
    case 'istanbul-summary':
      return { kind: 'coverage', run: readIstanbulSummary(text, options) };
    case 'istanbul-final':
      return { kind: 'coverage', run: readIstanbulFinal(text, options) };
    case 'cobertura':
      return { kind: 'coverage', run: readCobertura(text, options) };
  }
}

/** Read runner output whose format is detected, or given (`--format`); a file that is none of the formats says which it could be. */
export function readEvidence(bytes: Uint8Array, options: ReadOptions & { format?: EvidenceFormat }): { format: EvidenceFormat; result: EvidenceRun } {
  const text = evidenceText(bytes, options.file);
  const format = options.format ?? detectFormat(text);
  if (format === null) {
    throw new EvidenceError(options.file, 1, 1, `found no format Tally reads; expected JUnit XML (<testsuites> or <testsuite>), lcov (SF: … end_of_record), istanbul coverage-summary.json or coverage-final.json, or Cobertura XML (<coverage>); name it with --format (${EVIDENCE_FORMATS.join(', ')})`);
  }
  return { format, result: readEvidenceText(text, format, options) };
}
