/**
 * Validate stage: parsed files in, valid mission inputs and every issue out.
 * All problems of a run are collected; nothing stops at the first one.
 */
import type { z } from 'zod';
import { FINDING_PATH } from '../model/finding-paths.js';
import { componentKey } from '../model/identity.js';
import { parseYaml } from '../parse/parse-yaml.js';
import { emptyIndex } from '../parse/position-index.js';
import { missionSchema } from '../schema/mission.js';
import type { MissionRecord } from '../schema/mission.js';
import { sessionSchema } from '../schema/session.js';
import type { MissionFiles, SourceFile } from '../model/files.js';
import type { Issue, MissionInput, ParsedFile, PositionIndex, SessionInput } from '../model/records.js';
import { schemaIssues } from './schema-issues.js';
import { didYouMean } from './suggest.js';

export interface ValidationResult {
  /** Missions whose mission file and every session file are valid. */
  missions: MissionInput[];
  /** Every problem found, in file order. */
  issues: Issue[];
}

/** One session file checked: the valid session, or the issues that make it invalid. */
export type SessionCheck = { session: SessionInput | null; issues: Issue[] };

/** Sessions already parsed and validated, by key: a cache that only saves time. */
export interface SessionCache {
  /** The key of a session file in its mission (the build's `sessionKey`: its text, path, mission file and Tally's version). */
  key(mission: SourceFile, source: SourceFile): string;
  get(key: string): SessionInput | undefined;
  /** Every valid session of this run is offered back, to be cached for the next. */
  set(key: string, session: SessionInput): void;
}

export function validateMissions(folders: readonly MissionFiles[], cache?: SessionCache): ValidationResult {
  const plans = folders.map((folder) => planMission(folder, cache));
  return finishMissions(plans, checkTasks(plans).map(checkTask), cache);
}

/** A session file to parse and check, with its mission's record (for its phase) when valid. */
export interface CheckTask {
  source: SourceFile;
  mission: MissionRecord | null;
}

/** Every plan's sessions to check, in order: what `finishMissions` expects the results of. */
export function checkTasks(plans: readonly MissionPlan[]): CheckTask[] {
  return plans.flatMap((plan) => plan.toCheck.map((source) => ({ source, mission: plan.mission?.record ?? null })));
}

export function checkTask(task: CheckTask): SessionCheck {
  return validateSession(task.source, task.mission);
}

/** A mission folder with its mission file checked and its sessions looked up in the cache: what is left is `toCheck`. */
export interface MissionPlan {
  folder: MissionFiles;
  mission: { file: ParsedFile; record: MissionRecord } | null;
  issues: Issue[];
  /** For each session file: its cache key (null without a cache or a valid mission) and the cached session. */
  keys: (string | null)[];
  cached: (SessionInput | undefined)[];
  /** The session files not in the cache, in order. */
  toCheck: SourceFile[];
}

export function planMission(folder: MissionFiles, cache?: SessionCache): MissionPlan {
  const issues: Issue[] = [];
  let mission: MissionPlan['mission'] = null;
  if (folder.mission) {
    const checked = checkMission(folder.mission);
    issues.push(...checked.issues);
    if (checked.record) mission = { file: checked.file!, record: checked.record };
  } else {
    issues.push({
      code: 'missing-mission',
      file: `${folder.dir}/mission.yaml`,
      line: 1,
      column: 1,
      path: '',
      message: `missing mission file; expected ${folder.dir}/mission.yaml with at least a title`,
    });
  }
  const keys = folder.sessions.map((source) => (cache && mission ? cache.key(folder.mission!, source) : null));
  const cached = keys.map((key) => (key ? cache!.get(key) : undefined));
  const toCheck = folder.sessions.filter((_source, i) => !cached[i]);
  return { folder, mission, issues, keys, cached, toCheck };
}

/** Put each mission together from its plan and the results of checking every plan's `toCheck` sessions, in order. */
export function finishMissions(plans: readonly MissionPlan[], checked: readonly SessionCheck[], cache?: SessionCache): ValidationResult {
  const missions: MissionInput[] = [];
  const issues: Issue[] = [];
  let next = 0;
  for (const plan of plans) {
    const own = [...plan.issues];
    const sessions: SessionInput[] = [];
    plan.folder.sessions.forEach((_source, i) => {
      const key = plan.keys[i] ?? null;
      const result = plan.cached[i] ? { session: plan.cached[i], issues: [] } : checked[next++]!;
      own.push(...result.issues);
      if (result.session) {
        sessions.push(result.session);
        if (key) cache!.set(key, result.session);
      }
    });
    issues.push(...own);
    if (plan.mission && own.length === 0) {
      const { folder, mission } = plan;
      missions.push({ name: folder.name, file: mission.file.path, record: mission.record, positions: mission.file.positions, sessions });
    }
  }
  return { missions, issues };
}

/**
 * Validate one session file. `mission` is its mission when known, to check
 * that the phase it names exists.
 */
export function validateSession(
  source: SourceFile,
  mission: MissionRecord | null,
): SessionCheck {
  const parsed = parseYaml(source);
  if (!parsed.file) return { session: null, issues: parsed.issues };
  return validateParsedSession(parsed.file, mission);
}

