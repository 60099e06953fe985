/** The worker thread of `normalizeMany`: normalize the pages it is given and send them back. */
import { parentPort, workerData } from 'node:worker_threads';
import type { RenderedTemplate } from '../render/render.js';
import { normalizeAll, PlacementError } from './normalize.js';
import type { WorkerReply } from './parallel.js';

const renders = workerData as RenderedTemplate[];
let reply: WorkerReply;
try {
  reply = { ok: true, outputs: normalizeAll(renders) };
} catch (error) {
  reply = { ok: false, message: error instanceof PlacementError ? error.reason : String((error as Error).message), line: error instanceof PlacementError ? error.line : 0 };
}
parentPort!.postMessage(reply);
