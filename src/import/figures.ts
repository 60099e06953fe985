/**
 * Figures read from legacy text: test counts, scores, dates, coverage,
 * percentages. Each reader takes one short piece of text (a heading, a field
 * value, a table cell) and returns what it states, or null.
 */

/** A count as written: 1,234 or 1234. */
export const NUM = String.raw`\d{1,3}(?:,\d{3})+|\d+`;

export function toNumber(text: string): number {
  return Number(text.replace(/,/g, ''));
}

export interface Counts {
  total: number;
  passing: number;
  failing?: number;
  skipped?: number;
  /** The count was written as a lower bound ("30+"). */
  atLeast: boolean;
  /** Collected or created, never run. */
  notRun: boolean;
  /** A count with no result at all ("12 tests"). */
  noResult: boolean;
  /** A percentage stated beside the counts ("96% success rate"). */
  statedRate: number | null;
  /** Both counts stated ("49/51 passing"): only then can a stated rate be checked. */
  ratio: boolean;
  /** The passing count was derived from a percentage ("71 tests, 87% passing"). */
  derived?: boolean;
}

/** What a count counts: tests, test methods or cases, RSpec's examples, Jasmine's specs. */
export const TESTS = String.raw`(?:tests?|test methods|test cases|examples|specs)`;

const PASS_WORDS = String.raw`(?:passing|passed|pass(?:es)?|green|succeeded|successful|ok)`;
const NOT_RUN_WORDS = String.raw`(?:created|collected|written|discovered|defined|implemented|added)`;

/** Test counts in a piece of text, or null. */
export function readCounts(text: string): Counts | null {
  const t = text.replace(/\*\*/g, '');
  const rate = readRate(t);
  // "43/45 passing", or the label first: "Passed 43/45", "Passing: 43 of 45".
  let m =
    new RegExp(String.raw`(${NUM})\s*(?:\/|of|out of)\s*(${NUM})\s*(?:${TESTS}\s*)?${PASS_WORDS}`, 'i').exec(t) ??
    new RegExp(String.raw`\b(?:passed|passing|pass)\s*:?\s*(${NUM})\s*(?:\/|of|out of)\s*(${NUM})\b`, 'i').exec(t);
  if (m) {
    const passing = toNumber(m[1]!);
    const total = toNumber(m[2]!);
    if (passing > total) return null;
    const failing = readFailing(t);
    return { total, passing, ...(failing !== null ? { failing } : passing < total ? { failing: total - passing } : {}), atLeast: false, notRun: false, noResult: false, statedRate: rate, ratio: true };
  }
  // "95% pass rate (30/40)": a bare ratio beside a pass rate.
  m = new RegExp(String.raw`\(\s*(${NUM})\s*\/\s*(${NUM})\s*\)`).exec(t);
  if (m && /pass|success/i.test(t)) {
    const passing = toNumber(m[1]!);
    const total = toNumber(m[2]!);
    if (passing <= total) {
      return { total, passing, ...(passing < total ? { failing: total - passing } : {}), atLeast: false, notRun: false, noResult: false, statedRate: rate, ratio: true };
    }
  }
  m = new RegExp(String.raw`(${NUM})\s*\/\s*(${NUM})\s*${TESTS}?\s*${NOT_RUN_WORDS}`, 'i').exec(t);
  if (m) {
    const total = toNumber(m[2]!);
    return { total, passing: 0, skipped: total, atLeast: false, notRun: true, noResult: false, statedRate: rate, ratio: false };
  }
  m = new RegExp(String.raw`(${NUM})(\+?)\s*(?:comprehensive\s+|new\s+)?${TESTS}\s*,?\s*(?:all\s+|(\d+(?:\.\d+)?)%\s+|(${NUM})\s+)?${PASS_WORDS}`, 'i').exec(t);
  if (m) {
    const n = toNumber(m[1]!);
    // "71 tests, 87% passing": the count of passing tests is derived from the percentage.
    const passing = m[4] !== undefined ? Math.min(n, toNumber(m[4])) : m[3] === undefined ? n : Math.round((n * Number(m[3])) / 100);
    if (m[4] !== undefined) {
      return { total: n, passing, ...(passing < n ? { failing: n - passing } : {}), atLeast: m[2] === '+', notRun: false, noResult: false, statedRate: rate, ratio: true };
    }
    return { total: n, passing, ...(passing < n ? { failing: n - passing } : {}), atLeast: m[2] === '+', notRun: false, noResult: false, statedRate: rate, ratio: false, ...(m[3] === undefined ? {} : { derived: true }) };
  }
  const summary = runnerSummary(t, rate);
  if (summary) return summary;
  m = new RegExp(String.raw`(${NUM})(\+?)\s*(?:comprehensive\s+|new\s+)?${TESTS}\b(?:\s*${NOT_RUN_WORDS})?`, 'i').exec(t);
  if (m) {
    const total = toNumber(m[1]!);
    // "12 tests created", and "Total test cases written: 42+ tests", "framework created (…, 27 test methods)", "12 tests, none run yet".
    const notRun = new RegExp(NOT_RUN_WORDS, 'i').test(m[0]) || NOT_RUN_BEFORE.test(clauseBefore(t, m.index)) || NEVER_RAN.test(t);
    if (!notRun) {
      // "45 tests — 0 failures": the failures stated, the rest passed; "100% pass rate (45 tests)": the rate stated.
      const failing = readFailing(t);
      if (failing !== null && failing <= total) {
        return { total, passing: total - failing, ...(failing > 0 ? { failing } : {}), atLeast: m[2] === '+', notRun: false, noResult: false, statedRate: rate, ratio: true };
      }
      if (rate !== null && rate <= 100) {
        const passing = Math.round((total * rate) / 100);
        return { total, passing, ...(passing < total ? { failing: total - passing } : {}), atLeast: m[2] === '+', notRun: false, noResult: false, statedRate: rate, ratio: false, ...(rate < 100 ? { derived: true } : {}) };
      }
    }
    return { total, passing: 0, skipped: total, atLeast: m[2] === '+', notRun, noResult: !notRun, statedRate: rate, ratio: false };
  }
  return null;
}

