/** Findings: inconsistencies in valid records (`aggregate/findings.ts` finds them). */

export type FindingCode =
  | 'evidence-mismatch'
  | 'claim-mismatch'
  | 'categories-mismatch'
  | 'same-time-report'
  | 'duplicate-session-number'
  | 'tests-not-stated';

/** An inconsistency in valid records. `check --strict` fails on findings. */
export interface Finding {
  code: FindingCode;
  file: string;
  line: number;
  column: number;
  message: string;
}
