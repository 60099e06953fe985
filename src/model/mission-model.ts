/** Everything a template receives for one mission (`aggregate` makes it): sessions, phases, targets, milestones, pages. Every number in it is computed from the records. */
import type { Charts } from './charts.js';
import type { PhaseRef, SessionRef } from './refs.js';
import type { ComponentView, SessionComponent } from './components.js';
import type { EvidenceFormat } from './evidence.js';
import type { Finding } from './findings.js';
import type { TestTotals, Totals } from './totals.js';
import type { Metric } from '../schema/mission.js';
import type { Status } from '../schema/session.js';

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

/** What the commands print of a mission: small, so a build can cache it whole. */
export interface MissionSummary {
  title: string;
  totals: Totals;
  targets: TargetView[];
  findings: Finding[];
}
