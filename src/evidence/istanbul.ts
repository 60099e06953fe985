/**
 * istanbul's JSON reports, as vitest, jest, c8 and nyc write them:
 * `coverage-summary.json` (json-summary) and `coverage-final.json` (json).
 *
 * The summary gives counts only, so files are taken as they are; two keys that
 * name the same file (one absolute, one relative) cannot be merged by line and
 * are an error. The final report gives statements, and lines are computed from
 * them as istanbul-lib-coverage 3.2's `FileCoverage#getLineCoverage` does: a
 * line is the start line of some statement, covered when any statement
 * starting on it was hit (an `l` map, written by istanbul 0.x, is ignored, as
 * istanbul ignores it).
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { jsonSyntaxError } from '../parse/json-syntax.js';
import { lineColumnAt } from '../text/line-column.js';
import { assembleRun, markLine, relativeToRoot, type FileLines, type LineHits } from './coverage-run.js';
import { EvidenceError } from './error.js';
import type { ReadOptions } from '../model/evidence.js';
import type { CoverageRun } from '../model/evidence.js';

type JsonPath = (string | number)[];

/** Where a JSON document breaks the shape expected of it. */
class ShapeError extends Error {
  constructor(
    readonly path: JsonPath,
    message: string,
    /** Point at the property's key rather than its value. */
    readonly atKey = false,
  ) {
    super(message);
  }
}

/** The JSON value of `text`, or an `EvidenceError` at the first syntax mistake. */
function parseJson(text: string, options: ReadOptions): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const found = jsonSyntaxError(text);
    const { line, column } = lineColumnAt(text, found?.offset ?? 0);
    throw new EvidenceError(options.file, line, column, `invalid JSON: ${found?.message ?? 'JSON.parse refused it'}`);
  }
}

/**
 * Run `read` over the parsed document; a `ShapeError` is placed at its value.
 * The tree with offsets is built only then: a valid file is never parsed twice.
 */
