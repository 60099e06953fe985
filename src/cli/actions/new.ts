/**
 * `tally new --mission NAME --title TEXT [...]`: create a valid session file
 * with a unique name; never overwrites. Prints the path of the new file.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { readRunnerOutput, type RunnerOutputFlags } from '../runner-output.js';
import { componentsFromEvidence, storedEvidence } from '../../new/from-evidence.js';
import { insideRepository } from '../../schema/common.js';
import { sessionSchema, type SessionRecord } from '../../schema/session.js';
import { display, listMissions, readNamedFile, readSource } from '../../load/read-data.js';
import { schemaDirFrom } from '../../schema/record-text.js';
import { checkDraft, draftFromFlags, draftFromJson, sessionFile, type SessionFlags } from '../../new/new-session.js';
import type { Issue } from '../../model/records.js';
import { validateMissionFile } from '../../validate/validate.js';
import { createExclusive, ExistsError, randomSuffix } from '../../write/create-exclusive.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, ExitError } from '../errors.js';
import { printIssues, toJson } from '../format.js';
import type { CliIO } from '../io.js';

export interface NewCommandOptions extends SessionFlags, RunnerOutputFlags {
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

  // Only the mission file is needed: the sessions are not read (an unknown mission is still a usage error).
  const listing = await listMissions(options.data ?? 'data', { cwd: io.cwd, mission: options.mission });
  const folder = { dir: display(io.cwd, path.join(listing.root, options.mission)) };
  const missionFile = path.join(listing.root, options.mission, 'mission.yaml');
  const unreadable: Issue[] = [];
  const missionSource = existsSync(missionFile) ? await readSource(io.cwd, missionFile, unreadable) : null;
  if (!missionSource) {
    return fail(io, options, unreadable.length > 0 ? unreadable : [{ code: 'missing-mission', file: `${folder.dir}/mission.yaml`, line: 1, column: 1, path: '', message: `missing mission file; expected ${folder.dir}/mission.yaml with at least a title` }]);
  }
  const mission = validateMissionFile(missionSource);
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
  const evidence = await readRunnerOutput(options, io.cwd);
  for (const output of evidence) {
    // A test file the runner names outside the repository cannot be a component's test_file: say so at its source.
    const outside = output.run.kind === 'tests' ? output.run.run.files.find((file) => !insideRepository(file.file)) : undefined;
    if (outside) throw new ExitError(EXIT_FAILURE, `${output.file}: names the test file ${outside.file}, outside the repository; expected paths under ${io.cwd} (map the names with --test-file-map FILE)`);
  }
  if (evidence.length > 0) {
    // The components and the code base's coverage as the runner output gives them.
    const data = draft.file.data as Record<string, unknown>;
    const stated = Array.isArray(data['components']) ? (data['components'] as Record<string, unknown>[]) : [];
    const derived = componentsFromEvidence(
      stated,
      evidence.flatMap((e) => (e.run.kind === 'tests' ? [e.run.run] : [])),
      evidence.flatMap((e) => (e.run.kind === 'coverage' ? [e.run.run] : [])),
    );
    data['components'] = derived.components;
    if (derived.coverage && data['coverage'] === undefined) data['coverage'] = derived.coverage;
  }
  // Every problem at once: those of the flags themselves and those of the record.
  const checked = checkDraft(draft.file, mission.record);
  if (!checked.record || draft.issues.length > 0) return fail(io, options, [...draft.issues, ...checked.issues]);

  const sessions = path.join(folder.dir, 'sessions');
  const stored = storedEvidence(evidence.map((e) => ({ name: path.basename(e.file), bytes: e.bytes })));
  for (let attempt = 0; ; attempt++) {
    const suffix = randomSuffix();
    const name = sessionFile(checked.record, suffix).name;
    const evidenceDir = `${folder.dir}/evidence/${name.replace(/\.yaml$/, '')}`;
    const record = withEvidence(checked.record, stored.map((e, i) => ({ file: `${evidenceDir}/${e.name}`, format: evidence[i]!.format, sha256: e.sha256 })));
    const file = sessionFile(record, suffix, schemaDirFrom(io.cwd, folder.dir));
    const target = path.join(sessions, file.name).split(path.sep).join('/');
    if (options.dryRun) {
      io.stdout(options.json ? toJson({ ok: true, path: target, written: false, record }) : file.content);
      return EXIT_OK;
    }
    try {
      // The evidence first, the record last: a build never sees a record whose evidence is not there yet.
      if (stored.length > 0) {
        // The session's own folder is created exclusively: a second writer with the same id moves on to another suffix.
        await mkdir(path.resolve(io.cwd, folder.dir, 'evidence'), { recursive: true });
        await mkdir(path.resolve(io.cwd, evidenceDir)).catch((error: NodeJS.ErrnoException) => {
          throw error.code === 'EEXIST' ? new ExistsError(evidenceDir) : error;
        });
      }
      for (const e of stored) await createExclusive(path.resolve(io.cwd, evidenceDir, e.name), e.bytes);
      await createExclusive(path.resolve(io.cwd, target), file.content);
    } catch (error) {
      // Nothing half-written: the evidence of a record that was not created goes too.
      if (stored.length > 0 && !(error instanceof ExistsError && error.file === evidenceDir)) await rm(path.resolve(io.cwd, evidenceDir), { recursive: true, force: true });
      if (error instanceof ExistsError && attempt < 5) continue;
      throw new ExitError(EXIT_FAILURE, `${target}: cannot create the file (${(error as Error).message})`);
    }
    io.stdout(options.json ? toJson({ ok: true, path: target, written: true, record, evidence: stored.map((e) => `${evidenceDir}/${e.name}`) }) : `${target}\n`);
    return EXIT_OK;
  }
}

/** The record with its evidence, in the schema's key order (before `claims`). */
function withEvidence(record: SessionRecord, evidence: NonNullable<SessionRecord['evidence']>): SessionRecord {
  if (evidence.length === 0) return record;
  const keys = Object.keys(sessionSchema.shape);
  const entries = Object.entries({ ...record, evidence }).sort(([a], [b]) => keys.indexOf(a) - keys.indexOf(b));
  return Object.fromEntries(entries) as SessionRecord;
}

function fail(io: CliIO, options: NewCommandOptions, issues: Issue[]): number {
  printIssues(io, issues, options.json === true, '; nothing was written.');
  return EXIT_FAILURE;
}
