/**
 * Faithful imports: the unit-test-coverage seed imported into sessions as the
 * author lived them, checked against keys written by reading the legacy report
 * (test/fixtures/legacy-keys/unit-test-coverage.json, each with its legacy line);
 * then the same rules on other wordings.
 */
import { copyFile, readFile, readdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importLegacy } from '../src/import/import-legacy.js';
import type { LegacyComponent, LegacySession } from '../src/import/legacy/types.js';
import { generate } from '../src/build/build.js';
import type { SessionRecord } from '../src/schema/session.js';
import { repoRoot, scratch, tally } from './helpers/cli.js';

interface ComponentKey {
  line: number;
  /** The legacy line that states the figure, where it is not the component's own, and why: documentation in the keys. */
  stated_at?: number;
  why?: string;
  name?: string;
  test_file?: string;
  tests: LegacyComponent['tests'];
  score?: number;
  coverage?: LegacyComponent['coverage'];
  lines_of_test_code?: number;
}

interface SessionKey {
  line: number;
  number?: number;
  date: string;
  start: string | null;
  end: string | null;
  title_contains: string;
  components: ComponentKey[];
}

interface Keys {
  legacy: string;
  sessions: SessionKey[];
  undated: { line: number; title_contains: string; components: number }[];
  status_lists: { line: number; heading: string; restates: [number, number][] }[];
  restated_figures: ({ line: number } & Partial<LegacyComponent>)[];
  missing_before: { line: number; name: string; session_line: number }[];
  passing_suites: { lines: number[]; total: number };
  current_state: { test_file: string; tests_total: number; tests_passing: number; score?: number }[];
  milestones: { line: number; coverage: number; label: string; checked: boolean }[];
  progress_log: { line: number; entries: { line: number; at: string; text: string }[] };
  phases_with_priority: { line: number; name: string; priority: string; sessions: number[] }[];
  not_next_steps: { line: number; heading: string; first: string }[];
  next_steps: { line: number; session_line?: number; text: string }[];
  not_targets: { line: number; text: string }[];
}

const keys = JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/legacy-keys/unit-test-coverage.json'), 'utf8')) as Keys;
const legacyFile = path.join(repoRoot, keys.legacy);
const { report, records } = importLegacy(readFileSync(legacyFile, 'utf8'), keys.legacy);

const dated = report.sessions.filter((session) => !session.dateInferred);
const allComponents = report.sessions.flatMap((session) => session.components.map((component) => ({ component, session })));
const componentAt = (line: number) => allComponents.find(({ component }) => component.line === line);
const recordOf = (session: LegacySession) => records.sessions.find(({ record }) => record.from?.line === session.line)!.record;

/** What a key states of a component, read from the component the importer made. */
function asKey(component: LegacyComponent, key: ComponentKey): ComponentKey {
  const found: ComponentKey = { line: component.line, tests: component.tests };
  if (key.name !== undefined) found.name = component.name;
  if (key.test_file !== undefined) found.test_file = component.test_file ?? '';
  if (key.score !== undefined) found.score = component.score ?? -1;
  if (key.coverage !== undefined) found.coverage = component.coverage;
  if (key.lines_of_test_code !== undefined) found.lines_of_test_code = component.lines_of_test_code ?? -1;
  return found;
}

