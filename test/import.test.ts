/**
 * The importer and the audit on legacy reports: the two seeds and four
 * reports written for these tests in other wordings and shapes
 * (test/fixtures/legacy/<case>/{input.md, expected.json}).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditLegacy, importLegacy } from '../src/import/import-legacy.js';
import type { LegacyComponent } from '../src/import/legacy-types.js';
import { repoRoot } from './helpers/cli.js';

const root = path.join(repoRoot, 'test/fixtures/legacy');

interface Expected {
  sessions: { line: number; number: number | null; date: string; title_contains: string }[];
  components: { line: number; name: string; test_file: string | null; tests_total: number | null; tests_passing: number | null; score: number | null; session_line: number }[];
  targets: { line: number; label: string; target: number; achieved: number; marked_met: boolean }[];
  unmapped_sections: { line: number; heading: string }[];
  audit: { kind: string; line: number }[];
  mojibake_lines: number[];
}

const written = readdirSync(root)
  .filter((name) => !name.startsWith('seed-'))
  .sort();

/** A count the report gives no result for (or says was never run) states no passing count. */
function passing(component: LegacyComponent): number | null {
  return component.tests?.passing ?? null;
}

describe.each(written)('legacy report %s', (name) => {
  const input = readFileSync(path.join(root, name, 'input.md'), 'utf8');
  const expected = JSON.parse(readFileSync(path.join(root, name, 'expected.json'), 'utf8')) as Expected;
  const result = importLegacy(input, `${name}.md`);
  const components = result.report.sessions.flatMap((session) => session.components.map((component) => ({ component, session })));

  it('finds every session with its number and date', () => {
    const named = result.report.sessions.filter((session) => session.named || expected.sessions.some((e) => e.line === session.line));
    expect(named.map((s) => ({ line: s.line, number: s.number, date: s.date }))).toEqual(expected.sessions.map((s) => ({ line: s.line, number: s.number, date: s.date })));
    for (const session of expected.sessions) {
      expect(result.report.sessions.find((s) => s.line === session.line)!.title.toLowerCase()).toContain(session.title_contains.toLowerCase());
    }
  });

  it('finds every component with its name, test file, counts, score and session', () => {
    expect(
      components.map(({ component, session }) => ({
        line: component.line,
        name: component.name,
        test_file: component.test_file,
        tests_total: component.tests?.total ?? null,
        tests_passing: passing(component),
        score: component.score,
        session_line: session.line,
      })),
    ).toEqual(expected.components);
  });

  it('reads the targets and whether the report marked them met', () => {
    expect(result.report.targets.map((t) => ({ line: t.line, label: t.label, target: t.target, achieved: t.achieved, marked_met: t.markedMet }))).toEqual(expected.targets);
  });

  it('lists the sections it could not map, and keeps them as notes', () => {
    expect(result.report.unmapped.map((u) => ({ line: u.line, heading: u.heading }))).toEqual(expected.unmapped_sections);
    for (const section of expected.unmapped_sections) {
      expect(result.records.mission.notes?.some((note) => note.includes(`"${section.heading}"`) && note.includes(`line ${section.line}`))).toBe(true);
    }
  });

  it('repairs the mojibake, and only where there is some', () => {
    expect([...new Set(result.repairs.map((r) => r.line))].sort((a, b) => a - b)).toEqual(expected.mojibake_lines);
    expect(result.files.every((file) => !/ðŸ|âœ|‚úÖ|üéØ/.test(file.content))).toBe(true);
  });

  it('audits exactly the inconsistencies the report has', () => {
    const { problems } = auditLegacy(input, `${name}.md`);
    expect(problems.map((p) => ({ kind: p.kind, line: p.line }))).toEqual(
      [...expected.audit].sort((a, b) => a.line - b.line || (a.kind < b.kind ? -1 : 1)),
    );
  });

  it('keeps the legacy line of every record and component', () => {
    for (const { record } of result.records.sessions) {
      expect(record.from?.line).toBeGreaterThan(0);
      for (const component of record.components) expect(component.from?.file).toBe(`${name}.md`);
    }
  });
});