/** Validate a session already parsed (from YAML or JSON), with the positions of its fields. */
export function validateParsedSession(file: ParsedFile, mission: MissionRecord | null): SessionCheck {
  const checked = checkParsed(file, sessionSchema);
  // The phase and duplicate checks read the raw data, so they report even when other fields are wrong.
  const issues = sortIssues([...checked.issues, ...crossChecks(file, mission)]);
  const record = checked.record;
  if (!record || issues.length > 0) return { session: null, issues };
  return { session: { id: sessionId(file.path), file: file.path, record, positions: keptPositions(file.positions) }, issues };
}

/**
 * The positions a valid session keeps: those findings point at (the session,
 * its components and their categories, its claims). The rest served only to
 * report invalid fields; dropping them keeps ten thousand sessions small.
 */
function keptPositions(positions: PositionIndex): PositionIndex {
  const kept = emptyIndex();
  for (const path in positions.values) if (FINDING_PATH.test(path)) kept.values[path] = positions.values[path]!;
  for (const path in positions.keys) if (FINDING_PATH.test(path)) kept.keys[path] = positions.keys[path]!;
  return kept;
}

export function validateMissionFile(source: SourceFile): { record: MissionRecord | null; issues: Issue[] } {
  const checked = checkMission(source);
  return { record: checked.record, issues: checked.issues };
}

/** A mission file against the schema, and what the schema cannot say: each phase id once. */
function checkMission(source: SourceFile): { file: ParsedFile | null; record: MissionRecord | null; issues: Issue[] } {
  const checked = checkRecord(source, missionSchema);
  if (!checked.file) return checked;
  const issues = sortIssues([...checked.issues, ...missionCrossChecks(checked.file)]);
  return { file: checked.file, record: issues.length === 0 ? checked.record : null, issues };
}

/** Two phases with one id: sessions naming it could belong to either, and the phase rows would count them twice. */
function missionCrossChecks(file: ParsedFile): Issue[] {
  const data = file.data !== null && typeof file.data === 'object' ? (file.data as Record<string, unknown>) : {};
  const phases = Array.isArray(data['phases']) ? (data['phases'] as unknown[]) : [];
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  phases.forEach((phase, index) => {
    const id = phase !== null && typeof phase === 'object' ? (phase as Record<string, unknown>)['id'] : undefined;
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, index);
      return;
    }
    const at = file.positions.values[`phases.${index}.id`] ?? file.positions.values[`phases.${index}`] ?? { line: 1, column: 1 };
    const firstLine = file.positions.values[`phases.${first}.id`]?.line;
    issues.push({
      code: 'impossible',
      file: file.path,
      ...at,
      path: `phases.${index}.id`,
      message: `phase id "${id}" is also used by phases.${first}${firstLine === undefined ? '' : ` (line ${firstLine})`}; expected each phase id once`,
    });
  });
  return issues;
}

function checkRecord<T>(
  source: SourceFile,
  schema: z.ZodType<T>,
): { file: ParsedFile | null; record: T | null; issues: Issue[] } {
  const parsed = parseYaml(source);
  if (!parsed.file) return { file: null, record: null, issues: parsed.issues };
  return { file: parsed.file, ...checkParsed(parsed.file, schema) };
}

function checkParsed<T>(file: ParsedFile, schema: z.ZodType<T>): { record: T | null; issues: Issue[] } {
  const result = schema.safeParse(file.data);
  if (result.success) return { record: result.data, issues: [] };
  return { record: null, issues: sortIssues(schemaIssues(file, schema, result.error.issues)) };
}

function crossChecks(file: ParsedFile, mission: MissionRecord | null): Issue[] {
  const issues: Issue[] = [];
  const at = (path: string, key = false) => (key ? file.positions.keys[path] : undefined) ?? file.positions.values[path] ?? { line: 1, column: 1 };
  const record = rawSession(file.data);

  if (record.phase !== undefined && mission) {
    const phases = (mission.phases ?? []).map((phase) => phase.id);
    if (!phases.includes(record.phase)) {
      const list = (mission.phases ?? []).map((phase) => `${phase.id} (${phase.name})`).join(', ');
      issues.push({
        code: 'unknown-phase',
        file: file.path,
        ...at('phase'),
        path: 'phase',
        message:
          phases.length === 0
            ? `unknown phase "${record.phase}"; the mission defines no phases (add them to mission.yaml or remove this key)`
            : `unknown phase "${record.phase}"${didYouMean(record.phase, phases)}; expected one of the mission's phases: ${list}`,
      });
    }
  }

  const seen = new Map<string, number>();
  record.components.forEach((component, index) => {
    if (!component.name && !component.test_file) return;
    const key = componentKey(component);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    const firstLine = at(`components.${first}`).line;
    issues.push({
      code: 'duplicate-component',
      file: file.path,
      ...at(`components.${index}`),
      path: `components.${index}`,
      message: `component "${key}" is reported twice in this session (first at line ${firstLine}); expected each component once per session`,
    });
  });
  return issues;
}

/** The fields the cross checks read, taken from data that may not be valid yet. */
function rawSession(data: unknown): { phase?: string; components: { name: string; test_file?: string }[] } {
  const object = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const components = Array.isArray(object['components']) ? (object['components'] as unknown[]) : [];
  return {
    ...(typeof object['phase'] === 'string' ? { phase: object['phase'] } : {}),
    components: components.map((item) => {
      const c = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
      const name = typeof c['name'] === 'string' ? c['name'] : '';
      return typeof c['test_file'] === 'string' ? { name, test_file: c['test_file'] } : { name };
    }),
  };
}

function sortIssues(issues: Issue[]): Issue[] {
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The session id: the file name without its `.yaml` or `.yml` extension. */
export function sessionId(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.ya?ml$/, '');
}
