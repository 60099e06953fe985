/**
 * Cobertura XML, as coverage.py, istanbul (vitest, jest, nyc, c8), gcovr and
 * Cobertura itself write it, read through the shared safe XML reader.
 *
 * Counting: only `coverage/packages/package/classes/class/lines/line`, a line
 * covered when `hits` is above 0. The `<line>`s under `<methods>` repeat
 * (coverage.py, Cobertura) or add (istanbul: the declaration line) lines that
 * the class list already accounts for, so they are never counted. The same file
 * in several classes (inner classes, one class per package) is merged by line.
 *
 * Paths: a class's `filename` is relative to one of the `<source>` roots.
 * With one source it is joined to it; with several, the first source under
 * which `options.exists` finds the file, else the first source. The result is
 * made relative to `options.root` ("/" separators), or kept as joined when it
 * lies outside.
 */
import { posix } from 'node:path';
import { assembleRun, isAbsolutePath, markLine, relativeToRoot, type FileLines, type LineHits } from './coverage-run.js';
import { EvidenceError } from './error.js';
import type { ReadOptions } from '../model/evidence.js';
import type { CoverageRun } from '../model/evidence.js';
import { walkXml, type XmlStart } from './xml.js';

const CLASS_PATH = 'coverage/packages/package/classes/class';
const LINE_PATH = `${CLASS_PATH}/lines/line`;
const SOURCE_PATH = 'coverage/sources/source';

/** What one pass over the document collects: lines by `filename` as written, and the source roots. */
interface Collected {
  sources: string[];
  lines: Map<string, LineHits>;
  version: string | null;
}

/** Read a Cobertura XML report; throws `EvidenceError` (file, line, column) on malformed XML or a class or line it cannot count. */
export function readCobertura(text: string, options: ReadOptions): CoverageRun {
  const collected = collect(text, options.file);
  const byFile = new Map<string, FileLines>();
  for (const [filename, lines] of collected.lines) {
    const file = resolve(filename, collected.sources, options);
    const known = byFile.get(file);
    if (known && 'lines' in known) for (const [line, hit] of lines) markLine(known.lines, line, hit);
    else byFile.set(file, { lines });
  }
  return assembleRun('cobertura', producer(text, collected.version), byFile);
}

function collect(text: string, file: string): Collected {
  const collected: Collected = { sources: [], lines: new Map(), version: null };
  // The path of each open element, joined as it opens: a large file has an element a covered line.
  const path: string[] = [];
  let currentClass: LineHits | null = null;
  let source: string | null = null;
  walkXml(text, file, {
    open(element) {
      const at = path.length === 0 ? element.name : `${path.at(-1)}/${element.name}`;
      path.push(at);
      if (element.depth === 1) collected.version = checkRoot(element, file);
      else if (at === SOURCE_PATH) source = '';
      else if (at === CLASS_PATH) currentClass = classLines(element, file, collected.lines);
      else if (at === LINE_PATH) readLine(element, file, currentClass!);
    },
    close(element) {
      const at = path.at(-1);
      if (at === SOURCE_PATH && source !== null) {
        // An empty <source/> names no root; whitespace around a path is layout.
        if (source.trim() !== '') collected.sources.push(source.trim());
        source = null;
      }
      if (element.name === 'class' && at === CLASS_PATH) currentClass = null;
      path.pop();
    },
    text(chunk) {
      if (source !== null) source += chunk;
    },
  });
  return collected;
}

function checkRoot(root: XmlStart, file: string): string | null {
  if (root.name !== 'coverage') {
    throw new EvidenceError(file, root.line, root.column, `found <${root.name}> as the root element; expected <coverage> (Cobertura XML)`);
  }
  return root.attributes.version ?? null;
}

/** The line map of a class's file, shared by every class of the same `filename`. */
function classLines(element: XmlStart, file: string, lines: Map<string, LineHits>): LineHits {
  const filename = element.attributes.filename;
  if (filename === undefined || filename.trim() === '') {
    throw new EvidenceError(file, element.line, element.column, `found <class${element.attributes.name ? ` name=${JSON.stringify(element.attributes.name)}` : ''}> without a filename; expected the source file it covers in filename="…"`);
  }
  const known = lines.get(filename);
  if (known) return known;
  const created: LineHits = new Map();
  lines.set(filename, created);
  return created;
}

/** `<line number="…" hits="…">`: a line from 1, hits from 0 (hit counts can pass 2^53, so a hit is judged from the digits). */
function readLine(element: XmlStart, file: string, lines: LineHits): void {
  const { number, hits } = element.attributes;
  const wrong = (what: string, value: string | undefined, expected: string): never => {
    throw new EvidenceError(file, element.line, element.column, `found ${value === undefined ? `no ${what}` : `${what}=${JSON.stringify(value)}`} on <line>; expected ${expected}`);
  };
  if (number === undefined || !/^\d+$/.test(number) || Number(number) < 1) return wrong('number', number, 'number="<line number from 1>"');
  if (hits === undefined || !/^\d+$/.test(hits)) return wrong('hits', hits, 'hits="<whole number from 0>"');
  markLine(lines, Number(number), /[1-9]/.test(hits));
}

/** `filename` joined to the source that holds it, relative to the root. */
function resolve(filename: string, sources: readonly string[], options: ReadOptions): string {
  if (isAbsolutePath(filename) || sources.length === 0) return relativeToRoot(filename, options.root);
  const candidates = sources.map((source) => relativeToRoot(joinSource(source, filename), options.root));
  const { exists } = options;
  return (exists && candidates.find((candidate) => exists(candidate))) || candidates[0]!;
}

/** A source root and a file under it, with "/" (a Windows root keeps its drive letter). */
function joinSource(source: string, filename: string): string {
  return posix.join(source.replaceAll('\\', '/'), filename.replaceAll('\\', '/'));
}

/**
 * The writer, when the file names it: coverage.py in a comment, gcovr in the
 * root's `version`; istanbul-reports always writes Cobertura's DOCTYPE with
 * `version="0.1"`, which no other writer seen uses.
 */
function producer(text: string, version: string | null): string | null {
  const head = text.slice(0, 4096);
  if (/<!--\s*Generated by coverage\.py\b/.test(head)) return 'coverage.py';
  if (version?.startsWith('gcovr')) return 'gcovr';
  if (version === '0.1' && /<!DOCTYPE\s+coverage\s+SYSTEM\s+["']http:\/\/cobertura\.sourceforge\.net\/xml\/coverage-04\.dtd["']\s*>/.test(head)) return 'istanbul';
  return null;
}
