/**
 * How the process's heap grows. By default V8 lets a heap grow to several
 * times what is live before it collects: a cold build of ten thousand
 * sessions, 100 MB live on the main thread, peaked at 540 MB. Growing by 20%
 * at a time, it peaks at about 400 MB in about the same time (README,
 * Performance; 30% was enough before the reports of 0.2.0 grew by a sixth). The flag is only read when V8 sizes the heap after a
 * collection, so setting it as the process starts is safe. Called by the
 * process entry only: a program using Tally as a library keeps its own
 * settings.
 */
import v8 from 'node:v8';

/** V8 ignores a flag it does not know (printing an error): a test checks this V8 knows this one. */
export const HEAP_FLAGS = '--heap-growing-percent=20';

export function tuneHeap(): void {
  v8.setFlagsFromString(HEAP_FLAGS);
}
