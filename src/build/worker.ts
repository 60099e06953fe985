/**
 * The build's worker thread (`WorkerPool`): it checks session files and
 * renders pages, whichever it is sent, and answers each task with its value.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkTask, type CheckTask } from '../validate/validate.js';
import type { TemplateSources } from '../model/files.js';
import { workerRenderer, type WorkerJob } from './render-pages.js';
import type { WorkerAnswer, WorkerRequest } from './threads.js';

const renderPage = workerRenderer(workerData as TemplateSources);

const handlers: Record<string, (payload: never) => unknown> = {
  check: (tasks: CheckTask[]) => tasks.map(checkTask),
  render: (job: WorkerJob) => renderPage(job),
};

parentPort!.on('message', (request: WorkerRequest) => {
  let answer: WorkerAnswer;
  try {
    const handler = handlers[request.kind];
    if (!handler) throw new Error(`no task of kind "${request.kind}"`);
    answer = { id: request.id, ok: true, value: handler(request.payload as never) };
  } catch (error) {
    answer = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(answer);
});
