/**
 * `tally diff [--base REF]`: what the working tree's records change against a
 * git revision, as markdown for a pull-request comment (or `--json`).
 */
import { compareModels } from '../../diff/compare.js';
import { diffToMarkdown } from '../../diff/to-markdown.js';
import { defaultBase, GitError, readDataAt } from '../../load/git.js';
import { readData } from '../../load/read-data.js';
import { modelsFrom } from '../../make-reports.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, ExitError } from '../errors.js';
import { printIssues, toJson } from '../format.js';
import type { CliIO } from '../io.js';

export interface DiffCommandOptions {
  /** The git revision to compare with. Default: the merge base of HEAD with the main branch. */
  base?: string;
  /** Folder of mission folders. Default: `data`. */
  data?: string;
  /** Only this mission. Default: all. */
  mission?: string;
  /** Print one JSON document instead of markdown. Default: false. */
  json?: boolean;
}

export async function diffCommand(options: DiffCommandOptions, io: CliIO): Promise<number> {
  const dataDir = options.data ?? 'data';
  let base: string;
  let before;
  try {
    base = options.base ?? (await defaultBase(io.cwd));
    before = await readDataAt(io.cwd, base, dataDir);
  } catch (error) {
    if (error instanceof GitError) throw new ExitError(EXIT_USAGE, `${error.message}; tally diff needs a git repository and a revision to compare with (--base REF)`);
    throw error;
  }
  const loaded = await readData(dataDir, { cwd: io.cwd });
  const after = modelsFrom(loaded.missions);
  if (loaded.issues.length > 0 || after.issues.length > 0) {
    printIssues(io, [...loaded.issues, ...after.issues], options.json === true, '; fix the records first.');
    return EXIT_FAILURE;
  }
  const previous = modelsFrom(before);
  if (previous.issues.length > 0) io.stderr(`tally: the records at ${base} have ${previous.issues.length} problems; their missions are compared as if absent.\n`);
  const pick = <T extends { name: string }>(models: T[]) => (options.mission ? models.filter((m) => m.name === options.mission) : models);
  const diff = compareModels(options.base ?? base.slice(0, 12), pick(previous.models), pick(after.models));
  io.stdout(options.json ? toJson(diff) : diffToMarkdown(diff));
  return EXIT_OK;
}