/**
 * Outcomes counted one by one, as a test runner sums up a run: "12 passed,
 * 1 failed, 3 skipped", "6 passed, 2 failed", "20 passed". The total is their
 * sum; a count that is part of a ratio ("3/4 passed") is no such outcome.
 */
function runnerSummary(text: string, rate: number | null): Counts | null {
  // "12 passed", "43 pass", or the label first: "Pass: 43", "Failed: 2".
  const outcome = (words: string) => {
    const m =
      new RegExp(String.raw`(?<![\d/.]\s?|\bof\s)(${NUM})\s+(?:${TESTS}\s+)?(?:${words})\b`, 'i').exec(text) ??
      new RegExp(String.raw`\b(?:${words})\s*:\s*(${NUM})\b(?!\s*(?:\/|of\b|%))`, 'i').exec(text);
    return m ? toNumber(m[1]!) : null;
  };
  const passing = outcome('passed|passing|pass(?:es)?');
  if (passing === null) return null;
  const failing = (outcome('failed|failing|fail(?:s)?|failures?') ?? 0) + (outcome('errors?|errored') ?? 0);
  const skipped = outcome('skipped|xfailed|deselected') ?? 0;
  // "We wrote 45 tests; 43 pass": the stated count is the total when the outcomes do not reach it (the rest failed).
  const stated = new RegExp(String.raw`(${NUM})\s+${TESTS}\b`, 'i').exec(text);
  const sum = passing + failing + skipped;
  const total = stated && toNumber(stated[1]!) > sum ? toNumber(stated[1]!) : sum;
  return {
    total,
    passing,
    ...(failing > 0 || total > sum ? { failing: total - passing - skipped } : {}),
    ...(skipped > 0 ? { skipped } : {}),
    atLeast: false,
    notRun: false,
    noResult: false,
    statedRate: rate,
    ratio: failing > 0 || skipped > 0 || total > sum,
  };
}

