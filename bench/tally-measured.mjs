// Run the built CLI in this process and report its peak memory on stderr, for the benchmark.
import { run } from '../dist/cli/run.js';

const code = await run(process.argv.slice(2), { stdout: () => {}, stderr: (t) => process.stdout.write(t), cwd: process.cwd() });
process.stderr.write(`${JSON.stringify({ code, maxRSS: process.resourceUsage().maxRSS })}\n`);
process.exitCode = code;
