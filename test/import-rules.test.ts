/**
 * Rules of the legacy read, each on the smallest text that shows it: coverage
 * fields and the coverage after a change, counts written but never run, the
 * heading that decides whether a list is next steps, what the audit counts as
 * one component and as out of order; then the three report shapes of
 * test/fixtures/legacy/{search-session-tables,shop-changelog,billing-components}
 * through the CLI, to the totals `tally build` computes.
 */
import { copyFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCounts, readCoverage, readDate, readTimes } from '../src/import/figures.js';
import { auditLegacy, importLegacy } from '../src/import/import-legacy.js';
import { repoRoot, scratch, tally } from './helpers/cli.js';

const componentsOf = (text: string) => importLegacy(text, 'x.md').report.sessions.flatMap((s) => s.components);
const problemsOf = (text: string) => auditLegacy(text, 'x.md').problems.map((p) => `${p.line}:${p.kind}`);

describe('coverage', () => {
  it('reads a coverage field that opens with its percentage, and no share of something else', () => {
    const component = (coverage: string) =>
      componentsOf(['## Session 1 — 2025-04-07', '', '### Ledger (Score: 9/10)', '**Test File**: `tests/unit/test_ledger.py`', '**Status**: 12/12 tests passing', coverage].join('\n'))[0]!.coverage;
    // Legacy lines 862 and 876 of data/unit-test-coverage/legacy-report.md.
    expect(component('**Coverage**: **93.3%** - Outstanding coverage of 1520-line critical startup module')).toEqual({ percent: 93.3 });
    expect(component('**Coverage**: 94%')).toEqual({ percent: 94 });
    expect(component('**Coverage**: **96.93%** - Only 8 lines uncovered (exceptional coverage)')).toEqual({ percent: 96.93 });
    expect(component('**Coverage**: **100% method coverage** - Connection management')).toBeNull();
    expect(component('**Coverage**: **100% OAuth manager functionality** (63-line critical auth module)')).toBeNull();
  });

  it('takes no initial or baseline coverage as the component\'s, and the current one over any before it', () => {
    const coverage = (...lines: string[]) =>
      componentsOf(['## Session 1 — 2025-04-07', '', '### Ledger (Score: 9/10)', '**Test File**: `tests/unit/test_ledger.py`', '**Status**: 12/12 tests passing (95% coverage)', ...lines].join('\n'))[0]!.coverage;
    expect(coverage('**Initial Coverage**: 17% (130/746 lines)')).toEqual({ percent: 95 });
    expect(coverage('**Baseline coverage**: 17%', '**Current Coverage**: 30% (222/746 lines)')).toEqual({ lines_covered: 222, lines_total: 746 });
    const [initialOnly] = componentsOf(['## Session 1 — 2025-04-07', '', '### Ledger (Score: 9/10)', '**Test File**: `tests/unit/test_ledger.py`', '**Status**: 12 tests', '**Initial Coverage**: 17% (130/746 lines)'].join('\n'));
    expect(initialOnly!.coverage).toBeNull();
    expect(initialOnly!.notes).toContain('Initial Coverage: 17% (130/746 lines)');
  });

  it('reads "code coverage" and the coverage after a change', () => {
    // Legacy line 167, 510 and 259.
    expect(readCoverage('15/15 tests PASSING (95.52% code coverage)')).toEqual({ percent: 95.52 });
    expect(readCoverage('Coverage improvement: 10% → 85% (estimated based on comprehensive coverage)')).toEqual({ percent: 85 });
    expect(readCoverage('agent_instance_factory.py (524 lines - 10% → 85% MAJOR IMPROVEMENT)')).toEqual({ percent: 85 });
    expect(readCoverage('WebSocket infrastructure went from 0-23% to near 100% coverage')).toEqual({ percent: 100 });
    expect(readCoverage('pass rate 80% → 95%')).toBeNull();
    expect(readCoverage('a 10% to 85% rise in sign-ups')).toBeNull();
  });
});

