/**
 * Compare the models of two revisions of the records (pure): which sessions
 * and components a change adds or alters, the totals before and after, and
 * the findings it introduces or resolves.
 */
import { compareText } from '../text/compare.js';
import { refOf } from '../aggregate/state.js';
import { pickOutcomes } from '../aggregate/totals.js';
import type { ComponentOutcomes, ComponentView } from '../model/components.js';
import type { Finding } from '../model/findings.js';
import type { MissionModel } from '../model/mission-model.js';
import type { SessionRef } from '../model/refs.js';
import type { OutcomeTotals } from '../model/totals.js';

/** A component's test outcomes and score in one revision. */
export interface Figures extends ComponentOutcomes {
  score: number | null;
}

export interface ComponentChange {
  key: string;
  name: string;
  before: Figures | null;
  after: Figures | null;
}

export interface TotalsBrief extends OutcomeTotals {
  sessions: number;
  components: number;
  avg_score: number | null;
  findings: number;
}

export interface MissionDiff {
  name: string;
  title: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  sessions_added: SessionRef[];
  sessions_removed: SessionRef[];
  components_added: ComponentChange[];
  components_changed: ComponentChange[];
  components_removed: ComponentChange[];
  totals: { before: TotalsBrief | null; after: TotalsBrief | null };
  findings_new: Finding[];
  findings_resolved: Finding[];
}

export interface Diff {
  base: string;
  missions: MissionDiff[];
}

function figures(component: ComponentView): Figures {
  return { ...pickOutcomes(component), score: component.score };
}

function brief(model: MissionModel): TotalsBrief {
  const t = model.totals;
  return { sessions: t.sessions, components: t.components, ...pickOutcomes(t), avg_score: t.avg_score, findings: model.findings.length };
}

/** A finding is the same across revisions when its file, kind and message are: lines move as records are edited. */
const findingKey = (finding: Finding) => `${finding.file}\u0000${finding.code}\u0000${finding.message}`;

export function compareModels(base: string, before: readonly MissionModel[], after: readonly MissionModel[]): Diff {
  const names = [...new Set([...before.map((m) => m.name), ...after.map((m) => m.name)])].sort(compareText);
  const missions = names.map((name) => compareMission(name, before.find((m) => m.name === name) ?? null, after.find((m) => m.name === name) ?? null));
  return { base, missions };
}

function compareMission(name: string, before: MissionModel | null, after: MissionModel | null): MissionDiff {
  const beforeSessions = new Map((before?.sessions ?? []).map((s) => [s.id, s]));
  const afterSessions = new Map((after?.sessions ?? []).map((s) => [s.id, s]));
  const beforeComponents = new Map((before?.components ?? []).map((c) => [c.key, c]));
  const afterComponents = new Map((after?.components ?? []).map((c) => [c.key, c]));
  const change = (key: string): ComponentChange => {
    const b = beforeComponents.get(key);
    const a = afterComponents.get(key);
    return { key, name: (a ?? b)!.name, before: b ? figures(b) : null, after: a ? figures(a) : null };
  };
  const same = (x: Figures | null, y: Figures | null) => JSON.stringify(x) === JSON.stringify(y);
  const beforeFindings = new Map((before?.findings ?? []).map((f) => [findingKey(f), f]));
  const afterFindings = new Map((after?.findings ?? []).map((f) => [findingKey(f), f]));

  const diff: MissionDiff = {
    name,
    title: (after ?? before)!.mission.title,
    status: !before ? 'added' : !after ? 'removed' : 'unchanged',
    sessions_added: [...afterSessions.values()].filter((s) => !beforeSessions.has(s.id)).map(refOf),
    sessions_removed: [...beforeSessions.values()].filter((s) => !afterSessions.has(s.id)).map(refOf),
    components_added: [...afterComponents.keys()].filter((k) => !beforeComponents.has(k)).sort(compareText).map(change),
    components_changed: [...afterComponents.keys()].filter((k) => beforeComponents.has(k)).sort(compareText).map(change).filter((c) => !same(c.before, c.after)),
    components_removed: [...beforeComponents.keys()].filter((k) => !afterComponents.has(k)).sort(compareText).map(change),
    totals: { before: before ? brief(before) : null, after: after ? brief(after) : null },
    findings_new: [...afterFindings.entries()].filter(([k]) => !beforeFindings.has(k)).map(([, f]) => f),
    findings_resolved: [...beforeFindings.entries()].filter(([k]) => !afterFindings.has(k)).map(([, f]) => f),
  };
  const changed =
    diff.sessions_added.length + diff.sessions_removed.length + diff.components_added.length + diff.components_changed.length + diff.components_removed.length + diff.findings_new.length + diff.findings_resolved.length > 0 ||
    !same(diff.totals.before as unknown as Figures, diff.totals.after as unknown as Figures);
  if (diff.status === 'unchanged' && changed) diff.status = 'changed';
  return diff;
}
