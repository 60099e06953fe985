/** What Tally reads from test-runner and coverage output (README, "Evidence"): plain data, the same whatever the format it came from. */

export type TestFormat = 'junit';

export type CoverageFormat = 'lcov' | 'istanbul-summary' | 'istanbul-final' | 'cobertura';

export type EvidenceFormat = TestFormat | CoverageFormat;

/** The outcomes of the test cases of one test file, counted from the cases, never from suite attributes. */
export interface TestFileResult {
  /** The test file, relative to the repository root with "/", or as the runner names it when it cannot be known (a Go package path). */
  file: string;
  /** Every test case once: a rerun that passed counts once as passed (and as flaky), one that failed every time once as failed. */
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Of the passed: passed only on a rerun. */
  flaky: number;
  /** Sum of the cases' times in seconds; null when no case states a time. */
  duration_s: number | null;
}

/** A JUnit XML file, read. */
export interface TestRun {
  format: TestFormat;
  /** The tool that wrote it, when the file says (`vitest`, `jest`, `pytest`, `surefire`, `gotestsum`, `playwright`, `mocha`), else null. */
  producer: string | null;
  /** By test file, in code-point order of `file`. */
  files: TestFileResult[];
}

/** Lines covered of one source file. */
export interface FileCoverage {
  /** Relative to the repository root with "/" (absolute paths made relative), or as written when outside it. */
  file: string;
  lines_covered: number;
  lines_total: number;
}

/** A coverage file, read: per source file, and the total (summed counts, never averaged rates). */
export interface CoverageRun {
  format: CoverageFormat;
  producer: string | null;
  /** By source file, in code-point order of `file`; the same file in several records merged. */
  files: FileCoverage[];
  total: { lines_covered: number; lines_total: number };
}

/** Options every reader takes. */
export interface ReadOptions {
  /** The path shown in errors. */
  file: string;
  /** The repository root (absolute), to make absolute paths in the file relative to it. */
  root: string;
  /**
   * Whether a path relative to `root` ("/" separators) names a file of the
   * repository. Cobertura names files relative to one of several `<source>`
   * roots without saying which: with this, the first source under which the
   * file exists is taken; without it (or when none has it), the first source.
   * Default: none.
   */
  exists?: (path: string) => boolean;
  /**
   * JUnit: names the runner wrote (a testcase's `file` or `classname`, a
   * testsuite's `file` or `name`, exactly as written) mapped to the test file
   * they stand for; looked up before any other rule (`--test-file-map`).
   * Default: none.
   */
  testFileMap?: Readonly<Record<string, string>>;
  /** XML: the most characters of text accepted (default 512 MiB); a longer file is refused. */
  maxLength?: number;
}