describe('counts', () => {
  it('takes a count said to be written, created or collected before it as never run', () => {
    const notRun = (text: string) => readCounts(text)?.notRun;
    // Legacy lines 367 and 459.
    expect(notRun('Total test cases written: 42+ tests')).toBe(true);
    expect(notRun('Comprehensive test framework created (804 lines, 27 test methods)')).toBe(true);
    expect(notRun('12 tests created')).toBe(true);
    // Another clause, or a word that only contains one, says nothing of the count.
    expect(notRun('Created the test file — 12 tests')).toBe(false);
    expect(notRun('A well-written suite: 12 tests')).toBe(false);
    expect(readCounts('Created the suite: 12/12 tests passing')).toMatchObject({ total: 12, passing: 12, notRun: false });
  });

  it('gives a component the count its prose says was written, as not run', () => {
    const text = ['# Log', '', '#### 2025-09-07 09:15:00', '- Created comprehensive test file: `test_auth_client.py`', '- Total test cases written: 42+ tests'].join('\n');
    expect(componentsOf(text).map((c) => c.tests)).toEqual([{ total: 42, not_run: 42 }]);
    // A label that says so: "**Tests Written**: 42 test cases" (legacy line 324).
    const field = ['## Session 1 — 2025-04-07', '', '### Ledger (Score: 9/10)', '**Test File**: `tests/unit/test_ledger.py`', '**Tests Written**: 42 test cases'].join('\n');
    expect(componentsOf(field).map((c) => c.tests)).toEqual([{ total: 42, not_run: 42 }]);
  });

  it.each([
    ['12 passed, 1 failed, 3 skipped', { total: 16, passing: 12, failing: 1, skipped: 3 }],
    ['5 passed, 1 error', { total: 6, passing: 5, failing: 1 }],
    ['We wrote 45 tests; 43 pass, 2 fail on currency rounding.', { total: 45, passing: 43, failing: 2 }],
    ['45 tests; 43 pass', { total: 45, passing: 43, failing: 2 }],
    ['Passed 43/45', { total: 45, passing: 43, failing: 2 }],
    ['Pass: 43, Fail: 2', { total: 45, passing: 43, failing: 2 }],
    ['45 tests — 0 failures', { total: 45, passing: 45 }],
    ['45 tests (100% pass rate)', { total: 45, passing: 45 }],
    ['44 tests, 42 passed', { total: 44, passing: 42, failing: 2 }],
    ['3/4 passed', { total: 4, passing: 3, failing: 1 }],
  ])('reads "%s" as the outcomes it states', (text, outcomes) => {
    const counts = readCounts(text)!;
    expect({ total: counts.total, passing: counts.passing, ...(counts.failing ? { failing: counts.failing } : {}), ...(counts.skipped ? { skipped: counts.skipped } : {}) }).toEqual(outcomes);
    expect(counts.notRun || counts.noResult).toBe(false);
  });

  it.each(['12 tests, none run yet', '45 tests, expected to pass', 'Expected 100% pass rate (45 tests)', '30 tests written, not yet run'])('takes "%s" as never run', (text) => {
    expect(readCounts(text)).toMatchObject({ notRun: true });
  });

  it('gives a total stated after the sessions to the latest of them in time, not the last in the file', () => {
    const text = ['# Log', '', '## Week 2 — 2025-03-10', '', '- **B** — `tests/test_b.py` — 5/5 passing', '', '## Week 1 — 2025-03-03', '', '- **A** — `tests/test_a.py` — 4/4 passing', '', '## Summary', '', 'Overall: 9 tests, 9 passing.'].join('\n');
    const sessions = importLegacy(text, 'x.md').records.sessions.map((s) => ({ date: s.record.date, claims: s.record.claims }));
    expect(sessions.sort((a, b) => (a.date < b.date ? -1 : 1))).toEqual([
      { date: '2025-03-03', claims: undefined },
      { date: '2025-03-10', claims: { tests_total: 9, tests_passing: 9 } },
    ]);
  });

  it('names a component after its heading, reads its figures from the prose, and joins a later report of it without its test file', () => {
    const text = ['## Week 1 — 2025-03-03', '', '### StockLedger', 'Wrote `tests/unit/test_stock_ledger.py`. 24 tests, 22 passing; coverage 156/200 lines.', '', '## Week 2 — 2025-03-10', '', '### StockLedger', 'Fixed the bug: 24/24 passing now, score 8.5/10.', '', '### Summary', '24 tests, 24 passing.'].join('\n');
    expect(componentsOf(text).map((c) => ({ name: c.name, file: c.test_file, tests: c.tests, score: c.score, coverage: c.coverage }))).toEqual([
      { name: 'StockLedger', file: 'tests/unit/test_stock_ledger.py', tests: { total: 24, passing: 22, failing: 2 }, score: null, coverage: { lines_covered: 156, lines_total: 200 } },
      { name: 'StockLedger', file: 'tests/unit/test_stock_ledger.py', tests: { total: 24, passing: 24 }, score: 8.5, coverage: null },
    ]);
  });

  it('counts listed under a heading that says the tests were created as not run; other headings say nothing of a run', () => {
    const tests = (heading: string) => componentsOf(['# Batch', '', '**Date:** 2025-01-09', '', `### ${heading}`, '', '1. **test_auth.py** - 12 tests', '2. **test_jobs.py** - 5 tests ✅'].join('\n')).map((c) => c.tests);
    expect(tests('Unit Tests Created (39+ tests)')).toEqual([{ total: 12, not_run: 12 }, { total: 5 }]);
    expect(tests('Golden path suites')).toEqual([{ total: 12 }, { total: 5 }]);
  });

  it('reads a pass rate in parentheses after the counts, and only a real time and date', () => {
    expect(problemsOf('## Session 1 — 2025-04-07\n\n- **A** — `tests/unit/test_a.py` — 46/48 passing (98%)\n')).toEqual(['3:pass-rate-mismatch']);
    expect(readTimes('25:99-26:00')).toBeNull();
    expect(readTimes('at 09:15')).toEqual({ start: '09:15', end: null });
    expect(readDate('2025-02-30, then 2025-03-02')).toBe('2025-03-02');
    expect(readDate('31 February 2025')).toBeNull();
  });
});

