/** Position tables, apart from the parser so the caches can rebuild them without loading it. */
import type { PositionIndex } from '../model/records.js';

/**
 * Position tables keyed by field paths taken from the record: without a
 * prototype, so a key such as `__proto__` or `constructor` is just a key.
 */
export function emptyIndex(): PositionIndex {
  return { values: Object.create(null) as PositionIndex['values'], keys: Object.create(null) as PositionIndex['keys'] };
}

/** The same tables again without a prototype, from copies that lost it (JSON, a worker thread's message). */
export function bareIndex(index: PositionIndex): PositionIndex {
  const bare = emptyIndex();
  return { values: Object.assign(bare.values, index.values), keys: Object.assign(bare.keys, index.keys) };
}
