/** The process entry: the only place that sets the exit code or exits. */
import { tuneHeap } from './heap.js';
import { run } from './run.js';

tuneHeap();

// A reader that stops early (`tally build | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2));
