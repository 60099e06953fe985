/**
 * The stages that make a mission's reports from its records:
 *
 *   parse YAML → validate → aggregate → render → normalize
 *
 * `pipeline.ts` loads this module only when some mission cannot be taken
 * whole from the page cache: a check with nothing changed loads neither the
 * YAML parser, the schema, Handlebars nor remark. Parsing and checking
 * (`validate/parallel.ts`) and rendering and normalizing pages (`pages.ts`)
 * use both cores on large builds.
 */
import path from 'node:path';
import { aggregate } from './aggregate/aggregate.js';
import { citeEvidence } from './evidence/cite.js';
import { repositoryReading } from './load/repository.js';
import { readCache, readEvidenceCache, writeCache, writeEvidenceCache } from './load/cache.js';
import { PageBuilder, missionKey, type PageState } from './page-builder.js';
import { PageRenderer } from './pages.js';
import type { GeneratedReport } from './pipeline.js';
import { pageFile } from './render/helpers.js';
import { modelPages } from './render/render.js';
import { compileTemplates, TemplateError, type TemplateSources } from './render/templates.js';
import type { CitedEvidence, Issue, MissionFiles, MissionInput, MissionModel, MissionSummary, ReportFile, SessionInput } from './types.js';
import { validateMissionsOnCores } from './validate/parallel.js';
import { validateMissions } from './validate/validate.js';
import { reportPlace, toPosix } from './write/report-paths.js';

export interface MakeContext {
  cwd: string;
  /** The reports folder, as given. */
  out: string;
  sources: TemplateSources;
  templatesHash: string;
  /** Tally's version and schema: what both caches are made with. */
  stamp: string;
  /** Whether to use and update the records cache. */
  cache: boolean;
  pages: PageState;
  /** The records-cache keys of the sessions of missions taken whole from the page cache: their entries stay. */
  retain: readonly string[];
  /** The mission folders' digests, by name (`filesDigest`). */
  digests: ReadonlyMap<string, string>;
  progress: (stage: string, done: number, total: number) => void;
}

/**
 * Validate, aggregate and render these missions; no report when any record is
 * invalid. `folders` is emptied once they are parsed, so the record texts can go.
 */
export async function makeReports(folders: MissionFiles[], context: MakeContext): Promise<{ reports: GeneratedReport[]; issues: Issue[] }> {
  const { cwd, out, stamp, progress } = context;
  const files = folders.reduce((n, m) => n + m.sessions.length + 1, 0);
  const bytes = folders.reduce((n, m) => n + m.sessions.reduce((k, s) => k + s.text.length, 0), 0);
  progress('checking records', 0, files);
  const templates = compileTemplates(context.sources);
  // Parsed, validated sessions are cached by content; the cache only saves time.
  const cached = context.cache ? await readCache(cwd, stamp) : new Map<string, SessionInput>();
  // The evidence bytes outlive the record texts: they are read once the sessions that cite them are valid.
  const evidenceOf = new Map(folders.map((folder) => [folder.name, { dir: folder.dir, files: folder.evidence }]));
  const next = new Map<string, SessionInput>();
  const validated = await validateMissionsOnCores(folders, {
    stamp,
    sessions: { get: (key) => cached.get(key), set: (key, session) => void next.set(key, session) },
  });
  for (const key of context.retain) {
    const session = cached.get(key);
    if (session) next.set(key, session);
  }
  if (context.cache && validated.issues.length === 0 && !sameKeys(cached, next)) await writeCache(cwd, stamp, next);
  // Memory matters at ten thousand sessions: what is no longer needed goes now.
  cached.clear();
  next.clear();
  folders.length = 0;
  if (validated.issues.length > 0) return { reports: [], issues: validated.issues };
  const evidenceIssues: Issue[] = [];
  const readings = context.cache ? await readEvidenceCache(cwd, stamp) : new Map<string, CitedEvidence>();
  const used = new Map<string, CitedEvidence>();
  for (const mission of validated.missions) {
    const folder = evidenceOf.get(mission.name);
    if (!folder?.files) continue;
    const cited = citeEvidence(mission, folder.dir, folder.files, repositoryReading(cwd), { get: (key) => readings.get(key), set: (key, value) => void used.set(key, value) });
    mission.evidence = cited.evidence;
    evidenceIssues.push(...cited.issues);
  }
  evidenceOf.clear();
  if (context.cache && evidenceIssues.length === 0 && !sameKeys(readings, used)) await writeEvidenceCache(cwd, stamp, used);
  if (evidenceIssues.length > 0) return { reports: [], issues: evidenceIssues };

  // Pages whose inputs (records, templates, place) have not changed are not rendered again;
  // the others are rendered as they are found, on both cores when the build is large.
  const renderer = new PageRenderer(context.sources, templates, bytes);
  const pages = new PageBuilder(cwd, context.templatesHash, context.pages, renderer);
  const reports: GeneratedReport[] = [];
  try {
    // Each mission's records are let go once aggregated: the model holds what the pages need.
    const inputs: (MissionInput | undefined)[] = validated.missions.splice(0);
    for (let done = 0; done < inputs.length; done++) {
      progress('rendering missions', done, inputs.length);
      const model = aggregate(inputs[done]!);
      const mission = { name: inputs[done]!.name, file: inputs[done]!.file, template: inputs[done]!.positions.values['template'] };
      inputs[done] = undefined;
      if (!templates.get(model.mission.template)) {
        const position = mission.template ?? { line: 1, column: 1 };
        throw new TemplateError(mission.file, position.line, position.column, `no template "${model.mission.template}"; expected one of: ${templates.names().join(', ')}`);
      }
      const location = { cwd, dir: out, mission: mission.name, page: null };
      const report: GeneratedReport = { ...reportPlace(out, mission.name), summary: summaryOf(model), model, content: '', pages: [] };
      const key = missionKey(context.templatesHash, context.digests.get(mission.name)!);
      const unchanged = pages.unchanged(mission.name, key);
      // The report is rendered from the whole model, which the mission's files determine: its input is their digest.
      await pages.page(report.path, unchanged, () => key, () => ({ template: model.mission.template, location, context: model, json: null }), (content) => (report.content = content));
      for (const extra of modelPages(model)) {
        const file: ReportFile = { path: toPosix(path.join(out, pageFile(mission.name, extra.id))), content: '' };
        report.pages.push(file);
        await pages.contextPage(file.path, unchanged, extra.template, { ...location, page: extra.id }, extra.context, (content) => (file.content = content));
      }
      pages.made(mission.name, { key, files: [report.path, ...report.pages.map((page) => page.path)], summary: report.summary });
      reports.push(report);
    }
    progress('rendering pages', 0, 0);
    await pages.finish();
  } finally {
    await renderer.close();
  }
  return { reports, issues: [] };
}

/** Validate and aggregate mission folders however they were read (from disk, or from git for `tally diff`). */
export function modelsFrom(missions: readonly MissionFiles[]): { models: MissionModel[]; issues: Issue[] } {
  const validated = validateMissions(missions);
  if (validated.issues.length > 0) return { models: [], issues: validated.issues };
  return { models: validated.missions.map(aggregate), issues: [] };
}

function summaryOf(model: MissionModel): MissionSummary {
  return { title: model.mission.title, totals: model.totals, targets: model.targets, findings: model.findings };
}

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const key of b.keys()) if (!a.has(key)) return false;
  return true;
}
