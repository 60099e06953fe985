/**
 * Before a run: the tests that start `tally` as a process (`bin/tally.js`,
 * which runs `dist/`) must run the code as it is, so `dist/` is compiled
 * again when any source is newer than it (about 7 s; `npm install` compiles
 * it, so a fresh clone and CI skip this). Every scratch folder of the run goes
 * in one temporary folder, removed when the run ends: `TMPDIR` points there
 * for the test processes, so `os.tmpdir()` (and whatever the tests start: the
 * CLI, git, Chromium) uses it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Whether some source under src/ has no compiled file in dist/, or one older than itself. */
function distIsStale(): boolean {
  const sources = readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  return sources.some((file) => {
    const built = path.join(root, 'dist', file.replace(/\.ts$/, '.js'));
    return !existsSync(built) || statSync(built).mtimeMs < statSync(path.join(root, 'src', file)).mtimeMs;
  });
}

export default function setup(): () => void {
  if (distIsStale()) {
    // Compiled afresh, so that no module removed from src/ lingers in dist/.
    rmSync(path.join(root, 'dist'), { recursive: true, force: true });
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  }
  const scratch = mkdtempSync(path.join(tmpdir(), 'tally-tests-'));
  process.env['TMPDIR'] = scratch;
  return () => rmSync(scratch, { recursive: true, force: true });
}
