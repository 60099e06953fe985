/** The worker thread of `validateMissionsOnCores`: check the session files it is given and send the results back. */
import { parentPort, workerData } from 'node:worker_threads';
import { checkTask, type CheckTask } from './validate.js';

parentPort!.postMessage((workerData as CheckTask[]).map(checkTask));
