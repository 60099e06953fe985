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

export function render(model: MissionModel, templates: TemplateSet, report: ReportLocation = { cwd: '/', dir: 'reports' }): RenderedTemplate {
  const template = templates.get(model.mission.template);
  if (!template) {
    throw new Error(`no template "${model.mission.template}"; expected one of: ${templates.names().join(', ')}`);
  }
  const table = new SlotTable();
  const markdown = template(model, { slots: table, report });
  return { markdown, slots: table.slots };
}
