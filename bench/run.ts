/**
 * `npm run bench`: time Tally on seeded synthetic missions against the floor
 * of reading and parsing the same files with `yaml` alone.
 *
 *   npm run bench                       1,000 and 10,000 sessions
 *   npm run bench -- --sessions 200     one size (what CI runs, as a smoke test)
 *   npm run bench -- --out FILE         where the figures go (default bench/results.json)
 *
 * Every run is a separate process, started the same way; wall time is measured
 * here, peak memory (maxRSS) by the process itself.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { sessions: { type: 'string', default: '1000,10000' }, out: { type: 'string', default: path.join(here, 'results.json') } } });
const sizes = values.sessions!.split(',').map(Number);

interface Measure {
  seconds: number;
  peak_mb: number;
}

function measure(script: string, args: string[], cwd: string): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const last = stderr.trim().split('\n').at(-1) ?? '{}';
      const { maxRSS, code } = JSON.parse(last) as { maxRSS: number; code?: number };
      if (code !== undefined && code !== 0) reject(new Error(`${path.basename(script)} ${args.join(' ')} exited with ${code}: ${stderr}`));
      else resolve({ seconds: Math.round(seconds * 1000) / 1000, peak_mb: Math.round(maxRSS / 1024) });
    });
  });
}

async function sizeOf(dir: string): Promise<{ files: number; largest_kb: number }> {
  const names = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.md'));
  let largest = 0;
  for (const name of names) largest = Math.max(largest, (await readFile(path.join(dir, name))).length);
  return { files: names.length, largest_kb: Math.round(largest / 1024) };
}

const tally = path.join(here, 'tally-measured.mjs');
const floor = path.join(here, 'floor.mjs');
const templates = path.resolve(here, '../templates');
const results = [];
for (const sessions of sizes) {
  const root = await mkdtemp(path.join(os.tmpdir(), `tally-bench-${sessions}-`));
  await generate({ root, sessions, seed: 42 });
  const base = await measure(floor, ['data'], root);
  const cold = await measure(tally, ['build', '--templates', templates], root);
  // One session file changes: the next build is the warm rebuild.
  const sessionsDir = path.join(root, 'data/mission-0/sessions');
  const last = (await readdir(sessionsDir)).sort().at(-1)!;
  const file = path.join(sessionsDir, last);
  await writeFile(file, (await readFile(file, 'utf8')).replace(/passing: (\d+)/, (_m, n: string) => `passing: ${Math.max(0, Number(n) - 1)}`));
  const warm = await measure(tally, ['build', '--templates', templates], root);
  const check = await measure(tally, ['check', '--templates', templates], root);
  const ratio = (m: Measure) => Math.round((m.seconds / base.seconds) * 100) / 100;
  const row = {
    sessions,
    floor: base,
    cold_build: { ...cold, ratio_to_floor: ratio(cold) },
    warm_rebuild: { ...warm, ratio_to_floor: ratio(warm) },
    check_unchanged: { ...check, ratio_to_floor: ratio(check) },
    reports: await sizeOf(path.join(root, 'reports')),
  };
  results.push(row);
  process.stdout.write(
    `${sessions} sessions: floor ${base.seconds}s; cold build ${cold.seconds}s (×${row.cold_build.ratio_to_floor}, ${cold.peak_mb} MB); ` +
      `warm rebuild ${warm.seconds}s; check ${check.seconds}s; ${row.reports.files} report files, largest ${row.reports.largest_kb} KB\n`,
  );
  await rm(root, { recursive: true, force: true });
}
if (results.length > 1) {
  const first = results[0]!;
  const lastRow = results.at(-1)!;
  process.stdout.write(`cold build grows ×${Math.round((lastRow.cold_build.seconds / first.cold_build.seconds) * 10) / 10} from ${first.sessions} to ${lastRow.sessions} sessions\n`);
}
const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` };
await writeFile(values.out!, `${JSON.stringify({ machine, results }, null, 2)}\n`);
process.stdout.write(`figures written to ${path.relative(process.cwd(), values.out!) || values.out}\n`);
