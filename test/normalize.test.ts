/**
 * The normalize stage's fast paths (sections, shapes parsed once, table rows,
 * values spliced into serialized shapes) give the same bytes as the reference:
 * the whole page parsed as one document with every value put in as an mdast
 * node and serialized by remark.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/aggregate/aggregate.js';
import { readTemplates } from '../src/load/read-templates.js';
import { normalize, splitSections } from '../src/normalize/normalize.js';
import { render, type RenderedTemplate } from '../src/render/render.js';
import { SlotTable, type Slot } from '../src/render/slots.js';
import { compileTemplates } from '../src/render/templates.js';
import { repoRoot } from './helpers/cli.js';
import { component, mission, session } from './helpers/records.js';

const templates = compileTemplates(await readTemplates('templates', repoRoot));

/** Values near the edge of what may be spliced: words, digits, and every character remark may escape. */
const value = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('a', 'Zeta', 'w', 'p', 's', '7', '42', '1', 'é', '✅', ' ') },
      { weight: 3, arbitrary: fc.constantFrom('.', ')', '(', ':', '/', '-', '+', '=', '#', '!', '[', ']', '*', '_', '~', '`', '<', '>', '&', '@', '|', '\\', '$', '^', '"', "'", ',', '%', '\t') },
      { weight: 1, arbitrary: fc.constantFrom('www.x.y', 'https://x.y', 'a@b.co', 'amp;', '1. ', '- ', '# ', '---', 'p:/', 'w.x') },
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join('').trim())
  .filter((text) => text !== '');

/**
 * Templates that put values next to what could interact with them. `{}` is a
 * text value, `{c}` inline code, `{l}` a link, `{a}` an anchor, `{b}` a chart.
 */
const layouts = [
  '# {}\n\n{}\n',
  '**{}**: {}\n\n_{}_b and a*{}*\n',
  'x&{} <{} w.{} {}.{} https:{}\n',
  '{}{}\n\n{}{}{}\n',
  '1{}. {}) {}\n\n{}\n\n{}.\n',
  '- {}\n- {}\n\n- {}\n\n{}\n\n1. {}\n\n{}\n',
  '> {}\n\n> {}\n{}\n',
  '| A | B |\n| --- | --- |\n| {} | {c} |\n| {l} | {} {} |\n\n- {}\n',
  '### {a}{}: {}\n\nSession {}. Record: {l}.\n\n| C | T |\n| - | - |\n| {} | {} |\n| {} | {} |\n\n- Note: {}\n- Log {}: {}\n',
  '{b}\n\n## {}\n\n- {}\n\n  {b}\n',
  '<!--\n\n# {}\n\n-->\n\n{}\n',
  '[{}][r] and {}\n\n## {}\n\n[r]: #x\n',
  '```\n# {}\n```\n\n{}\n',
  'a {c} `{}` {l}! [{}](#y) !{l}\n',
  '{}\n===\n\n{}\n---\n\n    {}\n\n{}\n',
];

function renderLayout(layout: string, values: string[]): RenderedTemplate {
  const table = new SlotTable();
  let i = 0;
  const next = () => values[i++ % values.length]!;
  const slot = (kind: string): Slot => {
    if (kind === 'c') return { kind: 'code', value: next() };
    if (kind === 'l') return { kind: 'link', text: next(), url: i % 2 ? '#session-1' : '../data/x%20y.yaml#L3' };
    if (kind === 'a') return { kind: 'anchor', id: 'session-1' };
    if (kind === 'b') return { kind: 'block', lang: 'mermaid', value: `pie\n  "${next()}" : 1` };
    return { kind: 'text', value: next() };
  };
  const markdown = layout.replace(/\{([clab]?)\}/g, (_m, kind: string) => table.add(slot(kind)));
  return { markdown, slots: table.slots };
}

describe('normalize', () => {
  it('gives the same bytes as parsing the whole page with every value as a node', () => {
    fc.assert(
      fc.property(fc.constantFrom(...layouts), fc.array(value, { minLength: 1, maxLength: 8 }), (layout, values) => {
        const rendered = renderLayout(layout, values);
        let expected: string;
        try {
          expected = normalize(rendered, { exact: true });
        } catch (error) {
          expect(() => normalize(rendered)).toThrow((error as Error).message);
          return;
        }
        expect(normalize(rendered)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same bytes for whole reports of records with such text', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 4, maxLength: 4 }), ([title, name, note, file]) => {
        const input = mission(
          [1, 2, 3].map((n) =>
            session(`2025-01-0${n}-s`, {
              date: `2025-01-0${n}`,
              title: `${title} ${n}`,
              notes: [note!],
              log: [{ at: `2025-01-0${n}T10:00:00Z`, text: note! }],
              components: [component(n === 2 ? name! : `${name} ${n}`, { test_file: `${file}/${n}`, tests: { total: 10 * n, passing: 9 * n }, score: 7.5, bvj: { segment: [note!], value_impact: title! } })],
            }),
          ),
          { title: title!, targets: [{ metric: 'tests.total', label: name!, target: 50 }] },
        );
        const rendered = render(aggregate(input), templates);
        expect(normalize(rendered)).toBe(normalize(rendered, { exact: true }));
      }),
      // Each run parses three whole reports exactly (about 0.1 s): the layouts property above covers the shapes 2,000 times.
      { numRuns: 70 },
    );
  });

  it('names the line of a value placed where it cannot be escaped, in a later section or a table row', () => {
    const inSection = '# {}\n\nPara one\nline two\n\n## Section\n\nText\n\n<div>{}</div>\n';
    const inRow = '# {}\n\n| A | B |\n| - | - |\n| {} | x |\n| {} | [y](#{}) |\n';
    for (const exact of [false, true]) {
      expect(() => normalize(renderLayout(inSection, ['v']), { exact })).toThrow('(line 10 of the template output)');
      expect(() => normalize(renderLayout(inRow, ['v']), { exact })).toThrow('(line 6 of the template output)');
    }
  });

  it('cuts only where a block starts alone: never in code, multi-line HTML, or before a list that may go on', () => {
    expect(splitSections('a\n\nb\n\n## c\nd')).toEqual(['a\n', 'b\n', '## c\nd']);
    expect(splitSections('```\n# x\n\ny\n```\n\nz')).toEqual(['```\n# x\n\ny\n```\n', 'z']);
    expect(splitSections('<!--\n\n# x\n\n-->\n\nz')).toEqual(['<!--\n\n# x\n\n-->\n', 'z']);
    expect(splitSections('- a\n\n- b\n\nc\n\n- d')).toEqual(['- a\n\n- b\n', 'c\n', '- d']);
    expect(splitSections('[a]: #b\n\nc\n\n# d')).toEqual(['[a]: #b\n\nc\n\n# d']);
  });
});
