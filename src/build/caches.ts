/**
 * The caches (file-system edge), in `node_modules/.cache/tally/`: parsed,
 * validated session records, and rendered pages with what each mission's last
 * build made. They only save time: a record is used when its text, its path,
 * its mission file, Tally's version and the schema are all the same as when it
 * was cached, a page or a mission when everything it was made from is; both
 * are stamped with the version and schema, and anything unreadable is ignored.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';
import { digestOf } from '../load/digest.js';
import { bareIndex } from '../parse/position-index.js';
import type { MissionSummary } from '../model/mission-model.js';
import type { CitedEvidence, SessionInput } from '../model/records.js';
import { writeFiles } from '../write/write-files.js';

/** The records cache of each mission is a file of this folder, named for the mission. */
const RECORDS_CACHE_DIR = 'node_modules/.cache/tally/records';
export const PAGE_CACHE_FILE = 'node_modules/.cache/tally/pages.json';
const EVIDENCE_CACHE_FILE = 'node_modules/.cache/tally/evidence.json';

/**
 * For each generated page: the hash of what it was rendered from, and of what
 * it came out as; for each mission, what its last build made.
 */
export interface PageCache {
  pages: Record<string, { input: string; output: string }>;
  missions: Record<string, MissionEntry>;
}

/**
 * A mission as its last build left it. While its files and the templates are
 * unchanged (`key`), so is every page input; while its pages are also what was
 * written, the build's whole result is known without reading a record.
 */
export interface MissionEntry {
  /** The digest of the mission's files and of the templates. */
  key: string;
  /** The report, then its pages, as written. */
  files: string[];
  /** What the commands print of the mission. */
  summary: MissionSummary;
}

/** The JSON Schemas inside the Tally package. */
const shippedSchemaDir = fileURLToPath(new URL('../../schema/', import.meta.url));

let stamp: Promise<string> | undefined;

/**
 * Tally's version and its schemas: a cache made by another version or schema
 * is not used. The schemas are read from the files Tally ships, which CI
 * checks against the code (`tally schema --check`), so that a check with
 * nothing changed need not load zod (0.09 s); without the files, they are
 * generated from the code. Computed once a process.
 */
export function cacheStamp(): Promise<string> {
  stamp ??= (async () => {
    const names = (await readdir(shippedSchemaDir).catch(() => [] as string[])).filter((name) => name.endsWith('.schema.json')).sort();
    const texts = await Promise.all(names.map((name) => readFile(path.join(shippedSchemaDir, name), 'utf8')));
    const schemas = texts.length > 0 ? texts : (await import('../schema/json-schema.js')).jsonSchemas().map((file) => file.content);
    return `${VERSION}:${digestOf(schemas.join(''))}`;
  })();
  return stamp;
}

export function emptyPageCache(): PageCache {
  return { pages: Object.create(null) as PageCache['pages'], missions: Object.create(null) as PageCache['missions'] };
}

export async function readPageCache(cwd: string, stamp: string): Promise<PageCache> {
  const text = await readFile(path.resolve(cwd, PAGE_CACHE_FILE), 'utf8').catch(() => null);
  const cache = emptyPageCache();
  try {
    const doc = text === null ? null : (JSON.parse(text) as { stamp?: string } & Partial<PageCache>);
    if (doc?.stamp !== stamp || typeof doc.pages !== 'object' || typeof doc.missions !== 'object') return cache;
    Object.assign(cache.pages, doc.pages);
    for (const [name, entry] of Object.entries(doc.missions)) {
      if (isMissionEntry(entry)) cache.missions[name] = entry;
    }
    return cache;
  } catch {
    return cache;
  }
}

function isMissionEntry(entry: Partial<MissionEntry> | null | undefined): entry is MissionEntry {
  const summary = entry?.summary;
  return (
    typeof entry?.key === 'string' &&
    Array.isArray(entry.files) &&
    entry.files.length > 0 &&
    entry.files.every((file) => typeof file === 'string') &&
    typeof summary?.title === 'string' &&
    typeof summary.totals === 'object' &&
    summary.totals !== null &&
    Array.isArray(summary.targets) &&
    Array.isArray(summary.findings)
  );
}

export async function writePageCache(cwd: string, stamp: string, cache: PageCache): Promise<void> {
  await writeCacheFile(cwd, PAGE_CACHE_FILE, `${JSON.stringify({ stamp, ...cache })}\n`);
}

interface CacheDocument {
  stamp: string;
  /** Sessions as JSON: their position tables have lost their null prototype. */
  entries: Record<string, SessionInput>;
}

/** The records cache file of a mission: one file each, so a build writes only those of the missions it makes. */
export function recordsCacheFile(mission: string): string {
  return `${RECORDS_CACHE_DIR}/${encodeURIComponent(mission)}.json`;
}

/** A mission's cached sessions whose stamp (version and schema) is `stamp`, by key. */
export async function readRecordsCache(cwd: string, stamp: string, mission: string): Promise<Map<string, SessionInput>> {
  const text = await readFile(path.resolve(cwd, recordsCacheFile(mission)), 'utf8').catch(() => null);
  if (text === null) return new Map();
  try {
    const doc = JSON.parse(text) as CacheDocument;
    if (doc.stamp !== stamp || typeof doc.entries !== 'object') return new Map();
    const out = new Map<string, SessionInput>();
    for (const [key, entry] of Object.entries(doc.entries)) {
      if (!entry?.record || typeof entry.file !== 'string' || !Array.isArray(entry.record.components)) continue;
      // Position tables are keyed by record fields: without a prototype, as the parser makes them.
      out.set(key, { ...entry, positions: bareIndex(entry.positions) });
    }
    return out;
  } catch {
    return new Map();
  }
}

/** Replace a mission's records cache with these sessions. */
export async function writeRecordsCache(cwd: string, stamp: string, mission: string, entries: ReadonlyMap<string, SessionInput>): Promise<void> {
  const doc: CacheDocument = { stamp, entries: Object.fromEntries(entries) };
  await writeCacheFile(cwd, recordsCacheFile(mission), JSON.stringify(doc));
}

/**
 * Evidence files as read, by `evidenceKey`: runner output can be large, and a
 * file whose bytes are unchanged reads the same. Keyed by the digest the
 * record states, which the build checks against the file before using an entry.
 */
export async function readEvidenceCache(cwd: string, stamp: string): Promise<Map<string, CitedEvidence>> {
  const text = await readFile(path.resolve(cwd, EVIDENCE_CACHE_FILE), 'utf8').catch(() => null);
  if (text === null) return new Map();
  try {
    const doc = JSON.parse(text) as { stamp?: string; entries?: Record<string, CitedEvidence> };
    if (doc.stamp !== stamp || typeof doc.entries !== 'object' || doc.entries === null) return new Map();
    return new Map(Object.entries(doc.entries).filter(([, entry]) => typeof entry?.sha256 === 'string' && typeof entry.file === 'string'));
  } catch {
    return new Map();
  }
}

export async function writeEvidenceCache(cwd: string, stamp: string, entries: ReadonlyMap<string, CitedEvidence>): Promise<void> {
  await writeCacheFile(cwd, EVIDENCE_CACHE_FILE, JSON.stringify({ stamp, entries: Object.fromEntries(entries) }));
}

/** A cache that cannot be written (read-only or missing node_modules) is no error: the next run does the work again. */
async function writeCacheFile(cwd: string, file: string, content: string): Promise<void> {
  try {
    await mkdir(path.dirname(path.resolve(cwd, file)), { recursive: true });
    await writeFiles(cwd, [{ path: file, content }]);
  } catch {
    // no cache is no error
  }
}
