/** Render stage: the model through its Handlebars template, values kept in slots. */
import type { MissionModel } from '../types.js';
import { SlotTable, type Slot } from './slots.js';
import type { TemplateSet } from './templates.js';
import type { ReportLocation } from './helpers.js';

/** Template output: markdown written by the template, with tokens where values go. */
export interface RenderedTemplate {
  markdown: string;
  slots: Slot[];
}

export function render(
  model: MissionModel,
  templates: TemplateSet,
  report: ReportLocation = { cwd: '/', dir: 'reports' },
  templateName: string = model.mission.template,
  context: unknown = model,
): RenderedTemplate {
  const template = templates.get(templateName);
  if (!template) {
    throw new Error(`no template "${templateName}"; expected one of: ${templates.names().join(', ')}`);
  }
  const table = new SlotTable();
  const markdown = template(context, { slots: table, report });
  return { markdown, slots: table.slots };
}

/** The archive page of older sessions `page`: the model with `page` set to that page and its sessions. */
export function renderArchive(model: MissionModel, templates: TemplateSet, report: ReportLocation, page: MissionModel['archives'][number]): RenderedTemplate {
  const context = { ...model, page: { ...page, sessions: model.sessions.filter((session) => session.page === page.id) } };
  return render(model, templates, { ...report, page: page.id }, 'session-archive', context);
}

/** A page listing the components of one phase: the model with `page` set to that page and its components. */
export function renderComponentPage(
  model: MissionModel,
  templates: TemplateSet,
  report: ReportLocation,
  phase: MissionModel['phases'][number],
  index: number,
): RenderedTemplate {
  const page = phase.pages[index]!;
  const per = Math.ceil(phase.components.length / phase.pages.length);
  const context = { ...model, page: { ...page, phase: { id: phase.id, name: phase.name }, components: phase.components.slice(index * per, (index + 1) * per) } };
  return render(model, templates, { ...report, page: `components:${page.id}` }, 'component-archive', context);
}
