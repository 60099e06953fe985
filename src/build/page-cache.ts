/**
 * The pages of a build, each either kept as written or rendered: the page
 * cache's side of the build. `plan.ts` says which pages may be kept; a kept
 * page is read back from disk and kept only if it is still what was written,
 * else it is rendered (`render-pages.ts`). The cache only saves time: a page
 * kept has the bytes rendering would give.
 */
import type { PageContext } from '../render/render.js';
import type { ReportFile } from '../model/files.js';
import { digestOf } from '../load/digest.js';
import { readExisting } from '../write/write-files.js';
import { emptyPageCache, type MissionEntry, type PageCache } from './caches.js';
import { decidePage, type MissionDecision } from './plan.js';
import type { PageJob, PageRenderer } from './render-pages.js';

/** The page cache as the last build left it, the one this build leaves, and the files read back from disk. */
export interface PageState {
  known: PageCache;
  next: PageCache;
  /** Files kept as written: known to be current. */
  current: Set<string>;
}

export function pageState(known: PageCache): PageState {
  return { known, next: emptyPageCache(), current: new Set() };
}

/**
 * The report and pages of a mission the plan keeps, read back from disk, when
 * every one of them is still what was written there; else null. Kept, the
 * mission and its pages go on to the next cache.
 */
export async function keptMission(cwd: string, state: PageState, name: string, decision: MissionDecision): Promise<{ entry: MissionEntry; files: ReportFile[] } | null> {
  if (!decision.keep) return null;
  const files: ReportFile[] = [];
  for (const page of decision.pages) {
    const content = await readExisting(cwd, page.file).catch(() => null);
    if (content === null || digestOf(content) !== page.output) return null;
    files.push({ path: page.file, content });
  }
  state.next.missions[name] = decision.entry;
  for (const file of files) {
    state.next.pages[file.path] = state.known.pages[file.path]!;
    state.current.add(file.path);
  }
  return { entry: decision.entry, files };
}

/** One mission's pages, each kept or rendered. */
export class MissionPages {
  private readonly pending: Promise<void>[] = [];

  constructor(
    private readonly cwd: string,
    /** A hash of the template and partial files. */
    private readonly templatesHash: string,
    private readonly state: PageState,
    private readonly renderer: PageRenderer,
    /** The mission's key is the one its pages were last made from: every page input is as cached. */
    private readonly unchanged: boolean,
    /** The mission is large enough to share its pages with the worker thread. */
    private readonly share: boolean,
  ) {}

  /** One page, rendered from `job` unless kept; `input` is what it is rendered from, as text. */
  async page(file: string, input: () => string, job: () => PageJob, assign: (content: string) => void): Promise<void> {
    const decision = decidePage(this.state.known, this.templatesHash, file, this.unchanged, input);
    if (decision.keep) {
      const existing = await readExisting(this.cwd, file).catch(() => null);
      if (existing !== null && digestOf(existing) === decision.output) {
        this.state.next.pages[file] = { input: decision.input, output: decision.output };
        this.state.current.add(file);
        assign(existing);
        return;
      }
    }
    const done = (output: string) => {
      assign(output);
      this.state.next.pages[file] = { input: decision.input, output: digestOf(output) };
    };
    const output = this.renderer.render(job(), this.share);
    if (typeof output === 'string') return done(output);
    const settled = output.then(done);
    settled.catch(() => undefined); // handled by `finish`, even when it fails before
    this.pending.push(settled);
  }

  /** A page rendered from its context only: its input is the context's JSON, made only if needed. */
  async contextPage(file: string, template: string, location: PageJob['location'], makeContext: () => PageContext, assign: (content: string) => void): Promise<void> {
    let context: PageContext | undefined;
    let json: string | undefined;
    const input = () => (json ??= JSON.stringify((context ??= makeContext())));
    await this.page(file, input, () => ({ template, location, context: (context ??= makeContext()), json: input() }), assign);
    // The page's output still to come keeps this scope alive: let its context and JSON go.
    context = undefined;
    json = undefined;
  }

  /** Wait for every page still being rendered. */
  async finish(): Promise<void> {
    await Promise.all(this.pending);
  }
}
