/**
 * Figures read from legacy text: test counts, scores, dates, coverage,
 * percentages. Each reader takes one short piece of text (a heading, a field
 * value, a table cell) and returns what it states, or null.
 */

const NUM = String.raw`\d{1,3}(?:,\d{3})+|\d+`;

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

const PASS_WORDS = String.raw`(?:passing|passed|pass(?:es)?|green|succeeded|successful|ok)`;
const NOT_RUN_WORDS = String.raw`(?:created|collected|written|discovered|defined|implemented|added)`;

/** Test counts in a piece of text, or null. */
export function readCounts(text: string): Counts | null {
  const t = text.replace(/\*\*/g, '');
  const rate = readRate(t);
  let m = new RegExp(String.raw`(${NUM})\s*(?:\/|of|out of)\s*(${NUM})\s*(?:tests?\s*|test methods\s*)?${PASS_WORDS}`, 'i').exec(t);
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
  m = new RegExp(String.raw`(${NUM})\s*\/\s*(${NUM})\s*(?:tests?|test methods)?\s*${NOT_RUN_WORDS}`, 'i').exec(t);
  if (m) {
    const total = toNumber(m[2]!);
    return { total, passing: 0, skipped: total, atLeast: false, notRun: true, noResult: false, statedRate: rate, ratio: false };
  }
  m = new RegExp(String.raw`(${NUM})(\+?)\s*(?:comprehensive\s+|new\s+)?(?:tests?|test methods|test cases)\s*,?\s*(?:all\s+|(\d+(?:\.\d+)?)%\s+|(${NUM})\s+)?${PASS_WORDS}`, 'i').exec(t);
  if (m) {
    const n = toNumber(m[1]!);
    // "71 tests, 87% passing": the count of passing tests is derived from the percentage.
    const passing = m[4] !== undefined ? Math.min(n, toNumber(m[4])) : m[3] === undefined ? n : Math.round((n * Number(m[3])) / 100);
    if (m[4] !== undefined) {
      return { total: n, passing, ...(passing < n ? { failing: n - passing } : {}), atLeast: m[2] === '+', notRun: false, noResult: false, statedRate: rate, ratio: true };
    }
    return { total: n, passing, ...(passing < n ? { failing: n - passing } : {}), atLeast: m[2] === '+', notRun: false, noResult: false, statedRate: rate, ratio: false, ...(m[3] === undefined ? {} : { derived: true }) };
  }
  m = new RegExp(String.raw`(${NUM})(\+?)\s*(?:comprehensive\s+|new\s+)?(?:tests?|test methods|test cases)\b(?:\s*${NOT_RUN_WORDS})?`, 'i').exec(t);
  if (m) {
    const total = toNumber(m[1]!);
    const notRun = new RegExp(NOT_RUN_WORDS, 'i').test(m[0]);
    return { total, passing: 0, skipped: total, atLeast: m[2] === '+', notRun, noResult: !notRun, statedRate: rate, ratio: false };
  }
  return null;
}

function readFailing(text: string): number | null {
  const m = new RegExp(String.raw`(${NUM})\s*(?:tests?\s*)?(?:failing|failed|failures?)`, 'i').exec(text);
  return m ? toNumber(m[1]!) : null;
}

/** A percentage stated as a pass or success rate: "96% success rate", "95% pass rate". */
export function readRate(text: string): number | null {
  const m = /(\d+(?:\.\d+)?)\s*%\s*(?:success|pass(?:ing)?)(?:\s*rate)?/i.exec(text) ?? /(?:pass|success)\s*rate[^\d]{0,12}(\d+(?:\.\d+)?)\s*%/i.exec(text);
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

/** The first calendar date in a text: ISO `2025-09-08` or `January 9, 2025` / `9 January 2025`. */
export function readDate(text: string): string | null {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const named = new RegExp(String.raw`\b(${MONTHS.join('|')})\s+(\d{1,2}),?\s+(\d{4})\b`, 'i').exec(text);
  if (named) return isoDate(Number(named[3]), MONTHS.indexOf(named[1]!.toLowerCase()) + 1, Number(named[2]));
  const dayFirst = new RegExp(String.raw`\b(\d{1,2})\s+(${MONTHS.join('|')}),?\s+(\d{4})\b`, 'i').exec(text);
  if (dayFirst) return isoDate(Number(dayFirst[3]), MONTHS.indexOf(dayFirst[2]!.toLowerCase()) + 1, Number(dayFirst[1]));
  return null;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A time range "13:00-14:00" or "20:00 - 22:30", or a single time "16:00 UTC". */
export function readTimes(text: string): { start: string; end: string | null } | null {
  const range = /\b(\d{1,2}):(\d{2})(?::\d{2})?\s*(?:-|–|—|to|→)\s*(\d{1,2}):(\d{2})\b/.exec(text);
  if (range) return { start: clock(range[1]!, range[2]!), end: clock(range[3]!, range[4]!) };
  const single = /\b(\d{1,2}):(\d{2})(?::\d{2})?\b/.exec(text);
  return single ? { start: clock(single[1]!, single[2]!), end: null } : null;
}

function clock(hours: string, minutes: string): string {
  return `${hours.padStart(2, '0')}:${minutes}`;
}

export type Coverage = { lines_covered: number; lines_total: number } | { percent: number };

/** Line coverage: "(300/300 lines)", "97.33% coverage (262/269 lines)", "95% line coverage", "coverage 94%". */
export function readCoverage(text: string): Coverage | null {
  const lines = new RegExp(String.raw`(${NUM})\s*\/\s*(${NUM})\s*lines`, 'i').exec(text);
  if (lines) {
    const covered = toNumber(lines[1]!);
    const total = toNumber(lines[2]!);
    if (covered <= total) return { lines_covered: covered, lines_total: total };
  }
  // "97.33% coverage", "coverage 94%", "Coverage: 88.5%".
  const percent = /(\d+(?:\.\d+)?)\s*%\+?\s*(?:line\s+)?coverage/i.exec(text) ?? /\bcoverage\s*(?:of\s+|[:=]\s*)?(\d+(?:\.\d+)?)\s*%/i.exec(text);
  if (percent && !/(method|branch|function|functionality)\s+coverage/i.test(text)) {
    const value = Number(percent[1]);
    if (value <= 100) return { percent: value };
  }
  return null;
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
  return /\.(py|ts|tsx|js|jsx|mjs|go|rs|java|kt|rb|php|cs|swift)$/.test(text) && /(^|[/_.-])tests?([/_.-]|$)|_test\.|\.test\.|\.spec\.|(^|\/)test_/i.test(text);
}

export function isPath(text: string): boolean {
  return /^[\w./<>@-]+\.[a-z]{1,5}$/i.test(text) || /^[\w.-]+\/[\w./-]+$/.test(text);
}
