/** "Did you mean" suggestions for misspelled keys, values and names. */
import { closest, distance } from 'fastest-levenshtein';

/** The candidate nearest to `value`, or undefined when none is plausibly meant. */
export function nearest(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(value.toLowerCase(), [...candidates]);
  // Allow about one typo per three characters, and two (a swapped pair: `titel`) from four
  // characters on: `test_flie` → `test_file`, `uint` → `unit`, but not `x` → `level`.
  const allowed = best.length < 4 ? 1 : Math.max(2, Math.floor(best.length / 3));
  return distance(value.toLowerCase(), best) <= allowed ? best : undefined;
}

/** ` (did you mean "x"?)` or the empty string. */
export function didYouMean(value: string, candidates: readonly string[]): string {
  const match = nearest(value, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}
