/** The aggregation rules of the README, "How totals are computed", on plain objects (no I/O). */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/aggregate/aggregate.js';
import { at } from '../src/aggregate/findings.js';
import { meanOfHundredths, percent } from '../src/text/round.js';
import { component, mission, session } from './helpers/records.js';

const tests = (total: number, passing: number) => ({ tests: { total, passing } });

describe('the component ledger', () => {
  it('counts a component reported by several sessions once, in its latest state', () => {
    const model = aggregate(
      mission([
        session('b', { date: '2025-01-02', components: [component('LLMManager', { test_file: 't.py', ...tests(75, 75), score: 7.5 })] }),
        session('a', { date: '2025-01-01', components: [component('LLMManager', { test_file: 't.py', ...tests(15, 15), score: 9.6 })] }),
      ]),
    );
    expect(model.totals).toMatchObject({ components: 1, tests_total: 75, tests_passing: 75, avg_score: 7.5 });
    expect(model.components[0]).toMatchObject({ name: 'LLMManager', tests_total: 75, reports: 2 });
    expect(model.components[0]!.history.map((ref) => ref.id)).toEqual(['a', 'b']);
    // Earlier reports stay visible in their sessions as history.
    expect(model.sessions[0]!.components[0]).toMatchObject({ change: 'new', tests_total: 15, superseded_by: { id: 'b' } });
    expect(model.sessions[1]!.components[0]).toMatchObject({ change: 'updated', previous: { tests_total: 15, score: 9.6 }, superseded_by: null });
  });

  it('identifies a component by its test file, or by its name where it has none', () => {
    const model = aggregate(
      mission([
        session('a', {
          date: '2025-01-01',
          components: [component('Same name', { test_file: 'one.py', ...tests(1, 1) }), component('Same name', { test_file: 'two.py', ...tests(2, 2) }), component('Loose', tests(4, 4))],
        }),
        session('b', { date: '2025-01-02', components: [component('Renamed', { test_file: 'one.py', ...tests(3, 3) }), component('Loose', tests(5, 5))] }),
      ]),
    );
    expect(model.components.map((c) => [c.key, c.name, c.tests_total])).toEqual([
      ['Loose', 'Loose', 5],
      ['one.py', 'Renamed', 3],
      ['two.py', 'Same name', 2],
    ]);
    expect(model.totals.tests_total).toBe(10);
  });

  it('orders sessions by date, then start (missing first), then file name in code-point order', () => {
    const model = aggregate(
      mission([
        session('z', { date: '2025-01-01', start: '09:00' }),
        session('B', { date: '2025-01-01' }),
        session('a', { date: '2025-01-01' }),
        session('y', { date: '2025-01-01', start: '08:59' }),
        session('x', { date: '2024-12-31', start: '23:00' }),
      ]),
    );
    // 'B' < 'a' in code-point order, whatever the locale says.
    expect(model.sessions.map((s) => s.id)).toEqual(['x', 'B', 'a', 'y', 'z']);
  });

  it('a component without tests adds nothing and is a finding; not stated is never zero', () => {
    const model = aggregate(mission([session('a', { date: '2025-01-01', components: [component('Docs'), component('Code', tests(2, 1))] })]));
    expect(model.totals).toMatchObject({ components: 2, components_with_tests: 1, tests_total: 2, tests_passing: 1, pass_rate: 50, avg_score: null });
    expect(model.components.find((c) => c.name === 'Docs')).toMatchObject({ tests_total: null, pass_rate: null, score: null });
    expect(model.findings.map((f) => f.code)).toEqual(['tests-not-stated']);
  });
});

