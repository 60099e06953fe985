/** The process entry: the only place that sets the exit code. */
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2));
