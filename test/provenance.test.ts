/**
 * Every imported record says where it came from (`from: { file, line }`): the
 * shipped missions' records are walked, and the legacy block they cite (a
 * heading's section, or the line and the fifteen after it, and the blocks of
 * the lines their notes cite for merged figures) must state what the record holds: the
 * component's name (or its test file's name), its test count, its passing
 * count where not all passed (or the percentage it was derived from), and its
 * score. A record that drifts from its source fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './helpers/cli.js';

const BLOCK = 16;
const dataDir = path.join(repoRoot, 'data');
const missions = readdirSync(dataDir).filter((name) => readdirSync(path.join(dataDir, name)).includes('legacy-report.md'));

interface Component {
  name: string;
  test_file?: string;
  tests?: { total: number; passing?: number };
  score?: number;
  notes?: string[];
  from?: { file: string; line: number };
}

/**
 * The block a legacy line opens: a heading's whole section (to the next heading
 * of its level or above), else the line and the fifteen after it.
 */
function blockAt(legacy: readonly string[], line: number): string {
  const level = /^(#{1,6})\s/.exec(legacy[line - 1] ?? '')?.[1]?.length;
  if (level === undefined) return legacy.slice(line - 1, line - 1 + BLOCK).join('\n');
  let end = line;
  while (end < legacy.length && !new RegExp(`^#{1,${level}}\\s`).test(legacy[end]!)) end++;
  return legacy.slice(line - 1, end).join('\n');
}

/** Other legacy lines the record's notes say a figure came from ("legacy line 626", "(line 432)"). */
function citedLines(component: Component): number[] {
  return (component.notes ?? []).flatMap((note) => [...note.matchAll(/\bline (\d+)\b/g)].map((m) => Number(m[1])));
}

/** "1,024" as well as "1024": legacy reports group thousands. */
const stated = (block: string, n: number) => [String(n), n.toLocaleString('en-US')].some((text) => new RegExp(`(?<![\\d.])${text.replace(/[,.]/g, '\\$&')}(?![\\d])`).test(block));

function problemsOf(component: Component, block: string): string[] {
  const problems: string[] = [];
  const fileName = component.test_file?.split('/').at(-1);
  if (!block.includes(component.name) && !(fileName && block.includes(fileName))) problems.push(`does not name "${component.name}"`);
  const tests = component.tests;
  if (tests && !stated(block, tests.total)) problems.push(`does not state ${tests.total} tests`);
  const derived = component.notes?.some((note) => note.startsWith('Passing count derived from the stated percentage'));
  if (tests?.passing !== undefined && tests.passing !== tests.total && !derived && !stated(block, tests.passing)) problems.push(`does not state ${tests.passing} passing`);
  if (derived && !/\d+(?:\.\d+)?\s*%/.test(block)) problems.push('states no percentage to derive the passing count from');
  if (component.score !== undefined && !block.includes(String(component.score))) problems.push(`does not state the score ${component.score}`);
  return problems;
}

describe.each(missions)('the records of %s against the legacy report they cite', (mission) => {
  const legacyPath = path.join(dataDir, mission, 'legacy-report.md');
  const legacy = readFileSync(legacyPath, 'utf8').split('\n');
  const sessions = readdirSync(path.join(dataDir, mission, 'sessions')).filter((f) => f.endsWith('.yaml'));

  it('every component cites a block of the legacy report that states its name and figures', () => {
    const problems: string[] = [];
    let cited = 0;
    for (const file of sessions) {
      const record = parse(readFileSync(path.join(dataDir, mission, 'sessions', file), 'utf8')) as { components: Component[] };
      for (const component of record.components) {
        if (!component.from) continue;
        cited++;
        expect(component.from.file).toBe(`data/${mission}/legacy-report.md`);
        const block = [component.from.line, ...citedLines(component)].map((line) => blockAt(legacy, line)).join('\n');
        for (const problem of problemsOf(component, block)) problems.push(`${file}: "${component.name}" cites line ${component.from.line}, which ${problem}`);
      }
    }
    expect(cited).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

});

it('the check itself fails on a record that drifted from its source', () => {
  const block = '### Parser (Score: 9.2/10)\n**Status**: 41/44 tests passing';
  expect(problemsOf({ name: 'Parser', tests: { total: 44, passing: 41 }, score: 9.2 }, block)).toEqual([]);
  expect(problemsOf({ name: 'Parser', tests: { total: 45, passing: 40 }, score: 9.4 }, block)).toEqual(['does not state 45 tests', 'does not state 40 passing', 'does not state the score 9.4']);
  expect(problemsOf({ name: 'Writer', tests: { total: 44 } }, block)).toEqual(['does not name "Writer"']);
});
