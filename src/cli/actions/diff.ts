/**
 * `tally diff [--base REF]`: what the working tree's records change against a
 * git revision, as markdown for a pull-request comment (or `--json`).
 */
import path from 'node:path';
import { compareModels } from '../../diff/compare.js';
import { diffToMarkdown } from '../../diff/to-markdown.js';
import { defaultBase, GitError, readDataAt } from '../../load/git.js';
import { DataFolderError, display, readData } from '../../load/read-data.js';
import { modelsFrom } from '../../build/make-mission.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, ExitError } from '../errors.js';
import { formatIssue, plural, printIssues, toJson } from '../format.js';
import type { CliIO } from '../io.js';
import type { MissionModel } from '../../model/mission-model.js';

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
  const mission = options.mission;
  let base: string;
  let before;
  try {
    base = options.base ?? (await defaultBase(io.cwd));
    before = await readDataAt(io.cwd, base, dataDir);
  } catch (error) {
    if (error instanceof GitError) throw new ExitError(EXIT_USAGE, `${error.message}; tally diff needs a git repository and a revision to compare with (--base REF)`);
    throw error;
  }
  // `--mission NAME` compares that mission alone, as build and check build it alone. A name
  // that is no mission folder is a usage error, as there, unless the mission is at the base
  // (the change removes it).
  const inBase = mission !== undefined && before.missions.some((m) => m.name === mission);
  let loaded: Awaited<ReturnType<typeof readData>>;
  try {
    loaded = await readData(dataDir, { cwd: io.cwd, ...(mission === undefined ? {} : { mission }) });
  } catch (error) {
    if (!(error instanceof DataFolderError && inBase)) throw error;
    loaded = { missions: [], issues: [] };
  }
  const after = modelsFrom(loaded.missions);
  if (loaded.issues.length > 0 || after.issues.length > 0) {
    printIssues(io, [...loaded.issues, ...after.issues], options.json === true, '; fix the records first.');
    return EXIT_FAILURE;
  }
  const missionDir = mission === undefined ? null : display(io.cwd, path.resolve(io.cwd, dataDir, mission));
  const ours = (file: string) => missionDir === null || file.startsWith(`${missionDir}/`);
  // Out-of-place files at the base change none of its figures: named, not held against it.
  for (const issue of before.issues.filter((i) => ours(i.file))) io.stderr(`tally: at ${base}: ${formatIssue(issue)}\n`);
  // Each base mission on its own: an invalid record at the base sets aside its own mission, not every one.
  const previous: MissionModel[] = [];
  for (const folder of before.missions.filter((m) => mission === undefined || m.name === mission)) {
    const unreadable = before.issues.filter((i) => i.code === 'file-unreadable' && i.file.startsWith(`${folder.dir}/`)).length;
    const made = unreadable > 0 ? null : modelsFrom([folder]);
    const problems = made ? made.issues.length : unreadable;
    if (made) previous.push(...made.models);
    if (problems > 0) io.stderr(`tally: the records of ${folder.name} at ${base} have ${plural(problems, 'problem')}; that mission is compared as if absent.\n`);
  }
  const diff = compareModels(options.base ?? base.slice(0, 12), previous, after.models);
  io.stdout(options.json ? toJson(diff) : diffToMarkdown(diff));
  return EXIT_OK;
}
