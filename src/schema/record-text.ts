/**
 * The text of a record file: its YAML, opening with the `yaml-language-server`
 * comment that points editors at the JSON Schema for it. Here, beside the
 * schemas, because every command that writes records (`tally new`, `tally
 * import`) writes them the same way.
 */
import path from 'node:path';
import { stringify } from 'yaml';
import type { MissionRecord } from './mission.js';
import type { SessionRecord } from './session.js';

/** The schema folder (`schema/` where Tally runs) as seen from a mission folder, for the editor comment. */
export function schemaDirFrom(cwd: string, missionDir: string): string {
  return path.relative(path.resolve(cwd, missionDir), path.resolve(cwd, 'schema')).split(path.sep).join('/');
}

/**
 * YAML text of a record, opening with the `yaml-language-server` comment that
 * points editors at the JSON Schema. `schemaDir` is the schema folder relative
 * to the mission folder (default: `../../schema`, for `data/<mission>/` at the
 * repository root).
 */
export function recordText(kind: 'mission' | 'session', record: MissionRecord | SessionRecord, schemaDir = '../../schema'): string {
  const href = kind === 'mission' ? `${schemaDir}/mission.schema.json` : `../${schemaDir}/session.schema.json`;
  return `# yaml-language-server: $schema=${href}\n` + stringify(record, { lineWidth: 0, version: '1.2' });
}