describe('the unit-test-coverage seed, session by session', () => {
  it('finds every dated session with its date, start and end, in the order of the report', () => {
    expect(dated.map((s) => ({ line: s.line, date: s.date, start: s.start, end: s.end }))).toEqual(
      keys.sessions.map((s) => ({ line: s.line, date: s.date, start: s.start, end: s.end })),
    );
    for (const key of keys.sessions) {
      const session = dated.find((s) => s.line === key.line)!;
      expect(session.title).toContain(key.title_contains);
      if (key.number !== undefined) expect(session.number).toBe(key.number);
      // The times are in the record's fields, never left in a note.
      const record = recordOf(session);
      expect({ date: record.date, start: record.start ?? null, end: record.end ?? null }).toEqual({ date: key.date, start: key.start, end: key.end });
      expect(record.notes?.some((note) => /^Date inferred/.test(note)) ?? false).toBe(false);
    }
  });

  it('gives each session its components, each with its name and the result the report states', () => {
    for (const key of keys.sessions) {
      const session = dated.find((s) => s.line === key.line)!;
      expect(
        session.components.map((component, i) => asKey(component, key.components[i] ?? { line: 0, tests: null })),
        `session at legacy line ${key.line}`,
      ).toEqual(key.components.map(({ stated_at: _, why: __, ...stated }) => stated));
    }
  });

  it('keeps the sections the report does not date as sessions whose date is inferred, and says so', () => {
    const undated = report.sessions.filter((session) => session.dateInferred);
    expect(undated.map((s) => ({ line: s.line, components: s.components.length }))).toEqual(keys.undated.map((u) => ({ line: u.line, components: u.components })));
    for (const key of keys.undated) {
      const session = undated.find((s) => s.line === key.line)!;
      expect(session.title).toContain(key.title_contains);
      expect(recordOf(session).notes?.some((note) => /inferred/i.test(note))).toBe(true);
    }
    expect(report.sessions).toHaveLength(keys.sessions.length + keys.undated.length);
  });

  it('imports no status list as a session: what it states goes to the components it restates', () => {
    const sessionLines = new Set(report.sessions.map((session) => session.line));
    for (const list of keys.status_lists) {
      expect(sessionLines.has(list.line), list.heading).toBe(false);
      for (const [line, into] of list.restates) {
        expect(componentAt(line), `line ${line} is no component of its own`).toBeUndefined();
        expect(report.restated).toContainEqual(expect.objectContaining({ into, list: list.line, component: expect.objectContaining({ line }) }));
        expect(componentAt(into)!.component.notes.some((note) => note.includes(`legacy line ${line}`))).toBe(true);
      }
    }
    for (const { line, ...figures } of keys.restated_figures) {
      const { stated_at: _, ...stated } = figures as typeof figures & { stated_at?: number };
      expect(componentAt(line)!.component).toMatchObject(stated);
    }
  });

  it('imports the three components it used to drop, in the sessions that created them', () => {
    for (const key of keys.missing_before) {
      const found = componentAt(key.line)!;
      expect(found.component.name).toBe(key.name);
      expect(found.session.line).toBe(key.session_line);
    }
  });

  it('gives the WebSocket infrastructure suites and GCPDeployer the result the report states: passing', () => {
    const suites = keys.passing_suites.lines.map((line) => componentAt(line)!.component.tests!);
    for (const tests of suites) expect(tests).toEqual({ total: tests.total, passing: tests.total });
    expect(suites.reduce((n, tests) => n + tests.passing!, 0)).toBe(keys.passing_suites.total);
  });

  it('reads the milestones with their checked state, and notes a checked one on the mission', () => {
    for (const key of keys.milestones) {
      expect(report.milestones.find((m) => m.line === key.line)).toMatchObject({ coverage: key.coverage, label: key.label, reached: key.checked });
    }
    const checked = keys.milestones.filter((m) => m.checked);
    for (const m of checked) expect(records.mission.notes?.some((note) => note.includes(`${m.coverage}% "${m.label}" is checked`) && note.includes(`line ${m.line}`))).toBe(true);
  });

  it('reads the progress log into the log of the sessions it records', () => {
    const entries = report.sessions.flatMap((session) => session.log ?? []);
    expect(entries).toEqual(keys.progress_log.entries);
    for (const entry of keys.progress_log.entries) {
      const record = records.sessions.find(({ record }) => record.from?.line === entry.line)!.record;
      expect(record.log).toEqual([{ at: entry.at, text: entry.text }]);
    }
  });

  it('keeps the phases the report gives a priority, with the sessions whose components it lists under them', () => {
    for (const key of keys.phases_with_priority) {
      const phase = report.phases.find((p) => p.line === key.line)!;
      expect(phase).toMatchObject({ name: key.name, priority: key.priority });
      expect(records.mission.phases).toContainEqual({ id: phase.id, name: key.name, priority: key.priority });
      for (const line of key.sessions) expect(recordOf(report.sessions.find((s) => s.line === line)!).phase).toBe(phase.id);
    }
  });

  it('takes next steps only from text about next steps, and no session goal as a mission target', () => {
    const steps = report.sessions.flatMap((session) => session.next_steps.map((text) => ({ text, session: session.line })));
    for (const key of keys.not_next_steps) expect(steps.some((step) => step.text.startsWith(key.first)), key.heading).toBe(false);
    for (const key of keys.next_steps) {
      expect(steps.find((step) => step.text === key.text), `line ${key.line}`).toBeDefined();
      if (key.session_line !== undefined) expect(steps.find((step) => step.text === key.text)!.session).toBe(key.session_line);
    }
    expect(records.mission.targets).toBeUndefined();
    expect(records.mission.notes?.some((note) => note.includes(`line ${keys.not_targets[1]!.line}`) && note.includes(keys.not_targets[1]!.text))).toBe(true);
    expect(recordOf(report.sessions.find((s) => s.line === 14)!).notes).toContain(keys.not_targets[0]!.text);
  });
});