describe('the two seed reports', () => {
  const progress = readFileSync(path.join(root, 'seed-progress/input.md'), 'utf8');
  const batch = readFileSync(path.join(root, 'seed-batch/input.md'), 'utf8');

  it('imports every component heading with a score from the progress report (45), with its figures', () => {
    const { report } = importLegacy(progress, 'progress.md');
    const components = report.sessions.flatMap((s) => s.components);
    expect(components.filter((c) => c.score !== null)).toHaveLength(45);
    const at = (line: number) => components.find((c) => c.line === line)!;
    expect(at(28)).toMatchObject({ name: 'UnifiedWebSocketManager SSOT', test_file: 'netra_backend/tests/unit/websocket/test_unified_websocket_manager.py', tests: { total: 51, passing: 49, failing: 2 }, score: 9.8 });
    expect(at(134)).toMatchObject({ name: 'UniversalRegistry<T>', tests: { total: 93, passing: 93 }, score: 9.8, coverage: { lines_covered: 300, lines_total: 300 } });
    expect(at(891)).toMatchObject({ name: 'UniversalRegistry<T>', tests: { total: 73, passing: 73 }, score: 8.5 });
    expect(at(164)).toMatchObject({ name: 'LLMManager', tests: { total: 15, passing: 15 }, score: 9.6 });
    expect(at(905)).toMatchObject({ name: 'LLMManager', test_file: 'netra_backend/tests/unit/llm/test_llm_manager_comprehensive.py', tests: { total: 75, passing: 75 }, score: 7.5 });
    expect(at(834)).toMatchObject({ name: 'AuthStartupValidator', tests: { total: 29, passing: 16 }, score: 8.4 });
    // "68/68 tests COLLECTED": written, never run; not 68 failures and not 68 skipped.
    expect(at(1042)).toMatchObject({ name: 'ExecutionEngine Consolidated', tests: { total: 68, not_run: 68 }, score: 9 });
    expect(at(1042).tests).not.toHaveProperty('passing');
    expect(at(2040)).toMatchObject({ name: 'AuthClientConfigManager', tests: { total: 53, passing: 53 }, score: 9.5 });
  });

  it('audits the progress report: the seven totals, the duplicates, the order, session 13, the untested "expected" pass rate', () => {
    const problems = auditLegacy(progress, 'progress.md').problems;
    const lines = (kind: string) => problems.filter((p) => p.kind === kind).map((p) => p.line);
    // 755+, 777+, 361, 386+, 500+, 557+, 675+ total tests
    for (const line of [676, 751, 951, 1102, 1250, 1325, 2003]) expect(lines('total-disagrees')).toContain(line);
    expect(problems.find((p) => p.line === 1102)!.message).toContain('its parts (247 + 141) add up to 388');
    expect(lines('duplicate-component')).toEqual(expect.arrayContaining([891, 905]));
    expect(lines('session-order')).toContain(487);
    expect(lines('duplicate-session-number')).toEqual([1718]);
    expect(lines('never-run')).toEqual([1044]);
    expect(lines('pass-rate-mismatch')).toEqual([1646]);
  });

  it('imports the batch report as one session with its tests by level and its targets', () => {
    const { report, files } = importLegacy(batch, 'batch.md', { template: 'batch-report' });
    expect(report.sessions).toHaveLength(1);
    expect(report.sessions[0]).toMatchObject({ date: '2025-01-09', title: 'Batch 4 final phase completion report' });
    const components = report.sessions[0]!.components;
    expect(components.map((c) => c.level)).toEqual(['unit', 'unit', 'unit', 'unit', 'integration', 'integration', 'integration', 'integration', 'e2e']);
    expect(components.reduce((n, c) => n + c.tests!.total, 0)).toBe(64);
    expect(components[0]!.test_file).toBe('netra_backend/tests/unit/golden_path/test_websocket_auth_business_logic.py');
    expect(report.targets.find((t) => t.label === 'E2E Tests')).toMatchObject({ target: 8, achieved: 4, markedMet: true });
    expect(files[0]!.content).toContain('template: batch-report');
  });

  it('audits the batch report: the false E2E status and the 787 total the listed suites do not reach', () => {
    const problems = auditLegacy(batch, 'batch.md').problems;
    expect(problems.filter((p) => p.kind === 'false-met').map((p) => p.line)).toEqual([146]);
    expect(problems.filter((p) => p.kind === 'total-disagrees').map((p) => p.line)).toEqual([7, 247]);
  });

  it('repairs every emoji of both seeds', () => {
    for (const text of [progress, batch]) {
      const { files } = importLegacy(text, 'x.md');
      for (const file of files) expect(file.content).not.toMatch(/üé|‚úÖ|ğŸ|âœ|\uFFFD|\uF8FF/);
    }
  });
});
