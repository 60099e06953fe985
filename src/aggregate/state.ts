/** Flatten a component record into the shape templates receive. */
import type { ComponentOutcomes, ComponentState, CountedComponent } from '../model/components.js';
import type { PhaseRef, SessionRef } from '../model/refs.js';
import type { SessionInput } from '../model/records.js';
import type { ComponentRecord } from '../schema/session.js';
import { componentKey } from '../model/identity.js';
import { outcomesOf, outcomeTotals } from './outcomes.js';
import { percent } from '../text/round.js';
import { OUTCOME_FIELDS } from './totals.js';

const NOT_VERIFIED = Object.freeze({ tests: null, coverage: null });

const NO_TESTS = Object.freeze(Object.fromEntries(OUTCOME_FIELDS.map((field) => [field, null]))) as ComponentOutcomes;

/** A component's outcome fields: every one null when it states no tests. */
export function componentOutcomes(component: ComponentRecord): ComponentOutcomes {
  return component.tests ? outcomeTotals(outcomesOf(component.tests)) : NO_TESTS;
}

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
  component: CountedComponent,
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
    ...componentOutcomes(component),
    score: component.score ?? null,
    coverage_percent: lines ? percent(lines.lines_covered, lines.lines_total) : coverage && 'percent' in coverage ? coverage.percent : null,
    lines_covered: lines?.lines_covered ?? null,
    lines_total: lines?.lines_total ?? null,
    lines_of_test_code: component.lines_of_test_code ?? null,
    duration_s: component.duration_s ?? null,
    verified: component.verified ?? NOT_VERIFIED,
    tests_flaky: component.flaky ?? null,
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
