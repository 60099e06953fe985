/** "Did you mean" suggestions for misspelled keys, values and names. */
import { closest, distance } from 'fastest-levenshtein';

/** The candidate nearest to `value`, or undefined when none is plausibly meant. */
export function nearest(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(value.toLowerCase(), [...candidates]);
  // Allow about one typo per three characters: `test_flie` → `test_file`, not `x` → `level`.
  return distance(value.toLowerCase(), best) <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/** ` (did you mean "x"?)` or the empty string. */
export function didYouMean(value: string, candidates: readonly string[]): string {
  const match = nearest(value, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}
