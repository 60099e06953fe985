/**
 * Read record files as they were at a git revision (file-system edge, through
 * git): the base side of `tally diff`. One `git ls-tree` and one streaming
 * `git cat-file --batch`, however many files there are.
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MissionFiles, SourceFile } from '../model/files.js';
import type { Issue } from '../model/records.js';
import { decodeText } from './decode.js';
import { display, isRecordName, strayAtRoot, strayFolderInSessions, strayInMission } from './read-data.js';

const exec = promisify(execFile);

export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await exec('git', args, { cwd, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const err = error as { stderr?: string; message: string };
    throw new GitError(`git ${args.join(' ')}: ${(err.stderr ?? err.message).trim().split('\n')[0]}`);
  }
}

/** The default base of a diff: where this branch left the main branch (or HEAD, on the main branch). */
export async function defaultBase(cwd: string): Promise<string> {
  for (const main of ['origin/main', 'main', 'origin/master', 'master']) {
    const found = await git(cwd, ['rev-parse', '--verify', '--quiet', `${main}^{commit}`]).catch(() => '');
    if (found.trim()) return (await git(cwd, ['merge-base', 'HEAD', main])).trim();
  }
  return (await git(cwd, ['rev-parse', 'HEAD'])).trim();
}

/**
 * The mission folders under `dataDir` as they are at `ref`, and, as the
 * working tree's loader reports them, the YAML files there that are out of
 * place (outside `sessions/`, `mission.yaml` and `evidence/` aside, or in a
 * folder inside `sessions/`). Git keeps no empty folders, so a folder inside
 * `sessions/` shows only through the files it holds.
 */
export async function readDataAt(cwd: string, ref: string, dataDir: string): Promise<{ missions: MissionFiles[]; issues: Issue[] }> {
  const root = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  const prefix = path.relative(root, path.resolve(cwd, dataDir)).split(path.sep).join('/');
  const listing = await git(cwd, ['ls-tree', '-r', '-z', '--full-tree', ref, ...(prefix === '' ? [] : ['--', prefix])]);
  // Shown as the working tree's loader shows them (`display`), so findings compare across revisions.
  const shownRoot = display(cwd, path.resolve(cwd, dataDir));
  const shown = (file: string) => path.posix.join(shownRoot, file);
  const issues: Issue[] = [];
  const strayFolders = new Set<string>();
  const entries = listing
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, file] = line.split('\t') as [string, string];
      // With the data folder at the repository root there is no prefix (nor its "/") to cut.
      return { sha: meta.split(' ')[2]!, file: prefix === '' ? file : file.slice(prefix.length + 1) };
    })
    .filter(({ file }) => {
      const parts = file.split('/');
      const name = parts[parts.length - 1]!;
      if (parts.some((part) => part.startsWith('.'))) return false;
      if (parts.length === 1) {
        if (isRecordName(name)) issues.push(strayAtRoot(shown(file), shownRoot));
        return false;
      }
      if (parts[1] === 'evidence') return false;
      if (parts.length === 2 && name === 'mission.yaml') return true;
      if (parts[1] === 'sessions' && parts.length === 3) return isRecordName(name);
      if (parts[1] === 'sessions' && parts.length > 3) {
        const folder = `${shown(parts.slice(0, 3).join('/'))}/`;
        if (!strayFolders.has(folder)) issues.push(strayFolderInSessions(folder));
        strayFolders.add(folder);
        return false;
      }
      if (isRecordName(name)) issues.push(strayInMission(shown(file), shown(parts[0]!)));
      return false;
    });
  const blobs = await catFiles(cwd, entries.map((e) => e.sha));
  const missions = new Map<string, MissionFiles>();
  entries.forEach((entry, i) => {
    const name = entry.file.split('/')[0]!;
    // Evidence is not read at the base: its sessions' figures are compared as stated.
    const mission: MissionFiles = missions.get(name) ?? { name, dir: shown(name), mission: null, sessions: [], evidence: null };
    missions.set(name, mission);
    // The checks the working tree's files get: UTF-8, no NUL, a size cap.
    const decoded = decodeText(blobs[i]!);
    if ('error' in decoded) {
      issues.push({ code: 'file-unreadable', file: shown(entry.file), line: decoded.line, column: decoded.column, path: '', message: decoded.error });
      return;
    }
    const source: SourceFile = { path: shown(entry.file), text: decoded.text };
    if (entry.file.endsWith('/mission.yaml')) mission.mission = source;
    else mission.sessions.push(source);
  });
  return { missions: [...missions.values()].sort((a, b) => (a.name < b.name ? -1 : 1)), issues };
}

/** The contents of many blobs through one `git cat-file --batch`. */
function catFiles(cwd: string, shas: string[]): Promise<Uint8Array[]> {
  if (shas.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) => reject(new GitError(`git cat-file: ${error.message}`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitError(`git cat-file exited with ${code}`));
      const all = Buffer.concat(chunks);
      const out: Uint8Array[] = [];
      let at = 0;
      for (let i = 0; i < shas.length; i++) {
        const end = all.indexOf(0x0a, at);
        const size = Number(all.subarray(at, end).toString('utf8').split(' ')[2]);
        out.push(all.subarray(end + 1, end + 1 + size));
        at = end + 1 + size + 1;
      }
      resolve(out);
    });
    child.stdin.end(shas.join('\n') + '\n');
  });
}
