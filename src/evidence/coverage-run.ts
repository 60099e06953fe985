/**
 * What the coverage readers share: paths made relative to the repository
 * root, lines merged by number, and the run assembled (files in code-point
 * order, totals summed from counts, never averaged from rates).
 */
import { compareText } from '../text/compare.js';
import { posix } from 'node:path';
import type { CoverageFormat, CoverageRun, FileCoverage } from '../model/evidence.js';

/** Hit counts of one file's lines, by line number: a line is covered when any report of it was hit. */
export type LineHits = Map<number, boolean>;

/** A file's coverage before assembly: its lines, or only counts where the format gives no lines. */
export type FileLines = { lines: LineHits } | { counts: { covered: number; total: number } };

/** Record `covered` for `line`, keeping it covered if an earlier report of the same line was. */
export function markLine(lines: LineHits, line: number, covered: boolean): void {
  lines.set(line, covered || lines.get(line) === true);
}

const WINDOWS_ABSOLUTE = /^[A-Za-z]:[\\/]/;

/** Whether `path` is absolute on POSIX or Windows. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || WINDOWS_ABSOLUTE.test(path);
}

/**
 * `path` relative to `root` with "/" separators. Backslashes count as
 * separators (output written on Windows), "./" and "a/../" are folded. A path
 * outside `root` (absolute elsewhere, or climbing above it with "..") stays
 * exactly as written: it cannot be matched to a file of this repository, and a
 * guess would be worse than the truth.
 */
export function relativeToRoot(path: string, root: string): string {
  const slashed = path.replaceAll('\\', '/');
  if (isAbsolutePath(path)) {
    const base = posix.normalize(root.replaceAll('\\', '/')).replace(/\/+$/, '');
    const normal = posix.normalize(slashed);
    if (base !== '' && normal.startsWith(`${base}/`)) return inside(normal.slice(base.length + 1), path);
    if (base === '' && normal.startsWith('/')) return inside(normal.slice(1), path);
    return path;
  }
  return inside(posix.normalize(slashed), path);
}

/** A normalized relative path, or `written` when it climbs out of the root or names the root itself. */
function inside(relative: string, written: string): string {
  const trimmed = relative.replace(/\/+$/, '');
  if (trimmed === '' || trimmed === '.' || trimmed === '..' || trimmed.startsWith('../')) return written;
  return trimmed;
}

/** The run: one entry per file in code-point order, and the total as the sum of the files' counts. */
export function assembleRun(format: CoverageFormat, producer: string | null, byFile: ReadonlyMap<string, FileLines>): CoverageRun {
  const files: FileCoverage[] = [...byFile.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([file, data]) => ({ file, ...countLines(data) }));
  const total = { lines_covered: 0, lines_total: 0 };
  for (const file of files) {
    total.lines_covered += file.lines_covered;
    total.lines_total += file.lines_total;
  }
  return { format, producer, files, total };
}

function countLines(data: FileLines): { lines_covered: number; lines_total: number } {
  if ('counts' in data) return { lines_covered: data.counts.covered, lines_total: data.counts.total };
  let covered = 0;
  for (const hit of data.lines.values()) if (hit) covered++;
  return { lines_covered: covered, lines_total: data.lines.size };
}

/**
 * Each file's result from the first run that names it, with that run: how
 * several test or coverage runs of one session (or one `tally verify`) are read as one.
 */
export function firstByFile<R extends { files: readonly { file: string }[] }>(runs: readonly R[]): Map<string, { result: R['files'][number]; run: R }> {
  const files = new Map<string, { result: R['files'][number]; run: R }>();
  for (const run of runs) for (const result of run.files) if (!files.has(result.file)) files.set(result.file, { result, run });
  return files;
}

/**
 * Several coverage runs of one session as one (a backend and a frontend run):
 * each source file once, from the first run that measures it, with that run,
 * and the code base's lines as the sum over those files. The rule `tally new`
 * writes a session by and a build re-derives it by.
 */
export function mergeRuns<R extends { files: readonly FileCoverage[] }>(runs: readonly R[]): { files: Map<string, { result: FileCoverage; run: R }>; lines_covered: number; lines_total: number } {
  const files = firstByFile(runs);
  let covered = 0;
  let total = 0;
  for (const { result } of files.values()) {
    covered += result.lines_covered;
    total += result.lines_total;
  }
  return { files, lines_covered: covered, lines_total: total };
}
