/**
 * Write stage (file-system edge): write only files whose bytes change, each
 * replaced atomically (temporary file in the same folder, flushed, renamed,
 * folder flushed), never through a symbolic link.
 */
import { lstat, mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { EXIT_FAILURE, TallyError } from '../errors.js';
import type { ReportFile } from '../model/files.js';

class WriteError extends TallyError {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`, EXIT_FAILURE);
    this.name = 'WriteError';
  }
}

export interface WriteResult {
  written: string[];
  unchanged: string[];
  /** Generated files removed because the build no longer generates them. */
  removed: string[];
}

/** Remove a generated file that is no longer generated. */
export async function removeFile(cwd: string, file: string): Promise<void> {
  await unlink(path.resolve(cwd, file)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw new WriteError(file, `cannot remove: ${error.message}`);
  });
}

/** The bytes currently at `file`, or null when there is no file. */
export async function readExisting(cwd: string, file: string): Promise<string | null> {
  return readFile(path.resolve(cwd, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw new WriteError(file, `cannot read the existing file: ${error.message}`);
  });
}

/** Write the files whose bytes differ from the disk; `current` names files already known to be the same. */
export async function writeFiles(cwd: string, files: readonly ReportFile[], current: ReadonlySet<string> = new Set()): Promise<WriteResult> {
  const result: WriteResult = { written: [], unchanged: [], removed: [] };
  await removeStrayTemporaries(cwd, files);
  for (const file of files) {
    if (current.has(file.path) || (await readExisting(cwd, file.path)) === file.content) {
      result.unchanged.push(file.path);
      continue;
    }
    await writeAtomic(cwd, file);
    result.written.push(file.path);
  }
  return result;
}

async function writeAtomic(cwd: string, file: ReportFile): Promise<void> {
  const target = path.resolve(cwd, file.path);
  const dir = path.dirname(target);
  try {
    await mkdir(dir, { recursive: true });
    const stats = await lstat(target).catch(() => null);
    if (stats?.isSymbolicLink()) {
      throw new WriteError(file.path, 'is a symbolic link; refusing to write through it (replace it with a regular file)');
    }
    if (stats && !stats.isFile()) throw new WriteError(file.path, 'exists and is not a regular file');
    await writeFileAtomic(target, file.content, { encoding: 'utf8', fsync: true });
    await syncFolder(dir);
  } catch (error) {
    if (error instanceof WriteError) throw error;
    const err = error as NodeJS.ErrnoException;
    const reason =
      err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS'
        ? `cannot write: permission denied (${err.code}); is the output folder read-only?`
        : err.code === 'ENOTDIR' || err.code === 'EEXIST'
          ? `cannot write: a part of the path is a file, not a folder (${err.code})`
          : `cannot write: ${err.message}`;
    throw new WriteError(file.path, reason);
  }
}

/**
 * A write killed between creating its temporary file and renaming it leaves
 * `<name>.<digits>` beside the report (write-file-atomic's temporary name).
 * Remove those of the files about to be written, so none outlives a run.
 */
async function removeStrayTemporaries(cwd: string, files: readonly ReportFile[]): Promise<void> {
  const byFolder = new Map<string, Set<string>>();
  for (const file of files) {
    const target = path.resolve(cwd, file.path);
    const names = byFolder.get(path.dirname(target)) ?? new Set<string>();
    names.add(path.basename(target));
    byFolder.set(path.dirname(target), names);
  }
  for (const [dir, names] of byFolder) {
    for (const entry of await readdir(dir).catch(() => [] as string[])) {
      const m = /^(.*)\.\d+$/.exec(entry);
      if (m && names.has(m[1]!)) await unlink(path.join(dir, entry)).catch(() => undefined);
    }
  }
}

/** Flush the folder entry so the rename survives a crash. Not every platform allows it. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}
