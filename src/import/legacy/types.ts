/** What the importer reads out of a legacy report: plain data, every item with its line. */
import type { Coverage, Impact } from '../figures.js';

export interface LegacyComponent {
  line: number;
  name: string;
  test_file: string | null;
  source: string | null;
  level: 'unit' | 'integration' | 'e2e' | null;
  tests: { total: number; passing?: number; failing?: number; skipped?: number; not_run?: number } | null;
  score: number | null;
  coverage: Coverage | null;
  impact: Impact | null;
  revenue: string | null;
  value: string | null;
  segments: string[];
  goal: string | null;
  categories: { name: string; tests: number }[];
  features: string[];
  notes: string[];
  /** History marked as replaced by the report itself (Tally's own "replaced on …"). */
  replaced: boolean;
  /** The id of the phase the report lists it under, where it does. */
  phase?: string | null;
  /** Lines of test code stated for it ("1,200+ lines of test code"). */
  lines_of_test_code?: number | null;
  /**
   * When its own text dates its work ("**Date**: 2025-06-03, 10:00–12:30", "Reviewed on
   * 5 June 2025"): in a report that names no session, its session.
   */
  dated?: { date: string; start: string | null; end: string | null; line: number; field: boolean } | null;
}

export type TotalMetric = 'tests_total' | 'tests_passing' | 'lines_of_test_code' | 'components' | 'sessions';

export interface StatedTotal {
  line: number;
  metric: TotalMetric;
  /** `session` for a session's own figures ("Session 9 statistics"), `mission` for cumulative ones. */
  scope: 'mission' | 'session';
  value: number;
  atLeast: boolean;
  /** The parts the text says it adds up ("(247 previous + 114 new)"), when it gives them. */
  parts: number[] | null;
  text: string;
  /** Index into `sessions` of the session it was stated in, or null. */
  session: number | null;
}

export interface LegacySession {
  line: number;
  number: number | null;
  date: string | null;
  start: string | null;
  end: string | null;
  title: string;
  /** True when the report names this session (a heading); false when the importer grouped loose components. */
  named: boolean;
  /** True when the report states no date for it and the importer took the nearest one before. */
  dateInferred: boolean;
  phase: string | null;
  components: LegacyComponent[];
  next_steps: string[];
  notes: string[];
  /** Entries of the report's progress log this session is ("#### 2025-09-07 20:45:00 - …" under "Progress Log"). */
  log?: { at: string; text: string; line: number }[];
}

export interface LegacyTarget {
  line: number;
  label: string;
  target: number;
  /** What the report says was achieved; null when it states the target alone (a list of targets). */
  achieved: number | null;
  markedMet: boolean | null;
}

export interface StatedRate {
  line: number;
  rate: number;
  passing: number;
  total: number;
}

export interface PassClaim {
  line: number;
  text: string;
  /** The section it is in: from its heading's line to the line before the next heading of the same or a higher level. */
  from: number;
  to: number;
}

export interface LegacyReport {
  file: string;
  title: string;
  /** Line of the title heading, when there is one. */
  titleLine: number | null;
  objective: string | null;
  started: string | null;
  phases: { id: string; name: string; line: number; priority: string | null }[];
  sessions: LegacySession[];
  targets: LegacyTarget[];
  milestones: { coverage: number; label: string; reached: boolean; line: number }[];
  baseline: { lines_covered: number; lines_total: number; line: number } | null;
  totals: StatedTotal[];
  rates: StatedRate[];
  /** Lines that call results "expected" for tests that were never run. */
  neverRun: { line: number; text: string }[];
  /** Lines that say every test passes ("all green"), with the lines of the section they speak for. */
  passClaims: PassClaim[];
  /** Lines that state failed tests ("3 failing", "one failure"), which such a claim must not have beside it. */
  failures: { line: number; text: string }[];
  /** Sections from which nothing was taken: kept as notes, listed by the import summary. */
  unmapped: { line: number; heading: string }[];
  notes: string[];
  /**
   * Components a status list, summary or plan restates ("Phase 1 (P0 - IMMEDIATE)",
   * "Files Completed"): folded into the component reported in a session (`into`,
   * the line of that component), so they are no session's. Kept for the audit.
   */
  restated?: { component: LegacyComponent; into: number; list: number }[];
}
