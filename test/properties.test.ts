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
import { normalize, normalizeMarkdown, type ShapeCache } from '../src/normalize/normalize.js';
import { formatNumber, formatPercent } from '../src/text/format.js';
import { render } from '../src/render/render.js';
import { oneLine } from '../src/render/slots.js';
import { compileTemplates } from '../src/render/templates.js';
import type { MissionInput } from '../src/model/records.js';
import { repoRoot } from './helpers/cli.js';
import { component, mission, session } from './helpers/records.js';

const templates = compileTemplates(await readTemplates('templates', repoRoot));
// One shape cache for every report, as a build shares one over its pages: the path production takes.
const shapes: ShapeCache = new Map();
const markdownOf = (model: ReturnType<typeof aggregate>) => normalize(render(model, templates), { shapes });
const reportOf = (input: MissionInput) => markdownOf(aggregate(input));
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

  // One report a run, both checked on it: rendering and parsing it is what takes the time.
  it('no text field can change the structure of the report, and text shows as the characters it is (the title heading reads back literally)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const parsed = tree(reportOf(hostileInput(text)));
        expect(structure(parsed)).toBe(benign);
        const heading = parsed.children[0]!;
        expect(heading.type).toBe('heading');
        expect(toText(heading)).toBe(oneLine(text).trim());
      }),
      { numRuns: 180 },
    );
  });

  // Every way a record can state outcomes: passing stated (the rest failed) or not (the rest has no result),
  // with or without failing, skipped and not_run.
  type Tests = { total: number; passing?: number; failing?: number; skipped?: number; not_run?: number };
  const testsArb = fc
    .record({
      total: fc.nat({ max: 100_000 }),
      cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
      stated: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    })
    .map(({ total, cuts, stated }) => {
      const tests: Tests = { total };
      let left = total;
      (['passing', 'failing', 'skipped', 'not_run'] as const).forEach((key, i) => {
        if (!stated[i]) return;
        const n = Math.floor(left * cuts[i]!);
        tests[key] = n;
        left -= n;
      });
      return tests;
    })
    ;
  const countsArb = fc.array(
    fc.record({
      key: fc.constantFrom('a', 'b', 'c', 'd'),
      tests: testsArb,
      score: fc.option(fc.integer({ min: 0, max: 1000 }).map((h) => h / 100), { nil: undefined }),
      day: fc.integer({ min: 1, max: 28 }),
    }),
    { minLength: 1, maxLength: 12 },
  );
  type Row = { key: string; tests: { total: number; passing?: number; failing?: number; skipped?: number; not_run?: number }; score: number | undefined; day: number };
  const toInput = (rows: Row[]) =>
    mission(
      rows.map((row, i) =>
        session(`2025-02-${String(row.day).padStart(2, '0')}-${i}`, {
          date: `2025-02-${String(row.day).padStart(2, '0')}`,
          components: [component(row.key, { tests: row.tests, ...(row.score === undefined ? {} : { score: row.score }) })],
        }),
      ),
    );

  /** Outcomes by the README's rules ("Test outcomes", "How totals are computed"), written again here without Tally's code. */
  const expectedOutcomes = (tests: { total: number; passing?: number | undefined; failing?: number | undefined; skipped?: number | undefined; not_run?: number | undefined }[]) => {
    const o = { total: 0, passed: 0, failed: 0, skipped: 0, not_run: 0, no_result: 0 };
    for (const t of tests) {
      const rest = t.total - (t.passing ?? 0) - (t.failing ?? 0) - (t.skipped ?? 0) - (t.not_run ?? 0);
      o.total += t.total;
      o.passed += t.passing ?? 0;
      o.failed += (t.failing ?? 0) + (t.passing !== undefined ? rest : 0);
      o.skipped += t.skipped ?? 0;
      o.not_run += t.not_run ?? 0;
      o.no_result += t.passing !== undefined ? 0 : rest;
    }
    return o;
  };

  it('the totals in the markdown equal the computed totals, outcome by outcome', () => {
    fc.assert(
      fc.property(countsArb, (rows) => {
        const input = toInput(rows);
        const model = aggregate(input);
        const markdown = markdownOf(model);
        const root = tree(markdown);
        const glance = root.children.find((n) => n.type === 'table')!;
        const cells = new Map(
          (glance as { children: Nodes[] }).children.map((row) => {
            const [label, value] = (row as { children: Nodes[] }).children.map(toText);
            return [label, value];
          }),
        );
        // The computed totals follow the latest-report rule and the outcome rules.
        const latest = new Map<string, NonNullable<(typeof input.sessions)[number]['record']['components'][number]['tests']>>();
        const order = [...input.sessions].sort((a, b) => (a.record.date < b.record.date ? -1 : a.record.date > b.record.date ? 1 : a.file < b.file ? -1 : 1));
        for (const s of order) for (const c of s.record.components) latest.set(c.name, c.tests!);
        const o = expectedOutcomes([...latest.values()]);
        expect(model.totals).toMatchObject({ tests_total: o.total, tests_passing: o.passed, tests_failing: o.failed, tests_skipped: o.skipped, tests_not_run: o.not_run, tests_no_result: o.no_result });
        expect(o.passed + o.failed + o.skipped + o.not_run + o.no_result).toBe(o.total);
        const ran = o.passed + o.failed;
        if (ran === 0) expect(model.totals.pass_rate).toBeNull();
        else expect(Math.abs(model.totals.pass_rate! - (100 * o.passed) / ran)).toBeLessThanOrEqual(0.05 + 1e-9);

        // And the markdown shows exactly those figures: each outcome there is, the rate over the tests that ran.
        expect(cells.get('Tests')).toBe(formatNumber(o.total));
        const shown = [
          [o.passed, 'passed'],
          [o.failed, 'failed'],
          [o.skipped, 'skipped'],
          [o.not_run, 'not run'],
          [o.no_result, 'no result'],
        ].filter(([n]) => (n as number) > 0).map(([n, word]) => `${formatNumber(n as number)} ${word}`);
        expect(cells.get('Outcomes')).toBe(shown.length === 0 ? 'no tests' : shown.join(' · '));
        expect(cells.get('Pass rate')).toBe(ran === 0 ? 'no test run' : `${formatPercent(model.totals.pass_rate!)} of the ${formatNumber(ran)} test${ran === 1 ? '' : 's'} that ran`);
        // Never 0% for tests that did not run, anywhere in the report (no record states a test that ran).
        if (rows.every((row) => row.tests.passing === undefined && !row.tests.failing)) expect(markdown).not.toMatch(/(?<![\d.,])0\.0%/);
      }),
      { numRuns: 150 },
    );
  });

  it('the running totals after the last session are the mission totals (both ways of summing agree)', () => {
    fc.assert(
      fc.property(countsArb, (rows) => {
        const input = toInput(rows);
        const { totals, sessions } = aggregate(input);
        const { sessions: count, components, components_with_tests, tests_verified, ...outcomes } = sessions.at(-1)!.cumulative;
        expect({ count, components, components_with_tests, tests_verified }).toEqual({ count: totals.sessions, components: totals.components, components_with_tests: totals.components_with_tests, tests_verified: totals.tests_verified });
        for (const [key, value] of Object.entries(outcomes)) expect(value).toBe(totals[key as keyof typeof totals]);
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
      { numRuns: 75 },
    );
  });

  it('normalizing a report again changes nothing', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const markdown = reportOf(hostileInput(text));
        expect(normalizeMarkdown(markdown)).toBe(markdown);
      }),
      { numRuns: 110 },
    );
  });
});
