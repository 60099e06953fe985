/**
 * Render and normalize the pages a build must write again, on both cores.
 * Pages are handed over one by one as the build finds them: a large build's
 * pages of older sessions and of components go, about half of them by size,
 * to the build's worker thread, which compiles the same templates and renders
 * each page from the JSON of its context (the JSON the page cache keys it by);
 * this thread renders the report (its context is the whole model) and the
 * rest. A page's markdown and values live only while it is normalized, and
 * its JSON only until the worker takes it. The bytes are the same on one
 * thread or two (a test checks).
 */
import { normalize, PlacementError, type ShapeCache } from '../normalize/normalize.js';
import type { ReportLocation } from '../render/links.js';
import { renderTemplate } from '../render/render.js';
import { compileTemplates, TemplateError, type TemplateSet } from '../render/templates.js';
import type { TemplateSources } from '../model/files.js';
import type { WorkerPool } from './threads.js';

export interface PageJob {
  /** The template to render. */
  template: string;
  location: ReportLocation;
  context: unknown;
  /** The context as JSON, when the page may be rendered in the worker (not the report: its context is the whole model). */
  json: string | null;
}

/** A job as the worker receives it. */
export interface WorkerJob {
  template: string;
  location: ReportLocation;
  json: string;
}

export type WorkerError = { kind: 'template'; file: string; line: number; column: number; reason: string } | { kind: 'placement'; line: number; reason: string } | { kind: 'other'; message: string };

export type WorkerReply = { ok: true; output: string } | { ok: false; error: WorkerError };

export class PageRenderer {
  private readonly shapes: ShapeCache = new Map();
  private here = 0;
  private there = 0;

  /** One for a whole build: every page shares its shape cache. `pool`: the build's worker thread. */
  constructor(
    private readonly templates: TemplateSet,
    private readonly pool: WorkerPool | null,
  ) {}

  /**
   * The page's normalized markdown: rendered here now (a string; errors are
   * thrown), or, when `share` (its mission is large enough to share its pages
   * with the worker), by the worker (a promise), whichever has had less to do.
   */
  render(job: PageJob, share: boolean): string | Promise<string> {
    const size = job.json?.length ?? 0;
    // The worker takes a page when it has had less to do, and only once this thread has had one.
    if (share && this.pool && job.json !== null && this.here > 0 && this.there <= this.here) {
      this.there += size;
      const reply = this.pool.run<WorkerReply>('render', { template: job.template, location: job.location, json: job.json } satisfies WorkerJob);
      return reply.then((answer) => {
        if (answer.ok) return answer.output;
        throw fromWorker(answer.error);
      });
    }
    this.here += size;
    return renderPage(this.templates, this.shapes, job.template, job.context, job.location);
  }
}

/** The worker's side: render and normalize one job from its JSON context. */
export function workerRenderer(sources: TemplateSources): (job: WorkerJob) => WorkerReply {
  let templates: TemplateSet | null = null;
  const shapes: ShapeCache = new Map();
  return (job) => {
    try {
      templates ??= compileTemplates(sources);
      return { ok: true, output: renderPage(templates, shapes, job.template, JSON.parse(job.json), job.location) };
    } catch (error) {
      return { ok: false, error: toWorkerError(error) };
    }
  };
}

/** A page's template rendered with its context, then normalized: the same on either thread. */
function renderPage(templates: TemplateSet, shapes: ShapeCache, template: string, context: unknown, location: ReportLocation): string {
  return normalize(renderTemplate(templates, template, context, location), { shapes });
}

function toWorkerError(error: unknown): WorkerError {
  if (error instanceof TemplateError) return { kind: 'template', file: error.file, line: error.line, column: error.column, reason: error.reason };
  if (error instanceof PlacementError) return { kind: 'placement', line: error.line, reason: error.reason };
  return { kind: 'other', message: String((error as Error).message ?? error) };
}

function fromWorker(error: WorkerError): Error {
  if (error.kind === 'template') return new TemplateError(error.file, error.line, error.column, error.reason);
  if (error.kind === 'placement') return new PlacementError(error.line, error.reason);
  return new Error(error.message);
}