function withPositions<T>(text: string, options: ReadOptions, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    const tree = parseTree(text)!;
    // A missing property is placed at the object that lacks it.
    let path = error.path;
    while (path.length > 0 && !findNodeAtLocation(tree, path)) path = path.slice(0, -1);
    const node = findNodeAtLocation(tree, path) ?? tree;
    const at = error.atKey ? node.parent : node;
    const { line, column } = lineColumnAt(text, at?.offset ?? 0);
    throw new EvidenceError(options.file, line, column, error.message);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return `the number ${value}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function objectAt(value: unknown, path: JsonPath, what: string): Record<string, unknown> {
  if (!isObject(value)) throw new ShapeError(path, `${found(value, path)}; expected ${what}`);
  return value;
}

/** "found <value> at <path>", or "found no <key> in <parent>" when the property is missing. */
function found(value: unknown, path: JsonPath): string {
  if (value !== undefined) return `found ${describe(value)} at ${showPath(path)}`;
  return `found no ${JSON.stringify(path.at(-1))} in ${showPath(path.slice(0, -1))}`;
}

/** A whole number from `min`, as istanbul writes counts and line numbers. */
function wholeAt(value: unknown, path: JsonPath, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ShapeError(path, `${found(value, path)}; expected a whole number from ${min}`);
  }
  return value;
}

function showPath(path: JsonPath): string {
  return path.length === 0 ? 'the top level' : path.map((key) => (typeof key === 'number' ? `[${key}]` : JSON.stringify(key))).join(' → ');
}

/** Add a file to `byFile` under its path relative to the root; `merge` says what to do when a key already names it. */
function addFile(byFile: Map<string, FileLines>, key: string, data: FileLines, options: ReadOptions, path: JsonPath): void {
  const file = relativeToRoot(key, options.root);
  const known = byFile.get(file);
  if (!known) return void byFile.set(file, data);
  if ('lines' in known && 'lines' in data) {
    for (const [line, hit] of data.lines) markLine(known.lines, line, hit);
    return;
  }
  throw new ShapeError(path, `found ${file} a second time (as ${JSON.stringify(key)}); expected each file once, since counts without lines cannot be merged`, true);
}

/** coverage-summary.json: `total` and one key per file, each with `lines: { total, covered, skipped, pct }`; `pct` may be "Unknown". */
export function readIstanbulSummary(text: string, options: ReadOptions): CoverageRun {
  const json = parseJson(text, options);
  return withPositions(text, options, () => {
    const top = objectAt(json, [], 'an object with "total" and one key per file');
    if (!Object.hasOwn(top, 'total')) throw new ShapeError([], 'found no "total"; expected a coverage-summary.json with "total" and one key per file');
    const byFile = new Map<string, FileLines>();
    for (const [key, value] of Object.entries(top)) {
      if (key !== 'total') addFile(byFile, key, { counts: summaryLines(value, [key]) }, options, [key]);
    }
    const run = assembleRun('istanbul-summary', 'istanbul', byFile);
    checkTotal(summaryLines(top.total, ['total']), run.total);
    return run;
  });
}

/** `{ lines: { total, covered } }` of one entry, covered at most total. */
function summaryLines(value: unknown, path: JsonPath): { covered: number; total: number } {
  const lines = objectAt(objectAt(value, path, 'an object with "lines"').lines, [...path, 'lines'], 'an object { total, covered, skipped, pct }');
  const total = wholeAt(lines.total, [...path, 'lines', 'total'], 0);
  const covered = wholeAt(lines.covered, [...path, 'lines', 'covered'], 0);
  if (covered > total) throw new ShapeError([...path, 'lines', 'covered'], `found ${covered} lines covered of ${total} at ${showPath(path)}; expected at most the total`);
  return { covered, total };
}

/** istanbul computes `total` by adding up the files; a total that differs means the file was edited or cut. */
function checkTotal(stated: { covered: number; total: number }, summed: { lines_covered: number; lines_total: number }): void {
  if (stated.total !== summed.lines_total || stated.covered !== summed.lines_covered) {
    throw new ShapeError(
      ['total', 'lines'],
      `found total.lines ${stated.covered} covered of ${stated.total}, but the files add up to ${summed.lines_covered} of ${summed.lines_total}; expected the total to be the sum of the files`,
    );
  }
}

/** coverage-final.json: one key per file, each with `statementMap` and `s` (and `fnMap`, `f`, `branchMap`, `b`, not needed for lines). */
export function readIstanbulFinal(text: string, options: ReadOptions): CoverageRun {
  const json = parseJson(text, options);
  return withPositions(text, options, () => {
    const top = objectAt(json, [], 'an object with one key per file');
    const byFile = new Map<string, FileLines>();
    for (const [key, value] of Object.entries(top)) {
      const coverage = objectAt(value, [key], 'a file coverage object { path, statementMap, s, … }');
      // istanbul-lib-coverage keys a file by its `path`; the key is the same in every writer seen.
      const path = typeof coverage.path === 'string' ? coverage.path : key;
      addFile(byFile, path, { lines: statementLines(coverage, [key]) }, options, [key]);
    }
    return assembleRun('istanbul-final', 'istanbul', byFile);
  });
}

/** `getLineCoverage`: each hit count in `s` goes to the start line of its statement; a count without a statement is skipped, as istanbul does. */
function statementLines(coverage: Record<string, unknown>, path: JsonPath): LineHits {
  const map = objectAt(coverage.statementMap, [...path, 'statementMap'], 'an object of statement locations');
  const counts = objectAt(coverage.s, [...path, 's'], 'an object of statement hit counts');
  const lines: LineHits = new Map();
  for (const [id, count] of Object.entries(counts)) {
    const hits = wholeAt(count, [...path, 's', id], 0);
    if (!Object.hasOwn(map, id)) continue;
    const location = objectAt(map[id], [...path, 'statementMap', id], 'a location { start, end }');
    const start = objectAt(location.start, [...path, 'statementMap', id, 'start'], 'a position { line, column }');
    markLine(lines, wholeAt(start.line, [...path, 'statementMap', id, 'start', 'line'], 0), hits > 0);
  }
  return lines;
}
