/** Code-point order, independent of locale: how Tally sorts names, dates and paths everywhere. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
