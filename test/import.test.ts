/**
 * The importer and the audit on legacy reports: the two seeds and eight
 * reports written for these tests in other wordings and shapes
 * (test/fixtures/legacy/<case>/{input.md, expected.json}).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditLegacy, importLegacy } from '../src/import/import-legacy.js';
import type { LegacyComponent } from '../src/import/legacy/types.js';
import { repoRoot } from './helpers/cli.js';

const root = path.join(repoRoot, 'test/fixtures/legacy');

/** Figures a fixture may state for a component; each is checked where the fixture states it. */
const OPTIONAL = ['tests_failing', 'tests_not_run', 'coverage'] as const;

interface ExpectedComponent {
  line: number;
  name: string;
  test_file: string | null;
  tests_total: number | null;
  tests_passing: number | null;
  tests_failing?: number | null;
  tests_not_run?: number | null;
  coverage?: LegacyComponent['coverage'];
  score: number | null;
  session_line: number;
}

interface Expected {
  /** `start` and `end`, where a fixture states them, are checked too. */
  sessions: { line: number; number: number | null; date: string; start?: string | null; end?: string | null; title_contains: string }[];
  components: ExpectedComponent[];
  targets: { line: number; label: string; target: number; achieved: number | null; marked_met: boolean | null }[];
  unmapped_sections: { line: number; heading: string }[];
  audit: { kind: string; line: number }[];
  mojibake_lines: number[];
}

const written = readdirSync(root)
  .filter((name) => !name.startsWith('seed-'))
  .sort();

