/**
 * The pages of a build, each either taken from disk or rendered: the page
 * cache's side of the pipeline. A page is taken from disk when its input is
 * the one it was made from and the file is still what was written; else it is
 * handed to the `PageRenderer` (both cores). A whole mission is taken from
 * disk when its files and the templates are what its pages were made from
 * (`keptMission`): then not even its records are needed. The cache only saves
 * time: a page taken from disk has the bytes rendering would give.
 */
import { emptyPageCache, type MissionEntry, type PageCache } from './load/cache.js';
import { digestOf } from './load/digest.js';
import type { PageJob, PageRenderer } from './pages.js';
import type { PageContext } from './render/render.js';
import type { ReportFile } from './types.js';
import { readExisting } from './write/write-files.js';

/** The page cache as the last build left it, the one this build leaves, and the files read back from disk. */
export interface PageState {
  known: PageCache;
  next: PageCache;
  /** Files taken from disk: known to be current. */
  current: Set<string>;
}

export function pageState(known: PageCache): PageState {
  return { known, next: emptyPageCache(), current: new Set() };
}

/** What a mission's pages are made from: a digest of its files (`filesDigest`) and of the templates. */
export function missionKey(templatesHash: string, filesDigest: string): string {
  return digestOf(`${templatesHash}\0${filesDigest}`);
}

/**
 * The report and pages of a mission whose key is the one its last build was
 * made from, read back from disk, when every one of them is still what was
 * written there; else null. Kept, the mission and its pages go on to the next
 * cache.
 */
export async function keptMission(cwd: string, state: PageState, name: string, key: string, reportPath: string): Promise<{ entry: MissionEntry; files: ReportFile[] } | null> {
  const entry = state.known.missions[name];
  if (entry?.key !== key || entry.files[0] !== reportPath) return null;
  const files: ReportFile[] = [];
  for (const file of entry.files) {
    const made = state.known.pages[file];
    const content = made ? await readExisting(cwd, file).catch(() => null) : null;
    if (content === null || digestOf(content) !== made!.output) return null;
    files.push({ path: file, content });
  }
  state.next.missions[name] = entry;
  for (const file of files) {
    state.next.pages[file.path] = state.known.pages[file.path]!;
    state.current.add(file.path);
  }
  return { entry, files };
}

/** Missions this build did not look at (`--mission`) keep their entries and pages in the next cache. */
export function carryOver(state: PageState, built: readonly string[]): void {
  const seen = new Set(built);
  for (const [name, entry] of Object.entries(state.known.missions)) {
    if (seen.has(name)) continue;
    state.next.missions[name] = entry;
    for (const file of entry.files) if (state.known.pages[file]) state.next.pages[file] = state.known.pages[file];
  }
}

export class PageBuilder {
  private readonly pending: Promise<void>[] = [];

  constructor(
    private readonly cwd: string,
    /** A hash of the template and partial files. */
    private readonly templatesHash: string,
    private readonly state: PageState,
    private readonly renderer: PageRenderer,
  ) {}

  /**
   * Register a mission by its key; true when it is what its pages were last
   * made from. Every page is a function of it, so its input need not even be
   * computed.
   */
  unchanged(name: string, key: string): boolean {
    return this.state.known.missions[name]?.key === key;
  }

  /** Record what a mission's build made, once all its pages are registered. */
  made(name: string, entry: MissionEntry): void {
    this.state.next.missions[name] = entry;
  }

  /** One page, rendered from `job` unless taken from disk; `input` is what it is rendered from, as text. */
  async page(file: string, unchanged: boolean, input: () => string, job: () => PageJob, assign: (content: string) => void): Promise<void> {
    const entry = this.state.known.pages[file];
    const key = unchanged && entry ? entry.input : digestOf(`${this.templatesHash}\0${file}\0${input()}`);
    if (entry?.input === key) {
      const existing = await readExisting(this.cwd, file).catch(() => null);
      if (existing !== null && digestOf(existing) === entry.output) {
        this.state.next.pages[file] = entry;
        this.state.current.add(file);
        assign(existing);
        return;
      }
    }
    const done = (output: string) => {
      assign(output);
      this.state.next.pages[file] = { input: key, output: digestOf(output) };
    };
    const output = this.renderer.render(job());
    if (typeof output === 'string') return done(output);
    const settled = output.then(done);
    settled.catch(() => undefined); // handled by `finish`, even when it fails before
    this.pending.push(settled);
  }

  /** A page rendered from `mission` and `page` only: its input is their JSON, made only if needed. */
  async contextPage(file: string, unchanged: boolean, template: string, location: PageJob['location'], makeContext: () => PageContext, assign: (content: string) => void): Promise<void> {
    let context: PageContext | undefined;
    let json: string | undefined;
    const input = () => (json ??= JSON.stringify((context ??= makeContext())));
    await this.page(file, unchanged, input, () => ({ template, location, context: (context ??= makeContext()), json: input() }), assign);
    // The page's output still to come keeps this scope alive: let its context and JSON go.
    context = undefined;
    json = undefined;
  }

  /** Wait for every page still being rendered. */
  async finish(): Promise<void> {
    await Promise.all(this.pending);
  }
}
