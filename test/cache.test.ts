/** The cache of parsed records: it saves time and never changes a result. */
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_CACHE_FILE, cacheStamp, recordsCacheFile } from '../src/build/caches.js';
import { digestOf } from '../src/load/digest.js';
import { generate } from '../src/build/build.js';
import { jsonSchemas } from '../src/schema/json-schema.js';
import { VERSION } from '../src/version.js';
import { edit, repoRoot, scratch, tally } from './helpers/cli.js';

const overlap = path.join(repoRoot, 'test/fixtures/reports/overlap/input');
const totals = async (work: string) => JSON.parse((await tally(['build', '--json'], work)).stdout).missions[0].totals;

describe('the records cache', () => {
  it('is written by a build and keyed by content: an edited record is read again', async () => {
    const work = await scratch(overlap);
    expect((await totals(work)).tests_total).toBe(38);
    expect(existsSync(path.join(work, recordsCacheFile('demo')))).toBe(true);
    const file = path.join(work, 'data/demo/sessions/2025-01-03-second.yaml');
    await edit(file, 'tests: { total: 4, passing: 3 }', 'tests: { total: 10, passing: 3 }');
    expect((await totals(work)).tests_total).toBe(44);
  });

  it('an edited mission file invalidates its sessions (a phase may no longer exist)', async () => {
    const work = await scratch(overlap);
    await tally(['build'], work);
    const mission = path.join(work, 'data/demo/mission.yaml');
    await edit(mission, '  - { id: p1, name: "Phase 2: features", priority: P1 }\n', '');
    const result = await tally(['build'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown phase "p1"');
  });

  it('a corrupt cache, or one from another version, is ignored', async () => {
    const work = await scratch(overlap);
    await tally(['build'], work);
    const cache = path.join(work, recordsCacheFile('demo'));
    const doc = JSON.parse(await readFile(cache, 'utf8'));
    // Same stamp, but a tampered record would change the totals: prove entries are used, then that a foreign stamp is not.
    for (const entry of Object.values(doc.entries) as { record: { components: { tests?: { total: number } }[] } }[]) {
      for (const c of entry.record.components) if (c.tests) c.tests.total += 1000;
    }
    await writeFile(cache, JSON.stringify({ ...doc, stamp: 'another-version' }));
    expect((await totals(work)).tests_total).toBe(38);
    await writeFile(cache, '{ not json');
    expect((await totals(work)).tests_total).toBe(38);
  });
});

describe('the page cache', () => {
  const setUp = async () => {
    const work = await scratch(overlap);
    const mission = path.join(work, 'data/demo/mission.yaml');
    await writeFile(mission, `${(await readFile(mission, 'utf8')).trimEnd()}\nrecent_sessions: 1\n`);
    expect((await tally(['build'], work)).code).toBe(0);
    return { work, page: path.join(work, 'reports/demo/sessions-2025-01.md') };
  };

  it('a page edited by hand is stale and rebuilt, though no record changed', async () => {
    const { work, page } = await setUp();
    const built = await readFile(page, 'utf8');
    await edit(page, 'sessions', 'sessions (edited)');
    const check = await tally(['check'], work);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('reports/demo/sessions-2025-01.md: stale');
    await tally(['build'], work);
    expect(await readFile(page, 'utf8')).toBe(built);
  });

  it('a changed template renders every page again, though no record changed', async () => {
    const { work, page } = await setUp();
    await mkdir(path.join(work, 'templates/partials'), { recursive: true });
    const partial = await readFile(path.join(repoRoot, 'templates/partials/session.hbs'), 'utf8');
    await writeFile(path.join(work, 'templates/partials/session.hbs'), partial.replace('After this session:', 'Once counted:'));
    expect((await tally(['check'], work)).code).toBe(1);
    await tally(['build'], work);
    expect(await readFile(page, 'utf8')).toContain('Once counted:');
    expect((await tally(['check'], work)).code).toBe(0);
  });

  it('a page follows a change to a record that is not on it (the session that replaced a component is gone)', async () => {
    const { work, page } = await setUp();
    const before = await readFile(page, 'utf8');
    await rm(path.join(work, 'data/demo/sessions/2025-01-03-second.yaml'));
    await tally(['build'], work);
    const after = await readFile(page, 'utf8');
    expect(after).not.toBe(before);
    // Rebuilt without the cache, the same bytes: the cache never changes a result.
    await rm(path.join(work, 'node_modules'), { recursive: true, force: true });
    await rm(path.join(work, 'reports'), { recursive: true, force: true });
    await tally(['build'], work);
    expect(await readFile(page, 'utf8')).toBe(after);
  });
});


describe('a mission whose files, templates and pages are as its last build left them', () => {
  /** The overlap fixture as two missions, `demo` and `other`. */
  const twoMissions = async () => {
    const work = await scratch(overlap);
    await cp(path.join(work, 'data/demo'), path.join(work, 'data/other'), { recursive: true });
    expect((await tally(['build'], work)).code).toBe(0);
    return work;
  };
  const pageCache = async (work: string) => JSON.parse(await readFile(path.join(work, PAGE_CACHE_FILE), 'utf8'));

  it('is taken whole from the cache, its model loaded only when asked for, and check and build print what a build without any cache prints', async () => {
    const work = await twoMissions();
    const kept = await generate({ cwd: work });
    expect(kept.current).toEqual(new Set(['reports/demo.md', 'reports/other.md']));
    const models = await Promise.all(kept.reports.map((report) => report.loadModel()));
    expect(models.map((model) => model.totals.tests_total)).toEqual([38, 38]);
    const made = await generate({ cwd: work, cache: false });
    expect(made.current).toEqual(new Set());
    expect(kept.reports.map((report) => report.summary)).toEqual(made.reports.map((report) => report.summary));

    const cached = { check: await tally(['check', '--json'], work), strict: await tally(['check', '--strict'], work), build: await tally(['build'], work) };
    await rm(path.join(work, 'node_modules'), { recursive: true, force: true });
    const fresh = { check: await tally(['check', '--json'], work), strict: await tally(['check', '--strict'], work), build: await tally(['build'], work) };
    expect(cached).toEqual(fresh);
    expect(cached.strict.code).toBe(1); // the fixture's findings
    expect(cached.build.stdout).toContain('tests: 36 passed · 2 failed · pass rate 94.7% of the 38 tests that ran');
  });

  it('its summary is what the commands print (proved by tampering with it), until a file of the mission changes', async () => {
    const work = await twoMissions();
    const cache = await pageCache(work);
    cache.missions.other.summary.totals.tests_total = 9999;
    await writeFile(path.join(work, PAGE_CACHE_FILE), JSON.stringify(cache));
    const printed = async () => JSON.parse((await tally(['check', '--json'], work)).stdout).missions.map((m: { totals: { tests_total: number } }) => m.totals.tests_total);
    expect(await printed()).toEqual([38, 9999]);
    await edit(path.join(work, 'data/other/sessions/2025-01-02-first.yaml'), 'title:', 'title: Renamed,');
    expect(await printed()).toEqual([38, 38]);
  });

  it('is made again when its entry in the page cache is malformed', async () => {
    const work = await twoMissions();
    const cache = await pageCache(work);
    cache.missions.demo.summary = null;
    cache.missions.other.files = [];
    await writeFile(path.join(work, PAGE_CACHE_FILE), JSON.stringify(cache));
    expect((await generate({ cwd: work })).reports.map((report) => report.summary.totals.tests_total)).toEqual([38, 38]);
  });

  it('is made again when one of its pages was edited by hand', async () => {
    const work = await twoMissions();
    await edit(path.join(work, 'reports/other.md'), '# ', '# Edited: ');
    const check = await tally(['check'], work);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('reports/other.md: stale');
    expect(check.stderr).not.toContain('reports/demo.md');
  });

  it('keeps its parsed records in the records cache while another mission is made again', async () => {
    const work = await twoMissions();
    const cacheOf = (mission: string) => readFile(path.join(work, recordsCacheFile(mission)), 'utf8');
    const entries = async (mission: string) => Object.keys(JSON.parse(await cacheOf(mission)).entries).length;
    expect([await entries('demo'), await entries('other')]).toEqual([4, 4]);
    const other = await cacheOf('other');
    const demo = await cacheOf('demo');
    await edit(path.join(work, 'data/demo/sessions/2025-01-02-first.yaml'), 'title:', 'title: Renamed,');
    const built = await generate({ cwd: work });
    expect(built.current).toEqual(new Set(['reports/other.md']));
    expect(await cacheOf('other')).toBe(other);
    expect(await cacheOf('demo')).not.toBe(demo);
    expect(await entries('demo')).toBe(4);
  });

  it('keeps its entry in the page cache through a build of another mission (--mission)', async () => {
    const work = await twoMissions();
    const before = await pageCache(work);
    await edit(path.join(work, 'data/demo/sessions/2025-01-02-first.yaml'), 'title:', 'title: Renamed,');
    expect((await tally(['build', '--mission', 'demo'], work)).code).toBe(0);
    const after = await pageCache(work);
    expect(after.missions.other).toEqual(before.missions.other);
    expect(after.missions.demo.key).not.toBe(before.missions.demo.key);
    expect((await generate({ cwd: work })).current).toEqual(new Set(['reports/demo.md', 'reports/other.md']));
  });
});

describe('the cache stamp', () => {
  it('is the version and the schemas Tally ships, which are the schemas the code makes', async () => {
    expect(await cacheStamp()).toBe(`${VERSION}:${digestOf(jsonSchemas().map((file) => file.content).join(''))}`);
  });
});
