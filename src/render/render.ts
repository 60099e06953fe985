/** Render stage: the model through its Handlebars template, values kept in slots. */
import type { MissionModel } from '../model/mission-model.js';
import { SlotTable, type Slot } from './slots.js';
import type { TemplateSet } from './templates.js';
import type { ReportLocation } from './links.js';
import { pageIdOfName, type ExtraPageId } from '../model/page-id.js';

/** Template output: markdown written by the template, with tokens where values go. */
export interface RenderedTemplate {
  markdown: string;
  slots: Slot[];
}

/** A mission's report: its template rendered with the whole model. */
export function render(model: MissionModel, templates: TemplateSet, report: ReportLocation = { cwd: '/', dir: 'reports' }): RenderedTemplate {
  return renderTemplate(templates, model.mission.template, model, report);
}

/** Render one template with any context: the model for a report, `mission` and `page` for other pages. */
export function renderTemplate(templates: TemplateSet, templateName: string, context: unknown, report: ReportLocation): RenderedTemplate {
  const template = templates.get(templateName);
  if (!template) {
    throw new Error(`no template "${templateName}"; expected one of: ${templates.names().join(', ')}`);
  }
  const table = new SlotTable();
  const markdown = template(context, { slots: table, report });
  return { markdown, slots: table.slots };
}

/**
 * A page of older sessions or of a phase's components is rendered from
 * `mission` and `page` only, not the whole model: the page cache keys a page
 * by exactly what it is rendered from, so a page can be reused when other
 * sessions change.
 */
export interface PageContext {
  mission: MissionModel['mission'];
  page: Record<string, unknown>;
}

/** The context of the archive page of older sessions `page`: `page` with the sessions on it. */
function archiveContext(model: MissionModel, page: MissionModel['archives'][number], sessions: MissionModel['sessions']): PageContext {
  return { mission: model.mission, page: { ...page, sessions } };
}

/** The context of a page listing components of one phase: `page` with its phase and its components. */
function componentPageContext(model: MissionModel, phase: MissionModel['phases'][number], index: number): PageContext {
  const page = phase.pages[index]!;
  // The pages before this one hold as many components as they say.
  const first = phase.pages.slice(0, index).reduce((n, before) => n + before.components, 0);
  return { mission: model.mission, page: { ...page, phase: { id: phase.id, name: phase.name }, components: phase.components.slice(first, first + page.components) } };
}

/** A page of a mission besides its report, with its context made only when asked for. */
export interface ModelPage {
  id: ExtraPageId;
  template: 'session-archive' | 'component-archive';
  context: () => PageContext;
}

/** A mission's pages besides its report: pages of older sessions, then pages of a phase's components. */
export function modelPages(model: MissionModel): ModelPage[] {
  const onPage = new Map<string | null, MissionModel['sessions']>();
  for (const session of model.sessions) {
    const list = onPage.get(session.page);
    if (list) list.push(session);
    else onPage.set(session.page, [session]);
  }
  return [
    ...model.archives.map((archive): ModelPage => ({ id: modelPageId('sessions', archive.id), template: 'session-archive', context: () => archiveContext(model, archive, onPage.get(archive.id) ?? []) })),
    ...model.phases.flatMap((phase) =>
      phase.pages.map((page, index): ModelPage => ({ id: modelPageId('components', page.id), template: 'component-archive', context: () => componentPageContext(model, phase, index) })),
    ),
  ];
}


/** The page of an id the model gave it (`aggregate/paginate.ts` names pages with `pageName`). */
function modelPageId(kind: ExtraPageId['kind'], name: string): ExtraPageId {
  const page = pageIdOfName(kind, name);
  if (!page) throw new Error(`the model names a ${kind} page "${name}", which is no page's name`);
  return page;
}
