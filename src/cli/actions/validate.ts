/** `tally validate [FILE...]`: check records; errors as `file:line:col: message`. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { citeEvidence } from '../../evidence/cite.js';
import { readData, readSource } from '../../load/read-data.js';
import { repositoryReading } from '../../load/repository.js';
import type { Issue } from '../../model/records.js';
import type { MissionRecord } from '../../schema/mission.js';
import { validateMissionFile, validateMissions, validateSession } from '../../validate/validate.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, ExitError } from '../errors.js';
import { formatIssue, plural, toJson } from '../format.js';
import type { CliIO } from '../io.js';
import { jsonIssue } from '../json.js';

export interface ValidateCommandOptions {
  /** Folder of mission folders, used when no file is named. Default: `data`. */
  data?: string;
  /** Only this mission, when no file is named. Default: all. */
  mission?: string;
  /** Print one JSON document instead of text. Default: false. */
  json?: boolean;
}

export async function validateCommand(files: readonly string[], options: ValidateCommandOptions, io: CliIO): Promise<number> {
  const { checked, issues } = files.length > 0 ? await validateFiles(files, io.cwd) : await validateAll(options, io.cwd);
  if (options.json) {
    io.stdout(toJson({ ok: issues.length === 0, files: checked, issues: issues.map(jsonIssue) }));
  } else if (issues.length > 0) {
    for (const issue of issues) io.stderr(`${formatIssue(issue)}\n`);
    io.stderr(`\n${plural(issues.length, 'problem')} in ${plural(new Set(issues.map((i) => i.file)).size, 'file')} of ${checked}.\n`);
  } else {
    io.stdout(`${plural(checked, 'file')} valid.\n`);
  }
  return issues.length === 0 ? EXIT_OK : EXIT_FAILURE;
}

async function validateAll(options: ValidateCommandOptions, cwd: string): Promise<{ checked: number; issues: Issue[] }> {
  const loaded = await readData(options.data ?? 'data', { cwd, ...(options.mission === undefined ? {} : { mission: options.mission }) });
  const result = validateMissions(loaded.missions);
  const checked = loaded.missions.reduce((n, mission) => n + mission.sessions.length + (mission.mission ? 1 : 0), 0);
  // The evidence valid sessions cite: there, as cited, and readable.
  const evidence: Issue[] = [];
  for (const mission of result.missions) {
    const folder = loaded.missions.find((m) => m.name === mission.name);
    if (folder?.evidence) evidence.push(...citeEvidence(mission, folder.dir, folder.evidence, repositoryReading(cwd)).issues);
  }
  return { checked, issues: [...loaded.issues, ...result.issues, ...evidence] };
}

async function validateFiles(files: readonly string[], cwd: string): Promise<{ checked: number; issues: Issue[] }> {
  const issues: Issue[] = [];
  const missions = new Map<string, MissionRecord | null>();
  for (const file of files) {
    const absolute = path.resolve(cwd, file);
    const stats = await stat(absolute).catch(() => null);
    if (!stats?.isFile()) throw new ExitError(EXIT_USAGE, `${file}: no such file; expected a mission or session record`);
    const source = await readSource(cwd, absolute, issues);
    if (!source) continue;
    if (path.basename(absolute) === 'mission.yaml') {
      issues.push(...validateMissionFile(source).issues);
      continue;
    }
    // A session's mission is two folders up: data/<mission>/sessions/<file>.yaml.
    const missionPath = path.join(path.dirname(path.dirname(absolute)), 'mission.yaml');
    if (!missions.has(missionPath)) {
      // A missing or unreadable mission file is no issue of the session's: it is checked as a session without one.
      const missionSource = await readSource(cwd, missionPath, []);
      missions.set(missionPath, missionSource ? validateMissionFile(missionSource).record : null);
    }
    issues.push(...validateSession(source, missions.get(missionPath) ?? null).issues);
  }
  return { checked: files.length, issues };
}