/** Said of a count as a whole: it never ran ("expected to pass" says it has not yet). */
const NEVER_RAN = /\b(?:not (?:yet )?(?:been )?(?:run|executed)|none (?:yet )?(?:run|executed)|never (?:been )?(?:run|executed)|not executed|unrun|expected to pass|expected (?:a )?\d+(?:\.\d+)?\s*% pass)/i;

/** Written, created or collected, said before the count: never said to have run ("well-written" is no such word). */
const NOT_RUN_BEFORE = /(?<![-\w])(?:created|written|collected|discovered)\b/i;

/** The text of the clause a count is in, up to the count: a sentence, dash or semicolon before it starts another. */
function clauseBefore(text: string, index: number): string {
  const before = text.slice(0, index);
  const start = Math.max(...[/[.;!?]\s/g, /\s[–—-]\s/g, /\s[|•]\s/g].map((pattern) => [...before.matchAll(pattern)].at(-1)).map((m) => (m ? m.index + m[0].length : 0)));
  return before.slice(start);
}

function readFailing(text: string): number | null {
  const m = new RegExp(String.raw`(${NUM})\s*(?:${TESTS}\s*)?(?:failing|failed|failures?)`, 'i').exec(text);
  return m ? toNumber(m[1]!) : null;
}

/** A percentage stated as a pass or success rate: "96% success rate", "95% pass rate", "46/48 passing (98%)", "70 passing (92%)". */
export function readRate(text: string): number | null {
  const m =
    /(\d+(?:\.\d+)?)\s*%\s*(?:success|pass(?:ing)?)(?:\s*rate)?/i.exec(text) ??
    /(?:pass|success)\s*rate[^\d]{0,12}(\d+(?:\.\d+)?)\s*%/i.exec(text) ??
    // "46/48 passing (98%)", "80 tests, 70 passing (92%)"
    new RegExp(String.raw`\d\s*(?:tests?\s*)?${PASS_WORDS}\s*\(\s*(\d+(?:\.\d+)?)\s*%\s*\)`, 'i').exec(text);
  return m ? Number(m[1]) : null;
}

/** A score out of ten, named as one: "Score: 9.8/10", "quality 8.7 / 10", "(score: 7.5 out of 10)", "rated 8/10". */
const SCORE = /(?:score|quality|rating|rated)\s*[:=]?\s*\**\s*(\d{1,2}(?:\.\d+)?)\s*(?:\/|out of)\s*10\b/i;

/**
 * Forms that are a score only on a line already known to be one component's:
 * "(9.2/10)" elsewhere may be a count of tests, "score 9.2" a percentage's start.
 */
const COMPONENT_SCORES = [SCORE, /\(\s*(\d{1,2}(?:\.\d+)?)\s*\/\s*10\s*\)/, /\bscore\s*[:=]?\s*(\d{1,2}(?:\.\d+)?)(?!\d|\.\d|\s*(?:[/%]|out of|stars?\b))/i];

/** A 0–10 score: "Score: 9.8/10", "quality 8.7 / 10", "(score: 7.5 out of 10)", "Score 9/10", "rated 8/10". */
export function readScore(text: string): number | null {
  return scoreIn(text.replace(/\*\*/g, ''), [SCORE])?.value ?? null;
}

/**
 * The score on a line that states one component (a list line, a score field),
 * in any form reports use ("Score: 9.2/10", "(9.2/10)", "quality 8.0/10",
 * "rated 8/10", "score 9.2"), and the text without it, so that its "/10" is
 * never read as a test count.
 */
