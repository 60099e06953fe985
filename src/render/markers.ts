/**
 * Status markers, defined once: every status in every report is shown with
 * the same symbol and word, so a reader learns them once.
 */
export const MARKERS: Record<string, string> = {
  met: '✅ met',
  'not met': '❌ not met',
  'not stated': '➖ not stated',
  completed: '✅ completed',
  'in-progress': '⏳ in progress',
  blocked: '⛔ blocked',
  current: 'current',
  new: '🆕 new',
  updated: '🔁 updated',
  // A figure re-derived from runner output on every build, not typed by hand.
  verified: '🔬 verified',
};

export function marker(status: string | null): string {
  if (status === null) return MARKERS['not stated']!;
  return MARKERS[status] ?? status;
}
