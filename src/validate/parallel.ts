/**
 * Validate on both cores: the session files the cache does not hold are
 * parsed and checked half in a worker thread, half in this thread. Small runs,
 * and runs from the TypeScript sources (tests), stay on one thread; the
 * result is the same either way.
 */
import { Worker } from 'node:worker_threads';
import type { MissionFiles } from '../types.js';
import { bareIndex } from '../parse/position-index.js';
import { splitInTwo, useWorker } from '../two-cores.js';
import { checkTask, checkTasks, finishMissions, planMission, type CheckTask, type SessionCache, type SessionCheck, type ValidationResult } from './validate.js';

export async function validateMissionsOnCores(folders: readonly MissionFiles[], cache?: { stamp: string; sessions: SessionCache }): Promise<ValidationResult> {
  const plans = folders.map((folder) => planMission(folder, cache));
  return finishMissions(plans, await checkAll(checkTasks(plans)), cache);
}

async function checkAll(tasks: readonly CheckTask[]): Promise<SessionCheck[]> {
  const workerFile = new URL('./worker.js', import.meta.url);
  const sizes = tasks.map((task) => task.source.text.length);
  if (!useWorker(workerFile, tasks.length, sizes.reduce((a, b) => a + b, 0))) return tasks.map(checkTask);
  const [mine, theirs] = splitInTwo(sizes);
  const worker = new Worker(workerFile, { workerData: theirs.map((i) => tasks[i]) });
  const reply = new Promise<SessionCheck[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const results = new Array<SessionCheck>(tasks.length);
  for (const i of mine) results[i] = checkTask(tasks[i]!);
  const answer = await reply.finally(() => void worker.terminate());
  theirs.forEach((i, k) => (results[i] = fromWorker(answer[k]!)));
  return results;
}

/** Position tables come back from the worker as plain objects: give them back their null prototype. */
function fromWorker(result: SessionCheck): SessionCheck {
  return result.session ? { ...result, session: { ...result.session, positions: bareIndex(result.session.positions) } } : result;
}
