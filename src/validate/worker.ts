/** The worker thread of `validateMissionsOnCores`: check the session files it is given and send the results back. */
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckTask } from './parallel.js';
import { validateSession } from './validate.js';

parentPort!.postMessage((workerData as CheckTask[]).map((task) => validateSession(task.source, task.mission)));
