/**
 * The importer and the audit on legacy reports: the two seeds and four
 * reports written for these tests in other wordings and shapes
 * (test/fixtures/legacy/<case>/{input.md, expected.json}).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditLegacy, importLegacy } from '../src/import/import-legacy.js';
import type { LegacyComponent } from '../src/import/legacy-types.js';
import { repoRoot } from './helpers/cli.js';

const root = path.join(repoRoot, 'test/fixtures/legacy');

interface Expected {
  sessions: { line: number; number: number | null; date: string; title_contains: string }[];
  components: { line: number; name: string; test_file: string | null; tests_total: number | null; tests_passing: number | null; score: number | null; session_line: number }[];
  targets: { line: number; label: string; target: number; achieved: number; marked_met: boolean }[];
  unmapped_sections: { line: number; heading: string }[];
  audit: { kind: string; line: number }[];
  mojibake_lines: number[];
}

const written = readdirSync(root)
  .filter((name) => !name.startsWith('seed-'))
  .sort();

/** A count the report does not state comes out as "all skipped, none passing", with a note. */
function passing(component: LegacyComponent): number | null {
  if (!component.tests) return null;
  const unknown = component.tests.passing === 0 && component.tests.skipped === component.tests.total;
  return unknown ? null : component.tests.passing;
}

describe.each(written)('legacy report %s', (name) => {
  const input = readFileSync(path.join(root, name, 'input.md'), 'utf8');
  const expected = JSON.parse(readFileSync(path.join(root, name, 'expected.json'), 'utf8')) as Expected;
  const result = importLegacy(input, `${name}.md`);
  const components = result.report.sessions.flatMap((session) => session.components.map((component) => ({ component, session })));

  it('finds every session with its number and date', () => {
    const named = result.report.sessions.filter((session) => session.named || expected.sessions.some((e) => e.line === session.line));
    expect(named.map((s) => ({ line: s.line, number: s.number, date: s.date }))).toEqual(expected.sessions.map((s) => ({ line: s.line, number: s.number, date: s.date })));
    for (const session of expected.sessions) {
      expect(result.report.sessions.find((s) => s.line === session.line)!.title.toLowerCase()).toContain(session.title_contains.toLowerCase());
    }
  });

  it('finds every component with its name, test file, counts, score and session', () => {
    expect(
      components.map(({ component, session }) => ({
        line: component.line,
        name: component.name,
        test_file: component.test_file,
        tests_total: component.tests?.total ?? null,
        tests_passing: passing(component),
        score: component.score,
        session_line: session.line,
      })),
    ).toEqual(expected.components);
  });

  it('reads the targets and whether the report marked them met', () => {
    expect(result.report.targets.map((t) => ({ line: t.line, label: t.label, target: t.target, achieved: t.achieved, marked_met: t.markedMet }))).toEqual(expected.targets);
  });

  it('lists the sections it could not map, and keeps them as notes', () => {
    expect(result.report.unmapped.map((u) => ({ line: u.line, heading: u.heading }))).toEqual(expected.unmapped_sections);
    for (const section of expected.unmapped_sections) {
      expect(result.records.mission.notes?.some((note) => note.includes(`"${section.heading}"`) && note.includes(`line ${section.line}`))).toBe(true);
    }
  });

  it('repairs the mojibake, and only where there is some', () => {
    expect([...new Set(result.repairs.map((r) => r.line))].sort((a, b) => a - b)).toEqual(expected.mojibake_lines);
    expect(result.files.every((file) => !/ðŸ|âœ|‚úÖ|üéØ/.test(file.content))).toBe(true);
  });

  it('audits exactly the inconsistencies the report has', () => {
    const { problems } = auditLegacy(input, `${name}.md`);
    expect(problems.map((p) => ({ kind: p.kind, line: p.line }))).toEqual(
      [...expected.audit].sort((a, b) => a.line - b.line || (a.kind < b.kind ? -1 : 1)),
    );
  });

  it('keeps the legacy line of every record and component', () => {
    for (const { record } of result.records.sessions) {
      expect(record.from?.line).toBeGreaterThan(0);
      for (const component of record.components) expect(component.from?.file).toBe(`${name}.md`);
    }
  });
});
