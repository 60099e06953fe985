/**
 * `npx tsx bench/junit-large.ts [--cases 200000]`: the JUnit reader on a large
 * file. Writes a vitest-style JUnit file of that many test cases (about 30 MB
 * for 200,000: 2,000 files, failures with stack traces, skipped tests, output)
 * into a temporary folder, reads it in a fresh child process, and prints the
 * time (reading the bytes, decoding, parsing and counting) and the child's peak
 * RSS, beside the RSS the child had before reading (Node and the loader).
 * Also times the refusal of an entity bomb. The goal: under 5 s and 300 MB.
 * Not a test: timings vary with the machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readJunit } from '../src/evidence/junit.js';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '200000' }, child: { type: 'string' } } });

if (values.child) measureRead(values.child);
else main(Number(values.cases));

function main(cases: number): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tally-junit-bench-'));
  try {
    const file = path.join(dir, 'junit.xml');
    writeFileSync(file, generate(cases));
    const mb = statSync(file).size / 1e6;
    // A fresh process per measure, started the way this one was (tsx's loader in execArgv).
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', file], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`the child failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout) as { seconds: number; peak_mb: number; before_mb: number; tests: number; files: number; bomb_ms: number };
    console.log(`JUnit file: ${mb.toFixed(1)} MB, ${cases.toLocaleString('en-US')} test cases (${os.cpus().length} cores, Node ${process.version})`);
    console.log(`read:       ${result.seconds.toFixed(2)} s, peak RSS ${result.peak_mb} MB (${result.before_mb} MB before reading)`);
    console.log(`counted:    ${result.tests.toLocaleString('en-US')} tests in ${result.files} files`);
    console.log(`bomb:       entity bomb refused in ${result.bomb_ms.toFixed(2)} ms`);
    console.log(`goal:       under 5 s and 300 MB: ${result.seconds < 5 && result.peak_mb < 300 ? 'met' : 'NOT met'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measureRead(file: string): void {
  const before = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  const run = readJunit(text, { file, root: path.dirname(file) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peak = process.resourceUsage().maxRSS * 1024;
  const tests = run.files.reduce((sum, result) => sum + result.total, 0);
  process.stdout.write(
    JSON.stringify({ seconds, peak_mb: Math.round(peak / 1e6), before_mb: Math.round(before / 1e6), tests, files: run.files.length, bomb_ms: bombMilliseconds() }),
  );
}

function bombMilliseconds(): number {
  const levels = Array.from({ length: 10 }, (_, i) => (i === 0 ? '<!ENTITY l0 "lol">' : `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`));
  const bomb = `<?xml version="1.0"?><!DOCTYPE t [${levels.join('')}]><testsuites><testsuite name="&l9;"/></testsuites>`;
  const started = process.hrtime.bigint();
  try {
    readJunit(bomb, { file: 'bomb.xml', root: '/' });
  } catch {
    return Number(process.hrtime.bigint() - started) / 1e6;
  }
  throw new Error('the entity bomb was not refused');
}

/** A vitest-style report: 100 cases per file, one in 17 failing with a stack, one in 23 skipped, one in 50 with output. */
function generate(cases: number): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8" ?>\n', `<testsuites name="vitest tests" tests="${cases}" failures="0" errors="0" time="1.5">\n`];
  for (let n = 0; n < cases; n++) {
    const file = `src/module-${Math.floor(n / 100) % 50}/feature-${Math.floor(n / 100)}.test.ts`;
    if (n % 100 === 0) {
      if (n > 0) parts.push('    </testsuite>\n');
      parts.push(`    <testsuite name="${file}" timestamp="2025-01-01T00:00:00.000Z" hostname="host" tests="100" failures="0" errors="0" skipped="0" time="0.5">\n`);
    }
    parts.push(`        <testcase classname="${file}" name="feature ${n % 100} &gt; handles case ${n}" time="0.${String(n % 997).padStart(3, '0')}4567">\n`);
    if (n % 17 === 0) {
      parts.push(`            <failure message="expected ${n} to be ${n + 1}" type="AssertionError">\nAssertionError: expected ${n} to be ${n + 1}\n ❯ ${file}:${n % 300}:15\n            </failure>\n`);
    } else if (n % 23 === 0) {
      parts.push('            <skipped/>\n');
    } else if (n % 50 === 1) {
      parts.push(`            <system-out>\nlog line for case ${n} &lt;ok&gt;\n            </system-out>\n`);
    }
    parts.push('        </testcase>\n');
  }
  parts.push('    </testsuite>\n</testsuites>\n');
  return parts.join('');
}