describe('totals', () => {
  it('rounds half up to one decimal, computed from integers', () => {
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(49, 51)).toBe(96.1);
    expect(percent(1, 2000)).toBe(0.1); // 0.05 rounds up
    expect(percent(0, 0)).toBeNull();
    expect(meanOfHundredths(935, 1)).toBe(9.4); // 9.35 is 9.3499… in binary; the rule still rounds it up
    expect(meanOfHundredths(925 + 700, 2)).toBe(8.1); // 8.125
  });

  it('groups tests by level and by phase', () => {
    const model = aggregate(
      mission(
        [
          session('a', { date: '2025-01-01', phase: 'p0', components: [component('U', { level: 'unit', ...tests(10, 9) }), component('E', { level: 'e2e', ...tests(4, 4) })] }),
          session('b', { date: '2025-01-02', phase: 'p1', components: [component('I', { level: 'integration', ...tests(6, 3) }), component('N', tests(1, 1))] }),
        ],
        { phases: [{ id: 'p0', name: 'Zero' }, { id: 'p1', name: 'One' }] },
      ),
    );
    expect(model.totals.by_level.unit).toMatchObject({ components: 1, tests_total: 10, tests_passing: 9, pass_rate: 90 });
    expect(model.totals.by_level.e2e.tests_total).toBe(4);
    expect(model.totals.by_level.integration.pass_rate).toBe(50);
    expect(model.totals.by_level.unspecified.tests_total).toBe(1);
    expect(model.phases.map((p) => [p.name, p.sessions, p.totals.tests_total])).toEqual([
      ['Zero', 1, 14],
      ['One', 1, 7],
    ]);
  });

  it('keeps component coverage with its component; the code base is the baseline until a session measures it', () => {
    const model = aggregate(
      mission(
        [
          session('a', {
            date: '2025-01-01',
            components: [
              component('A', { coverage: { lines_covered: 40, lines_total: 50 } }),
              component('B', { coverage: { percent: 95.5 } }),
            ],
          }),
        ],
        { baseline: { coverage: { lines_covered: 100, lines_total: 1000 } }, milestones: [{ coverage: 14, label: 'a' }, { coverage: 14.1, label: 'b' }] },
      ),
    );
    expect(model.totals.baseline).toEqual({ lines_covered: 100, lines_total: 1000, percent: 10 });
    // Component line counts stay with their components: the code base's coverage is the baseline, never a sum.
    expect(model.totals.mission_coverage).toEqual({ lines_covered: 100, lines_total: 1000, percent: 10, source: 'baseline', session: null, verified: null });
    expect(model.components.find((c) => c.name === 'A')!.coverage_percent).toBe(80);
    expect(model.components.find((c) => c.name === 'B')!.coverage_percent).toBe(95.5);
    expect(model.milestones.map((m) => m.reached)).toEqual([false, false]);
  });
});

describe('targets', () => {
  it('computes met and not met from the records, never from what anyone typed', () => {
    const model = aggregate(
      mission([session('a', { date: '2025-01-01', components: [component('E', { level: 'e2e', ...tests(4, 4) }), component('U', { level: 'unit', ...tests(20, 19) })] })], {
        targets: [
          { metric: 'tests.e2e', label: 'E2E tests', target: 8 },
          { metric: 'tests.unit', label: 'Unit tests', target: 20 },
          { metric: 'pass_rate', label: 'Pass rate', target: 95 },
          { metric: 'avg_score', label: 'Score', target: 9 },
          { metric: 'tests.total', label: 'At most', target: 10, direction: 'at_most' },
        ],
      }),
    );
    expect(model.targets.map((t) => [t.label, t.achieved, t.status, t.ratio])).toEqual([
      ['E2E tests', 4, 'not met', 50],
      ['Unit tests', 20, 'met', 100],
      ['Pass rate', 95.8, 'met', 100.8],
      ['Score', null, 'not stated', null],
      ['At most', 24, 'not met', 240],
    ]);
  });
});

