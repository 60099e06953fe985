/**
 * Check records on both cores: the session files the records cache does not
 * hold are parsed and checked, about half by size in the build's worker
 * thread, the rest on this one. Small runs stay on one thread; the result is
 * the same either way.
 */
import { bareIndex } from '../parse/position-index.js';
import type { MissionFiles } from '../model/files.js';
import { checkTask, checkTasks, finishMissions, planMission, type CheckTask, type SessionCache, type SessionCheck, type ValidationResult } from '../validate/validate.js';
import { splitInTwo, worthAThread, type WorkerPool } from './threads.js';

export async function checkRecords(folders: readonly MissionFiles[], pool: WorkerPool | null, cache?: SessionCache): Promise<ValidationResult> {
  const plans = folders.map((folder) => planMission(folder, cache));
  return finishMissions(plans, await checkAll(checkTasks(plans), pool), cache);
}

async function checkAll(tasks: readonly CheckTask[], pool: WorkerPool | null): Promise<SessionCheck[]> {
  const sizes = tasks.map((task) => task.source.text.length);
  if (!pool || tasks.length < 2 || !worthAThread(sizes.reduce((a, b) => a + b, 0))) return tasks.map(checkTask);
  const [mine, theirs] = splitInTwo(sizes);
  const reply = pool.run<SessionCheck[]>('check', theirs.map((i) => tasks[i]));
  reply.catch(() => undefined); // awaited below, once this thread's half is done
  const results = new Array<SessionCheck>(tasks.length);
  for (const i of mine) results[i] = checkTask(tasks[i]!);
  const answer = await reply;
  theirs.forEach((i, k) => (results[i] = fromWorker(answer[k]!)));
  return results;
}

/** Position tables come back from the worker as plain objects: give them back their null prototype. */
function fromWorker(result: SessionCheck): SessionCheck {
  return result.session ? { ...result, session: { ...result.session, positions: bareIndex(result.session.positions) } } : result;
}
