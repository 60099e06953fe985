/**
 * The build's worker thread, run from the TypeScript sources: the two-thread
 * path gives what one thread gives, and a worker that dies, throws or never
 * loads fails its tasks with a message; nothing waits for an answer that
 * cannot come.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRecords } from '../src/build/check-records.js';
import { PageRenderer } from '../src/build/render-pages.js';
import { WorkerPool } from '../src/build/threads.js';
import { aggregate } from '../src/aggregate/aggregate.js';
import { readData } from '../src/load/read-data.js';
import { readTemplates } from '../src/load/read-templates.js';
import { modelPages } from '../src/render/render.js';
import { compileTemplates } from '../src/render/templates.js';
import { validateMissions } from '../src/validate/validate.js';
import { repoRoot } from './helpers/cli.js';
import { component, mission, session } from './helpers/records.js';

const fixture = (name: string) => pathToFileURL(path.join(repoRoot, 'test/fixtures/workers', `${name}.js`));

/** Run `body` with every input large enough for a second thread. */
async function withThreads<T>(body: () => Promise<T>): Promise<T> {
  process.env['TALLY_PARALLEL_MIN_BYTES'] = '0';
  try {
    return await body();
  } finally {
    delete process.env['TALLY_PARALLEL_MIN_BYTES'];
  }
}

describe('the build worker, from the sources', () => {
  it('checks records as one thread does, half of them in the worker', async () => {
    const { missions } = await readData('data', { cwd: repoRoot, mission: 'unit-test-coverage' });
    const sources = await readTemplates('templates', repoRoot);
    const pool = new WorkerPool(sources);
    try {
      const two = await withThreads(() => checkRecords(missions, pool));
      expect(pool.sent).toBe(1);
      expect(two.issues).toEqual([]);
      expect(JSON.parse(JSON.stringify(two))).toEqual(JSON.parse(JSON.stringify(validateMissions(missions))));
    } finally {
      await pool.close();
    }
  });

  it('renders pages as this thread does, and a template error comes back as one', async () => {
    const sources = await readTemplates('templates', repoRoot);
    const templates = compileTemplates(sources);
    const sessions = ['2025-01-01', '2025-02-01', '2025-03-01'].map((date, i) => session(`s${i}`, { date, components: [component(`C${i}`, { tests: { total: 3, passing: 2 } })] }));
    const pages = modelPages(aggregate(mission(sessions, { recent_sessions: 1 })));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const jobs = pages.map((page) => {
      const context = page.context();
      return { template: page.template, location: { cwd: repoRoot, dir: 'reports', mission: 'x', page: page.id }, context, json: JSON.stringify(context) };
    });
    const pool = new WorkerPool(sources);
    try {
      const one = jobs.map((job) => new PageRenderer(templates, null).render(job, true));
      const renderer = new PageRenderer(templates, pool);
      const two = await Promise.all(jobs.map((job) => renderer.render(job, true)));
      expect(pool.sent).toBeGreaterThan(0);
      expect(two).toEqual(one);
      const broken = { ...jobs[1]!, template: 'no-such-template' };
      await expect(Promise.resolve(renderer.render(broken, true))).rejects.toThrow(/no-such-template/);
    } finally {
      await pool.close();
    }
  });
});

describe('a worker that fails', () => {
  it('stops without answering: its task fails with the exit code, and so does every later task', async () => {
    const pool = new WorkerPool(null, fixture('exits'));
    try {
      await expect(pool.run('echo', 1)).resolves.toBe(1);
      await expect(pool.run('echo', 2)).rejects.toThrow("the build's worker thread stopped (exit code 3) before answering 1 task(s)");
      await expect(pool.run('echo', 3)).rejects.toThrow('exit code 3');
    } finally {
      await pool.close();
    }
  });

  it.each([
    ['throws', "the build's worker thread failed: out of cheese"],
    ['fails-to-load', 'cannot load: a dependency is missing'],
  ])('%s: its task fails with the error', async (worker, message) => {
    const pool = new WorkerPool(null, fixture(worker));
    try {
      await expect(pool.run('anything', null)).rejects.toThrow(message);
    } finally {
      await pool.close();
    }
  });

  it('does not exist: the pool says so when asked to start it', async () => {
    const pool = new WorkerPool(null, fixture('no-such-worker'));
    await expect(pool.run('anything', null)).rejects.toThrow("the build's worker thread cannot start");
  });
});
