/**
 * The pages of a build, each either taken from disk or rendered: the page
 * cache's side of the pipeline. A page is taken from disk when its input is
 * the one it was made from and the file is still what was written; else it is
 * handed to the `PageRenderer` (both cores). The cache only saves time: a page
 * taken from disk has the bytes rendering would give.
 */
import { createHash } from 'node:crypto';
import { emptyPageCache, type PageCache } from './load/cache.js';
import { PageRenderer, type PageJob } from './pages.js';
import type { PageContext } from './render/render.js';
import { readExisting } from './write/write-files.js';

export class PageBuilder {
  /** What this build made or kept, to be written as the next build's page cache. */
  readonly cache = emptyPageCache();
  /** Files taken from disk: known to be current. */
  readonly current = new Set<string>();
  private readonly pending: Promise<void>[] = [];

  constructor(
    private readonly cwd: string,
    /** A hash of the template and partial files. */
    private readonly templatesHash: string,
    /** The previous build's page cache. */
    private readonly known: PageCache,
    private readonly renderer: PageRenderer,
  ) {}

  /**
   * Register a mission by a digest of its files; true when they and the
   * templates are what its pages were last made from. Every page is a function
   * of those, so its input need not even be computed.
   */
  mission(name: string, filesDigest: string): { key: string; unchanged: boolean } {
    const key = hash(`${this.templatesHash}\0${filesDigest}`);
    this.cache.missions[name] = key;
    return { key, unchanged: this.known.missions[name] === key };
  }

  /** One page, rendered from `job` unless taken from disk; `input` is what it is rendered from, as text. */
  async page(file: string, unchanged: boolean, input: () => string, job: () => PageJob, assign: (content: string) => void): Promise<void> {
    const entry = this.known.pages[file];
    const key = unchanged && entry ? entry.input : hash(`${this.templatesHash}\0${file}\0${input()}`);
    if (entry?.input === key) {
      const existing = await readExisting(this.cwd, file).catch(() => null);
      if (existing !== null && hash(existing) === entry.output) {
        this.cache.pages[file] = entry;
        this.current.add(file);
        assign(existing);
        return;
      }
    }
    const done = (output: string) => {
      assign(output);
      this.cache.pages[file] = { input: key, output: hash(output) };
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

export function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
