/**
 * A session's components from runner output (pure): one component per test
 * file, with its outcomes and duration as the test cases give them; its
 * coverage from the coverage files where its `source` is known; the code
 * base's coverage from the coverage totals. A `--component` flag that names
 * the same test file adds what the output cannot know (its name, source,
 * level, score); one that names another stays as the writer states it.
 */
import { gzipSync } from 'node:zlib';
import { mergeRuns } from '../evidence/coverage-run.js';
import type { CoverageRun, TestRun } from '../model/evidence.js';
import { sha256Hex } from '../load/digest.js';

type Component = Record<string, unknown>;

/** `tests/unit/test_parser.py` → `parser`; `src/cli.test.ts` → `cli`; `example.com/m/pkg` → `pkg`. */
export function nameFromTestFile(file: string): string {
  const base = file.split('/').filter(Boolean).at(-1) ?? file;
  const stem = base.replace(/\.[^.]+$/, '').replace(/[._-](?:test|spec)s?$/i, '').replace(/^tests?[._-]/i, '');
  return stem || base;
}

export function componentsFromEvidence(
  stated: readonly Component[],
  tests: readonly TestRun[],
  coverage: readonly CoverageRun[],
): { components: Component[]; coverage: { lines_covered: number; lines_total: number } | null } {
  const byTestFile = new Map(stated.filter((c) => typeof c['test_file'] === 'string').map((c) => [c['test_file'] as string, c]));
  const used = new Set<Component>();
  const components: Component[] = [];
  const seen = new Set<string>();
  for (const run of tests) {
    for (const file of run.files) {
      if (seen.has(file.file)) continue;
      seen.add(file.file);
      const given = byTestFile.get(file.file);
      if (given) used.add(given);
      const component: Component = { name: nameFromTestFile(file.file), ...given, test_file: file.file };
      component['tests'] = { total: file.total, passing: file.passed, failing: file.failed, skipped: file.skipped };
      if (file.duration_s !== null) component['duration_s'] = file.duration_s;
      components.push(component);
    }
  }
  // Components stated by hand that no test file of the output matches: as the writer states them.
  components.push(...stated.filter((c) => !used.has(c)));

  const merged = mergeRuns(coverage);
  for (const component of components) {
    const measured = typeof component['source'] === 'string' ? merged.files.get(component['source'])?.result : undefined;
    if (measured) component['coverage'] = { lines_covered: measured.lines_covered, lines_total: measured.lines_total };
  }
  if (coverage.length === 0) return { components, coverage: null };
  return { components, coverage: { lines_covered: merged.lines_covered, lines_total: merged.lines_total } };
}

/** Runner output larger than this is stored gzipped: a repository keeps every byte of it for ever. */
export const GZIP_OVER = 1024 * 1024;

/**
 * The files to store for a session's evidence: each under its own name (a
 * second `junit.xml` becomes `2-junit.xml`), gzipped over 1 MiB, with the
 * SHA-256 of the bytes as stored.
 */
export function storedEvidence(inputs: readonly { name: string; bytes: Uint8Array }[]): { name: string; bytes: Uint8Array; sha256: string }[] {
  const taken = new Set<string>();
  return inputs.map((input, index) => {
    let name = input.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || `evidence-${index + 1}`;
    const gzip = input.bytes.length > GZIP_OVER && !(input.bytes[0] === 0x1f && input.bytes[1] === 0x8b);
    if (gzip) name += '.gz';
    for (let n = 2; taken.has(name); n++) name = `${n}-${name.replace(/^\d+-/, '')}`;
    taken.add(name);
    const bytes = gzip ? gzipSync(input.bytes, { level: 9 }) : input.bytes;
    return { name, bytes, sha256: sha256Hex(bytes) };
  });
}
