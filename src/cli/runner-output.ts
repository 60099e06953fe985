/**
 * Runner output named on the command line (`tally new` and `tally verify`):
 * `--junit`, `--coverage`, `--format` and `--test-file-map`, read and parsed.
 * A file that cannot be read is a usage error (exit 2); one that is not runner
 * output, or given with the wrong flag, is invalid (exit 1), at its position.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EVIDENCE_FORMATS, readEvidence, type EvidenceRun } from '../evidence/read.js';
import { EvidenceError } from '../evidence/error.js';
import type { EvidenceFormat } from '../model/evidence.js';
import { repositoryReading } from '../load/repository.js';
import { EXIT_FAILURE, EXIT_USAGE, ExitError } from './errors.js';

export interface RunnerOutputFlags {
  /** JUnit XML files. Default: none. */
  junit?: string[];
  /** Coverage files (lcov, istanbul JSON, Cobertura XML). Default: none. */
  coverage?: string[];
  /** The format of every file given, instead of detecting it from the content. Default: detected. */
  format?: string;
  /** A JSON file mapping names the runner wrote (suite names, classnames) to test files. Default: none. */
  testFileMap?: string;
}

export interface RunnerOutput {
  /** As given on the command line. */
  file: string;
  bytes: Uint8Array;
  format: EvidenceFormat;
  run: EvidenceRun;
}

export async function readRunnerOutput(flags: RunnerOutputFlags, cwd: string): Promise<RunnerOutput[]> {
  const inputs = [...(flags.junit ?? []).map((file) => ({ file, kind: 'tests' as const })), ...(flags.coverage ?? []).map((file) => ({ file, kind: 'coverage' as const }))];
  if (inputs.length === 0) return [];
  const format = evidenceFormatOption(flags.format);
  const testFileMap = flags.testFileMap === undefined ? undefined : await readTestFileMap(cwd, flags.testFileMap);
  const read: RunnerOutput[] = [];
  for (const input of inputs) {
    const bytes = await readFile(path.resolve(cwd, input.file)).catch((error: NodeJS.ErrnoException) => {
      throw new ExitError(EXIT_USAGE, `${input.file}: cannot read the file (${error.code === 'ENOENT' ? 'no such file' : error.message}); expected ${input.kind === 'tests' ? 'JUnit XML' : 'a coverage file (lcov, istanbul JSON or Cobertura XML)'}`);
    });
    let parsed;
    try {
      parsed = readEvidence(bytes, { file: input.file, ...repositoryReading(cwd), ...(format ? { format } : {}), ...(testFileMap ? { testFileMap } : {}) });
    } catch (error) {
      if (error instanceof EvidenceError) throw new ExitError(EXIT_FAILURE, `${error.file}:${error.line}:${error.column}: ${error.message}`);
      throw error;
    }
    if (parsed.result.kind !== input.kind) {
      const is = parsed.result.kind === 'tests' ? 'JUnit XML (test results)' : `${parsed.format} (coverage)`;
      throw new ExitError(EXIT_USAGE, `${input.file}: ${is} given with --${input.kind === 'tests' ? 'junit' : 'coverage'}; expected it with --${parsed.result.kind === 'tests' ? 'junit' : 'coverage'}`);
    }
    read.push({ file: input.file, bytes, format: parsed.format, run: parsed.result });
  }
  return read;
}

function evidenceFormatOption(value: string | undefined): EvidenceFormat | undefined {
  if (value === undefined) return undefined;
  if ((EVIDENCE_FORMATS as readonly string[]).includes(value)) return value as EvidenceFormat;
  throw new ExitError(EXIT_USAGE, `--format ${value}: expected one of ${EVIDENCE_FORMATS.join(', ')}`);
}

/** `--test-file-map FILE`: a JSON object from the names a runner wrote (a suite, a classname) to test files. */
async function readTestFileMap(cwd: string, file: string): Promise<Record<string, string>> {
  const text = await readFile(path.resolve(cwd, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ExitError(EXIT_USAGE, `${file}: cannot read the file (${error.code === 'ENOENT' ? 'no such file' : error.message}); expected a JSON object of runner names to test files`);
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ExitError(EXIT_USAGE, `${file}: invalid JSON (${(error as Error).message}); expected an object such as {"Parser suite": "tests/parser.test.ts"}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new ExitError(EXIT_USAGE, `${file}: expected a JSON object whose values are test file paths, such as {"Parser suite": "tests/parser.test.ts"}`);
  }
  return value as Record<string, string>;
}
