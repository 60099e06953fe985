/**
 * The build's plan (pure, no I/O): from the digests of a mission's inputs and
 * the page cache the last build left, whether the mission and each of its
 * pages can be kept as written or must be made. A kept file is still read
 * back and compared with the digest of what was written (`page-cache.ts`):
 * the plan says what to try, the disk has the last word.
 */
import { digestOf } from '../load/digest.js';
import type { MissionEntry, PageCache } from './caches.js';

/** What a mission's pages are made from: a digest of its files (`filesDigest`) and of the templates. */
export function missionKey(templatesHash: string, filesDigest: string): string {
  return digestOf(`${templatesHash}\0${filesDigest}`);
}

export type MissionDecision =
  /** Its files and the templates are what its pages were made from: keep them all, if each is still what was written. */
  | { keep: true; entry: MissionEntry; pages: { file: string; output: string }[] }
  /**
   * Make it. `unchanged`: its key is the one its pages were made from (some
   * file is no longer what was written), so every page's input is as cached.
   */
  | { keep: false; unchanged: boolean };

/** Keep or make a mission whose report goes to `reportPath`. */
export function decideMission(known: PageCache, name: string, key: string, reportPath: string): MissionDecision {
  const entry = known.missions[name];
  const unchanged = entry?.key === key;
  if (!entry || !unchanged || entry.files[0] !== reportPath) return { keep: false, unchanged };
  const pages: { file: string; output: string }[] = [];
  for (const file of entry.files) {
    const made = known.pages[file];
    if (!made) return { keep: false, unchanged };
    pages.push({ file, output: made.output });
  }
  return { keep: true, entry, pages };
}

/** A page's input key: what it is rendered from (as text), the templates and where it goes. */
function pageKey(templatesHash: string, file: string, input: string): string {
  return digestOf(`${templatesHash}\0${file}\0${input}`);
}

export type PageDecision = { keep: true; input: string; output: string } | { keep: false; input: string };

/**
 * Keep or make one page. In a mission whose key is unchanged the page's input
 * is the cached one, so `input` is not even computed.
 */
export function decidePage(known: PageCache, templatesHash: string, file: string, unchanged: boolean, input: () => string): PageDecision {
  const entry = known.pages[file];
  const key = unchanged && entry ? entry.input : pageKey(templatesHash, file, input());
  return entry?.input === key ? { keep: true, input: key, output: entry.output } : { keep: false, input: key };
}

/** Missions this build did not look at (`--mission`) keep their entries and pages in the next cache. */
export function carryOver(known: PageCache, next: PageCache, built: readonly string[]): void {
  const seen = new Set(built);
  for (const [name, entry] of Object.entries(known.missions)) {
    if (seen.has(name)) continue;
    next.missions[name] = entry;
    for (const file of entry.files) if (known.pages[file]) next.pages[file] = known.pages[file];
  }
}