describe('findings', () => {
  it('point only at the paths whose positions a valid session keeps', () => {
    const one = session('a', { date: '2025-01-01' });
    expect(at(one, 'components.0.categories')).toEqual({ file: one.file, line: 1, column: 1 });
    expect(() => at(one, 'components.0.tests.total')).toThrow(/FINDING_PATH/);
  });

  it('flags claims that differ from the cumulative figures once the session is counted', () => {
    const model = aggregate(
      mission([
        session('a', { date: '2025-01-01', components: [component('A', tests(10, 10))], claims: { tests_total: 10 } }),
        session('b', { date: '2025-01-02', components: [component('B', tests(5, 4))], claims: { tests_total: 20, pass_rate: 93, components: 2 } }),
      ]),
    );
    expect(model.sessions[1]!.claims).toEqual([
      { name: 'components', label: 'components', unit: 'count', stated: 2, computed: 2, matches: true },
      { name: 'tests_total', label: 'total tests', unit: 'count', stated: 20, computed: 15, matches: false },
      // 93.3 rounded to the claim's precision is 93: a match.
      { name: 'pass_rate', label: 'pass rate', unit: 'percent', stated: 93, computed: 93.3, matches: true },
    ]);
    expect(model.findings).toEqual([
      expect.objectContaining({ code: 'claim-mismatch', file: 'data/m/sessions/b.yaml', message: 'claims total tests 20, but the records give 15 once this session is counted' }),
    ]);
  });

  it('flags categories that do not add up, a reused session number, and reports at the same date and time', () => {
    const model = aggregate(
      mission([
        session('a', { date: '2025-01-01', start: '10:00', session: 13, components: [component('A', { ...tests(10, 10), categories: [{ name: 'x', tests: 4 }, { name: 'y', tests: 5 }] })] }),
        session('b', { date: '2025-01-01', start: '10:00', session: 13, components: [component('A', tests(11, 11))] }),
      ]),
    );
    expect(model.findings.map((f) => [f.code, f.file])).toEqual([
      ['categories-mismatch', 'data/m/sessions/a.yaml'],
      ['duplicate-session-number', 'data/m/sessions/b.yaml'],
      ['same-time-report', 'data/m/sessions/b.yaml'],
    ]);
  });

  it('is pure: the same input gives an equal model, and the input is not changed', () => {
    const input = mission([session('a', { date: '2025-01-01', components: [component('A', tests(3, 2))] })]);
    const copy = structuredClone(input);
    expect(aggregate(input)).toEqual(aggregate(input));
    expect(input).toEqual(copy);
  });
});