describe('the imported seed through the CLI', () => {
  it('validates and builds, and its current state keeps every figure no later report changes', async () => {
    const work = await scratch();
    await copyFile(legacyFile, path.join(work, 'legacy.md'));
    const imported = await tally(['import', 'legacy.md', '--mission', 'utc'], work);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const names = await readdir(path.join(work, 'data/utc/sessions'));
    expect(names).toHaveLength(keys.sessions.length + keys.undated.length);
    // No two reports of one component in one session.
    for (const name of names) {
      const record = parse(await readFile(path.join(work, 'data/utc/sessions', name), 'utf8')) as SessionRecord;
      const ids = record.components.map((c) => c.test_file ?? c.name);
      expect(new Set(ids).size, name).toBe(ids.length);
    }
    expect((await tally(['validate'], work)).code).toBe(0);
    const built = await tally(['build', '--json'], work);
    expect(built.code).toBe(0);
    expect(JSON.parse(built.stdout).missions[0].totals).toMatchObject({ sessions: keys.sessions.length + keys.undated.length });

    const { reports } = await generate({ cwd: work, cache: false });
    const current = (await reports[0]!.loadModel()).components;
    for (const key of keys.current_state) {
      const state = current.find((c) => c.test_file === key.test_file)!;
      expect(state, key.test_file).toMatchObject({ tests_total: key.tests_total, tests_passing: key.tests_passing, ...(key.score === undefined ? {} : { score: key.score }) });
    }
    for (const line of keys.passing_suites.lines) {
      const state = current.find((c) => c.line > 0 && c.name === componentAt(line)!.component.name)!;
      expect(state.tests_passing).toBe(state.tests_total);
    }
  });
});

