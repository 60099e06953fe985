/** The options `tally new` and `tally verify` share for runner output: `--format` and `--test-file-map`. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EVIDENCE_FORMATS } from '../evidence/read.js';
import type { EvidenceFormat } from '../evidence/types.js';
import { EXIT_USAGE, ExitError } from './errors.js';

export function evidenceFormatOption(value: string | undefined): EvidenceFormat | undefined {
  if (value === undefined) return undefined;
  if ((EVIDENCE_FORMATS as readonly string[]).includes(value)) return value as EvidenceFormat;
  throw new ExitError(EXIT_USAGE, `--format ${value}: expected one of ${EVIDENCE_FORMATS.join(', ')}`);
}

/** `--test-file-map FILE`: a JSON object from the names a runner wrote (a suite, a classname) to test files. */
export async function readTestFileMap(cwd: string, file: string): Promise<Record<string, string>> {
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