describe('test outcomes (README, "Test outcomes")', () => {
  const outcomesOf = (tests: NonNullable<Parameters<typeof component>[1]>['tests']) =>
    aggregate(mission([session('a', { date: '2025-01-01', components: [component('C', { tests })] })])).components[0]!;

  it('where passing is stated, the tests stated as nothing else failed', () => {
    expect(outcomesOf({ total: 44, passing: 41 })).toMatchObject({ tests_passing: 41, tests_failing: 3, tests_skipped: 0, tests_not_run: 0, tests_no_result: 0, pass_rate: 93.2 });
    expect(outcomesOf({ total: 20, passing: 15, skipped: 3, not_run: 1 })).toMatchObject({ tests_passing: 15, tests_failing: 1, tests_skipped: 3, tests_not_run: 1, tests_no_result: 0 });
  });

  it('where passing is not stated, the rest has no result, never failures, and no test ran means no pass rate', () => {
    expect(outcomesOf({ total: 44 })).toMatchObject({ tests_passing: 0, tests_failing: 0, tests_no_result: 44, tests_ran: 0, pass_rate: null });
    expect(outcomesOf({ total: 68, not_run: 68 })).toMatchObject({ tests_not_run: 68, tests_no_result: 0, pass_rate: null });
    expect(outcomesOf({ total: 10, failing: 2, skipped: 1, not_run: 3 })).toMatchObject({ tests_passing: 0, tests_failing: 2, tests_skipped: 1, tests_not_run: 3, tests_no_result: 4, tests_ran: 2, pass_rate: 0 });
  });

  it('the pass rate is taken over the tests that ran, in every group and after every session', () => {
    const model = aggregate(
      mission([
        session('a', { date: '2025-01-01', components: [component('A', { level: 'unit', tests: { total: 100, passing: 90 } })] }),
        session('b', { date: '2025-01-02', components: [component('B', { level: 'unit', tests: { total: 900, not_run: 400 } })] }),
      ]),
    );
    expect(model.totals).toMatchObject({ tests_total: 1000, tests_passing: 90, tests_failing: 10, tests_not_run: 400, tests_no_result: 500, tests_ran: 100, pass_rate: 90 });
    expect(model.totals.by_level.unit.pass_rate).toBe(90);
    expect(model.sessions.map((s) => [s.cumulative.tests_total, s.cumulative.tests_ran, s.cumulative.pass_rate])).toEqual([
      [100, 100, 90],
      [1000, 100, 90],
    ]);
    expect(model.charts.progress.points.map((p) => [p.tests_passing, p.tests_failing, p.tests_not_run, p.tests_no_result])).toEqual([
      [90, 10, 0, 0],
      [90, 10, 400, 500],
    ]);
  });

  it('a replaced report leaves the totals: outcomes of the latest state only', () => {
    const model = aggregate(
      mission([
        session('a', { date: '2025-01-01', components: [component('A', { tests: { total: 10, passing: 4 } })] }),
        session('b', { date: '2025-01-02', components: [component('A', { tests: { total: 12, not_run: 12 } })] }),
      ]),
    );
    expect(model.totals).toMatchObject({ tests_total: 12, tests_passing: 0, tests_failing: 0, tests_not_run: 12, pass_rate: null });
    expect(model.sessions[1]!.components[0]!.previous).toMatchObject({ tests_passing: 4, tests_failing: 6 });
  });
});

describe("the code base's coverage (README, \"How totals are computed\")", () => {
  it('is the latest session measurement in session order, whatever the file order', () => {
    const model = aggregate(
      mission(
        [
          session('z-late', { date: '2025-01-03', coverage: { percent: 55.5 }, components: [] }),
          session('a-early', { date: '2025-01-01', coverage: { lines_covered: 300, lines_total: 1000 }, components: [component('A', { coverage: { lines_covered: 90, lines_total: 100 } })] }),
          session('m-none', { date: '2025-01-05', components: [] }),
        ],
        { baseline: { coverage: { lines_covered: 100, lines_total: 1000 } }, milestones: [{ coverage: 50, label: 'half' }, { coverage: 60, label: 'more' }], targets: [{ metric: 'coverage', label: 'Coverage', target: 55 }] },
      ),
    );
    expect(model.totals.mission_coverage).toMatchObject({ percent: 55.5, lines_covered: null, source: 'session' });
    expect(model.totals.mission_coverage!.session!.id).toBe('z-late');
    expect(model.milestones.map((m) => m.reached)).toEqual([true, false]);
    expect(model.targets[0]).toMatchObject({ achieved: 55.5, status: 'met', unit: 'percent' });
  });

  it('is not measured without a baseline or a session that states it, even when components state theirs', () => {
    const model = aggregate(mission([session('a', { date: '2025-01-01', components: [component('A', { coverage: { lines_covered: 90, lines_total: 100 } })] })], { targets: [{ metric: 'coverage', label: 'Coverage', target: 50 }] }));
    expect(model.totals.mission_coverage).toBeNull();
    expect(model.targets[0]).toMatchObject({ achieved: null, status: 'not stated' });
  });
});

describe('partial figures say over how many components they are taken', () => {
  it('counts the components that state lines of test code and scores', () => {
    const model = aggregate(
      mission([session('a', { date: '2025-01-01', components: [component('A', { lines_of_test_code: 300, score: 9 }), component('B'), component('C', { score: 7 })] })]),
    );
    expect(model.totals).toMatchObject({ lines_of_test_code: 300, components_with_lines_of_test_code: 1, avg_score: 8, components_with_score: 2, components: 3 });
  });
});
