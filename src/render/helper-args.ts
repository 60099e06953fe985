/** Reading the arguments templates pass to helpers (`helpers.ts`), with an error that says what was expected. */
import { compareText } from '../text/compare.js';
import { OUTCOME_FIELDS } from '../aggregate/totals.js';
import type { MaybeOutcomes } from '../text/format.js';

/** An object carrying outcome counts (a component, a level's totals, a session's cumulative figures). */
export function outcomesArg(group: unknown, helper: string): MaybeOutcomes {
  if (group === null || typeof group !== 'object') throw new TypeError(`${helper} expects an object with test outcomes, such as totals or a component`);
  const g = group as Record<string, unknown>;
  const missing = OUTCOME_FIELDS.filter((field) => !(field in g));
  if (missing.length > 0) throw new TypeError(`${helper} expects an object with test outcomes; this one has no ${missing.join(', ')}`);
  const outcomes = {} as MaybeOutcomes;
  for (const field of OUTCOME_FIELDS) outcomes[field] = typeof g[field] === 'number' ? (g[field] as number) : null;
  return outcomes;
}

/** The id of a session (an object with an id). */
export function sessionId(session: unknown): string {
  const id = session !== null && typeof session === 'object' ? (session as { id?: unknown }).id : undefined;
  if (typeof id !== 'string') throw new TypeError('expected a session (an object with an id)');
  return id;
}

/** Nothing sorts last; numbers numerically; everything else by its text in code-point order. */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareText(String(a), String(b));
}
