/**
 * The import pipeline, chained (pure): repair mojibake → read the remark tree
 * → records → YAML files, each checked against the schema before it is returned.
 */
import { validateMissionFile, validateSession } from '../validate/validate.js';
import type { ReportFile } from '../model/files.js';
import type { Issue } from '../model/records.js';
import { recordText } from '../schema/record-text.js';
import { audit, type AuditProblem } from './audit.js';
import type { LegacyReport } from './legacy/types.js';
import { repairMojibake, type Repair } from './mojibake/repair.js';
import { readLegacy } from './read-legacy.js';
import { toRecords, type ImportedRecords, type ImportOptions } from './to-records.js';

export interface ImportResult {
  repairs: Repair[];
  report: LegacyReport;
  records: ImportedRecords;
  /** The files to write, relative to the mission folder (`mission.yaml`, `sessions/<name>.yaml`). */
  files: ReportFile[];
}

export class ImportError extends Error {
  constructor(
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export function importLegacy(text: string, file: string, options: ImportOptions & { schemaDir?: string } = {}): ImportResult {
  const repaired = repairMojibake(text);
  const report = readLegacy(repaired.text, file);
  const records = toRecords(report, options);
  const files: ReportFile[] = [{ path: 'mission.yaml', content: recordText('mission', records.mission, options.schemaDir) }];
  for (const session of records.sessions) files.push({ path: `sessions/${session.name}.yaml`, content: recordText('session', session.record, options.schemaDir) });

  // The importer never writes a record Tally would reject.
  const source = (file: ReportFile) => ({ path: file.path, text: file.content });
  const issues: Issue[] = [...validateMissionFile(source(files[0]!)).issues];
  for (const session of files.slice(1)) issues.push(...validateSession(source(session), records.mission).issues);
  if (issues.length > 0) throw new ImportError('the importer produced records that do not validate; this is a bug in Tally', issues);
  return { repairs: repaired.repairs, report, records, files };
}

export interface AuditResult {
  repairs: Repair[];
  report: LegacyReport;
  problems: AuditProblem[];
}

export function auditLegacy(text: string, file: string): AuditResult {
  const repaired = repairMojibake(text);
  const report = readLegacy(repaired.text, file);
  return { repairs: repaired.repairs, report, problems: audit(report) };
}
