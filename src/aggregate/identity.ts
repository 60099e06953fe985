/** How components and sessions are identified and ordered (README, "How totals are computed"). */
import type { ComponentRecord, SessionInput } from '../types.js';

/** A component is identified by its test file, or by its name where it has none. */
export function componentKey(component: Pick<ComponentRecord, 'name' | 'test_file'>): string {
  return component.test_file ?? component.name;
}

/** Code-point order, independent of locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Session order: by date, then start time (a missing start counts as earlier
 * than any), then file name in code-point order.
 */
export function compareSessions(a: SessionInput, b: SessionInput): number {
  return (
    compareText(a.record.date, b.record.date) ||
    compareText(a.record.start ?? '', b.record.start ?? '') ||
    compareText(a.file, b.file)
  );
}
