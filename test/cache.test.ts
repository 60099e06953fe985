/** The cache of parsed records: it saves time and never changes a result. */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_FILE } from '../src/load/cache.js';
import { edit, repoRoot, scratch, tally } from './helpers/cli.js';

const overlap = path.join(repoRoot, 'test/fixtures/reports/overlap/input');
const totals = async (work: string) => JSON.parse((await tally(['build', '--json'], work)).stdout).missions[0].totals;

describe('the records cache', () => {
  it('is written by a build and keyed by content: an edited record is read again', async () => {
    const work = await scratch(overlap);
    expect((await totals(work)).tests_total).toBe(38);
    expect(existsSync(path.join(work, CACHE_FILE))).toBe(true);
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
    const cache = path.join(work, CACHE_FILE);
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

