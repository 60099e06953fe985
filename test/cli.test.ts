/** The commands, run in-process with injected arguments, plus a few runs of the real bin. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HEAP_FLAGS } from '../src/cli/heap.js';
import { edit, repoRoot, scratch, tally } from './helpers/cli.js';

const overlap = path.join(repoRoot, 'test/fixtures/reports/overlap/input');

describe('usage', () => {
  it('--help lists the commands and exits 0', async () => {
    const result = await tally(['--help'], repoRoot);
    expect(result.code).toBe(0);
    for (const command of ['build', 'check', 'validate', 'schema']) expect(result.stdout).toContain(command);
    expect(result.stdout).toContain('Exit codes');
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const result = await tally(['--version'], repoRoot);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('no command, an unknown command or an unknown flag is a usage error (2)', async () => {
    expect((await tally([], repoRoot)).code).toBe(2);
    const unknown = await tally(['buidl'], repoRoot);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('build');
    expect((await tally(['build', '--nope'], repoRoot)).code).toBe(2);
  });

  it('with --json, a failing command still prints a JSON document', async () => {
    const work = await scratch();
    const result = await tally(['build', '--json', '--data', 'nowhere'], work);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, exit_code: 2, error: { message: expect.stringContaining('no data folder at nowhere') } });
  });

  it('a missing data folder is a usage error that names it', async () => {
    const work = await scratch();
    const result = await tally(['build', '--data', 'nowhere'], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no data folder at nowhere');
  });

  it('--mission picks one mission and names the choices when it does not exist', async () => {
    const work = await scratch(overlap);
    const result = await tally(['build', '--mission', 'dem'], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected one of: demo');
    expect((await tally(['build', '--mission', 'demo'], work)).code).toBe(0);
  });
});

describe('the process', () => {
  it('tunes the heap with a flag this V8 knows', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--v8-options'], { maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toContain(`  ${HEAP_FLAGS.split('=')[0]} (`);
  });
});

describe('build', () => {
  it('writes the report, then leaves it alone when nothing changed', async () => {
    const work = await scratch(overlap);
    const first = await tally(['build'], work);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('reports/demo.md: written');
    expect(first.stdout).toContain('5 findings');
    const before = await stat(path.join(work, 'reports/demo.md'));
    const second = await tally(['build'], work);
    expect(second.stdout).toContain('reports/demo.md: unchanged');
    expect((await stat(path.join(work, 'reports/demo.md'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('--json prints one document with totals and located findings', async () => {
    const work = await scratch(overlap);
    const result = await tally(['build', '--json'], work);
    const doc = JSON.parse(result.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.missions[0]).toMatchObject({ name: 'demo', path: 'reports/demo.md', totals: { sessions: 4, components: 4, tests_total: 38, tests_passing: 36, pass_rate: 94.7, avg_score: 8.1 } });
    expect(doc.missions[0].findings[0]).toEqual({
      file: 'data/demo/sessions/2025-01-02-first.yaml',
      line: 27,
      column: 5,
      code: 'categories-mismatch',
      message: 'categories of "Writer" add up to 9 tests; expected tests.total (10)',
    });
  });

  it('an invalid record stops the build before anything is written, and names file:line:col', async () => {
    const work = await scratch(overlap);
    await tally(['build'], work);
    const report = await readFile(path.join(work, 'reports/demo.md'), 'utf8');
    const file = path.join(work, 'data/demo/sessions/2025-01-03-second.yaml');
    await edit(file, 'tests: { total: 22, passing: 22 }', 'tests: { total: 22, passing: 23 }');
    await writeFile(path.join(work, 'data/demo/sessions/2025-01-04-new.yaml'), 'date: 2025-01-04\ntitle: New\ncomponents: []\nphase: p7\n');
    const result = await tally(['build'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('data/demo/sessions/2025-01-03-second.yaml:11:34: passing (23) is greater than total (22); expected at most 22');
    expect(result.stderr).toContain('data/demo/sessions/2025-01-04-new.yaml:4:8: unknown phase "p7"');
    expect(result.stderr).toContain('nothing was written');
    expect(await readFile(path.join(work, 'reports/demo.md'), 'utf8')).toBe(report);
  });

  it('refuses to write through a symbolic link', async () => {
    const work = await scratch(overlap);
    await mkdir(path.join(work, 'reports'));
    await writeFile(path.join(work, 'elsewhere.md'), 'keep me\n');
    await symlink(path.join(work, 'elsewhere.md'), path.join(work, 'reports/demo.md'));
    const result = await tally(['build'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('reports/demo.md: is a symbolic link');
    expect(await readFile(path.join(work, 'elsewhere.md'), 'utf8')).toBe('keep me\n');
  });

  it('an output folder that cannot be written is a clear error, exit 1', async () => {
    const work = await scratch(overlap);
    await writeFile(path.join(work, 'not-a-folder'), 'x');
    const result = await tally(['build', '--out', 'not-a-folder/reports'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tally: not-a-folder\/reports\/demo\.md: cannot write: /m);
  });

  // Permissions do not stop root, so this runs only for an ordinary user.
  it.skipIf(process.getuid?.() === 0)('a read-only output folder is a clear error, exit 1', async () => {
    const work = await scratch(overlap);
    await mkdir(path.join(work, 'reports'));
    await chmod(path.join(work, 'reports'), 0o555);
    const result = await tally(['build'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('permission denied');
  });

  it('a template error names the template file, line and column, and writes nothing', async () => {
    const work = await scratch(overlap);
    await mkdir(path.join(work, 'templates/partials'), { recursive: true });
    await writeFile(path.join(work, 'templates/partials/targets.hbs'), '## Targets\n\n{{#each targets}}\n- {{lable}}\n{{/each}}\n');
    const result = await tally(['build'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('templates/partials/targets.hbs:4:5: "lable" is not a field here');
    expect(existsSync(path.join(work, 'reports'))).toBe(false);
  });

  it('a user partial replaces the shipped one of the same name', async () => {
    const work = await scratch(overlap);
    await mkdir(path.join(work, 'templates/partials'), { recursive: true });
    await writeFile(path.join(work, 'templates/partials/next-steps.hbs'), '## What next\n\n{{#each next_steps}}\n1. {{text}}\n{{/each}}\n');
    expect((await tally(['build'], work)).code).toBe(0);
    const report = await readFile(path.join(work, 'reports/demo.md'), 'utf8');
    expect(report).toContain('## What next\n\n1. Write four more E2E journeys\n');
    expect(report).toContain('## Findings');
  });

  it('a template may not insert raw text', async () => {
    const work = await scratch(overlap);
    await mkdir(path.join(work, 'templates'), { recursive: true });
    await writeFile(path.join(work, 'templates/progress-report.hbs'), '# {{{mission.title}}}\n');
    const result = await tally(['build'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('templates/progress-report.hbs:1:3: triple braces');
  });
});

describe('check', () => {
  it('passes on current reports and fails with a diff on a stale one', async () => {
    const work = await scratch(overlap);
    await tally(['build'], work);
    expect((await tally(['check'], work)).code).toBe(0);
    const file = path.join(work, 'data/demo/sessions/2025-01-03-second.yaml');
    await edit(file, 'tests: { total: 4, passing: 3 }', 'tests: { total: 4, passing: 4 }');
    const stale = await tally(['check'], work);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('reports/demo.md: stale');
    expect(stale.stderr).toMatch(/^-\| Outcomes \| 36 passed · 2 failed \|$/m);
    expect(stale.stderr).toMatch(/^\+\| Outcomes \| 37 passed · 1 failed \|$/m);
    // check writes nothing
    expect(await readFile(path.join(work, 'reports/demo.md'), 'utf8')).toContain('| Outcomes | 36 passed · 2 failed |');
  });

  it('a missing report is stale', async () => {
    const work = await scratch(overlap);
    const result = await tally(['check'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('reports/demo.md: missing');
  });

  it('--strict fails on findings; plain check does not', async () => {
    const work = await scratch(overlap);
    await tally(['build'], work);
    const plain = await tally(['check'], work);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('5 findings');
    const strict = await tally(['check', '--strict'], work);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('data/demo/sessions/2025-01-03-second.yaml:20:3: claims total tests 40, but the records give 38');
  });

  it('--json reports each mission as current, stale or missing', async () => {
    const work = await scratch(overlap);
    const missing = JSON.parse((await tally(['check', '--json'], work)).stdout);
    expect(missing).toMatchObject({ ok: false, missions: [{ name: 'demo', status: 'missing' }] });
    await tally(['build'], work);
    const current = JSON.parse((await tally(['check', '--json'], work)).stdout);
    expect(current).toMatchObject({ ok: true, missions: [{ name: 'demo', status: 'current' }] });
  });
});

describe('validate', () => {
  it('validates named files, finding the mission of a session for its phase', async () => {
    const work = await scratch(overlap);
    const ok = await tally(['validate', 'data/demo/mission.yaml', 'data/demo/sessions/2025-01-02-first.yaml'], work);
    expect(ok).toMatchObject({ code: 0, stdout: '2 files valid.\n' });
    await writeFile(path.join(work, 'data/demo/sessions/bad.yaml'), 'date: 2025-01-04\ntitle: x\ncomponents:\n  - name: A\n    test_flie: a.py\nphase: p3\n');
    const bad = await tally(['validate', '--json', 'data/demo/sessions/bad.yaml'], work);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).issues).toEqual([
      {
        file: 'data/demo/sessions/bad.yaml',
        line: 5,
        column: 5,
        code: 'unknown-key',
        path: 'components.0.test_flie',
        message: expect.stringContaining('unknown key "test_flie" (did you mean "test_file"?)'),
      },
      {
        file: 'data/demo/sessions/bad.yaml',
        line: 6,
        column: 8,
        code: 'unknown-phase',
        path: 'phase',
        message: expect.stringContaining('unknown phase "p3"'),
      },
    ]);
  });

  it('a file that does not exist is a usage error', async () => {
    const result = await tally(['validate', 'nope.yaml'], await scratch());
    expect(result.code).toBe(2);
  });

  it('skips files a writer is still writing', async () => {
    const work = await scratch(overlap);
    const sessions = path.join(work, 'data/demo/sessions');
    await writeFile(path.join(sessions, '.2025-01-05-draft.yaml'), 'date: [unfinished');
    await writeFile(path.join(sessions, '2025-01-05-draft.yaml.tmp'), 'date: [unfinished');
    expect((await tally(['validate'], work)).code).toBe(0);
  });
});

describe('schema', () => {
  it('the committed schemas are current', async () => {
    const result = await tally(['schema', '--check'], repoRoot);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('writes both schemas, and --check notices a stale one', async () => {
    const work = await scratch();
    expect((await tally(['schema', '--out', 'out'], work)).code).toBe(0);
    expect((await readdir(path.join(work, 'out'))).sort()).toEqual(['mission.schema.json', 'session.schema.json']);
    const session = JSON.parse(await readFile(path.join(work, 'out/session.schema.json'), 'utf8'));
    expect(session.required).toEqual(['date', 'title', 'components']);
    expect(session.additionalProperties).toBe(false);
    await writeFile(path.join(work, 'out/mission.schema.json'), '{}\n');
    expect((await tally(['schema', '--out', 'out', '--check'], work)).code).toBe(1);
    const json = JSON.parse((await tally(['schema', '--out', 'out', '--check', '--json'], work)).stdout);
    expect(json).toEqual({ ok: false, files: [{ path: 'out/mission.schema.json', status: 'stale' }, { path: 'out/session.schema.json', status: 'current' }] });
  });
});

describe('the shipped data', () => {
  it('the committed reports are current (what CI checks with `tally check`)', async () => {
    const result = await tally(['check'], repoRoot);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

// The real bin runs dist/, which `npm install` compiles and a test run compiles again when a source is newer (test/global-setup.ts).
describe('the tally bin', () => {
  const exec = promisify(execFile);
  it('runs check on the shipped data and exits 0', async () => {
    const { stdout } = await exec(process.execPath, [path.join(repoRoot, 'bin/tally.js'), 'check'], { cwd: repoRoot });
    expect(stdout).toMatch(/reports? \(\d+ files?\) checked: 0 stale/);
  });

  it('gives the same bytes in another time zone and locale', async () => {
    const env = { ...process.env, TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' };
    const { stdout } = await exec(process.execPath, [path.join(repoRoot, 'bin/tally.js'), 'check', '--json'], { cwd: repoRoot, env });
    const statuses = JSON.parse(stdout).missions.map((m: { status: string }) => m.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['current']));
  });

  it('exits 2 on a usage error', async () => {
    const error = await exec(process.execPath, [path.join(repoRoot, 'bin/tally.js'), 'nope'], { cwd: repoRoot }).catch((e: { code: number }) => e);
    expect((error as { code: number }).code).toBe(2);
  });
});
