/**
 * Normalize many pages on both cores: half of them (by size) in a worker
 * thread while this thread does the other half. Small builds, and runs from
 * the TypeScript sources (tests), stay on one thread; the output is the same
 * bytes either way.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderedTemplate } from '../render/render.js';
import { normalizeAll, PlacementError } from './normalize.js';

/** Below this much markdown in all, a worker costs more than it saves. Override with TALLY_PARALLEL_MIN_BYTES. */
const MIN_BYTES = 1_000_000;

export type WorkerReply = { ok: true; outputs: string[] } | { ok: false; message: string; line: number };

export async function normalizeMany(renders: readonly RenderedTemplate[]): Promise<string[]> {
  const workerFile = new URL('./worker.js', import.meta.url);
  const size = renders.reduce((n, r) => n + r.markdown.length, 0);
  const minBytes = Number(process.env['TALLY_PARALLEL_MIN_BYTES'] ?? MIN_BYTES);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (renders.length < 2 || size < minBytes || cores < 2 || !existsSync(fileURLToPath(workerFile))) return normalizeAll(renders);

  // Two groups of about equal size, largest pages first.
  const order = renders.map((r, i) => i).sort((a, b) => renders[b]!.markdown.length - renders[a]!.markdown.length);
  const mine: number[] = [];
  const theirs: number[] = [];
  let mineSize = 0;
  let theirSize = 0;
  for (const i of order) {
    if (mineSize <= theirSize) {
      mine.push(i);
      mineSize += renders[i]!.markdown.length;
    } else {
      theirs.push(i);
      theirSize += renders[i]!.markdown.length;
    }
  }
  const worker = new Worker(workerFile, { workerData: theirs.map((i) => renders[i]) });
  const reply = new Promise<WorkerReply>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const outputs = new Array<string>(renders.length);
  normalizeAll(mine.map((i) => renders[i]!)).forEach((output, k) => (outputs[mine[k]!] = output));
  const answer = await reply.finally(() => void worker.terminate());
  if (!answer.ok) throw new PlacementError(answer.line, answer.message);
  theirs.forEach((i, k) => (outputs[i] = answer.outputs[k]!));
  return outputs;
}
