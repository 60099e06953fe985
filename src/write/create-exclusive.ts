/**
 * Create a new file without ever overwriting one, and without a reader ever
 * seeing it half-written: write a hidden temporary file in the same folder,
 * flush it, then hard-link it to its name (which fails if the name exists)
 * and remove the temporary name. Readers skip dotfiles.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, unlink } from 'node:fs/promises';
import path from 'node:path';

export class ExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists`);
    this.name = 'ExistsError';
  }
}

/** Create `file` with `content`; throws ExistsError if it exists. */
export async function createExclusive(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ExistsError(file);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    // No hard links on this file system: an exclusive create is still safe, if not invisible while written.
    const direct = await open(file, 'wx').catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'EEXIST' ? new ExistsError(file) : e;
    });
    try {
      await direct.writeFile(content);
      await direct.sync();
    } finally {
      await direct.close();
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const folder = await open(dir, 'r').catch(() => null);
  if (folder) {
    await folder.sync().catch(() => undefined);
    await folder.close();
  }
}

/** Six random base-36 characters: with the date and title, enough that writers never collide. */
export function randomSuffix(): string {
  return BigInt(`0x${randomBytes(5).toString('hex')}`).toString(36).padStart(8, '0').slice(-6);
}
