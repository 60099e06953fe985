/**
 * `tally new` without the file system: build a session record from flags or
 * from JSON, check it against the schema and its mission, and give it a file
 * name that is unique without any coordination between writers.
 */
import { slug } from '../text/format.js';
import { recordText } from '../schema/record-text.js';
import { parseYaml } from '../parse/parse-yaml.js';
import type { Issue, ParsedFile } from '../model/records.js';
import type { MissionRecord } from '../schema/mission.js';
import type { SessionRecord } from '../schema/session.js';
import { validateParsedSession } from '../validate/validate.js';
import { parseComponentSpec } from './component-spec.js';
import { jsonSyntaxError } from '../parse/json-syntax.js';
import { lineColumnAt } from '../text/line-column.js';

/** The record fields that can be given as flags. */
export interface SessionFlags {
  title?: string;
  date?: string;
  start?: string;
  end?: string;
  session?: string;
  phase?: string;
  status?: string;
  component?: string[];
  note?: string[];
  nextStep?: string[];
}

/** Where a record field came from on the command line, for error messages. */
function flagFor(path: string): string {
  const component = /^components\.(\d+)/.exec(path);
  if (component) return `--component ${Number(component[1]) + 1}`;
  const top = path.split('.')[0] ?? '';
  const names: Record<string, string> = { session: '--session', date: '--date', start: '--start', end: '--end', title: '--title', phase: '--phase', status: '--status', next_steps: '--next-step', notes: '--note' };
  return names[top] ?? '<flags>';
}

/** A record from flags, as a parsed file without positions: its issues name the flag instead. */
export function draftFromFlags(flags: SessionFlags, today: string): { file: ParsedFile; issues: Issue[] } {
  const issues: Issue[] = [];
  // A flag has no line or column: 0 says so, and the message names the flag.
  const problem = (flag: string, path: string, message: string) => issues.push({ code: 'invalid-value', file: flag, line: 0, column: 0, path, message });
  const data: Record<string, unknown> = {};
  if (flags.session !== undefined) {
    if (/^\d+$/.test(flags.session)) data['session'] = Number(flags.session);
    else problem('--session', 'session', `expected a whole number, received the text "${flags.session}"`);
  }
  data['date'] = flags.date ?? today;
  if (flags.start !== undefined) data['start'] = flags.start;
  if (flags.end !== undefined) data['end'] = flags.end;
  if (flags.title !== undefined) data['title'] = flags.title;
  if (flags.phase !== undefined) data['phase'] = flags.phase;
  if (flags.status !== undefined) data['status'] = flags.status;
  data['components'] = (flags.component ?? []).map((spec, index) => {
    const parsed = parseComponentSpec(spec, index);
    for (const p of parsed.problems) problem(p.flag, `components.${index}`, p.message);
    return parsed.component;
  });
  if (flags.nextStep?.length) data['next_steps'] = flags.nextStep;
  if (flags.note?.length) data['notes'] = flags.note;
  return { file: { path: '<flags>', data, positions: { values: {}, keys: {} } }, issues };
}

/**
 * A record from JSON, located. The text must be JSON: a syntax error is
 * reported as such, at its line and column. Once it is, the YAML parser (JSON
 * is YAML) gives every field its line and column, and rejects a key given
 * twice, which `JSON.parse` would let the last one win. `today` fills in a
 * missing date.
 */
export function draftFromJson(text: string, file: string, today: string): { file: ParsedFile | null; issues: Issue[] } {
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const found = jsonSyntaxError(json) ?? { offset: 0, message: (error as Error).message };
    return { file: null, issues: [{ code: 'json-syntax', file, ...lineColumnAt(json, found.offset), path: '', message: `invalid JSON: ${found.message}` }] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { file: null, issues: [{ code: 'wrong-type', file, line: 1, column: 1, path: '', message: `expected a JSON object holding the whole session record, received ${jsonKind(value)}` }] };
  }
  const parsed = parseYaml({ path: file, text: json });
  const duplicates = parsed.issues.filter((issue) => issue.message.startsWith('duplicate key'));
  if (duplicates.length > 0) return { file: null, issues: duplicates };
  // Valid JSON the YAML parser cannot read (none known): the data without positions; issues then point at 1:1.
  const located: ParsedFile = parsed.file ?? { path: file, data: value, positions: { values: { '': { line: 1, column: 1 } }, keys: {} } };
  const data = { ...(located.data as Record<string, unknown>) };
  data['date'] ??= today;
  return { file: { ...located, data }, issues: [] };
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : 'true or false';
}

/** Check a draft; for flags, issues name the flag they came from. */
export function checkDraft(file: ParsedFile, mission: MissionRecord): { record: SessionRecord | null; issues: Issue[] } {
  const { session, issues } = validateParsedSession(file, mission);
  const located = file.path === '<flags>' ? issues.map((issue) => ({ ...issue, file: flagFor(issue.path), line: 0, column: 0 })) : issues;
  return { record: session?.record ?? null, issues: located };
}

/**
 * The file of a new session: `<date>-<slug of the title>-<suffix>.yaml`, where
 * the suffix is random, so two writers on two branches in the same second do
 * not collide; the create is exclusive besides.
 */
export function sessionFile(record: SessionRecord, suffix: string, schemaDir?: string): { name: string; content: string } {
  return { name: `${record.date}-${slug(record.title, 40)}-${suffix}.yaml`, content: recordText('session', record, schemaDir) };
}