describe('the session rule on other wordings', () => {
  const sessionsOf = (text: string) => importLegacy(text, 'x.md').report.sessions;

  it('reads times in every form and a session dated by a "Session:" line under its heading', () => {
    const text = [
      '# Log',
      '',
      '## Sprint 1 — 2025-04-07 16:30–17:00',
      '',
      '- **A** — `tests/unit/test_a.py` — 3/3 passing',
      '',
      '## Sprint 2 — 2025-04-08 (09:15)',
      '',
      '- **B** — `tests/unit/test_b.py` — 2/2 passing',
      '',
      '## Hardening week',
      '',
      '**Session**: 2025-04-09 08:00 - 10:30',
      '',
      '- **C** — `tests/unit/test_c.py` — 4/4 passing',
    ].join('\n');
    expect(sessionsOf(text).map((s) => [s.line, s.date, s.start, s.end, s.components.map((c) => c.name)])).toEqual([
      [3, '2025-04-07', '16:30', '17:00', ['A']],
      [7, '2025-04-08', '09:15', null, ['B']],
      [11, '2025-04-09', '08:00', '10:30', ['C']],
    ]);
  });

  it('joins an achievement write-up to the session that dates it, and folds a status list into the components it restates', () => {
    const text = [
      '# Report',
      '',
      '## Status',
      '',
      '### Phase 1 (P0 - IMMEDIATE)',
      '',
      '#### 1. Ledger - COMPLETED (Score: 9.0/10)',
      '- **Test File**: `tests/unit/test_ledger.py`',
      '- **Status**: 12/12 tests passing',
      '- **Coverage**: 97% line coverage',
      '',
      '## Session: 2025-05-02 10:00 - 12:00 - Ledger and journal hardening',
      'Completed the ledger and journal hardening work.',
      '',
      '## Ledger and journal hardening: achievements',
      '',
      '### 1. Ledger',
      '**Test File**: `tests/unit/test_ledger.py`',
      '**Status**: 12/12 tests passing',
      '',
      '### 2. Journal',
      '**Test File**: `tests/unit/test_journal.py`',
      '**Status**: 8 tests created',
    ].join('\n');
    const { report } = importLegacy(text, 'x.md');
    expect(report.sessions.map((s) => [s.line, s.date, s.start, s.end, s.components.map((c) => [c.name, c.tests])])).toEqual([
      [12, '2025-05-02', '10:00', '12:00', [['Ledger', { total: 12, passing: 12 }], ['Journal', { total: 8, not_run: 8 }]]],
    ]);
    // The status list adds its score, coverage and priority phase to the ledger suite.
    expect(report.sessions[0]!.components[0]).toMatchObject({ score: 9, coverage: { percent: 97 }, phase: report.phases[0]!.id });
    expect(report.phases[0]).toMatchObject({ line: 5, priority: 'P0' });
  });

  it('makes a session and its detailed write-up one session, each component once with the figures of both places', () => {
    const text = [
      '# Ledger log',
      '',
      '## Ledger hardening session (2025-05-02 10:00 - 12:00)',
      '',
      '- **Ledger** — `tests/unit/test_ledger.py` — 12/12 passing',
      '',
      '## Ledger hardening: detailed write-up',
      '',
      '### Ledger',
      '**Test File**: `tests/unit/test_ledger.py`',
      '**Status**: 12 tests',
      '**Coverage**: 96% line coverage',
      '**Score**: 9.1/10',
      '',
      '### Journal',
      '**Test File**: `tests/unit/test_journal.py`',
      '**Status**: 8/8 tests passing',
    ].join('\n');
    const { report, records } = importLegacy(text, 'x.md');
    expect(report.sessions.map((s) => [s.line, s.start, s.end])).toEqual([[3, '10:00', '12:00']]);
    expect(records.sessions[0]!.record.components.map((c) => [c.name, c.tests, c.score ?? null, c.coverage ?? null])).toEqual([
      ['Ledger', { total: 12, passing: 12 }, 9.1, { percent: 96 }],
      ['Journal', { total: 8, passing: 8 }, null, null],
    ]);
  });

  it('names a component the session describes in prose after the class it names, and takes its figures from the lines after it', () => {
    const text = [
      '# Log',
      '',
      '### Session 4: 2025-06-01 10:00 - 11:00',
      '1. **Created Tests for PaymentRouter**:',
      '   - File: `tests/unit/test_payment_router_fixed.py`',
      '   - 18+ test methods across 4 test classes',
      '2. **Tests Status**: 15 passing, fixing the rest',
      '3. **Next Steps**:',
      '   - Fix the three failing refund cases',
    ].join('\n');
    const [session] = sessionsOf(text);
    expect(session!.components.map((c) => [c.name, c.test_file, c.tests])).toEqual([['PaymentRouter', 'tests/unit/test_payment_router_fixed.py', { total: 18, passing: 15 }]]);
    expect(session!.next_steps).toEqual(['Fix the three failing refund cases']);
  });

  it('gives counts with no result a result only where the session says all of them passed, and never over a failure', () => {
    const session = (claim: string, second: string) =>
      sessionsOf(['## Session 1 — 2025-04-07 10:00 - 11:00', '', '- `tests/unit/test_a.py` — 10 tests', `- ${second}`, '', claim].join('\n'))[0]!.components.map((c) => c.tests);
    expect(session('Achieved 100% pass rates for both suites.', '`tests/unit/test_b.py` — 5 tests')).toEqual([{ total: 10, passing: 10 }, { total: 5, passing: 5 }]);
    expect(session('All 10 tests pass.', '`tests/unit/test_b.py` — 5 tests')).toEqual([{ total: 10, passing: 10 }, { total: 5 }]);
    expect(session('All tests passing.', '`tests/unit/test_b.py` — 4/5 passing')).toEqual([{ total: 10 }, { total: 5, passing: 4, failing: 1 }]);
    expect(session('Expected 100% pass rate once CI runs them.', '`tests/unit/test_b.py` — 5 tests')).toEqual([{ total: 10 }, { total: 5 }]);
  });

  it('carries an earlier count forward where a later report of the component states none', () => {
    const text = [
      '## Session 1 — 2025-04-07',
      '',
      '- **Ledger** — `tests/unit/test_ledger.py` — 12/12 passing',
      '',
      '## Session 2 — 2025-04-08',
      '',
      '- **Ledger** — `tests/unit/test_ledger.py` — rated 9/10',
    ].join('\n');
    const { records } = importLegacy(text, 'x.md');
    const later = records.sessions.find(({ record }) => record.date === '2025-04-08')!.record.components[0]!;
    expect(later).toMatchObject({ tests: { total: 12, passing: 12 }, score: 9 });
    expect(later.notes).toContainEqual(expect.stringContaining('Carried forward from the earlier report at legacy line 3: tests'));
  });
});
