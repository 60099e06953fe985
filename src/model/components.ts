/** A component as sessions report it: its figures flattened for templates, and where each came from. */
import type { PhaseRef, SessionRef } from './refs.js';
import type { ComponentRecord, Impact, Level } from '../schema/session.js';

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
