/**
 * Digests of record files, each file's made once as it is read: what the
 * records cache keys a session by, and what the page cache keys a mission by.
 */
import { createHash } from 'node:crypto';
import type { MissionFiles, SourceFile } from '../model/files.js';

/** SHA-256 of bytes as lowercase hex: how evidence files are cited (`sha256sum` prints the same). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The digest of a file's bytes (or of a text, for files not read from disk). */
export function digestOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

/** The cache key of a session: its path, its text, its mission's text and a stamp of Tally's version and schema. */
export function sessionKey(stamp: string, mission: SourceFile, source: SourceFile): string {
  return digestOf(`${stamp}\0${fileDigest(mission)}\0${source.path}\0${fileDigest(source)}`);
}

/** A digest of a mission folder's files: their paths and their texts, and its evidence files' digests. */
export function filesDigest(folder: MissionFiles): string {
  const digest = createHash('sha256').update(folder.mission ? fileDigest(folder.mission) : '');
  for (const source of folder.sessions) digest.update(`\0${source.path}\0${fileDigest(source)}`);
  // Evidence too: a tampered runner output must make the mission's pages be made again, and fail.
  for (const file of folder.evidence ?? []) digest.update(`\0evidence\0${file.path}\0${file.sha256}`);
  return digest.digest('base64url');
}

function fileDigest(source: SourceFile): string {
  return source.digest ?? digestOf(source.text);
}
