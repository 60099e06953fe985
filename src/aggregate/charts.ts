/**
 * The series behind the report's charts, computed from the model (pure). Each
 * chart is drawn from the same numbers its table shows, so nothing is only in
 * a picture.
 */
import type { Charts, ProgressPoint, Slice } from '../model/charts.js';
import type { ComponentView } from '../model/components.js';
import type { SessionView } from '../model/mission-model.js';
import type { Totals } from '../model/totals.js';
import { pickOutcomes } from './totals.js';

/** At most this many points on the progress chart; beyond it, points are days, then months. */
const MAX_POINTS = 40;

export function computeCharts(sessions: readonly SessionView[], components: readonly ComponentView[], totals: Totals, phases: { id: string | null; name: string; totals: { tests_total: number } }[]): Charts {
  return {
    progress: progress(sessions),
    levels: {
      kind: 'pie',
      title: 'Tests by level',
      slices: [
        { label: 'Unit', value: totals.by_level.unit.tests_total },
        { label: 'Integration', value: totals.by_level.integration.tests_total },
        { label: 'E2E', value: totals.by_level.e2e.tests_total },
        { label: 'Level not stated', value: totals.by_level.unspecified.tests_total },
      ].filter((slice) => slice.value > 0),
    },
    phases: {
      kind: 'bar',
      title: 'Tests by phase',
      axis: 'Tests',
      // Short labels: P1…Pn in the mission's order, "none" for components of sessions without a phase.
      slices: phases.map((phase, index) => ({ label: phase.id === null ? 'none' : `P${index + 1}`, value: phase.totals.tests_total })),
    },
    scores: { kind: 'bar', title: 'Components by score', axis: 'Components', slices: scoreBands(components) },
  };
}

function progress(sessions: readonly SessionView[]): Charts['progress'] {
  const point = (label: string, title: string, session: SessionView): ProgressPoint => ({ label, title, ...pickOutcomes(session.cumulative) });
  if (sessions.length <= MAX_POINTS) {
    return { kind: 'progress', per: 'session', points: sessions.map((s, i) => point(String(i + 1), `${s.date}: ${s.title}`, s)) };
  }
  // The last session of each day (or month) holds that day's cumulative figures.
  const lastOf = (key: (s: SessionView) => string) => {
    const last = new Map<string, SessionView>();
    for (const session of sessions) last.set(key(session), session);
    return [...last.entries()];
  };
  const days = lastOf((s) => s.date);
  if (days.length <= MAX_POINTS) return { kind: 'progress', per: 'day', points: days.map(([day, s]) => point(day, day, s)) };
  const months = lastOf((s) => s.date.slice(0, 7));
  return { kind: 'progress', per: 'month', points: months.map(([month, s]) => point(month, month, s)) };
}

function scoreBands(components: readonly ComponentView[]): Slice[] {
  const bands = Array.from({ length: 10 }, (_, i) => ({ label: `${i}-${i + 1}`, value: 0 }));
  for (const component of components) {
    if (component.score === null) continue;
    // A score of exactly 10 counts in the top band.
    bands[Math.min(9, Math.floor(component.score))]!.value++;
  }
  return bands;
}