describe('next steps', () => {
  const stepsOf = (text: string) => importLegacy(text, 'x.md').report.sessions.flatMap((s) => s.next_steps);
  const session = ['# Log', '', '## Session 1 — 2025-04-07', '', '- **A** — `tests/unit/test_a.py` — 3/3 passing', ''];

  it('are decided by the innermost heading that says what its lists are', () => {
    const text = [
      ...session,
      '## Audit findings & recommendations',
      '',
      '### Strengths identified',
      '1. **Exceptional business value alignment** - all tests protect revenue',
      '',
      '### Areas for improvement',
      '1. **Reduce mock complexity** (Priority: Medium)',
      '',
      '### Validations achieved',
      '- Multi-user isolation',
    ].join('\n');
    expect(stepsOf(text)).toEqual(['Reduce mock complexity (Priority: Medium)']);
  });

  it('run into subsections that say nothing of their own', () => {
    const text = [...session, '## Next steps', '', '### Backend', '- Fix the ledger rounding', '', '### Metrics to watch', '- Pass rate per suite'].join('\n');
    expect(stepsOf(text)).toEqual(['Fix the ledger rounding']);
  });
});

describe('the audit', () => {
  it('takes one test file as one component, and two test files as two, whatever their names', () => {
    const text = [
      '## Session 1 — 2025-04-07',
      '',
      '- **LLMManager** — `tests/unit/test_llm_manager_focused.py` — 15/15 passing',
      '- **Ledger** — `tests/unit/test_ledger.py` — 10/12 passing',
      '',
      '## Session 2 — 2025-04-08',
      '',
      '- **LLMManager** — `tests/unit/test_llm_manager.py` — 75/75 passing',
      '- **Ledger (v2)** — `tests/unit/test_ledger.py` — 12/12 passing',
    ].join('\n');
    expect(problemsOf(text)).toEqual(['9:duplicate-component']);
  });

  it('joins a report that names no test file to the one component its name points to', () => {
    const text = (second: string) =>
      ['## Session 1 — 2025-04-07', '', '- **Ledger** — `tests/unit/test_ledger.py` — 10/12 passing', second, '', '## Session 2 — 2025-04-08', '', '| Component | Tests | Passing |', '|---|---|---|', '| Ledger SSOT | 12 | 12 |'].join('\n');
    expect(problemsOf(text(''))).toEqual(['10:duplicate-component']);
    // Two components of that name: the name points to neither.
    expect(problemsOf(text('- **Ledger** — `tests/integration/test_ledger.py` — 4/4 passing'))).toEqual([]);
  });

  it('counts a status list\'s restatement as no report of its own', () => {
    const text = [
      '# Report',
      '',
      '## Status',
      '',
      '### Phase 1 (P0)',
      '',
      '#### 1. Ledger - COMPLETED (Score: 9.5/10)',
      '- **Test File**: `tests/unit/test_ledger.py`',
      '- **Status**: 12/12 tests passing',
      '',
      '## Session 1 — 2025-05-02 10:00 - 12:00',
      '',
      '### Ledger (Score: 9.0/10)',
      '**Test File**: `tests/unit/test_ledger.py`',
      '**Status**: 12/12 tests passing',
    ].join('\n');
    const { report, problems } = auditLegacy(text, 'x.md');
    expect(report.restated?.map((r) => [r.component.line, r.into])).toEqual([[7, 13]]);
    expect(problems).toEqual([]);
  });

  it('reads a report written newest first in its own order', () => {
    const text = ['# Changelog', '', '### 2025-05-12', '', 'Work.', '', '### 2025-05-09', '', 'Work.', '', '### 2025-05-06', '', 'Work.', '', '### 2025-05-07', '', 'Work.', '', '### 2025-05-05', '', 'Work.'].join('\n');
    const { problems } = auditLegacy(text, 'x.md');
    expect(problems.map((p) => `${p.line}:${p.kind}`)).toEqual(['15:session-order']);
    expect(problems[0]!.message).toBe('session of 2025-05-07 comes after the session of 2025-05-06 (line 11); expected sessions newest first, as the rest of the report');
  });
});

