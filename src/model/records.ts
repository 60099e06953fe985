/** Parsed and validated records: positions in their files, the issues that make a record invalid, and the valid input of `aggregate`. Record types themselves come from the zod schemas in `schema/`. */
import type { CoverageRun, EvidenceFormat, TestRun } from './evidence.js';
import type { MissionRecord } from '../schema/mission.js';
import type { SessionRecord } from '../schema/session.js';

/** Line and column, both 1-based. */
export interface Position {
  line: number;
  column: number;
}

/** Where each node of a YAML document starts, keyed by its path (`components.0.tests`). */
export interface PositionIndex {
  /** Position of the value at a path. */
  values: Record<string, Position>;
  /** Position of the key of the pair at a path (maps only). */
  keys: Record<string, Position>;
}

/** A YAML file parsed into plain data, with the positions of its nodes. */
export interface ParsedFile {
  path: string;
  data: unknown;
  positions: PositionIndex;
}

export type IssueCode =
  | 'yaml-syntax'
  /** `tally new --from-json`: the input is not JSON. */
  | 'json-syntax'
  | 'yaml-forbidden'
  | 'file-unreadable'
  | 'missing-key'
  | 'unknown-key'
  | 'wrong-type'
  | 'out-of-range'
  | 'invalid-value'
  | 'invalid-format'
  | 'impossible'
  | 'duplicate-component'
  | 'unknown-phase'
  | 'missing-mission'
  | 'evidence-missing'
  | 'evidence-digest'
  | 'evidence-unreadable'
  /** A file or folder under data/ that is not where records go (README, "Findings and invalid records": nothing is ignored in silence). */
  | 'stray-file';

/** Why a record is invalid. Invalid records stop a build before anything is written. */
export interface Issue {
  code: IssueCode;
  file: string;
  line: number;
  column: number;
  /** The field path inside the record, such as `components.0.tests.passing`. */
  path: string;
  /** What is wrong: what was received and what was expected. */
  message: string;
}

/** A valid session record and where it came from. */
export interface SessionInput {
  /** The session id: the file name without `.yaml`. */
  id: string;
  file: string;
  record: SessionRecord;
  positions: PositionIndex;
}

/** A cited evidence file, read and checked against its digest. */
export interface CitedEvidence {
  file: string;
  format: EvidenceFormat;
  sha256: string;
  /** The tool that wrote it, when the file names it. */
  producer: string | null;
  tests: TestRun | null;
  coverage: CoverageRun | null;
}

/** A valid mission with all its valid sessions: the input of `aggregate`. */
export interface MissionInput {
  name: string;
  file: string;
  record: MissionRecord;
  positions: PositionIndex;
  sessions: SessionInput[];
  /**
   * The evidence files its sessions cite, read, by path. Absent where evidence
   * was not read (`tally diff`'s base): the sessions' figures then count as stated.
   */
  evidence?: ReadonlyMap<string, CitedEvidence>;
}
