/**
 * `tally import LEGACY.md --mission NAME`: turn a hand-written report into
 * mission and session records. `--repair-only` only repairs its mojibake.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { readNamedFile } from '../../load/read-data.js';
import { ImportError, importLegacy } from '../../import/import-legacy.js';
import { repairMojibake } from '../../import/mojibake/repair.js';
import { insideRepository } from '../../schema/common.js';
import { createExclusive, ExistsError } from '../../write/create-exclusive.js';
import { toPosix } from '../../write/report-paths.js';
import { writeFiles } from '../../write/write-files.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, ExitError } from '../errors.js';
import { formatIssue, plural, toJson } from '../format.js';
import type { CliIO } from '../io.js';
import { schemaDirFrom } from '../../schema/record-text.js';

export interface ImportCommandOptions {
  /** Mission folder name to create under --data. Required unless --repair-only. */
  mission?: string;
  /** Folder of mission folders. Default: `data`. */
  data?: string;
  /** Template the mission uses. Default: `progress-report`. */
  template?: string;
  /** Only repair mojibake: print the repaired text, or rewrite the file with --in-place. Default: false. */
  repairOnly?: boolean;
  /** With --repair-only: rewrite the file instead of printing it. Default: false. */
  inPlace?: boolean;
  /** Read and report, write nothing. Default: false. */
  dryRun?: boolean;
  /** Print one JSON document instead of text. Default: false. */
  json?: boolean;
}