export function readComponentScore(text: string): { value: number | null; rest: string } {
  const plain = text.replace(/\*\*/g, '');
  const found = scoreIn(plain, COMPONENT_SCORES);
  return found ? { value: found.value, rest: `${plain.slice(0, found.index)} ${plain.slice(found.end)}` } : { value: null, rest: plain };
}

function scoreIn(text: string, forms: readonly RegExp[]): { value: number; index: number; end: number } | null {
  for (const form of forms) {
    const m = form.exec(text);
    if (!m) continue;
    const value = Number(m[1]);
    if (value >= 0 && value <= 10) return { value: Math.round(value * 100) / 100, index: m.index, end: m.index + m[0].length };
  }
  return null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The first calendar date in a text: ISO `2025-09-08` or `January 9, 2025` / `9 January 2025`; "2025-02-30" is none. */
export function readDate(text: string): string | null {
  for (const iso of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) {
    const date = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (date) return date;
  }
  // A range of days is dated by its first: "3–7 March 2025", "March 3–7, 2025".
  for (const range of text.matchAll(new RegExp(String.raw`\b(\d{1,2})\s*[-–—]\s*\d{1,2}\s+(${MONTHS.join('|')}),?\s+(\d{4})\b`, 'gi'))) {
    const date = isoDate(Number(range[3]), MONTHS.indexOf(range[2]!.toLowerCase()) + 1, Number(range[1]));
    if (date) return date;
  }
  for (const range of text.matchAll(new RegExp(String.raw`\b(${MONTHS.join('|')})\s+(\d{1,2})\s*[-–—]\s*\d{1,2},?\s+(\d{4})\b`, 'gi'))) {
    const date = isoDate(Number(range[3]), MONTHS.indexOf(range[1]!.toLowerCase()) + 1, Number(range[2]));
    if (date) return date;
  }
  for (const named of text.matchAll(new RegExp(String.raw`\b(${MONTHS.join('|')})\s+(\d{1,2}),?\s+(\d{4})\b`, 'gi'))) {
    const date = isoDate(Number(named[3]), MONTHS.indexOf(named[1]!.toLowerCase()) + 1, Number(named[2]));
    if (date) return date;
  }
  for (const dayFirst of text.matchAll(new RegExp(String.raw`\b(\d{1,2})\s+(${MONTHS.join('|')}),?\s+(\d{4})\b`, 'gi'))) {
    const date = isoDate(Number(dayFirst[3]), MONTHS.indexOf(dayFirst[2]!.toLowerCase()) + 1, Number(dayFirst[1]));
    if (date) return date;
  }
  return null;
}

/** `YYYY-MM-DD` of a real calendar date, or null. */
function isoDate(year: number, month: number, day: number): string | null {
  const real = new Date(Date.UTC(year, month - 1, day));
  if (real.getUTCFullYear() !== year || real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A time range "13:00-14:00" or "20:00 - 22:30", or a single time "16:00 UTC".
 * ISO dates are read past, so "2025-09-07 23:00 - 2025-09-08 01:00" is 23:00 to 01:00.
 */
export function readTimes(dated: string): { start: string; end: string | null } | null {
  const text = dated.replace(/\b\d{4}-\d{2}-\d{2}\b/g, '');
  const range = /\b(\d{1,2}):(\d{2})(?::\d{2})?\s*(?:-|–|—|to|→)\s*(\d{1,2}):(\d{2})\b/.exec(text);
  if (range && isClock(range[1]!, range[2]!) && isClock(range[3]!, range[4]!)) return { start: clock(range[1]!, range[2]!), end: clock(range[3]!, range[4]!) };
  const single = /\b(\d{1,2}):(\d{2})(?::\d{2})?\b/.exec(text);
  return single && isClock(single[1]!, single[2]!) ? { start: clock(single[1]!, single[2]!), end: null } : null;
}

/** "25:99" is no time of day. */
function isClock(hours: string, minutes: string): boolean {
  return Number(hours) < 24 && Number(minutes) < 60;
}

function clock(hours: string, minutes: string): string {
  return `${hours.padStart(2, '0')}:${minutes}`;
}

export type Coverage = { lines_covered: number; lines_total: number } | { percent: number };

/**
 * Line coverage: "(300/300 lines)", "97.33% coverage (262/269 lines)", "95% line coverage",
 * "95.52% code coverage", "coverage 94%"; a change ("10% → 85%", "coverage went from 10% to 85%")
 * is the coverage after it.
 */
export function readCoverage(text: string): Coverage | null {
  const lines = new RegExp(String.raw`(${NUM})\s*\/\s*(${NUM})\s*lines`, 'i').exec(text);
  if (lines) {
    const covered = toNumber(lines[1]!);
    const total = toNumber(lines[2]!);
    if (covered <= total) return { lines_covered: covered, lines_total: total };
  }
  if (/(method|branch|function|functionality)\s+coverage/i.test(text)) return null;
  const after = coverageAfter(text);
  if (after) return after;
  // "97.33% coverage", "95.52% code coverage", "coverage 94%", "Coverage: 88.5%".
  const percent = /(\d+(?:\.\d+)?)\s*%\+?\s*(?:line\s+|code\s+|statement\s+|test\s+)?coverage/i.exec(text) ?? /\bcoverage\s*(?:of\s+|[:=]\s*)?(\d+(?:\.\d+)?)\s*%/i.exec(text);
  if (percent) {
    const value = Number(percent[1]);
    if (value <= 100) return { percent: value };
  }
  return null;
}

/**
 * A coverage that changed, as the figure after: "10% → 85%", "10% -> 85%", and
 * with the word coverage beside it, "from 10% to near 85%". A pass rate that
 * changed ("pass rate 80% → 95%") is no coverage.
 */
function coverageAfter(text: string): { percent: number } | null {
  const arrow = /(\d+(?:\.\d+)?)\s*%\s*(?:→|->|=>)\s*(?:~|≈|near\s+)?(\d+(?:\.\d+)?)\s*%/.exec(text);
  const worded = /coverage/i.test(text) ? /(\d+(?:\.\d+)?)\s*%\s*to\s*(?:~|≈|near\s+)?(\d+(?:\.\d+)?)\s*%/i.exec(text) : null;
  const m = arrow ?? worded;
  if (!m || Number(m[2]) > 100) return null;
  if (!/coverage/i.test(text) && /pass(?:ing)?\s*rate|success/i.test(text)) return null;
  return { percent: Number(m[2]) };
}

export type Impact = 'critical' | 'high' | 'medium' | 'low';

export function readImpact(text: string): Impact | null {
  const m = /\b(CRITICAL|HIGH|MEDIUM|LOW)\b/.exec(text) ?? /\b(critical|high|medium|low)\b(?=\s*(?:[-–—:]|impact|priority|$))/i.exec(text);
  return m ? (m[1]!.toLowerCase() as Impact) : null;
}

/** Money as stated ("$75K+ MRR"), never parsed into a number. */
export function readMoney(text: string): string | null {
  const m = /\$\s?\d[\d,.]*\s?[KMB]?\+?(?:\s*(?:MRR|ARR|annual revenue|revenue))?/i.exec(text);
  return m ? m[0].trim() : null;
}

/** A path-like token that names a test file. */
export function isTestPath(text: string): boolean {
  return /\.(py|ts|tsx|js|jsx|mjs|go|rs|java|kt|rb|php|cs|swift)$/.test(text) && /(^|[/_.-])tests?([/_.-]|$)|_test\.|\.test\.|\.spec\.|_spec\.|(^|\/)test_|(^|\/)specs?\/|__tests__/i.test(text);
}

export function isPath(text: string): boolean {
  return /^[\w./<>@-]+\.[a-z]{1,5}$/i.test(text) || /^[\w.-]+\/[\w./-]+$/.test(text);
}
