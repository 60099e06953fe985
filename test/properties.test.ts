/**
 * Invariants, over generated records (fast-check):
 * - no text, however hostile, changes the report's structure, and it shows literally;
 * - the totals printed in the markdown equal the computed totals, and the running totals agree with them;
 * - the bytes do not depend on the order records were read in;
 * - normalizing a report again changes nothing.
 */
import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/aggregate/aggregate.js';
import { readTemplates } from '../src/load/read-templates.js';
import { normalize, normalizeMarkdown } from '../src/normalize/normalize.js';
import { formatNumber, formatPercent } from '../src/render/format.js';
import { render } from '../src/render/render.js';
import { oneLine } from '../src/render/slots.js';
import { compileTemplates } from '../src/render/templates.js';
import type { MissionInput } from '../src/types.js';
import { repoRoot } from './helpers/cli.js';
import { component, mission, session } from './helpers/records.js';

const templates = compileTemplates(await readTemplates('templates', repoRoot));
const reportOf = (input: MissionInput) => normalize(render(aggregate(input), templates));
const parser = unified().use(remarkParse).use(remarkGfm);
const tree = (markdown: string) => parser.parse(markdown) as Root;

function toText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(toText).join('');
  return '';
}

/** The shape of a report: every block and inline construct, without the text. */
function structure(node: Nodes): string {
  // Text and inline code both show literal characters (link-like words are shown as code).
  if (node.type === 'text' || node.type === 'inlineCode') return 'literal';
  const depth = node.type === 'heading' ? String(node.depth) : '';
  const children = 'children' in node ? (node.children as Nodes[]).map(structure) : [];
  // Adjacent text nodes merge or split with content; compare runs of text as one.
  const merged = children.filter((c, i) => !(c === 'literal' && children[i - 1] === 'literal'));
  return `${node.type}${depth}(${merged.join(',')})`;
}

function hostileInput(text: string): MissionInput {
  return mission(
    [
      session('2025-01-01-a', {
        date: '2025-01-01',
        title: text,
        notes: [text],
        next_steps: [text],
        log: [{ at: '2025-01-01T10:00:00Z', text }],
        components: [
          component(text, {
            test_file: text,
            tests: { total: 3, passing: 2 },
            score: 7,
            bvj: { segment: [text], goal: text, value_impact: text, revenue_impact: text },
          }),
        ],
      }),
    ],
    { title: text, objective: text, targets: [{ metric: 'tests.total', label: text, target: 5 }] },
  );
}

