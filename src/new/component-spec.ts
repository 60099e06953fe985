/**
 * `--component` flags: `name=SubscriptionManager,test_file=tests/x.py,level=unit,tests=30/30,score=9.2`.
 * Plain key=value pairs, so agents and people can add a component without
 * writing JSON; anything richer goes through `--from-json`.
 */
import { didYouMean } from '../validate/suggest.js';

export interface SpecProblem {
  /** Which flag: `--component 2`. */
  flag: string;
  message: string;
}

const KEYS = ['name', 'source', 'test_file', 'level', 'tests', 'total', 'passing', 'failing', 'skipped', 'not_run', 'score', 'impact', 'coverage', 'lines', 'duration'] as const;

/** Numbers in flags arrive as text: convert only where a number is meant, and say so when it is not one. */
function toNumber(value: string, key: string, flag: string, problems: SpecProblem[]): number | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) {
    problems.push({ flag, message: `${key}=${value}: expected a number` });
    return undefined;
  }
  return Number(value);
}

export function parseComponentSpec(spec: string, index: number): { component: Record<string, unknown>; problems: SpecProblem[] } {
  const flag = `--component ${index + 1}`;
  const problems: SpecProblem[] = [];
  const fields: Record<string, string> = {};
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq === -1) {
      problems.push({ flag, message: `"${part.trim()}": expected key=value, such as name=Parser` });
      continue;
    }
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!(KEYS as readonly string[]).includes(key)) {
      problems.push({ flag, message: `unknown key "${key}"${didYouMean(key, KEYS)}; expected one of: ${KEYS.join(', ')}` });
      continue;
    }
    fields[key] = value;
  }

  const component: Record<string, unknown> = {};
  if (fields['name'] !== undefined) component['name'] = fields['name'];
  if (fields['source'] !== undefined) component['source'] = fields['source'];
  if (fields['test_file'] !== undefined) component['test_file'] = fields['test_file'];
  if (fields['level'] !== undefined) component['level'] = fields['level'];
  if (fields['impact'] !== undefined) component['impact'] = fields['impact'];

  const tests: Record<string, number | undefined> = {};
  if (fields['tests'] !== undefined) {
    // `tests=41/44`: 41 passed, so the other 3 failed; `tests=44`: a count with no result.
    const ratio = /^(\d+)\s*\/\s*(\d+)$/.exec(fields['tests']);
    const count = /^(\d+)$/.exec(fields['tests']);
    if (ratio) {
      tests['passing'] = Number(ratio[1]);
      tests['total'] = Number(ratio[2]);
    } else if (count) {
      tests['total'] = Number(count[1]);
    } else problems.push({ flag, message: `tests=${fields['tests']}: expected passed/total (tests=41/44: 3 failed) or a count with no result (tests=44)` });
  }
  for (const key of ['total', 'passing', 'failing', 'skipped', 'not_run'] as const) {
    if (fields[key] !== undefined) tests[key] = toNumber(fields[key], key, flag, problems);
  }
  if (Object.keys(tests).length > 0) component['tests'] = Object.fromEntries(Object.entries(tests).filter(([, v]) => v !== undefined));

  if (fields['score'] !== undefined) component['score'] = toNumber(fields['score'], 'score', flag, problems);
  if (fields['lines'] !== undefined) component['lines_of_test_code'] = toNumber(fields['lines'], 'lines', flag, problems);
  if (fields['duration'] !== undefined) component['duration_s'] = toNumber(fields['duration'], 'duration', flag, problems);
  if (fields['coverage'] !== undefined) {
    const value = fields['coverage'];
    const lines = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
    const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
    if (lines) component['coverage'] = { lines_covered: Number(lines[1]), lines_total: Number(lines[2]) };
    else if (percent) component['coverage'] = { percent: Number(percent[1]) };
    else problems.push({ flag, message: `coverage=${value}: expected covered/total lines (43/50) or a percent (95.5%)` });
  }
  return { component, problems };
}
