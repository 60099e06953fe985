/**
 * Work split over both cores: a worker thread takes half of a large job while
 * the main thread does the other half. Used by the validate and normalize
 * stages; their results are the same bytes on one thread or two.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

/** Below this many bytes of input, a worker costs more than it saves. Override with TALLY_PARALLEL_MIN_BYTES. */
const MIN_BYTES = 4_000_000;

/**
 * Whether a job of `count` items and `bytes` bytes goes half to a worker:
 * large enough, two cores, and the worker built (runs from the TypeScript
 * sources, as in tests, have no `.js` worker and stay on one thread).
 */
export function useWorker(workerFile: URL, count: number, bytes: number): boolean {
  const minBytes = Number(process.env['TALLY_PARALLEL_MIN_BYTES'] ?? MIN_BYTES);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return count >= 2 && bytes >= minBytes && cores >= 2 && existsSync(fileURLToPath(workerFile));
}

/** The indexes of items of these sizes in two groups of about equal size, largest first: this thread's and the worker's. */
export function splitInTwo(sizes: readonly number[]): [number[], number[]] {
  const order = sizes.map((_size, i) => i).sort((a, b) => sizes[b]! - sizes[a]!);
  const mine: number[] = [];
  const theirs: number[] = [];
  let mineSize = 0;
  let theirSize = 0;
  for (const i of order) {
    if (mineSize <= theirSize) {
      mine.push(i);
      mineSize += sizes[i]!;
    } else {
      theirs.push(i);
      theirSize += sizes[i]!;
    }
  }
  return [mine, theirs];
}