// Strings built from the characters markdown, HTML and templates give meaning to.
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom('|', '#', '\n', '\r\n', '<', '>', '[', ']', '(', ')', '!', '*', '_', '`', '~', '$', '\\', '&', ':', '-', '+', '=', '{{', '}}', '<!--', '-->', '<script>', '<details>', '](javascript:alert(1))', 'https://x.y', 'www.x.y', '1. ', '- ', '> ', '---', '    ', '\t', 'a@b.co', '__init__', '&amp;', '[^1]'),
      fc.string({ minLength: 1, maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(''))
  // Text fields are non-empty and carry some visible character (the schema rejects the others).
  .filter((s) => s.trim() !== '' && !/[\uE000\uE001]/.test(s));

describe('properties', () => {
  const benign = structure(tree(reportOf(hostileInput('plain'))));

  it('no text field can change the structure of the report', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const markdown = reportOf(hostileInput(text));
        expect(structure(tree(markdown))).toBe(benign);
      }),
      { numRuns: 300 },
    );
  });

  it('text shows as the characters it is (the title heading reads back literally)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const heading = tree(reportOf(hostileInput(text))).children[0]!;
        expect(heading.type).toBe('heading');
        expect(toText(heading)).toBe(oneLine(text).trim());
      }),
      { numRuns: 300 },
    );
  });

  const countsArb = fc.array(
    fc.record({
      key: fc.constantFrom('a', 'b', 'c', 'd'),
      total: fc.nat({ max: 100_000 }),
      ratio: fc.double({ min: 0, max: 1, noNaN: true }),
      score: fc.option(fc.integer({ min: 0, max: 1000 }).map((h) => h / 100), { nil: undefined }),
      day: fc.integer({ min: 1, max: 28 }),
    }),
    { minLength: 1, maxLength: 12 },
  );
  const toInput = (rows: { key: string; total: number; ratio: number; score: number | undefined; day: number }[]) =>
    mission(
      rows.map((row, i) =>
        session(`2025-02-${String(row.day).padStart(2, '0')}-${i}`, {
          date: `2025-02-${String(row.day).padStart(2, '0')}`,
          components: [
            component(row.key, {
              tests: { total: row.total, passing: Math.floor(row.total * row.ratio) },
              ...(row.score === undefined ? {} : { score: row.score }),
            }),
          ],
        }),
      ),
    );

  it('the totals in the markdown equal the computed totals', () => {
    fc.assert(
      fc.property(countsArb, (rows) => {
        const input = toInput(rows);
        const model = aggregate(input);
        const glance = tree(normalize(render(model, templates))).children.find((n) => n.type === 'table')!;
        const cells = new Map(
          (glance as { children: Nodes[] }).children.map((row) => {
            const [label, value] = (row as { children: Nodes[] }).children.map(toText);
            return [label, value];
          }),
        );
        expect(cells.get('Tests')).toBe(formatNumber(model.totals.tests_total));
        expect(cells.get('Passing')).toBe(formatNumber(model.totals.tests_passing));
        expect(cells.get('Pass rate')).toBe(model.totals.pass_rate === null ? 'not stated' : formatPercent(model.totals.pass_rate));
        // And the computed totals follow the latest-report rule.
        const latest = new Map<string, { total: number; passing: number }>();
        const order = [...input.sessions].sort((a, b) => (a.record.date < b.record.date ? -1 : a.record.date > b.record.date ? 1 : a.file < b.file ? -1 : 1));
        for (const s of order) for (const c of s.record.components) latest.set(c.name, c.tests!);
        expect(model.totals.tests_total).toBe([...latest.values()].reduce((n, t) => n + t.total, 0));
        expect(model.totals.tests_passing).toBe([...latest.values()].reduce((n, t) => n + t.passing, 0));
      }),
      { numRuns: 200 },
    );
  });

  it('the running totals after the last session are the mission totals (both ways of summing agree)', () => {
    fc.assert(
      fc.property(countsArb, (rows) => {
        const input = toInput(rows);
        const { totals, sessions } = aggregate(input);
        expect(sessions.at(-1)!.cumulative).toEqual({ sessions: totals.sessions, components: totals.components, tests_total: totals.tests_total, tests_passing: totals.tests_passing, pass_rate: totals.pass_rate });
        // The last session claims every mission total: the running figures it is checked against must agree.
        const last = input.sessions.find((s) => s.id === sessions.at(-1)!.id)!;
        const stated = { sessions: totals.sessions, components: totals.components, tests_total: totals.tests_total, tests_passing: totals.tests_passing, pass_rate: totals.pass_rate, avg_score: totals.avg_score };
        last.record.claims = Object.fromEntries(Object.entries(stated).filter(([, value]) => value !== null));
        const findings = aggregate(input).findings.filter((finding) => finding.code === 'claim-mismatch');
        expect(findings).toEqual([]);
        expect(Object.keys(last.record.claims).length).toBeGreaterThanOrEqual(4);
      }),
      { numRuns: 200 },
    );
  });

  it('the bytes do not depend on the order the records were read in', () => {
    fc.assert(
      fc.property(countsArb.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows.map((_, i) => i), { minLength: rows.length }))), ([rows, order]) => {
        const input = toInput(rows);
        const shuffled = { ...input, sessions: order.map((i) => input.sessions[i]!) };
        expect(reportOf(shuffled)).toBe(reportOf(input));
      }),
      { numRuns: 100 },
    );
  });

  it('normalizing a report again changes nothing', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const markdown = reportOf(hostileInput(text));
        expect(normalizeMarkdown(markdown)).toBe(markdown);
      }),
      { numRuns: 200 },
    );
  });
});
