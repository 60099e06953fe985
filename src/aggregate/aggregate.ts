/**
 * Aggregate stage: a valid mission in, the full report model out. Pure: no
 * I/O, no clock, no randomness; every figure is computed from the records.
 *
 * A component is identified by its test file (its name where it has none).
 * When several sessions report it, the latest session holds its current state;
 * earlier reports stay visible in their sessions as history and are never
 * added again into the totals.
 */
import type { CountedComponent, ComponentView, SessionComponent } from '../model/components.js';
import type { Finding } from '../model/findings.js';
import type { MissionModel, PhaseView, SessionView } from '../model/mission-model.js';
import type { PhaseRef, SessionRef } from '../model/refs.js';
import type { MissionInput, SessionInput } from '../model/records.js';
import { at, checkCategories, checkClaims, checkSessionNumbers, checkTestsStated } from './findings.js';
import { compareText } from '../text/compare.js';
import { compareSessions, componentKey } from '../model/identity.js';
import { RunningTotals } from './running-totals.js';
import { componentState, refOf, sessionRef } from './state.js';
import { countedComponent, sessionCoverage, sessionEvidence } from './evidence.js';
import { assignPages, componentPages, DEFAULT_RECENT_SESSIONS } from './paginate.js';
import { computeMilestones, computeTargets } from './targets.js';
import { averageScore, bySegment, codeBaseCoverage, computeTotals, pickOutcomes, statedCoverage, testTotals } from './totals.js';
import { computeCharts } from './charts.js';

interface LedgerEntry {
  record: CountedComponent;
  session: SessionInput;
  /** Where the record is: what its state is made from. */
  ref: SessionRef;
  phase: PhaseRef | null;
  line: number;
  /** The report as it appears in its session, to mark it superseded later. */
  report: SessionComponent;
  history: SessionRef[];
}

