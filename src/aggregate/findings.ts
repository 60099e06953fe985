/**
 * Findings: inconsistencies in valid records. They are shown in the report and
 * printed by `build` and `check`; `check --strict` fails on them.
 */
import type { Finding } from '../model/findings.js';
import type { ClaimView } from '../model/mission-model.js';
import type { PositionIndex, SessionInput } from '../model/records.js';
import type { Claims } from '../schema/session.js';
import type { MetricUnit } from '../model/mission-model.js';
import { FINDING_PATH } from '../model/finding-paths.js';
import { formatMeasure } from '../text/format.js';
import { matchesStated } from '../text/round.js';

export function at(session: SessionInput, path: string): { file: string; line: number; column: number } {
  if (!FINDING_PATH.test(path)) throw new Error(`internal: a finding points at "${path}", whose position valid sessions do not keep; add it to FINDING_PATH`);
  const position = session.positions.keys[path] ?? session.positions.values[path] ?? firstPosition(session.positions);
  return { file: session.file, line: position.line, column: position.column };
}

function firstPosition(positions: PositionIndex): { line: number; column: number } {
  return positions.values[''] ?? { line: 1, column: 1 };
}

const claimLabels: Record<keyof Claims, string> = {
  sessions: 'sessions',
  components: 'components',
  tests_total: 'total tests',
  tests_passing: 'passing tests',
  pass_rate: 'pass rate',
  avg_score: 'average score',
  lines_of_test_code: 'lines of test code',
};

const claimUnits: Partial<Record<keyof Claims, MetricUnit>> = { pass_rate: 'percent', avg_score: 'score' };

/**
 * Compare a session's claims with the cumulative figures once it is counted.
 * A claim matches when the computed figure, rounded to the claim's own
 * precision, equals it (a stated 96 matches a computed 96.1).
 */
export function checkClaims(
  session: SessionInput,
  computed: Record<keyof Claims, number | null>,
): { views: ClaimView[]; findings: Finding[] } {
  const views: ClaimView[] = [];
  const findings: Finding[] = [];
  const claims = session.record.claims ?? {};
  for (const name of Object.keys(claimLabels) as (keyof Claims)[]) {
    const stated = claims[name];
    if (stated === undefined) continue;
    const actual = computed[name];
    const matches = actual !== null && matchesStated(stated, actual);
    const unit = claimUnits[name] ?? 'count';
    views.push({ name, label: claimLabels[name], unit, stated, computed: actual, matches });
    if (!matches) {
      findings.push({
        code: 'claim-mismatch',
        ...at(session, `claims.${name}`),
        message: `claims ${claimLabels[name]} ${formatMeasure(stated, unit, true)}, but the records give ${actual === null ? (name === 'pass_rate' ? 'none (no test ran)' : 'no figure') : formatMeasure(actual, unit)} once this session is counted`,
      });
    }
  }
  return { views, findings };
}

export function checkCategories(session: SessionInput): Finding[] {
  const findings: Finding[] = [];
  session.record.components.forEach((component, index) => {
    if (!component.categories || component.categories.length === 0) return;
    const sum = component.categories.reduce((acc, category) => acc + category.tests, 0);
    if (!component.tests) {
      findings.push({
        code: 'categories-mismatch',
        ...at(session, `components.${index}.categories`),
        message: `categories of "${component.name}" add up to ${sum} tests, but the component states no tests.total`,
      });
    } else if (sum !== component.tests.total) {
      findings.push({
        code: 'categories-mismatch',
        ...at(session, `components.${index}.categories`),
        message: `categories of "${component.name}" add up to ${sum} tests; expected tests.total (${component.tests.total})`,
      });
    }
  });
  return findings;
}

export function checkTestsStated(session: SessionInput): Finding[] {
  const findings: Finding[] = [];
  session.record.components.forEach((component, index) => {
    if (component.tests) return;
    findings.push({
      code: 'tests-not-stated',
      ...at(session, `components.${index}`),
      message: `component "${component.name}" states no tests; it adds nothing to the test totals`,
    });
  });
  return findings;
}

/** A session number used by more than one session: flagged on every use after the first. */
export function checkSessionNumbers(sessions: readonly SessionInput[]): Finding[] {
  const byNumber = new Map<number, SessionInput[]>();
  for (const session of sessions) {
    const number = session.record.session;
    if (number === undefined) continue;
    const list = byNumber.get(number) ?? [];
    list.push(session);
    byNumber.set(number, list);
  }
  const findings: Finding[] = [];
  for (const [number, list] of byNumber) {
    if (list.length < 2) continue;
    for (const session of list.slice(1)) {
      findings.push({
        code: 'duplicate-session-number',
        ...at(session, 'session'),
        message: `session number ${number} is also used by ${list[0]!.file}; expected each number once`,
      });
    }
  }
  return findings;
}
