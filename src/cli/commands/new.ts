/**
 * `tally new --mission NAME --title TEXT [...]`: create a valid session file
 * with a unique name; never overwrites. Prints the path of the new file.
 */
import path from 'node:path';
import { readData, readNamedFile } from '../../load/read-data.js';
import { schemaDirFrom } from '../../import/to-records.js';
import { checkDraft, draftFromFlags, draftFromJson, sessionFile, type SessionFlags } from '../../new/new-session.js';
import type { Issue } from '../../types.js';
import { validateMissionFile } from '../../validate/validate.js';
import { createExclusive, ExistsError, randomSuffix } from '../../write/create-exclusive.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, ExitError } from '../errors.js';
import { printIssues, toJson } from '../format.js';
import type { CliIO } from '../io.js';

export interface NewCommandOptions extends SessionFlags {
  /** The mission folder under --data. Required. */
  mission?: string;
  /** Folder of mission folders. Default: `data`. */
  data?: string;
  /** The whole record as JSON, from a file or `-` for standard input. Default: none. */
  fromJson?: string;
  /** Check and print the record; write nothing. Default: false. */
  dryRun?: boolean;
  /** Print one JSON document instead of the path. Default: false. */
  json?: boolean;
}

const RECORD_FLAGS: (keyof SessionFlags)[] = ['title', 'date', 'start', 'end', 'session', 'phase', 'status', 'component', 'note', 'nextStep'];

export async function newCommand(options: NewCommandOptions, io: CliIO): Promise<number> {
  if (!options.mission) throw new ExitError(EXIT_USAGE, 'missing --mission NAME: the mission folder under --data');
  const given = RECORD_FLAGS.filter((flag) => options[flag] !== undefined && !(Array.isArray(options[flag]) && options[flag].length === 0));
  if (options.fromJson !== undefined && given.length > 0) {
    throw new ExitError(EXIT_USAGE, `--from-json takes the whole record; put ${given.map((f) => `"${f}"`).join(', ')} in the JSON instead of flags`);
  }
  if (options.fromJson === undefined && options.title === undefined) {
    throw new ExitError(EXIT_USAGE, 'missing --title TEXT (or give the whole record with --from-json FILE|-)');
  }

  const dataDir = options.data ?? 'data';
  const loaded = await readData(dataDir, { cwd: io.cwd, mission: options.mission });
  const folder = loaded.missions[0]!;
  if (!folder.mission) {
    return fail(io, options, [{ code: 'missing-mission', file: `${folder.dir}/mission.yaml`, line: 1, column: 1, path: '', message: `missing mission file; expected ${folder.dir}/mission.yaml with at least a title` }]);
  }
  const mission = validateMissionFile(folder.mission);
  if (!mission.record) return fail(io, options, mission.issues);

  const today = io.today?.() ?? new Date().toISOString().slice(0, 10);
  let draft;
  if (options.fromJson !== undefined) {
    const source = options.fromJson === '-' ? { path: '<stdin>', text: await (io.stdin?.() ?? Promise.resolve('')) } : await readNamedFile(io.cwd, options.fromJson, 'a JSON session record');
    draft = draftFromJson(source.text, source.path, today);
  } else {
    draft = draftFromFlags(options, today);
  }
  if (!draft.file) return fail(io, options, draft.issues);
  // Every problem at once: those of the flags themselves and those of the record.
  const checked = checkDraft(draft.file, mission.record);
  if (!checked.record || draft.issues.length > 0) return fail(io, options, [...draft.issues, ...checked.issues]);

  const sessions = path.join(folder.dir, 'sessions');
  for (let attempt = 0; ; attempt++) {
    const file = sessionFile(checked.record, randomSuffix(), schemaDirFrom(io.cwd, folder.dir));
    const target = path.join(sessions, file.name).split(path.sep).join('/');
    if (options.dryRun) {
      io.stdout(options.json ? toJson({ ok: true, path: target, written: false, record: checked.record }) : file.content);
      return EXIT_OK;
    }
    try {
      await createExclusive(path.resolve(io.cwd, target), file.content);
    } catch (error) {
      if (error instanceof ExistsError && attempt < 5) continue;
      throw new ExitError(EXIT_FAILURE, `${target}: cannot create the file (${(error as Error).message})`);
    }
    io.stdout(options.json ? toJson({ ok: true, path: target, written: true, record: checked.record }) : `${target}\n`);
    return EXIT_OK;
  }
}

function fail(io: CliIO, options: NewCommandOptions, issues: Issue[]): number {
  printIssues(io, issues, options.json === true, '; nothing was written.');
  return EXIT_FAILURE;
}