export function aggregate(input: MissionInput): MissionModel {
  const mission = input.record;
  const sessions = [...input.sessions].sort(compareSessions);
  const phases = new Map<string, PhaseRef>((mission.phases ?? []).map((phase) => [phase.id, { id: phase.id, name: phase.name }]));
  const ledger = new Map<string, LedgerEntry>();
  const running = new RunningTotals();
  const findings: Finding[] = [...checkSessionNumbers(sessions)];
  const { pageOf, archives } = assignPages(sessions, mission.recent_sessions ?? DEFAULT_RECENT_SESSIONS);
  // The latest session that measured the code base's coverage, in session order.
  let measured: Parameters<typeof codeBaseCoverage>[1] = null;

  const sessionViews: SessionView[] = sessions.map((session, index) => {
    const ref = sessionRef(session, pageOf.get(session.id) ?? null);
    const phase = session.record.phase === undefined ? null : (phases.get(session.record.phase) ?? null);
    const evidence = sessionEvidence(session, input.evidence);
    const components = session.record.components.map((stated, i) => {
      // Where the session cites runner output for it, the component is counted as the evidence says.
      const counted = countedComponent(stated, i, session, evidence);
      findings.push(...counted.findings);
      const component = counted.record;
      const key = componentKey(component);
      const previous = ledger.get(key);
      const line = at(session, `components.${i}`).line;
      // Extended in place rather than spread into a new object: 30,000 of them at 10,000 sessions.
      const extra: Pick<SessionComponent, 'change' | 'previous' | 'superseded_by'> = {
        change: previous ? 'updated' : 'new',
        // The replaced report already holds the outcomes of that record.
        previous: previous ? { ...pickOutcomes(previous.report), score: previous.report.score, session: previous.report.session } : null,
        superseded_by: null,
      };
      const report: SessionComponent = Object.assign(componentState(component, ref, phase, line), extra);
      if (previous) {
        previous.report.superseded_by = ref;
        if (sameTime(previous.session, session)) {
          findings.push({
            code: 'same-time-report',
            ...at(session, `components.${i}`),
            message: `component "${key}" is also reported by ${previous.session.file} with the same date and start time; the later file name wins, which is probably not what was meant`,
          });
        }
      }
      running.replace(previous?.record, component);
      // The history goes on with the new entry: the replaced one is never read again.
      const history = previous?.history ?? [];
      history.push(ref);
      ledger.set(key, { record: component, session, ref, phase, line, report, history });
      return report;
    });

    findings.push(...checkCategories(session), ...checkTestsStated(session));
    const cumulative = running.testTotals();
    const claims = checkClaims(session, {
      sessions: index + 1,
      components: running.components,
      tests_total: cumulative.tests_total,
      tests_passing: cumulative.tests_passing,
      pass_rate: cumulative.pass_rate,
      avg_score: running.avgScore,
      lines_of_test_code: running.linesOfTest,
    });
    findings.push(...claims.findings);
    const { coverage, verified: coverageVerified, findings: coverageFindings } = sessionCoverage(session, evidence);
    findings.push(...coverageFindings);
    if (coverage) measured = { coverage, session: refOf(ref), verified: coverageVerified };

    return {
      ...ref,
      start: session.record.start ?? null,
      end: session.record.end ?? null,
      status: session.record.status ?? null,
      phase,
      components,
      cumulative: { sessions: index + 1, ...cumulative },
      coverage: coverage ? { ...statedCoverage(coverage), verified: coverageVerified } : null,
      evidence: (evidence?.cited ?? []).map((item) => ({
        file: item.file,
        format: item.format,
        producer: item.producer,
        sha256: item.sha256.slice(0, 12),
        test_files: item.tests?.files.length ?? null,
        tests: item.tests ? item.tests.files.reduce((n, f) => n + f.total, 0) : null,
        source_files: item.coverage?.files.length ?? null,
      })),
      claims: claims.views,
      log: (session.record.log ?? []).map((entry) => ({ at: entry.at, text: entry.text })),
      next_steps: session.record.next_steps ?? [],
      notes: session.record.notes ?? [],
    };
  });

  const phaseOrder = new Map([...phases.keys()].map((id, index) => [id, index]));
  const rank = (phase: PhaseRef | null) => (phase ? (phaseOrder.get(phase.id) ?? phaseOrder.size) : phaseOrder.size);
  const current: ComponentView[] = [...ledger.values()]
    .map((entry) => Object.assign(componentState(entry.record, entry.ref, entry.phase, entry.line), { reports: entry.history.length, history: entry.history }))
    .sort((a, b) => rank(a.phase) - rank(b.phase) || compareText(a.name, b.name) || compareText(a.key, b.key));
  const currentRecords = [...ledger.values()].map((entry) => entry.record);

  const totals = computeTotals(mission, sessions.length, currentRecords, codeBaseCoverage(mission, measured));

  const targets = computeTargets(mission, totals);
  const log = sessionViews
    .flatMap((session) => session.log.map((entry) => ({ ...entry, session: refOf(session) })))
    .sort((a, b) => compareText(a.at, b.at));
  const phaseList = phaseViews(mission.phases ?? [], current, sessionViews, ledger);
  return {
    name: input.name,
    mission: {
      title: mission.title,
      objective: mission.objective ?? null,
      started: mission.started ?? null,
      template: mission.template ?? 'progress-report',
      notes: mission.notes ?? [],
      file: input.file,
    },
    totals,
    targets,
    milestones: computeMilestones(mission, totals),
    phases: phaseList,
    components: current,
    by_segment: bySegment(currentRecords),
    sessions: sessionViews,
    recent_sessions: sessionViews.filter((session) => session.page === null),
    archives,
    log,
    recent_log: log.filter((entry) => entry.session.page === null),
    targets_summary: {
      met: targets.filter((t) => t.status === 'met').length,
      total: targets.length,
      not_met: targets.filter((t) => t.status !== 'met').map((t) => ({ label: t.label, achieved: t.achieved, target: t.target, unit: t.unit })),
    },
    charts: computeCharts(sessionViews, current, totals, phaseList),
    next_steps: latestNextSteps(sessionViews),
    findings: findings.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.code, b.code)),
  };
}

function sameTime(a: SessionInput, b: SessionInput): boolean {
  return a.record.date === b.record.date && (a.record.start ?? '') === (b.record.start ?? '');
}

function latestNextSteps(sessions: readonly SessionView[]): MissionModel['next_steps'] {
  for (let i = sessions.length - 1; i >= 0; i--) {
    const session = sessions[i]!;
    if (session.next_steps.length > 0) return session.next_steps.map((text) => ({ text, session: refOf(session) }));
  }
  return [];
}

function phaseViews(
  phases: readonly { id: string; name: string; priority?: string | undefined }[],
  components: readonly ComponentView[],
  sessions: readonly SessionView[],
  ledger: ReadonlyMap<string, LedgerEntry>,
): PhaseView[] {
  const view = (id: string | null, name: string, priority: string | null): PhaseView => {
    const members = components.filter((component) => (component.phase?.id ?? null) === id);
    const records = members.map((component) => ledger.get(component.key)!.record);
    return {
      id,
      name,
      priority,
      sessions: sessions.filter((session) => (session.phase?.id ?? null) === id).length,
      components: members,
      ...componentPages(id, name, members),
      totals: { ...testTotals(records), ...averageScore(records) },
    };
  };
  const views = phases.map((phase) => view(phase.id, phase.name, phase.priority ?? null));
  if (components.some((component) => component.phase === null)) views.push(view(null, 'No phase', null));
  return views;
}
