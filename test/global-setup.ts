/**
 * Every scratch folder of a run goes in one temporary folder, removed when
 * the run ends: `TMPDIR` points there for the test processes, so `os.tmpdir()`
 * (and whatever the tests start: the CLI, git, Chromium) uses it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'tally-tests-'));
  process.env['TMPDIR'] = root;
  return () => rmSync(root, { recursive: true, force: true });
}
