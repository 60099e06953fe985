// Run the built CLI in this process and report its peak memory on stderr, for the benchmark.
import { tuneHeap } from '../dist/cli/heap.js';
import { run } from '../dist/cli/run.js';

tuneHeap(); // as the process entry, dist/cli/main.js, does

const code = await run(process.argv.slice(2), { stdout: () => {}, stderr: (t) => process.stdout.write(t), cwd: process.cwd() });
process.stderr.write(`${JSON.stringify({ code, maxRSS: process.resourceUsage().maxRSS })}\n`);
process.exitCode = code;
