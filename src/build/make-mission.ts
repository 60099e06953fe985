/**
 * Make one mission's reports from its files:
 *
 *   parse YAML → validate → cite evidence → aggregate → render → normalize
 *
 * `build.ts` loads this module only when some mission cannot be kept whole
 * from the page cache: a check with nothing changed loads neither the YAML
 * parser, the schema, Handlebars nor remark. Each stage's input is let go as
 * the next one starts (the record texts once parsed, the records once
 * aggregated), by scope: a large mission is never held twice.
 */
import path from 'node:path';
import { aggregate } from '../aggregate/aggregate.js';
import { citeEvidence } from '../evidence/cite.js';
import { sessionKey } from '../load/digest.js';
import { repositoryReading } from '../load/repository.js';
import { pageFile } from '../model/page-id.js';
import { modelPages } from '../render/render.js';
import { TemplateError, type TemplateSet } from '../render/templates.js';
import type { MissionFiles, ReportFile } from '../model/files.js';
import type { MissionModel, MissionSummary } from '../model/mission-model.js';
import type { CitedEvidence, Issue, MissionInput, SessionInput } from '../model/records.js';
import { validateMissions } from '../validate/validate.js';
import { reportPlace, toPosix } from '../write/report-paths.js';
import { readEvidenceCache, readRecordsCache, writeEvidenceCache, writeRecordsCache } from './caches.js';
import { checkRecords } from './check-records.js';
import { MissionPages, type PageState } from './page-cache.js';
import type { PageRenderer } from './render-pages.js';
import { worthAThread, type WorkerPool } from './threads.js';

/** A mission's report and pages as made, with what the commands print of it. */
export interface MadeMission {
  path: string;
  pagesDir: string;
  summary: MissionSummary;
  content: string;
  pages: ReportFile[];
}

export interface MakeContext {
  cwd: string;
  /** The reports folder, as given. */
  out: string;
  templates: TemplateSet;
  templatesHash: string;
  /** Tally's version and schema: what the caches are made with. */
  stamp: string;
  /** Whether to use and update the records and evidence caches. */
  cache: boolean;
  pages: PageState;
  /** The build's worker thread, for large missions. */
  pool: WorkerPool | null;
  /** Renders the pages of every mission of the build. */
  renderer: PageRenderer;
  progress: (stage: string, done: number, total: number) => void;
}

/**
 * The evidence readings of a build, read from their cache when first needed
 * and written back once, at the end, when the build used other ones.
 */
export class EvidenceReadings {
  private known: Map<string, CitedEvidence> | null = null;
  private readonly used = new Map<string, CitedEvidence>();

  constructor(private readonly context: Pick<MakeContext, 'cwd' | 'stamp' | 'cache'>) {}

  async cite(mission: MissionInput, folder: Pick<MissionFiles, 'dir' | 'evidence'>): Promise<Issue[]> {
    if (!folder.evidence) return [];
    const known = (this.known ??= this.context.cache ? await readEvidenceCache(this.context.cwd, this.context.stamp) : new Map<string, CitedEvidence>());
    const cited = citeEvidence(mission, folder.dir, folder.evidence, repositoryReading(this.context.cwd), { get: (key) => known.get(key), set: (key, value) => void this.used.set(key, value) });
    mission.evidence = cited.evidence;
    return cited.issues;
  }

  /** Write the readings used when they are not the ones cached. */
  async save(): Promise<void> {
    if (this.context.cache && this.known && !sameKeys(this.known, this.used)) await writeEvidenceCache(this.context.cwd, this.context.stamp, this.used);
  }
}

/** What checking a mission needs of the build. */
export type CheckContext = Pick<MakeContext, 'cwd' | 'stamp' | 'cache' | 'pool' | 'progress'>;

/**
 * Check a mission's records and cite its evidence: its input, or the issues
 * that make it invalid; `bytes`, the size of its records, says whether its
 * pages are worth sharing with the worker thread.
 */
export async function checkMission(folder: MissionFiles, context: CheckContext, readings: EvidenceReadings): Promise<{ input: MissionInput | null; bytes: number; issues: Issue[] }> {
  const { cwd, stamp } = context;
  // `folder` is not used once its records are checked: its texts can go while the evidence is cited.
  const { name, dir, evidence } = folder;
  const bytes = folder.sessions.reduce((n, source) => n + source.text.length, 0);
  context.progress('checking records', 0, folder.sessions.length + 1);
  // Parsed, validated sessions are cached by content; the cache only saves time.
  const cached = context.cache ? await readRecordsCache(cwd, stamp, name) : new Map<string, SessionInput>();
  const next = new Map<string, SessionInput>();
  const validated = await checkRecords([folder], context.pool, {
    key: (mission, source) => sessionKey(stamp, mission, source),
    get: (key) => cached.get(key),
    set: (key, session) => void next.set(key, session),
  });
  if (validated.issues.length > 0) return { input: null, bytes, issues: validated.issues };
  if (context.cache && !sameKeys(cached, next)) await writeRecordsCache(cwd, stamp, name, next);
  const input = validated.missions[0]!;
  const issues = await readings.cite(input, { dir, evidence });
  return issues.length > 0 ? { input: null, bytes, issues } : { input, bytes, issues: [] };
}

/**
 * Aggregate a valid mission and render its report and pages; pages whose
 * inputs (records, templates, place) have not changed are kept as written.
 * `key` is the digest of the mission's files and the templates (`missionKey`).
 */
export async function renderMission(input: MissionInput, bytes: number, key: string, context: MakeContext): Promise<MadeMission> {
  const { cwd, out, templates } = context;
  const name = input.name;
  const position = input.positions.values['template'] ?? { line: 1, column: 1 };
  const file = input.file;
  const model = aggregate(input);
  if (!templates.get(model.mission.template)) {
    throw new TemplateError(file, position.line, position.column, `no template "${model.mission.template}"; expected one of: ${templates.names().join(', ')}`);
  }
  context.progress('rendering pages', 0, 0);
  const pages = new MissionPages(cwd, context.templatesHash, context.pages, context.renderer, context.pages.known.missions[name]?.key === key, worthAThread(bytes));
  const location = { cwd, dir: out, mission: name, page: null };
  const made: MadeMission = { ...reportPlace(out, name), summary: summaryOf(model), content: '', pages: [] };
  // The report is rendered from the whole model, which the mission's files determine: its input is their digest.
  await pages.page(made.path, () => key, () => ({ template: model.mission.template, location, context: model, json: null }), (content) => (made.content = content));
  for (const extra of modelPages(model)) {
    const page: ReportFile = { path: toPosix(path.join(out, pageFile(name, extra.id))), content: '' };
    made.pages.push(page);
    await pages.contextPage(page.path, extra.template, { ...location, page: extra.id }, extra.context, (content) => (page.content = content));
  }
  await pages.finish();
  context.pages.next.missions[name] = { key, files: [made.path, ...made.pages.map((page) => page.path)], summary: made.summary };
  return made;
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
