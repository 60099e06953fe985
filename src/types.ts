/**
 * Plain data passed between the pipeline stages:
 *
 *   load → parse → validate → aggregate → render → normalize → write
 *
 * Record types come from the zod schemas in `schema/`; everything else lives here.
 */
import type { Claims, ComponentRecord, Impact, Level, SessionRecord, Status } from './schema/session.js';
import type { Metric, MissionRecord } from './schema/mission.js';
import type { CoverageRun, EvidenceFormat, TestRun } from './evidence/types.js';

export type { Claims, ComponentRecord, Impact, Level, SessionRecord, Status, Metric, MissionRecord };
export type { Charts, ProgressPoint, Slice } from './aggregate/charts.js';
import type { Charts } from './aggregate/charts.js';

/** A text file read from disk. `path` is relative to the working folder, with `/`. */
export interface SourceFile {
  path: string;
  text: string;
  /** A digest of the file's bytes, when the loader made one (`load/digest.ts`): what caches key the file by. */
  digest?: string;
}

/** A file under `data/<mission>/evidence/`, as read: its bytes and their SHA-256. */
export interface EvidenceBytes {
  /** Relative to the working folder, with `/`, as a session's `evidence[].file` cites it. */
  path: string;
  /** SHA-256 of the bytes as stored (a `.gz` file's compressed bytes), lowercase hex. */
  sha256: string;
  bytes: Uint8Array;
}

/** The files of one mission folder, as `load` found them. */
export interface MissionFiles {
  /** Folder name under the data folder; the report is `<out>/<name>.md`. */
  name: string;
  /** The folder path, such as `data/<name>`. */
  dir: string;
  mission: SourceFile | null;
  /** Session files, sorted by path in code-point order. */
  sessions: SourceFile[];
  /** Every file under `evidence/`, sorted by path; null where they were not read (`tally diff`'s base). */
  evidence: EvidenceBytes[] | null;
}

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

export type FindingCode =
  | 'evidence-mismatch'
  | 'claim-mismatch'
  | 'categories-mismatch'
  | 'same-time-report'
  | 'duplicate-session-number'
  | 'tests-not-stated';

/** What the commands print of a mission: small, so a build can cache it whole. */
export interface MissionSummary {
  title: string;
  totals: Totals;
  targets: TargetView[];
  findings: Finding[];
}

