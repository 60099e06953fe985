/**
 * The pipeline, chained:
 *
 *   read files → parse YAML → validate → aggregate → render → normalize → write if changed
 *
 * `generate` runs everything but the write and returns plain data; `build`
 * writes only when every record is valid and every report rendered.
 */
import path from 'node:path';
import { aggregate } from './aggregate/aggregate.js';
import { readData } from './load/read-data.js';
import { readTemplates } from './load/read-templates.js';
import { normalizeMany } from './normalize/parallel.js';
import { pageFile } from './render/helpers.js';
import { render, renderArchive, renderComponentPage, type RenderedTemplate } from './render/render.js';
import { compileTemplates, TemplateError } from './render/templates.js';
import type { Issue, MissionFiles, MissionModel, ReportFile, SessionInput } from './types.js';
import { readCache, readPageCache, writeCache, writePageCache, type PageCache } from './load/cache.js';
import { readExisting } from './write/write-files.js';
import { jsonSchemas } from './schema/json-schema.js';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { validateMissions } from './validate/validate.js';
import { removeFile, writeFiles, type WriteResult } from './write/write-files.js';
import { readdir } from 'node:fs/promises';

export interface PipelineOptions {
  /** Folder of mission folders. Default: `data`. */
  data?: string;
  /** Folder the reports are written to. Default: `reports`. */
  out?: string;
  /** Folder of templates, searched before the templates Tally ships. Default: `templates`. */
  templates?: string;
  /** Only this mission. Default: all. */
  mission?: string;
  /** Folder paths are resolved against. Default: `process.cwd()`. */
  cwd?: string;
  /** Use and update the cache of parsed records in node_modules/.cache/tally. Default: true. */
  cache?: boolean;
  /** Told what the build is doing, for a progress line on a terminal. Default: none. */
  progress?: (stage: string, done: number, total: number) => void;
}

export interface GeneratedReport {
  /** Mission folder name. */
  name: string;
  /** Report path, relative to the working folder. */
  path: string;
  model: MissionModel;
  /** The report's full bytes. */
  content: string;
  /** The archive pages of older sessions and the component pages of large phases (`<out>/<mission>/…`). */
  pages: ReportFile[];
  /** The folder of the archive pages. */
  pagesDir: string;
}

export interface Generated {
  reports: GeneratedReport[];
  /** Invalid records. When there are any, `reports` is empty. */
  issues: Issue[];
}

