/**
 * Digests of record files, each file's made once as it is read: what the
 * records cache keys a session by, and what the page cache keys a mission by.
 */
import { createHash } from 'node:crypto';
import type { MissionFiles, SourceFile } from '../types.js';

/** The digest of a file's bytes (or of a text, for files not read from disk). */
export function digestOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

/** The cache key of a session: its path, its text, its mission's text and a stamp of Tally's version and schema. */
export function sessionKey(stamp: string, mission: SourceFile, source: SourceFile): string {
  return digestOf(`${stamp}\0${fileDigest(mission)}\0${source.path}\0${fileDigest(source)}`);
}

/** A digest of a mission folder's files: their paths and their texts. */
export function filesDigest(folder: MissionFiles): string {
  const digest = createHash('sha256').update(folder.mission ? fileDigest(folder.mission) : '');
  for (const source of folder.sessions) digest.update(`\0${source.path}\0${fileDigest(source)}`);
  return digest.digest('base64url');
}

function fileDigest(source: SourceFile): string {
  return source.digest ?? digestOf(source.text);
}
