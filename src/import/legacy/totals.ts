/**
 * Stated totals: "Total Test Methods: 755+" and the like, with the parts they
 * add up from, and whether a total speaks for the session or the mission.
 */
import { NUM, TESTS, toNumber } from '../figures.js';
import type { Context } from './context.js';
import type { TotalMetric } from './types.js';


/**
 * A session's own statistics ("Session 9 metrics > Test suite statistics")
 * state that session's figures; anything else states the mission's so far.
 */
export function scopeOf(ctx: Context, text = ''): 'mission' | 'session' {
  if (!ctx.session) return 'mission';
  if (/\b(written|this session|session totals?)\b/i.test(text)) return 'session';
  const headings = ctx.stack.filter((heading) => heading.depth > ctx.session!.depth).map((heading) => heading.text);
  if (headings.some((text) => /cumulative|mission|overall|combined|all phases|final total/i.test(text))) return 'mission';
  if (headings.some((text) => /statistics|metrics|this session/i.test(text))) return 'session';
  return 'mission';
}

/** Words that make a figure a running total of the work so far, never one component's. */
export const RUNNING_TOTAL = /\b(?:so far|running total|cumulative|overall|in all|to date)\b/i;

/** "Total Test Methods: 755+", "bringing the total to 212 tests", "(557+ tests, 18,900+ lines)" after "Suites Created". */
export function statedTotals(text: string): { metric: TotalMetric; value: number; atLeast: boolean; parts: number[] | null }[] {
  const out: { metric: TotalMetric; value: number; atLeast: boolean; parts: number[] | null }[] = [];
  const plain = text.replace(/\*\*/g, '');
  const keyword = /\b(total|cumulative|overall|in all|now have|bringing)\b/i.exec(plain);
  if (keyword) {
    const after = plain.slice(keyword.index);
    const tests = new RegExp(String.raw`^(.*?)(${NUM})(\+?)\s*(?:comprehensive\s+|unit\s+)?${TESTS}\b(?!\s*(?:files?|suites?|classes|sessions?|runners?)\b)`, 'i').exec(after);
    const label = new RegExp(String.raw`^total\s+(?:test methods|tests|test count)(?:\s+created)?\s*:?\s*(${NUM})(\+?)`, 'i').exec(after);
    const lines = new RegExp(String.raw`^total\s+lines\s+of\s+test\s+code\s*:?\s*(${NUM})(\+?)\s*lines`, 'i').exec(after);
    if (label && !/\bnew\b/i.test(after.slice(0, label.index + label[0].length))) {
      out.push({ metric: 'tests_total', value: toNumber(label[1]!), atLeast: label[2] === '+', parts: partsAfter(after.slice(label[0].length)) });
    } else if (tests && !/\bnew\b|\bpassing\b|\bfailing\b|\bsuites?\b|\bfiles?\b|\bsessions?\b/i.test(tests[1]!) && !/%/.test(tests[1]!)) {
      const rest = after.slice(tests[0].length);
      out.push({ metric: 'tests_total', value: toNumber(tests[2]!), atLeast: tests[3] === '+', parts: partsAfter(rest) });
    }
    const passing = statedPassing(after);
    if (passing) out.push(passing);
    if (lines && !/\bnew\b/i.test(lines[0])) {
      out.push({ metric: 'lines_of_test_code', value: toNumber(lines[1]!), atLeast: lines[2] === '+', parts: partsAfter(after.slice(lines[0].length)) });
    }
  }
  const inTotal = new RegExp(String.raw`(${NUM})(\+?)\s*${TESTS}\s+in\s+(?:total|all)\b`, 'i').exec(plain);
  if (inTotal && out.every((total) => total.metric !== 'tests_total')) {
    out.push({ metric: 'tests_total', value: toNumber(inTotal[1]!), atLeast: inTotal[2] === '+', parts: null });
  }
  // "Passing so far: 40", "Tests to date: 55": a running total named before its figure.
  const soFar = new RegExp(String.raw`\b(passing|passed|tests?)(?:\s+tests)?\s+(?:so far|to date)\s*:?\s*(${NUM})(\+?)(?![\d%]|\s*(?:\/|of\b))`, 'i').exec(plain);
  if (soFar) {
    const metric: TotalMetric = /^pass/i.test(soFar[1]!) ? 'tests_passing' : 'tests_total';
    if (out.every((total) => total.metric !== metric)) out.push({ metric, value: toNumber(soFar[2]!), atLeast: soFar[3] === '+', parts: null });
  }
  const suites = new RegExp(String.raw`suites?\s+created[^()]*\(\s*(${NUM})(\+?)\s*tests`, 'i').exec(plain);
  if (suites && out.every((total) => total.metric !== 'tests_total')) {
    out.push({ metric: 'tests_total', value: toNumber(suites[1]!), atLeast: suites[2] === '+', parts: null });
  }
  return out;
}

/**
 * A running total of passing tests, after a total keyword: "Running total: 140
 * tests, 131 passing", "Total passing: 131 (98 + 33)". A ratio ("27/30 passing",
 * "69 of 80 passed") is one suite's result, not a total, and a percentage is a rate.
 */
function statedPassing(after: string): { metric: TotalMetric; value: number; atLeast: boolean; parts: number[] | null } | null {
  const counted = new RegExp(String.raw`(?<!(?:\/|\bof|\bout of)\s*)(?<![\d,.])(${NUM})(\+?)\s*(?:tests?\s+|test methods\s+)?(?:passing|passed|green)\b`, 'i').exec(after);
  const labelled = new RegExp(String.raw`\b(?:passing|passed)(?:\s+tests)?\s*:?\s*(${NUM})(\+?)(?![\d%]|\s*(?:\/|of\b|out of\b))`, 'i').exec(after);
  const m = counted ?? labelled;
  if (!m || /\bnew\b/i.test(after.slice(0, m.index))) return null;
  return { metric: 'tests_passing', value: toNumber(m[1]!), atLeast: m[2] === '+', parts: partsAfter(after.slice(m.index + m[0].length)) };
}

/** "(247 previous + 141 new)" → [247, 141]. */
function partsAfter(text: string): number[] | null {
  const m = /^\s*(?:comprehensive\s+\w+\s*)?\(([^)]*\+[^)]*)\)/.exec(text);
  if (!m) return null;
  const parts = m[1]!.split('+').map((part) => new RegExp(`(${NUM})`).exec(part)?.[1]);
  if (parts.some((part) => part === undefined)) return null;
  return parts.map((part) => toNumber(part!));
}
