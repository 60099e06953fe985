/** Run the CLI in-process with captured output. */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/run.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function tally(args: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary folder, optionally with a copy of `from` inside. */
export async function scratch(from?: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tally-test-'));
  if (from) await cp(from, dir, { recursive: true });
  return dir;
}

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Replace `from` with `to` in a file; fails when `from` is not there, so an edit can never silently do nothing. */
export async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  await writeFile(file, text.replace(from, to));
}
