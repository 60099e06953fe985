/** Older sessions on archive pages: links across pages, obsolete pages removed, every file small. */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/aggregate/aggregate.js';
import { COMPONENTS_IN_REPORT, COMPONENTS_PER_PAGE } from '../src/aggregate/paginate.js';
import { pageFile } from '../src/model/page-id.js';
import { modelPages } from '../src/render/render.js';
import { repoRoot, scratch, tally } from './helpers/cli.js';
import { component, mission, session } from './helpers/records.js';

const overlap = path.join(repoRoot, 'test/fixtures/reports/overlap/input');

async function withRecent(work: string, recent: number): Promise<void> {
  const file = path.join(work, 'data/demo/mission.yaml');
  const text = (await readFile(file, 'utf8')).replace(/\nrecent_sessions: \d+\n/, '\n');
  await writeFile(file, `${text.trimEnd()}\nrecent_sessions: ${recent}\n`);
}

describe('archive pages', () => {
  it('keep the most recent sessions in the report and the older ones on monthly pages, linked both ways', async () => {
    const work = await scratch(overlap);
    await withRecent(work, 2);
    const built = await tally(['build'], work);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain('1 page of older sessions or components in reports/demo/ (1 written)');
    expect(await readdir(path.join(work, 'reports/demo'))).toEqual(['sessions-2025-01.md']);

    const report = await readFile(path.join(work, 'reports/demo.md'), 'utf8');
    const page = await readFile(path.join(work, 'reports/demo/sessions-2025-01.md'), 'utf8');
    // The report holds the two latest sessions; the page the two older ones.
    expect(report).toContain('<a id="session-2025-01-03-early"></a>');
    expect(report).toContain('<a id="session-2025-01-03-second"></a>');
    expect(report).not.toContain('<a id="session-2025-01-02-first"></a>');
    expect(page).toContain('<a id="session-2025-01-02-first"></a>');
    expect(page).toContain('<a id="session-2025-01-03-no-start"></a>');
    expect(report).toContain('- [2025-01](demo/sessions-2025-01.md): 2 sessions, 2025-01-02 to 2025-01-03');
    // Links from the page: back to the report, to a session on the report, and to record files one level up.
    expect(page).toContain('[back to the report](../demo.md)');
    expect(page).toContain('replaced on [2025-01-03](../demo.md#session-2025-01-03-second)');
    expect(page).toContain('(../../data/demo/sessions/2025-01-02-first.yaml)');
    // Totals do not depend on what is shown where.
    const json = (await tally(['build', '--json'], work)).stdout;
    expect(JSON.parse(json).missions[0].totals).toMatchObject({ sessions: 4, tests_total: 38, tests_passing: 36 });
    expect((await tally(['check'], work)).code).toBe(0);
  });

  it('a page no longer generated is stale for check and removed by build', async () => {
    const work = await scratch(overlap);
    await withRecent(work, 2);
    await tally(['build'], work);
    await withRecent(work, 10);
    const check = await tally(['check'], work);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('reports/demo/sessions-2025-01.md: no longer generated; run `tally build` to remove it');
    const built = await tally(['build'], work);
    expect(built.stdout).toContain('reports/demo/sessions-2025-01.md: removed (no longer generated)');
    expect(existsSync(path.join(work, 'reports/demo/sessions-2025-01.md'))).toBe(false);
    expect((await tally(['check'], work)).code).toBe(0);
  });
});

describe('component pages', () => {
  it('list, page by page, as many components as the report says each page has, and every component once', () => {
    const count = 2 * COMPONENTS_PER_PAGE - COMPONENTS_IN_REPORT;
    const components = Array.from({ length: count }, (_, i) => component(`C${String(i).padStart(4, '0')}`, { tests: { total: 1, passing: 1 } }));
    const model = aggregate(mission([session('a', { date: '2025-01-01', components })]));
    const [phase] = model.phases;
    expect(phase!.pages.map((page) => page.components)).toEqual([COMPONENTS_PER_PAGE, count - COMPONENTS_PER_PAGE]);
    const listed = modelPages(model).map((page) => page.context().page['components'] as { key: string }[]);
    expect(listed.map((list) => list.length)).toEqual(phase!.pages.map((page) => page.components));
    expect(new Set(listed.flat().map((c) => c.key)).size).toBe(count);
  });
});

