/**
 * The second thread of a large build. Checking records and rendering pages
 * both hand part of their work to one worker thread (`worker.ts`) through a
 * `WorkerPool`, and do the rest on this thread; the bytes are the same on one
 * thread or two (a test checks). A worker that fails or stops without
 * answering fails every task it holds with a message saying so: a build never
 * waits for an answer that cannot come.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EXIT_FAILURE, TallyError } from '../errors.js';

/** Below this many bytes of input, a worker costs more than it saves. Override with TALLY_PARALLEL_MIN_BYTES. */
const MIN_BYTES = 4_000_000;

/** The build's worker: compiled next to this file, or its TypeScript source when Tally runs from source (tests, `tsx`). */
const WORKER = new URL('./worker.js', import.meta.url);

/** Whether work on `bytes` bytes of input pays for a second thread: large enough, two cores, and a worker that can start. */
export function worthAThread(bytes: number): boolean {
  const minBytes = Number(process.env['TALLY_PARALLEL_MIN_BYTES'] ?? MIN_BYTES);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return bytes >= minBytes && cores >= 2 && workerStart(WORKER) !== null;
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

/** What a worker is sent: a task of a kind its handlers know. */
export interface WorkerRequest {
  id: number;
  kind: string;
  payload: unknown;
}

/** What a worker answers: its handler's value, or the message of what the handler threw. */
export type WorkerAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** The error of every task a worker could not finish. */
class WorkerFailure extends TallyError {
  constructor(message: string) {
    super(message, EXIT_FAILURE);
    this.name = 'WorkerFailure';
  }
}

/**
 * One worker thread, started with its first task. `run` sends a task and
 * resolves with the answer; the worker takes tasks in the order sent.
 */
export class WorkerPool {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private next = 0;
  /** Set once the worker has failed or stopped: every later task fails with it. */
  private failure: WorkerFailure | null = null;
  private closing = false;

  /** `data` is the worker's `workerData`; `file` its module (default: the build's worker). */
  constructor(
    private readonly data: unknown,
    private readonly file: URL = WORKER,
  ) {}

  /** How many tasks the worker was sent. */
  get sent(): number {
    return this.next;
  }

  run<T>(kind: string, payload: unknown): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    const answer = new Promise<T>((resolve, reject) => this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    try {
      (this.worker ??= this.start()).postMessage({ id, kind, payload } satisfies WorkerRequest);
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
    }
    return answer;
  }

  /** Stop the worker; call once every task has been answered or the build has failed. */
  async close(): Promise<void> {
    this.closing = true;
    await this.worker?.terminate();
  }

  private start(): Worker {
    const start = workerStart(this.file);
    if (!start) throw new WorkerFailure(`the build's worker thread cannot start: neither ${fileURLToPath(this.file)} nor its TypeScript source with tsx is there`);
    const worker = new Worker(start.code, { eval: true, workerData: this.data });
    worker.on('message', (answer: WorkerAnswer) => {
      const waiting = this.waiting.get(answer.id);
      if (!waiting) return;
      this.waiting.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.value);
      else waiting.reject(new WorkerFailure(`the build's worker thread failed: ${answer.message}`));
    });
    worker.on('error', (error) => this.fail(`the build's worker thread failed: ${error.message}`));
    worker.on('messageerror', (error) => this.fail(`the build's worker thread sent what cannot be read: ${error.message}`));
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(`the build's worker thread stopped (exit code ${code}) before answering ${this.waiting.size} task(s)`);
    });
    return worker;
  }

  private fail(message: string): void {
    this.failure ??= new WorkerFailure(message);
    for (const waiting of this.waiting.values()) waiting.reject(this.failure);
    this.waiting.clear();
  }
}

/**
 * How to start the worker module at `file`: the compiled `.js` as it is, or
 * its `.ts` source through tsx (a development dependency), so the suite runs
 * the two-thread path on the source. Null when neither can run.
 */
function workerStart(file: URL): { code: string } | null {
  if (existsSync(fileURLToPath(file))) return { code: `import(${JSON.stringify(file.href)});` };
  const source = new URL(file.href.replace(/\.js$/, '.ts'));
  if (!existsSync(fileURLToPath(source))) return null;
  const tsx = tsxLoader();
  if (!tsx) return null;
  return { code: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });` };
}

let tsx: string | null | undefined;
function tsxLoader(): string | null {
  if (tsx === undefined) {
    try {
      tsx = import.meta.resolve('tsx/esm/api');
    } catch {
      tsx = null;
    }
  }
  return tsx;
}
