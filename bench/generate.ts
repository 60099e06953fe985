/**
 * Seeded synthetic missions for the benchmark: `sessions` session files of
 * about forty lines, about three components each, realistic text. The same
 * seed gives the same files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** mulberry32: a small, fast, seeded generator; the same seed gives the same numbers. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['session', 'manager', 'registry', 'router', 'validator', 'factory', 'engine', 'bridge', 'notifier', 'loader', 'cache', 'store', 'handler', 'dispatcher', 'service', 'client', 'adapter', 'parser', 'writer', 'scheduler'];
const AREAS = ['auth', 'billing', 'websocket', 'agents', 'config', 'database', 'analytics', 'payments', 'search', 'notifications'];
const SEGMENTS = ['Free', 'Early', 'Mid', 'Enterprise'];

export interface GenerateOptions {
  /** Folder to write `data/` into. */
  root: string;
  sessions: number;
  /** Missions to spread the sessions over. Default: 1. */
  missions?: number;
  seed?: number;
}

export async function generate(options: GenerateOptions): Promise<void> {
  const rand = random(options.seed ?? 42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const missions = options.missions ?? 1;
  const componentPool = Math.max(30, Math.floor(options.sessions * 1.2));
  for (let m = 0; m < missions; m++) {
    const dir = path.join(options.root, 'data', `mission-${m}`, 'sessions');
    await mkdir(dir, { recursive: true });
    const phases = AREAS.slice(0, 5).map((area, i) => `  - { id: p${i}, name: "Phase ${i + 1}: ${area}", priority: P${i} }`).join('\n');
    await writeFile(
      path.join(options.root, 'data', `mission-${m}`, 'mission.yaml'),
      `title: Synthetic mission ${m}\nobjective: Benchmark data, generated with seed ${options.seed ?? 42}\nstarted: 2024-01-01\nphases:\n${phases}\ntargets:\n  - { metric: tests.total, label: Total tests, target: ${options.sessions * 20} }\n  - { metric: pass_rate, label: Pass rate, target: 95 }\nbaseline:\n  coverage: { lines_covered: 100000, lines_total: 900000 }\n`,
    );
    const count = Math.floor(options.sessions / missions);
    const writes: Promise<void>[] = [];
    for (let s = 0; s < count; s++) {
      const day = new Date(Date.UTC(2024, 0, 1) + Math.floor((s / count) * 700) * 86400000).toISOString().slice(0, 10);
      const hour = String(8 + (s % 10)).padStart(2, '0');
      const chosen = new Set<number>();
      while (chosen.size < 3) chosen.add(Math.floor(rand() * componentPool));
      const components = [...chosen].map((c) => {
        const area = AREAS[c % AREAS.length]!;
        const word = WORDS[c % WORDS.length]!;
        const total = 5 + Math.floor(rand() * 80);
        const passing = Math.max(0, total - Math.floor(rand() * 4));
        return [
          `  - name: ${area[0]!.toUpperCase()}${area.slice(1)}${word[0]!.toUpperCase()}${word.slice(1)}${c}`,
          `    source: src/${area}/${word}_${c}.py`,
          `    test_file: tests/unit/${area}/test_${word}_${c}.py`,
          `    level: ${pick(['unit', 'unit', 'integration', 'e2e'])}`,
          `    tests: { total: ${total}, passing: ${passing} }`,
          `    score: ${(6 + rand() * 4).toFixed(1)}`,
          `    coverage: { lines_covered: ${40 + Math.floor(rand() * 60)}, lines_total: 100 }`,
          `    impact: ${pick(['critical', 'high', 'medium', 'low'])}`,
          `    bvj: { segment: [${pick(SEGMENTS)}], value_impact: "Keeps the ${word} of ${area} correct for every tier" }`,
        ].join('\n');
      });
      const text = [
        `session: ${s + 1}`,
        `date: ${day}`,
        `start: "${hour}:00"`,
        `end: "${hour}:45"`,
        `title: ${pick(WORDS)} ${pick(AREAS)} coverage, round ${s + 1}`,
        `phase: p${s % 5}`,
        `status: completed`,
        `components:`,
        ...components,
        `log:`,
        `  - { at: "${day}T${hour}:30:00Z", text: Ran the ${pick(AREAS)} suite and fixed the flaky ${pick(WORDS)} test }`,
        `next_steps: [Cover the error paths of the ${pick(WORDS)}]`,
        '',
      ].join('\n');
      writes.push(writeFile(path.join(dir, `${day}-s${String(s).padStart(6, '0')}.yaml`), text));
      if (writes.length >= 256) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
  }
}