describe('page files never collide', () => {
  it('a phase "no-phase" and the components without a phase, a phase "x" in parts and a phase "x-2", each get a file of their own', () => {
    const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => component(`${prefix}${i}`, { tests: { total: 1, passing: 1 } }));
    const model = aggregate(
      mission(
        [
          session('a', { date: '2025-01-01', components: many('none', COMPONENTS_IN_REPORT + 1) }),
          session('b', { date: '2025-01-01', phase: 'no-phase', components: many('np', COMPONENTS_IN_REPORT + 1) }),
          session('c', { date: '2025-01-01', phase: 'x', components: many('x', COMPONENTS_PER_PAGE + 1) }),
          session('d', { date: '2025-01-01', phase: 'x-2', components: many('y', COMPONENTS_IN_REPORT + 1) }),
        ],
        { phases: ['no-phase', 'x', 'x-2'].map((id) => ({ id, name: id })) },
      ),
    );
    const files = modelPages(model).map((page) => pageFile('m', page.id));
    expect(files.filter((file) => file.includes('components-'))).toHaveLength(5);
    expect(new Set(files).size).toBe(files.length);
  });

  it('with those phases, build writes every page to a file of its own, linked from the report, and check finds nothing stale', async () => {
    const work = await scratch();
    const dir = path.join(work, 'data/m');
    await mkdir(path.join(dir, 'sessions'), { recursive: true });
    const phases = ['no-phase', 'x', 'x-2'].map((id) => `  - { id: ${id}, name: "Phase ${id}" }`).join('\n');
    await writeFile(path.join(dir, 'mission.yaml'), `title: Colliding phase ids\nstarted: 2025-01-01\nphases:\n${phases}\n`);
    const sessionFile = async (name: string, phase: string | null, prefix: string, count: number) => {
      const components = Array.from({ length: count }, (_, i) => `  - { name: ${prefix}${i}, tests: { total: 1, passing: 1 } }`).join('\n');
      await writeFile(path.join(dir, 'sessions', `2025-01-01-${name}.yaml`), `date: 2025-01-01\ntitle: ${name}\n${phase === null ? '' : `phase: ${phase}\n`}components:\n${components}\n`);
    };
    await sessionFile('a', null, 'none', COMPONENTS_IN_REPORT + 1);
    await sessionFile('b', 'no-phase', 'np', COMPONENTS_IN_REPORT + 1);
    await sessionFile('c', 'x', 'x', COMPONENTS_PER_PAGE + 1);
    await sessionFile('d', 'x-2', 'y', COMPONENTS_IN_REPORT + 1);

    const built = await tally(['build'], work);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const files = (await readdir(path.join(work, 'reports/m'))).sort();
    expect(files).toEqual(['components-_none.md', 'components-no-phase.md', 'components-x-2.md', 'components-x.2.md', 'components-x.md']);
    // The report links to each page once, and each page holds its own phase's components.
    const report = await readFile(path.join(work, 'reports/m.md'), 'utf8');
    const linked = [...report.matchAll(/\]\(m\/(components-[^)#]+\.md)\)/g)].map((match) => match[1]).sort();
    expect(linked).toEqual(files);
    const firstOf = { 'components-_none.md': 'none0', 'components-no-phase.md': 'np0', 'components-x.md': 'x0', 'components-x-2.md': 'y0' } as const;
    for (const [file, name] of Object.entries(firstOf)) expect(await readFile(path.join(work, 'reports/m', file), 'utf8')).toContain(`**${name}**`);
    expect((await tally(['check'], work)).code).toBe(0);

    // A page an older build named (`x-3`, as parts once were) is stale; a file that is no page's is left alone.
    await writeFile(path.join(work, 'reports/m/components-x-3.md'), 'old\n');
    await writeFile(path.join(work, 'reports/m/components-notes.md.txt'), 'mine\n');
    await writeFile(path.join(work, 'reports/m/sessions-notes.md'), 'mine\n');
    const check = await tally(['check'], work);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('reports/m/components-x-3.md: no longer generated');
    expect(check.stderr).not.toContain('notes');
    expect((await tally(['build'], work)).code).toBe(0);
    expect((await readdir(path.join(work, 'reports/m'))).sort()).toEqual([...files, 'components-notes.md.txt', 'sessions-notes.md'].sort());
    expect((await tally(['check'], work)).code).toBe(0);
  });
});

// The worker thread runs from the TypeScript sources here (through tsx), from dist/ once built.
describe('validating, rendering and normalizing on two threads', () => {
  it('gives the same bytes as one thread', async () => {
    const one = await scratch(overlap);
    await withRecent(one, 1);
    expect((await tally(['build'], one)).code).toBe(0);
    const two = await scratch(overlap);
    await withRecent(two, 1);
    // A threshold of 0 bytes sends half the records and pages to the worker thread even for this small mission.
    process.env['TALLY_PARALLEL_MIN_BYTES'] = '0';
    try {
      expect((await tally(['build'], two)).code).toBe(0);
    } finally {
      delete process.env['TALLY_PARALLEL_MIN_BYTES'];
    }
    const files = async (root: string) => {
      const names = (await readdir(path.join(root, 'reports'), { recursive: true })).filter((n) => n.endsWith('.md')).sort();
      return Promise.all(names.map(async (n) => [n, await readFile(path.join(root, 'reports', n), 'utf8')]));
    };
    const expected = await files(one);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(await files(two)).toEqual(expected);
  });
});