export async function importCommand(legacy: string, options: ImportCommandOptions, io: CliIO): Promise<number> {
  const { path: shown, text } = await readNamedFile(io.cwd, legacy);

  if (options.repairOnly) {
    const { text: repaired, repairs } = repairMojibake(text);
    if (options.inPlace) {
      if (repairs.length > 0) await writeFiles(io.cwd, [{ path: shown, content: repaired }]);
      io.stderr(`${shown}: ${plural(repairs.length, 'mojibake sequence')} repaired${repairs.length > 0 ? '' : '; file unchanged'}.\n`);
    } else {
      io.stdout(repaired);
      io.stderr(`${plural(repairs.length, 'mojibake sequence')} repaired.\n`);
    }
    if (options.json) io.stderr(toJson({ repairs }));
    return EXIT_OK;
  }

  if (!options.mission) throw new ExitError(EXIT_USAGE, 'missing --mission NAME: the folder under --data to create');
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(options.mission)) {
    throw new ExitError(EXIT_USAGE, `--mission "${options.mission}": expected a folder name of lowercase letters, digits, "-" and "_"`);
  }
  const dir = path.join(options.data ?? 'data', options.mission);
  const copy = await legacyCopy(io.cwd, legacy, dir, text);
  let result;
  try {
    const template = options.template === undefined ? {} : { template: options.template };
    result = importLegacy(copy.text, shown, { ...template, source: copy.from, schemaDir: schemaDirFrom(io.cwd, dir) });
  } catch (error) {
    if (error instanceof ImportError) {
      for (const issue of error.issues) io.stderr(`${formatIssue(issue)}\n`);
      io.stderr(`tally: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw new ExitError(EXIT_FAILURE, `${shown}: ${(error as Error).message}`);
  }
  const files = result.files.map((file) => ({ path: path.join(dir, file.path).split(path.sep).join('/'), content: file.content }));
  const components = result.report.sessions.reduce((n, session) => n + session.components.length, 0);
  const summary = {
    mission: options.mission,
    folder: dir.split(path.sep).join('/'),
    sessions: result.report.sessions.length,
    components,
    components_with_score: result.report.sessions.reduce((n, session) => n + session.components.filter((c) => c.score !== null).length, 0),
    targets: result.report.targets.length,
    unmapped_sections: result.report.unmapped,
    mojibake_repaired: result.repairs.length,
    warnings: result.records.warnings,
    files: [...(copy.needed ? [copy.path] : []), ...files.map((file) => file.path)],
    /** The copy of the legacy report every record's `from:` points to. */
    legacy_report: copy.from,
    written: !options.dryRun,
  };

  if (!options.dryRun) {
    // The folder may exist (holding the legacy report itself), but not its records.
    for (const existing of ['mission.yaml', 'sessions']) {
      if (await stat(path.resolve(io.cwd, dir, existing)).catch(() => null)) {
        throw new ExitError(EXIT_FAILURE, `${summary.folder}/${existing} already exists; import never overwrites: choose another --mission or remove it`);
      }
    }
    if (copy.needed) await writeCopy(io.cwd, copy);
    await writeFiles(io.cwd, files);
  }
  if (options.json) {
    io.stdout(toJson(summary));
    return EXIT_OK;
  }
  io.stdout(
    `${options.dryRun ? 'Would import' : 'Imported'} ${shown} into ${summary.folder}: ${plural(summary.sessions, 'session')}, ` +
      `${plural(components, 'component')} (${summary.components_with_score} with a score), ${plural(summary.targets, 'target')}, ` +
      `${plural(summary.unmapped_sections.length, 'unmapped section')}, ${plural(summary.mojibake_repaired, 'mojibake sequence')} repaired.\n`,
  );
  if (copy.needed) io.stdout(`${options.dryRun ? 'Would copy' : 'Copied'} ${shown} to ${copy.path}; every record's \`from:\` points there.\n`);
  if (summary.unmapped_sections.length > 0) {
    io.stdout('Unmapped sections (kept as notes in mission.yaml):\n');
    for (const section of summary.unmapped_sections) io.stdout(`  ${shown}:${section.line}: ${section.heading}\n`);
  }
  for (const warning of summary.warnings) io.stdout(`Note: ${warning}\n`);
  if (!options.dryRun) io.stdout(`Review the records, then run \`tally build\`.\n`);
  return EXIT_OK;
}

interface LegacyCopy {
  /** Where the copy goes, relative to the working folder. */
  path: string;
  /** How records name it in `from:`: a path inside the repository. */
  from: string;
  bytes: Buffer;
  /** The text imported: the bytes that are copied, so every `from:` line is a line of the copy. */
  text: string;
  /** False when the report is already there, byte for byte (it was imported from its place in the mission folder). */
  needed: boolean;
}

/**
 * The legacy report is kept beside the records as `<mission>/legacy-report.md`,
 * wherever it was read from (an absolute path, `../elsewhere/report.md`), so that
 * `from:` always names a file inside the repository: the schema refuses others.
 */
async function legacyCopy(cwd: string, legacy: string, dir: string, text: string): Promise<LegacyCopy> {
  const target = path.join(dir, 'legacy-report.md');
  const shown = toPosix(path.relative(cwd, path.resolve(cwd, target)));
  // A data folder outside the working folder: name the copy from the data folder's parent, as the repository root.
  const from = insideRepository(shown) ? shown : toPosix(path.join(path.basename(path.resolve(cwd, dir, '..')), path.basename(dir), 'legacy-report.md'));
  // The bytes, not the decoded text: the copy is the report as it was, whatever its encoding slips.
  const bytes = await readFile(path.resolve(cwd, legacy)).catch(() => Buffer.from(text));
  const existing = await readFile(path.resolve(cwd, target)).catch(() => null);
  return { path: toPosix(target), from, bytes, text: bytes.toString('utf8'), needed: existing === null || !existing.equals(bytes) };
}

/** Copy the legacy report byte for byte; a different report already in its place is never overwritten. */
async function writeCopy(cwd: string, copy: LegacyCopy): Promise<void> {
  try {
    await createExclusive(path.resolve(cwd, copy.path), copy.bytes);
  } catch (error) {
    if (!(error instanceof ExistsError)) throw error;
    throw new ExitError(EXIT_FAILURE, `${copy.path} already exists and holds another report; import never overwrites: choose another --mission or remove it`);
  }
}
