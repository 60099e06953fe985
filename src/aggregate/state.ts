/** Flatten a component record into the shape templates receive. */
import type { ComponentRecord, ComponentState, PhaseRef, SessionInput, SessionRef } from '../types.js';
import { componentKey } from './identity.js';
import { percent } from './round.js';

export function sessionRef(session: SessionInput, page: string | null): SessionRef {
  return {
    id: session.id,
    file: session.file,
    title: session.record.title,
    date: session.record.date,
    number: session.record.session ?? null,
    page,
  };
}

/** Just the reference of a session (a view carries much more), for links and history. */
export function refOf(session: SessionRef): SessionRef {
  return { id: session.id, file: session.file, title: session.title, date: session.date, number: session.number, page: session.page };
}

export function componentState(
  component: ComponentRecord,
  session: SessionRef,
  phase: PhaseRef | null,
  line: number,
): ComponentState {
  const coverage = component.coverage;
  const lines = coverage && 'lines_total' in coverage ? coverage : null;
  return {
    key: componentKey(component),
    name: component.name,
    source: component.source ?? null,
    test_file: component.test_file ?? null,
    level: component.level ?? null,
    impact: component.impact ?? null,
    tests_total: component.tests?.total ?? null,
    tests_passing: component.tests?.passing ?? null,
    tests_failing: component.tests?.failing ?? null,
    tests_skipped: component.tests?.skipped ?? null,
    pass_rate: component.tests ? percent(component.tests.passing, component.tests.total) : null,
    score: component.score ?? null,
    coverage_percent: lines ? percent(lines.lines_covered, lines.lines_total) : coverage && 'percent' in coverage ? coverage.percent : null,
    lines_covered: lines?.lines_covered ?? null,
    lines_total: lines?.lines_total ?? null,
    lines_of_test_code: component.lines_of_test_code ?? null,
    duration_s: component.duration_s ?? null,
    bvj: {
      segment: component.bvj?.segment ?? [],
      goal: component.bvj?.goal ?? null,
      value_impact: component.bvj?.value_impact ?? null,
      revenue_impact: component.bvj?.revenue_impact ?? null,
    },
    categories: (component.categories ?? []).map((category) => ({ name: category.name, tests: category.tests })),
    features: component.features ?? [],
    notes: component.notes ?? [],
    session,
    phase,
    line,
  };
}
