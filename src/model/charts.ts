/** The series behind the report's charts (`aggregate/charts.ts` computes them). */
import type { OutcomeTotals } from './totals.js';

/** The mission's test outcomes once a session (or the last session of a day or month) is counted. */
export interface ProgressPoint extends OutcomeTotals {
  /** The x-axis label: the session's place in time order, its day or its month. */
  label: string;
  /** What the point stands for: a session (date and title), a day or a month. */
  title: string;
}

export interface Slice {
  label: string;
  value: number;
}

export interface Charts {
  /** Cumulative tests by outcome, per session; per day or month when there are many. */
  progress: { kind: 'progress'; per: 'session' | 'day' | 'month'; points: ProgressPoint[] };
  /** Tests of the current states by level (empty levels left out). */
  levels: { kind: 'pie'; title: string; slices: Slice[] };
  /** Tests of the current states by phase. */
  phases: { kind: 'bar'; title: string; axis: string; slices: Slice[] };
  /** Components by score, in bands of one point. */
  scores: { kind: 'bar'; title: string; axis: string; slices: Slice[] };
}
