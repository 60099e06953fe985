/**
 * The repository as runner output is read against (file-system edge): its
 * root, to make absolute paths relative, and whether a file exists there, to
 * tell which of a Cobertura file's several `<source>` roots holds a file.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ReadOptions } from '../model/evidence.js';

export function repositoryReading(cwd: string): Pick<ReadOptions, 'root' | 'exists'> {
  const root = path.resolve(cwd);
  return { root, exists: (file) => existsSync(path.resolve(root, file)) };
}
