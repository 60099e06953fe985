/** The worker thread of `PageRenderer`: render and normalize each page it is sent and send it back. */
import { parentPort, workerData } from 'node:worker_threads';
import { workerRenderer, type WorkerJob } from './pages.js';
import type { TemplateSources } from './render/templates.js';

const renderPage = workerRenderer(workerData as TemplateSources);
parentPort!.on('message', (job: WorkerJob) => parentPort!.postMessage(renderPage(job)));
