/**
 * The one rounding rule: ratios and means are rounded half up to one decimal
 * place, computed from integers so that no binary fraction tips a result.
 */

/** `numerator / denominator` as a percent with one decimal, or null for a zero denominator. */
export function percent(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.floor((2 * numerator * 1000 + denominator) / (2 * denominator)) / 10;
}

/** Mean of values given in hundredths (scores), with one decimal; null when there are none. */
export function meanOfHundredths(sumHundredths: number, count: number): number | null {
  if (count === 0) return null;
  return Math.floor((2 * sumHundredths + 10 * count) / (20 * count)) / 10;
}

/** A score (at most two decimals, checked by the schema) as an exact integer of hundredths. */
export function hundredths(value: number): number {
  return Math.round(value * 100);
}

/** Round a finite number half up to `decimals` places, for figures that are not integer ratios. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round((value + Math.sign(value) * Number.EPSILON * Math.abs(value)) * factor) / factor;
}

/** How many decimals a stated figure was written with (96 → 0, 96.5 → 1). */
export function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

/** Whether a figure stated with its own decimals (95, 95.5) is what an exact one reads at that precision (95.48 is 95.5). */
export function matchesStated(stated: number, exact: number): boolean {
  return roundTo(exact, decimalsOf(stated)) === stated;
}