/** An inconsistency in valid records. `check --strict` fails on findings. */
export interface Finding {
  code: FindingCode;
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * Tests of a group by outcome (README, "Test outcomes"): each test of
 * `tests_total` is counted in exactly one of the five outcome fields.
 */
export interface OutcomeTotals {
  tests_total: number;
  /** Ran and passed. */
  tests_passing: number;
  /** Ran and failed or errored; where `passing` is stated, every test not stated otherwise. */
  tests_failing: number;
  /** Skipped by the runner. */
  tests_skipped: number;
  /** Written or collected, never executed. */
  tests_not_run: number;
  /** A count without a result. */
  tests_no_result: number;
  /** Passed plus failed: the tests the pass rate is taken over. */
  tests_ran: number;
  /** Passed over passed plus failed, percent with one decimal; null when no test ran (never 0%). */
  pass_rate: number | null;
}

/** Test totals over a group of current component states. */
export interface TestTotals extends OutcomeTotals {
  components: number;
  /** Components that state their tests; the others add nothing. */
  components_with_tests: number;
  /** Tests whose outcome comes from runner output (evidence); none yet, so 0. */
  tests_verified: number;
}

/** Lines covered against lines measured. */
export interface CoverageFigure {
  lines_covered: number;
  lines_total: number;
  /** Percent, rounded to one decimal; null when lines_total is 0. */
  percent: number | null;
}

/**
 * The code base's coverage: a measurement, never a sum. The latest session
 * that states `coverage`, else the mission's baseline (README, "How totals are computed", rule 7).
 */
export interface CodeBaseCoverage {
  /** Percent, one decimal; null when the measured code has no lines. */
  percent: number | null;
  /** Line counts, null where the measurement states a percent only. */
  lines_covered: number | null;
  lines_total: number | null;
  /** `session` when a session measured it, `baseline` when it is the mission's baseline. */
  source: 'session' | 'baseline';
  /** The session that measured it; null for the baseline. */
  session: SessionRef | null;
  /** The coverage file it comes from, when runner output measured it; null when stated. */
  verified: string | null;
}

export interface Totals extends TestTotals {
  sessions: number;
  /** Mean of the current scores, rounded to one decimal; null when no component states one. */
  avg_score: number | null;
  components_with_score: number;
  /** Sum over the components that state it; null when none does. */
  lines_of_test_code: number | null;
  /** How many components the sum of lines of test code is taken over. */
  components_with_lines_of_test_code: number;
  /** The mission baseline, when the mission states one. */
  baseline: CoverageFigure | null;
  /** The code base's coverage; null when neither a session nor the baseline measures it. */
  mission_coverage: CodeBaseCoverage | null;
  by_level: Record<Level | 'unspecified', TestTotals>;
}

/** A report to write: the path and its full bytes. */
export interface ReportFile {
  path: string;
  content: string;
}

/** A reference to a session, for links and history. */
export interface SessionRef {
  id: string;
  file: string;
  title: string;
  date: string;
  number: number | null;
  /** The archive page that holds the session's section (`2024-01`, `2024-01-2`), or null for the report itself. */
  page: string | null;
}

/** A page listing components of one phase: `<out>/<mission>/components-<id>.md`. */
export interface ComponentPage {
  id: string;
  title: string;
  components: number;
}

/** An archive page of older sessions: `<out>/<mission>/sessions-<id>.md`. */
export interface ArchivePage {
  id: string;
  /** What the page covers, such as "2024-01" or "2024-01 (part 2)". */
  title: string;
  first: string;
  last: string;
  sessions: number;
}

export interface PhaseRef {
  id: string;
  name: string;
}

/** Which of a component's figures come from runner output, and from which evidence file (null: stated by hand). */
export interface Verification {
  tests: string | null;
  coverage: string | null;
}

/** A component record whose figures evidence may have replaced, with where they came from. */
export type CountedComponent = ComponentRecord & { verified?: Verification; flaky?: number };

/** One component as one session reported it, flattened so templates never meet a missing object. */
export interface ComponentState {
  /** Identity across sessions: the test file, or the name where there is none. */
  key: string;
  name: string;
  source: string | null;
  test_file: string | null;
  level: Level | null;
  impact: Impact | null;
  /** Outcome counts (see `OutcomeTotals`); all null when the record states no tests. */
  tests_total: number | null;
  tests_passing: number | null;
  tests_failing: number | null;
  tests_skipped: number | null;
  tests_not_run: number | null;
  tests_no_result: number | null;
  tests_ran: number | null;
  /** Passed over passed plus failed, one decimal; null without tests or when none ran. */
  pass_rate: number | null;
  score: number | null;
  /** Percent covered: from line counts where given, else as stated. */
  coverage_percent: number | null;
  lines_covered: number | null;
  lines_total: number | null;
  lines_of_test_code: number | null;
  duration_s: number | null;
  /** Which figures are verified by runner output; both null when everything is stated. */
  verified: Verification;
  /** Of the passed tests, those that passed only on a rerun (verified figures only); null when not known. */
  tests_flaky: number | null;
  bvj: { segment: string[]; goal: string | null; value_impact: string | null; revenue_impact: string | null };
  categories: { name: string; tests: number }[];
  features: string[];
  notes: string[];
  session: SessionRef;
  phase: PhaseRef | null;
  /** Line of the component in its session file. */
  line: number;
}

/** A component in its current state (the latest session that reported it). */
export interface ComponentView extends ComponentState {
  /** How many sessions reported it. */
  reports: number;
  /** The sessions that reported it, oldest first. */
  history: SessionRef[];
}

/** The outcome fields of a component state. */
export type ComponentOutcomes = Pick<ComponentState, 'tests_total' | 'tests_passing' | 'tests_failing' | 'tests_skipped' | 'tests_not_run' | 'tests_no_result' | 'tests_ran' | 'pass_rate'>;

/** A component as a session reported it, with what changed. */
export interface SessionComponent extends ComponentState {
  change: 'new' | 'updated';
  /** The report it replaced, when `change` is `updated`. */
  previous: (ComponentOutcomes & { score: number | null; session: SessionRef }) | null;
  /** The later session that replaced this report, or null while it is current. */
  superseded_by: SessionRef | null;
}

export interface ClaimView {
  /** The claims key, such as `tests_total`. */
  name: string;
  label: string;
  /** How the stated and computed figures read: a count, a percent or a score. */
  unit: MetricUnit;
  stated: number;
  computed: number | null;
  matches: boolean;
}

export interface SessionView extends SessionRef {
  start: string | null;
  end: string | null;
  status: Status | null;
  phase: PhaseRef | null;
  components: SessionComponent[];
  /** Mission totals once this session is counted, in session order. */
  cumulative: TestTotals & { sessions: number };
  /** The code base's coverage this session states or its evidence measures, if any; `verified` names the coverage file. */
  coverage: { percent: number | null; lines_covered: number | null; lines_total: number | null; verified: string | null } | null;
  /** The runner output this session cites: file, format, producer when the file names it, the digest's first 12 characters, what it holds. */
  evidence: { file: string; format: EvidenceFormat; producer: string | null; sha256: string; test_files: number | null; tests: number | null; source_files: number | null }[];
  claims: ClaimView[];
  log: { at: string; text: string }[];
  next_steps: string[];
  notes: string[];
}

export interface PhaseView {
  /** The phase id, or null for the components of sessions that name no phase. */
  id: string | null;
  name: string;
  priority: string | null;
  sessions: number;
  components: ComponentView[];
  /** The components the report itself lists: all of them, or the most recently reported when there are many. */
  shown: ComponentView[];
  /** The pages listing all of the phase's components, when the report lists only some. */
  pages: ComponentPage[];
  totals: TestTotals & { avg_score: number | null; components_with_score: number };
}

export interface SegmentView extends TestTotals {
  segment: string;
  /** Revenue impact as stated by each component serving the segment, never summed. */
  revenue_impacts: string[];
}

export interface TargetView {
  metric: Metric;
  label: string;
  target: number;
  direction: 'at_least' | 'at_most';
  /** How the target and the figure are shown: a count, a percent, or a score out of 10. */
  unit: MetricUnit;
  /** The computed figure; null when no record states what it needs. */
  achieved: number | null;
  status: 'met' | 'not met' | 'not stated';
  /** Achieved as a percent of the target, one decimal; null when not computable. */
  ratio: number | null;
}

export type MetricUnit = 'count' | 'percent' | 'score';

export interface MilestoneView {
  coverage: number;
  label: string;
  reached: boolean;
}

/** Everything a template receives for one mission. Every number in it is computed from the records. */
export interface MissionModel {
  /** The mission folder name. */
  name: string;
  mission: {
    title: string;
    objective: string | null;
    started: string | null;
    template: string;
    notes: string[];
    file: string;
  };
  totals: Totals;
  targets: TargetView[];
  milestones: MilestoneView[];
  phases: PhaseView[];
  /** Current states, ordered by phase, then name. */
  components: ComponentView[];
  /** Tests of the current states by customer segment (`bvj.segment`); a component serving several counts in each. */
  by_segment: SegmentView[];
  /** Sessions in order: date, start time, file name. */
  sessions: SessionView[];
  /** The most recent sessions, shown in full in the report itself. */
  recent_sessions: SessionView[];
  /** Pages holding the older sessions, oldest first. */
  archives: ArchivePage[];
  log: { at: string; text: string; session: SessionRef }[];
  /** The log entries of the sessions shown in full in the report (older ones are on the archive pages). */
  recent_log: { at: string; text: string; session: SessionRef }[];
  /** How many targets are met, and the ones that are not, for the one-line status. */
  targets_summary: { met: number; total: number; not_met: { label: string; achieved: number | null; target: number; unit: MetricUnit }[] };
  /** The series behind the charts; each chart's table shows the same numbers. */
  charts: Charts;
  /** The next steps of the latest session that states any. */
  next_steps: { text: string; session: SessionRef }[];
  findings: Finding[];
}
