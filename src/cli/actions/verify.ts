/**
 * `tally verify --junit FILE… --coverage FILE… [--mission NAME] [--json]`:
 * for CI after the test run, compare the records' current figures with fresh
 * runner output, storing nothing. Exit 1 on any difference.
 */
import { missionModels } from '../../build/build.js';
import { verifyModels, type VerifyRow } from '../../verify/compare.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, ExitError } from '../errors.js';
import { readRunnerOutput, type RunnerOutputFlags } from '../runner-output.js';
import { plural, printIssues, toJson } from '../format.js';
import type { CliIO } from '../io.js';

export interface VerifyCommandOptions extends RunnerOutputFlags {
  /** Folder of mission folders. Default: `data`. */
  data?: string;
  /** Only this mission. Default: all. */
  mission?: string;
  /** Print one JSON document instead of text. Default: false. */
  json?: boolean;
}

export async function verifyCommand(options: VerifyCommandOptions, io: CliIO): Promise<number> {
  const output = await readRunnerOutput(options, io.cwd);
  if (output.length === 0) throw new ExitError(EXIT_USAGE, 'nothing to verify against; expected --junit FILE and/or --coverage FILE from a test run');
  const tests = output.flatMap((o) => (o.run.kind === 'tests' ? [o.run.run] : []));
  const coverage = output.flatMap((o) => (o.run.kind === 'coverage' ? [o.run.run] : []));
  // The records' figures only: no page is rendered to compare them.
  const made = await missionModels({ cwd: io.cwd, ...(options.data === undefined ? {} : { data: options.data }), ...(options.mission === undefined ? {} : { mission: options.mission }) });
  if (made.issues.length > 0) {
    printIssues(io, made.issues, options.json === true, '.');
    return EXIT_FAILURE;
  }
  const rows = verifyModels(made.models.map((entry) => entry.model), tests, coverage);
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