/** The start and end of a session, where the fixture states them. */
function times(session: { start?: string | null; end?: string | null }, wanted: Expected['sessions'][number] | undefined): { start?: string | null; end?: string | null } {
  return wanted && 'start' in wanted ? { start: session.start ?? null, end: session.end ?? null } : {};
}

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
    expect(named.map((s, i) => ({ line: s.line, number: s.number, date: s.date, ...times(s, expected.sessions[i]) }))).toEqual(
      expected.sessions.map((s) => ({ line: s.line, number: s.number, date: s.date, ...times(s, s) })),
    );
    for (const session of expected.sessions) {
      expect(result.report.sessions.find((s) => s.line === session.line)!.title.toLowerCase()).toContain(session.title_contains.toLowerCase());
    }
  });

  it('finds every component with its name, test file, counts, score and session', () => {
    expect(
      components.map(({ component, session }, index) => {
        const found: ExpectedComponent = {
          line: component.line,
          name: component.name,
          test_file: component.test_file,
          tests_total: component.tests?.total ?? null,
          tests_passing: passing(component),
          score: component.score,
          session_line: session.line,
        };
        const optional = { tests_failing: component.tests?.failing ?? null, tests_not_run: component.tests?.not_run ?? null, coverage: component.coverage };
        const wanted = expected.components[index];
        for (const key of OPTIONAL) if (wanted && key in wanted) Object.assign(found, { [key]: optional[key] });
        return found;
      }),
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

  // 42: the 45 score headings, less the five of the status lists "Phase 1 (P0 - IMMEDIATE)" (legacy lines 134,
  // 142, 151) and "Phase 2 (P1 - HIGH)" (164, 173), which restate components their sessions report and are folded
  // into them; plus UnifiedAuthenticationService (119), which takes its score from line 151, and the
  // UnifiedWebSocketManager of the P0 session (429), whose "quality score 7.5/10" is at line 452.
  it('imports every component heading with a score from the progress report (42), with its figures', () => {
    const { report } = importLegacy(progress, 'progress.md');
    const components = report.sessions.flatMap((s) => s.components);
    expect(components.filter((c) => c.score !== null)).toHaveLength(42);
    const at = (line: number) => components.find((c) => c.line === line)!;
    expect(at(28)).toMatchObject({ name: 'UnifiedWebSocketManager SSOT', test_file: 'netra_backend/tests/unit/websocket/test_unified_websocket_manager.py', tests: { total: 51, passing: 49, failing: 2 }, score: 9.8 });
    // Line 134 restates session 11's suite (line 1340): folded into it, with the source file it adds (line 135).
    expect(at(1340)).toMatchObject({ name: 'UniversalRegistry<T> SSOT', source: 'netra_backend/app/core/registry/universal_registry.py', tests: { total: 93, passing: 93 }, score: 9.8, coverage: { lines_covered: 300, lines_total: 300 } });
    expect(report.restated?.map((r) => [r.component.line, r.into])).toEqual(expect.arrayContaining([[134, 1340], [164, 216]]));
    expect(at(891)).toMatchObject({ name: 'UniversalRegistry<T>', tests: { total: 73, passing: 73 }, score: 8.5 });
    // Line 164 restates the suite of the session at line 20 (line 216).
    expect(at(216)).toMatchObject({ name: 'LLMManager SSOT', tests: { total: 15, passing: 15 }, score: 9.6 });
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
    // One test file, two figures: DatabaseManager 32/32 (line 403) and 45 (line 625), both
    // `test_database_manager_comprehensive.py` (lines 405, 625); UnifiedWebSocketManager 20 (line 429) and 35 (line 1210),
    // both `…/test_unified_websocket_manager_comprehensive.py` (lines 431, 1211); UniversalRegistry 73/73 (line 891) and
    // 93/93 (line 1340; the restatement at line 134 is no report of its own); UserContextToolFactory 32/32 (line 918)
    // and 26/26 (line 1865), both `…/test_user_context_tool_factory_comprehensive.py` (lines 919, 1866).
    expect(lines('duplicate-component')).toEqual([625, 1210, 1340, 1865]);
    // Same name, other test file, other component: LLMManager at line 905 is `test_llm_manager_comprehensive.py`
    // (line 906), the one at line 216 `test_llm_manager_comprehensive_focused.py` (line 217); UnifiedToolDispatcher at
    // line 1728 is `test_unified_tool_dispatcher.py` (line 1729), the one at line 931 `…_comprehensive.py` (line 932).
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
    // Listed under "Unit Tests Created", "Integration Tests Created", "E2E Tests Created", with "Run full test suite" as the next step: made, never run.
    expect(components.every((c) => c.tests!.not_run === c.tests!.total && c.tests!.passing === undefined)).toBe(true);
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

describe('one component a list line, sessions under any label, pass claims', () => {
  const componentsOf = (text: string) => importLegacy(text, 'x.md').report.sessions.flatMap((s) => s.components);
  const kinds = (text: string) => auditLegacy(text, 'x.md').problems.map((p) => `${p.line}:${p.kind}`);

  it('reads the bold name, the test file apart, and a score in every form', () => {
    const text = [
      '## Sprint 1 — 2025-04-07',
      '',
      '- **LedgerWriter** — `tests/unit/test_ledger_writer.py` — 27/30 passing — Score: 9.2/10',
      '- **UniversalRegistry<T>** — `tests/unit/test_registry.py` — all 12 tests pass (9.2/10)',
      '- **Fx** — `tests/unit/test_fx.py` — 8/10 passing — rated 8/10',
      '- **Journal** — `tests/unit/test_journal.py` — 5 tests written — score 9.2.',
      '- **Ledger Writer v2:** `tests/unit/test_ledger_v2.py` 4 tests',
      '- **NEW** `tests/unit/test_new.py` — 3 tests',
    ].join('\n');
    expect(componentsOf(text).map((c) => [c.name, c.test_file, c.tests, c.score])).toEqual([
      ['LedgerWriter', 'tests/unit/test_ledger_writer.py', { total: 30, passing: 27, failing: 3 }, 9.2],
      ['UniversalRegistry<T>', 'tests/unit/test_registry.py', { total: 12, passing: 12 }, 9.2],
      // "rated 8/10" is the score; "8/10 passing" the result.
      ['Fx', 'tests/unit/test_fx.py', { total: 10, passing: 8, failing: 2 }, 8],
      ['Journal', 'tests/unit/test_journal.py', { total: 5, not_run: 5 }, 9.2],
      ['Ledger Writer v2', 'tests/unit/test_ledger_v2.py', { total: 4 }, null],
      // A bold status is no name: the file names the component, as before.
      ['test_new.py', 'tests/unit/test_new.py', { total: 3 }, null],
    ]);
  });

  it('numbers sessions labelled Sprint, Iteration or Day, and finds a number used twice', () => {
    for (const label of ['Sprint', 'Iteration', 'Day']) {
      const text = `# Log\n\n## ${label} 1 — 2025-04-07\n\nWork.\n\n## ${label} 2 — 2025-04-08\n\nWork.\n\n## ${label} 2 — 2025-04-09\n\nWork.\n`;
      const { report, problems } = auditLegacy(text, 'x.md');
      expect(report.sessions.map((s) => s.number)).toEqual([1, 2, 2]);
      expect(problems.map((p) => `${p.line}:${p.kind}`)).toEqual(['11:duplicate-session-number']);
      expect(problems[0]!.message).toBe(`${label.toLowerCase()} number 2 is also used at line 7; expected each number once`);
    }
  });

  it('checks a running total of passing tests against the parts it names and the components listed', () => {
    const text = [
      '## Sprint 1 — 2025-04-07',
      '',
      '- **A** — `tests/unit/test_a.py` — 10/10 passing',
      '- **B** — `tests/unit/test_b.py` — 8/10 passing',
      '',
      'Running total: 20 tests, 18 passing.',
      '',
      '## Sprint 2 — 2025-04-14',
      '',
      '- **C** — `tests/unit/test_c.py` — 5/5 passing',
      '',
      'Total passing: 30 (18 + 5)',
    ].join('\n');
    const problems = auditLegacy(text, 'x.md').problems;
    expect(problems.map((p) => `${p.line}:${p.kind}`)).toEqual(['12:total-disagrees']);
    expect(problems[0]!.message).toBe('states 30 passing tests, but its parts (18 + 5) add up to 23; the components the report lists up to this session add up to 23');
  });

  it('flags "all green" beside a failure in its section, and only there', () => {
    const section = (claim: string, line: string) => `# Log\n\n## Sprint 1 — 2025-04-07\n\n${line}\n\n${claim}\n\n## Sprint 2 — 2025-04-14\n\n- **C** — \`tests/unit/test_c.py\` — 4/5 passing\n`;
    const failing = '- **A** — `tests/unit/test_a.py` — 9/10 passing';
    const passing = '- **A** — `tests/unit/test_a.py` — 10/10 passing';
    expect(kinds(section('Sprint wrap-up: all green.', failing))).toEqual(['7:false-all-passing']);
    expect(kinds(section('All tests pass.', '- Smoke suite: 2 tests failed on Safari'))).toEqual(['7:false-all-passing']);
    // The failure in the next section, a hedged claim, one suite's own result: none is a false claim.
    expect(kinds(section('Sprint wrap-up: all green.', passing))).toEqual([]);
    expect(kinds(section('All green except the matcher.', failing))).toEqual([]);
    expect(kinds(section('', '- `tests/unit/test_a.py` — 9 tests, all passing\n- `tests/unit/test_b.py` — 7 tests, 6 passing'))).toEqual([]);
    // A claim under a session heading speaks for its subsections too.
    const nested = `## Sprint 1 — 2025-04-07\n\nEverything is green.\n\n### Matcher\n\n${failing}\n`;
    expect(kinds(nested)).toEqual(['3:false-all-passing']);
  });
});