export async function generate(options: PipelineOptions = {}): Promise<Generated> {
  const cwd = options.cwd ?? process.cwd();
  const out = options.out ?? 'reports';
  const progress = options.progress ?? (() => undefined);
  progress('reading records', 0, 0);
  const loaded = await readData(options.data ?? 'data', { cwd, ...(options.mission === undefined ? {} : { mission: options.mission }) });
  const files = loaded.missions.reduce((n, m) => n + m.sessions.length + 1, 0);
  progress('checking records', 0, files);
  const sources = await readTemplates(options.templates ?? 'templates', cwd);
  const templates = compileTemplates(sources);
  // Parsed, validated sessions are cached by content; the cache only saves time.
  const stamp = cacheStamp();
  const cached = options.cache === false ? new Map<string, SessionInput>() : await readCache(cwd, stamp);
  const fresh = new Map<string, SessionInput>();
  const validated = validateMissions(loaded.missions, {
    stamp,
    sessions: { get: (key) => cached.get(key), set: (key, session) => void fresh.set(key, session) },
  });
  if (options.cache !== false && validated.issues.length === 0 && !sameKeys(cached, fresh)) await writeCache(cwd, stamp, fresh);
  const issues = [...loaded.issues, ...validated.issues];
  if (issues.length > 0) return { reports: [], issues };

  // Pages whose inputs (records, templates, place) have not changed are not rendered again.
  const templatesHash = hash(JSON.stringify(sources));
  const known = options.cache === false ? {} : await readPageCache(cwd, stamp);
  const pageCache: PageCache = {};
  // Pages to render are collected first, then normalized together (on both cores when large).
  const pending: { file: string; key: string; rendered: RenderedTemplate; assign: (content: string) => void }[] = [];
  const page = async (file: string, input: () => unknown, make: () => RenderedTemplate, assign: (content: string) => void): Promise<void> => {
    const key = hash(`${templatesHash}\0${file}\0${JSON.stringify(input())}`);
    const entry = known[file];
    if (entry?.input === key) {
      const existing = await readExisting(cwd, file).catch(() => null);
      if (existing !== null && hash(existing) === entry.output) {
        pageCache[file] = entry;
        assign(existing);
        return;
      }
    }
    pending.push({ file, key, rendered: make(), assign });
  };

  const reports: GeneratedReport[] = [];
  for (const [done, mission] of validated.missions.entries()) {
    progress('rendering missions', done, validated.missions.length);
    const model = aggregate(mission);
    if (!templates.get(model.mission.template)) {
      const position = mission.positions.values['template'] ?? { line: 1, column: 1 };
      throw new TemplateError(mission.file, position.line, position.column, `no template "${model.mission.template}"; expected one of: ${templates.names().join(', ')}`);
    }
    const location = { cwd, dir: out, mission: mission.name, page: null };
    const report: GeneratedReport = { name: mission.name, path: toPosix(path.join(out, `${mission.name}.md`)), model, content: '', pages: [], pagesDir: toPosix(path.join(out, mission.name)) };
    await page(report.path, () => model, () => render(model, templates, location), (content) => (report.content = content));
    for (const archive of model.archives) {
      const file: ReportFile = { path: toPosix(path.join(out, pageFile(mission.name, archive.id))), content: '' };
      report.pages.push(file);
      const input = () => [model.mission, archive, model.sessions.filter((session) => session.page === archive.id)];
      await page(file.path, input, () => renderArchive(model, templates, location, archive), (content) => (file.content = content));
    }
    for (const phase of model.phases) {
      for (const [index, componentPage] of phase.pages.entries()) {
        const file: ReportFile = { path: toPosix(path.join(out, pageFile(mission.name, `components:${componentPage.id}`))), content: '' };
        report.pages.push(file);
        const input = () => [model.mission, phase.id, phase.name, componentPage, phase.components];
        await page(file.path, input, () => renderComponentPage(model, templates, location, phase, index), (content) => (file.content = content));
      }
    }
    reports.push(report);
  }
  progress('normalizing pages', 0, pending.length);
  const outputs = await normalizeMany(pending.map((p) => p.rendered));
  pending.forEach((p, i) => {
    p.assign(outputs[i]!);
    pageCache[p.file] = { input: p.key, output: hash(outputs[i]!) };
  });
  if (options.cache !== false) await writePageCache(cwd, stamp, pageCache);
  return { reports, issues: [] };
}

/** Validate and aggregate mission folders however they were read (from disk, or from git for `tally diff`). */
export function modelsFrom(missions: readonly MissionFiles[]): { models: MissionModel[]; issues: Issue[] } {
  const validated = validateMissions(missions);
  if (validated.issues.length > 0) return { models: [], issues: validated.issues };
  return { models: validated.missions.map(aggregate), issues: [] };
}

export interface Built extends Generated {
  write: WriteResult;
}

export async function build(options: PipelineOptions = {}): Promise<Built> {
  const generated = await generate(options);
  if (generated.issues.length > 0) return { ...generated, write: { written: [], unchanged: [], removed: [] } };
  const cwd = options.cwd ?? process.cwd();
  const files: ReportFile[] = generated.reports.flatMap((report) => [{ path: report.path, content: report.content }, ...report.pages]);
  const write = await writeFiles(cwd, files);
  // Archive pages are generated: one no longer generated (the recent window moved) is removed.
  for (const report of generated.reports) {
    for (const stale of await obsoletePages(cwd, report)) {
      await removeFile(cwd, stale);
      write.removed.push(stale);
    }
  }
  return { ...generated, write };
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/** Archive pages in a mission's page folder that this build does not generate. */
export async function obsoletePages(cwd: string, report: GeneratedReport): Promise<string[]> {
  const current = new Set(report.pages.map((page) => page.path));
  const names = await readdir(path.resolve(cwd, report.pagesDir)).catch(() => [] as string[]);
  return names
    .filter((name) => /^(sessions|components)-[\w-]+\.md$/.test(name))
    .map((name) => toPosix(path.join(report.pagesDir, name)))
    .filter((file) => !current.has(file))
    .sort();
}

/** Tally's version and its schemas: a cache made by another version or schema is not used. */
function cacheStamp(): string {
  const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
  const schema = createHash('sha256').update(jsonSchemas().map((file) => file.content).join('')).digest('base64url');
  return `${version}:${schema}`;
}

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const key of b.keys()) if (!a.has(key)) return false;
  return true;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
