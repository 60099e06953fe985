/**
 * `tally verify --junit FILE… --coverage FILE… [--mission NAME] [--json]`:
 * for CI after the test run, compare the records' current figures with fresh
 * runner output, storing nothing. Exit 1 on any difference.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readEvidence } from '../../evidence/read.js';
import { EvidenceError, type CoverageRun, type TestRun } from '../../evidence/types.js';
import { repositoryReading } from '../../load/repository.js';
import { generate } from '../../pipeline.js';
import { verifyModels, type VerifyRow } from '../../verify/compare.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, ExitError } from '../errors.js';
import { evidenceFormatOption, readTestFileMap } from '../evidence-options.js';
import { plural, printIssues, toJson } from '../format.js';
import type { CliIO } from '../io.js';

export interface VerifyCommandOptions {
  /** JUnit XML files from the test run. Default: none. */
  junit?: string[];
  /** Coverage files from the same run. Default: none. */
  coverage?: string[];
  /** Folder of mission folders. Default: `data`. */
  data?: string;
  /** Only this mission. Default: all. */
  mission?: string;
  /** The format of every file given, instead of detecting it. Default: detected. */
  format?: string;
  /** A JSON file of runner names to test files. Default: none. */
  testFileMap?: string;
  /** Print one JSON document instead of text. Default: false. */
  json?: boolean;
}

export async function verifyCommand(options: VerifyCommandOptions, io: CliIO): Promise<number> {
  const files = [...(options.junit ?? []), ...(options.coverage ?? [])];
  if (files.length === 0) throw new ExitError(EXIT_USAGE, 'nothing to verify against; expected --junit FILE and/or --coverage FILE from a test run');
  const format = evidenceFormatOption(options.format);
  const testFileMap = options.testFileMap === undefined ? undefined : await readTestFileMap(io.cwd, options.testFileMap);
  const tests: TestRun[] = [];
  const coverage: CoverageRun[] = [];
  for (const file of files) {
    const bytes = await readFile(path.resolve(io.cwd, file)).catch((error: NodeJS.ErrnoException) => {
      throw new ExitError(EXIT_USAGE, `${file}: cannot read the file (${error.code === 'ENOENT' ? 'no such file' : error.message}); expected runner output`);
    });
    try {
      const { result } = readEvidence(bytes, { file, ...repositoryReading(io.cwd), ...(format ? { format } : {}), ...(testFileMap ? { testFileMap } : {}) });
      if (result.kind === 'tests') tests.push(result.run);
      else coverage.push(result.run);
    } catch (error) {
      if (error instanceof EvidenceError) throw new ExitError(EXIT_FAILURE, `${error.file}:${error.line}:${error.column}: ${error.message}`);
      throw error;
    }
  }
  const generated = await generate({ cwd: io.cwd, models: true, ...(options.data === undefined ? {} : { data: options.data }), ...(options.mission === undefined ? {} : { mission: options.mission }) });
  if (generated.issues.length > 0) {
    printIssues(io, generated.issues, options.json === true, '.');
    return EXIT_FAILURE;
  }
  const rows = verifyModels(generated.reports.map((report) => report.model!), tests, coverage);
  const differ = rows.filter((row) => !row.matches);
  if (options.json) {
    io.stdout(toJson({ ok: differ.length === 0, compared: rows.length, differences: differ.length, rows }));
  } else {
    printTable(io, rows);
  }
  return differ.length === 0 ? EXIT_OK : EXIT_FAILURE;
}

function printTable(io: CliIO, rows: readonly VerifyRow[]): void {
  const differ = rows.filter((row) => !row.matches);
  if (rows.length === 0) {
    io.stdout('No component of the records has its test file or source in this output: nothing to compare.\n');
    return;
  }
  if (differ.length > 0) {
    const table = [['Component', 'Figure', 'Stated', 'Measured', 'Record'], ...differ.map((row) => [row.component, row.figure, row.stated, row.measured, `${row.file}:${row.line}`])];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((cells) => cells[i]!.length)));
    for (const cells of table) io.stderr(`${cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
    io.stderr(`\n${plural(differ.length, 'difference')} in ${plural(rows.length, 'figure')} compared; record a session with \`tally new --junit … --coverage …\`.\n`);
    return;
  }
  io.stdout(`${plural(rows.length, 'figure')} compared: every one matches the runner output.\n`);
}
