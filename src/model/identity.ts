/** How components and sessions are identified and ordered (README, "How totals are computed"). */
import { compareText } from '../text/compare.js';
import type { SessionInput } from './records.js';
import type { ComponentRecord } from '../schema/session.js';

/** A component is identified by its test file, or by its name where it has none. */
export function componentKey(component: Pick<ComponentRecord, 'name' | 'test_file'>): string {
  return component.test_file ?? component.name;
}

/**
 * Session order: by date, then start time (a missing start counts as earlier
 * than any), then file name in code-point order.
 */
export function compareSessions(a: Pick<SessionInput, 'record' | 'file'>, b: Pick<SessionInput, 'record' | 'file'>): number {
  return (
    compareText(a.record.date, b.record.date) ||
    compareText(a.record.start ?? '', b.record.start ?? '') ||
    compareText(a.file, b.file)
  );
}
