/**
 * The evidence a mission's sessions cite, checked and read (pure): each cited
 * file must be under the mission's `evidence/` folder, be there, and have the
 * digest the record states; then it is read. Any of these failing is invalid
 * data, never a partial count. A file cited by several sessions is read once.
 */
import type { EvidenceBytes } from '../model/files.js';
import type { CitedEvidence, Issue, MissionInput, Position, SessionInput } from '../model/records.js';
import { readEvidence } from './read.js';
import { EvidenceError } from './error.js';
import type { ReadOptions } from '../model/evidence.js';

/** The key an evidence file is cached under: what it reads as depends on its bytes, its format, its path and the root. */
export function evidenceKey(cited: { file: string; format: string; sha256: string }, root: string): string {
  return `${cited.sha256}\0${cited.format}\0${cited.file}\0${root}`;
}

export function citeEvidence(
  mission: MissionInput,
  missionDir: string,
  files: readonly EvidenceBytes[],
  reading: Pick<ReadOptions, 'root' | 'exists'>,
  /** Readings by `evidenceKey`; every reading this call uses, cached or new, is offered back with `set`. */
  cache?: { get(key: string): CitedEvidence | undefined; set(key: string, value: CitedEvidence): void },
): { evidence: Map<string, CitedEvidence>; issues: Issue[] } {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const evidence = new Map<string, CitedEvidence>();
  const issues: Issue[] = [];
  const folder = `${missionDir}/evidence/`;
  // Cited from the repository root (data/<mission>/evidence/…); found wherever the data folder is read from.
  const underEvidence = new RegExp(`(?:^|/)${escape(mission.name)}/evidence/(.+)$`);
  for (const session of mission.sessions) {
    (session.record.evidence ?? []).forEach((cited, index) => {
      const issue = (code: Issue['code'], field: string, message: string) =>
        issues.push({ code, file: session.file, ...positionOf(session, `evidence.${index}.${field}`), path: `evidence.${index}.${field}`, message });
      const inside = underEvidence.exec(cited.file)?.[1];
      if (inside === undefined) return issue('evidence-missing', 'file', `cites ${cited.file}; expected a file under ${folder}, where evidence is committed`);
      const stored = byPath.get(`${folder}${inside}`);
      if (!stored) return issue('evidence-missing', 'file', `cites ${cited.file}, which is not there; expected the file committed beside the record`);
      if (stored.sha256 !== cited.sha256) {
        return issue('evidence-digest', 'sha256', `${cited.file} has the SHA-256 ${stored.sha256}, but the record states ${cited.sha256}; expected the file as it was cited (changed since, or the wrong digest)`);
      }
      if (evidence.has(cited.file)) {
        const known = evidence.get(cited.file)!;
        if (known.format !== cited.format) issue('evidence-unreadable', 'file', `cites ${cited.file} as ${cited.format}; another session cites it as ${known.format}`);
        return;
      }
      // The digest is checked above, so a cached reading of these bytes is this file's.
      const key = evidenceKey(cited, reading.root);
      const known = cache?.get(key);
      if (known) {
        evidence.set(cited.file, known);
        cache?.set(key, known);
        return;
      }
      try {
        const { result } = readEvidence(stored.bytes, { ...reading, file: cited.file, format: cited.format });
        const read: CitedEvidence = {
          file: cited.file,
          format: cited.format,
          sha256: cited.sha256,
          producer: result.run.producer,
          tests: result.kind === 'tests' ? result.run : null,
          coverage: result.kind === 'coverage' ? result.run : null,
        };
        evidence.set(cited.file, read);
        cache?.set(key, read);
      } catch (error) {
        if (!(error instanceof EvidenceError)) throw error;
        issues.push({ code: 'evidence-unreadable', file: error.file, line: error.line, column: error.column, path: '', message: `${error.message} (cited by ${session.file} as ${cited.format})` });
      }
    });
  }
  return { evidence, issues };
}

function positionOf(session: SessionInput, path: string): Position {
  const entry = path.replace(/\.[a-z0-9_]+$/, '');
  return session.positions.values[path] ?? session.positions.keys[entry] ?? session.positions.values[entry] ?? { line: 1, column: 1 };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