describe('three more report shapes, imported and built', () => {
  const fixture = (name: string) => path.join(repoRoot, 'test/fixtures/legacy', name, 'input.md');

  async function importAndBuild(name: string) {
    const work = await scratch();
    await copyFile(fixture(name), path.join(work, 'legacy.md'));
    const imported = await tally(['import', 'legacy.md', '--mission', 'm'], work);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect((await tally(['validate'], work)).code).toBe(0);
    const built = await tally(['build', '--json'], work);
    expect(built.code).toBe(0);
    return JSON.parse(built.stdout).missions[0].totals;
  }

  it('a table per session: each row one component, with its coverage; the latest report of each counts', async () => {
    // ShardRouter 12/12 (line 60) replaces 11/12 (line 39), Tokenizer 21/21 (line 25) replaces 19/21 (line 14);
    // SynonymExpander's "—" passing (line 24) is 15 tests with no result.
    expect(await importAndBuild('search-session-tables')).toMatchObject({
      sessions: 5,
      components: 11,
      tests_total: 227,
      tests_passing: 207,
      tests_failing: 5,
      tests_not_run: 0,
      tests_no_result: 15,
    });
  });

  it('a changelog newest first: one session a date, titled after its components, each an entry of the log', async () => {
    const { records } = importLegacy(readFileSync(fixture('shop-changelog'), 'utf8'), 'legacy.md');
    expect(records.sessions.map(({ record }) => [record.date, record.start ?? null, record.title, record.log])).toEqual([
      ['2025-05-12', null, 'CartService, CheckoutFlow', [{ at: '2025-05-12', text: 'CartService, CheckoutFlow' }]],
      ['2025-05-09', '14:00', 'SearchIndexer, PriceRules, InventorySync', [{ at: '2025-05-09T14:00Z', text: 'SearchIndexer, PriceRules, InventorySync' }]],
      ['2025-05-06', null, 'CartService, CouponValidator', [{ at: '2025-05-06', text: 'CartService, CouponValidator' }]],
      ['2025-05-07', null, 'SearchIndexer, TaxCalculator', [{ at: '2025-05-07', text: 'SearchIndexer, TaxCalculator' }]],
      ['2025-05-05', null, 'Set up pytest, coverage and the CI job; no suites yet', [{ at: '2025-05-05', text: 'Set up pytest, coverage and the CI job; no suites yet' }]],
    ]);
    // CartService 20/20 of the 12th (line 12) and SearchIndexer 31/31 of the 9th (line 19) are the current states,
    // though the file lists them first; CheckoutFlow (line 13) and TaxCalculator (line 36) were never run.
    expect(await importAndBuild('shop-changelog')).toMatchObject({
      sessions: 5,
      components: 7,
      tests_total: 143,
      tests_passing: 87,
      tests_failing: 2,
      tests_not_run: 29,
      tests_no_result: 25,
    });
  });

  it('components as headings, dated in their text: one session a stretch of work the text dates', async () => {
    const { records } = importLegacy(readFileSync(fixture('billing-components'), 'utf8'), 'legacy.md');
    expect(records.sessions.map(({ record }) => [record.date, record.start ?? null, record.end ?? null, record.components.map((c) => c.name)])).toEqual([
      ['2025-06-03', '10:00', '12:30', ['PaymentGateway']],
      ['2025-06-03', '13:30', '15:00', ['InvoiceRenderer']],
      ['2025-06-04', '16:00', '17:00', ['DunningScheduler', 'RefundLedger']],
      ['2025-06-05', null, null, ['TaxEngine']],
      ['2025-06-05', '09:00', '10:00', ['PaymentGateway']],
    ]);
    // A component's "Initial Coverage" (line 42) is neither its coverage nor the code base's baseline.
    expect(records.mission.baseline).toBeUndefined();
    // "Components at 8/10 or above" (line 72) counts what passes a threshold: kept as a note, not a target.
    expect(records.mission.targets).toEqual([{ metric: 'coverage', label: 'Line coverage of billing', target: 85 }]);
    // PaymentGateway counts once, as its re-run of 2025-06-05 (line 58) states it: 48/48.
    expect(await importAndBuild('billing-components')).toMatchObject({
      sessions: 5,
      components: 5,
      tests_total: 166,
      tests_passing: 143,
      tests_failing: 5,
      tests_not_run: 18,
      avg_score: 8,
      mission_coverage: null,
    });
  });
});
