/**
 * The table of template helpers (src/render/helpers.ts): each helper has its
 * documentation, and says truly whether it returns a slot, the one fact the
 * template compiler takes from it to decide what `{{…}}` prints through `text`.
 */
import type { HelperOptions } from 'handlebars';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/aggregate/aggregate.js';
import { HELPERS } from '../src/render/helpers.js';
import { renderTemplate } from '../src/render/render.js';
import { SlotTable, TOKEN_CLOSE, TOKEN_OPEN } from '../src/render/slots.js';
import { compileTemplates } from '../src/render/templates.js';
import { component, mission, session } from './helpers/records.js';

const model = aggregate(mission([session('a', { date: '2025-01-01', components: [component('A', { tests: { total: 2, passing: 1 } })] })]));
const where = { cwd: '/work', dir: 'reports', mission: 'm', page: null };

/** A call of each helper, as a template makes it: a helper added to the table needs one here. */
const calls: Record<string, unknown[]> = {
  text: ['x'],
  num: [1234],
  percent: [12.5],
  outcomes: [model.totals],
  'pass-rate': [model.totals],
  'tests-line': [model.totals],
  measure: [3, 'count'],
  rating: [9.2],
  fraction: [1, 2],
  code: ['src/a.ts'],
  short: ['a|b'],
  join: [['a', 'b']],
  sort: [[2, 1]],
  mark: ['met'],
  chart: [model.charts.progress],
  'session-anchor': [model.sessions[0]],
  'session-link': ['a', model.sessions[0]],
  'page-link': ['back', null],
  'file-link': ['record', 'data/m/sessions/a.yaml', 3],
  eq: [1, 1],
  or: [0, 'x'],
  plural: [2, 'session'],
};

const isToken = (value: unknown): boolean => typeof value === 'string' && new RegExp(`^${TOKEN_OPEN}[0-9a-z]+${TOKEN_CLOSE}$`).test(value);

describe('the helper table', () => {
  it('has a call here for every helper, and no other', () => {
    expect(Object.keys(calls).sort()).toEqual(Object.keys(HELPERS).sort());
  });

  it('documents every helper in one line that shows how it is called', () => {
    for (const [name, helper] of Object.entries(HELPERS)) {
      expect(helper.doc.trim(), name).not.toBe('');
      expect(helper.doc, name).not.toMatch(/\n/);
      expect(helper.doc, name).toMatch(/^`\{\{/);
      expect(helper.doc.includes(`{{${name} `) || helper.doc.includes(`(${name} `), `${name}: ${helper.doc}`).toBe(true);
    }
  });

  it('marks as a slot helper exactly those whose value is a slot token', () => {
    for (const [name, helper] of Object.entries(HELPERS)) {
      const options = { hash: {}, data: { slots: new SlotTable(), report: where } } as unknown as HelperOptions;
      const value = (helper.fn as (...args: unknown[]) => unknown)(...calls[name]!, options);
      expect(isToken(value), `${name} returned ${String(value)}`).toBe(helper.slot);
    }
  });

  it('prints every helper through one slot in a template: a token as it is, any other value through text', () => {
    for (const name of Object.keys(HELPERS)) {
      const args = calls[name]!;
      const source = `{{${name}${args.map((_, i) => ` a${i}`).join('')}}}`;
      const templates = compileTemplates({ templates: { t: { path: 't.hbs', text: source } }, partials: {} });
      const context = Object.fromEntries(args.map((arg, i) => [`a${i}`, arg]));
      const rendered = renderTemplate(templates, 't', context, where);
      expect(isToken(rendered.markdown), `${source} gave ${rendered.markdown}`).toBe(true);
      expect(rendered.slots, source).toHaveLength(1);
      // A slot helper's token printed through `text` would show as a value holding a token.
      expect(JSON.stringify(rendered.slots[0]), source).not.toMatch(new RegExp(`[${TOKEN_OPEN}${TOKEN_CLOSE}]`));
    }
  });
});

describe("the README's table of helpers", () => {
  it('names every helper of the table, and no helper the table lacks', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Helpers'), readme.indexOf('### Escaping'));
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    const named = new Set(rows.flatMap((row) => [...row.split(' | ')[0]!.matchAll(/(?:\{\{#?|\()([a-z][\w-]*)/g)].map((match) => match[1]!)));
    named.delete('value'); // `{{value}}`: a value printed without a helper goes through `text`
    for (const builtin of ['each', 'if']) named.delete(builtin); // Handlebars' own
    expect([...named].sort()).toEqual(Object.keys(HELPERS).sort());
  });
});
