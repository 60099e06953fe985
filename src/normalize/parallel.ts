/**
 * Normalize many pages on both cores: half of them (by size) in a worker
 * thread while this thread does the other half (see `two-cores.ts`).
 */
import { Worker } from 'node:worker_threads';
import type { RenderedTemplate } from '../render/render.js';
import { splitInTwo, useWorker } from '../two-cores.js';
import { normalizeAll, PlacementError } from './normalize.js';

export type WorkerReply = { ok: true; outputs: string[] } | { ok: false; message: string; line: number };

export async function normalizeMany(renders: readonly RenderedTemplate[]): Promise<string[]> {
  const workerFile = new URL('./worker.js', import.meta.url);
  const sizes = renders.map((r) => r.markdown.length);
  if (!useWorker(workerFile, renders.length, sizes.reduce((a, b) => a + b, 0))) return normalizeAll(renders);
  const [mine, theirs] = splitInTwo(sizes);
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
