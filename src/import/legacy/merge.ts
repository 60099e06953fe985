/**
 * After the whole report is read: sessions as the author lived them.
 *
 * - A claim that a session's tests all pass gives its counts with no result a result.
 * - A component named only by its test file takes the name the session's text gives it.
 * - Components the importer grouped under a heading that is no session join the
 *   session that describes the same work ("Phase 1: P0 revenue-blocking components"
 *   and "Session: 2025-09-07 11:20 - 12:00 - P0 unit test creation mission").
 * - A status list, summary or plan that only restates components reported in
 *   sessions is no session: what it adds goes to those components.
 * - Files a plan names outside any session go to the components that test them,
 *   or to the mission's notes.
 */
import { outcomesOf } from '../../aggregate/outcomes.js';
import { readCoverage } from '../figures.js';
import type { Context, Mention } from './context.js';
import { NO_RESULT_NOTE } from './fields.js';
import { baseName, normalizeName, significantWords, truncate } from './text.js';
import type { LegacyComponent, LegacyReport, LegacySession } from './types.js';

export function finishSessions(ctx: Context): void {
  applyPassClaims(ctx);
  for (const session of ctx.report.sessions) {
    prefixFolders(ctx, session);
    nameComponents(ctx, session);
    titleAfterComponents(ctx, session);
  }
  if (ctx.report.sessions.some((session) => session.named)) {
    joinTwins(ctx);
    foldRestatements(ctx.report);
  }
  applyMentions(ctx);
  joinByName(ctx.report);
}

/**
 * A component reported without its test file ("### StockLedger … 24/24
 * passing now") is the component of that name reported with one, when the
 * report names exactly one such file: it takes that file, so that it is one
 * component with a history, not two.
 */
function joinByName(report: LegacyReport): void {
  const files = new Map<string, Set<string>>();
  const components = report.sessions.flatMap((session) => session.components);
  for (const component of components) {
    if (!component.test_file) continue;
    const name = normalizeName(component.name);
    files.set(name, (files.get(name) ?? new Set()).add(component.test_file));
  }
  for (const component of components) {
    if (component.test_file) continue;
    const known = files.get(normalizeName(component.name));
    if (known?.size !== 1) continue;
    component.test_file = [...known][0]!;
    component.notes.push(`Test file ${component.test_file}: the one the report gives for "${component.name}" elsewhere.`);
  }
}

/** The tests of a component that states a count and no result. */
function noResult(component: LegacyComponent): boolean {
  return component.tests !== null && outcomesOf(component.tests).no_result === component.tests.total;
}

function failed(component: LegacyComponent): boolean {
  return component.tests !== null && outcomesOf(component.tests).failed > 0;
}

/**
 * "All tests passing" (line 350), "Achieved 100% pass rates for both" (line
 * 1541): the session's counts with no result passed. Not where the session
 * lists a failure (the audit flags that claim), and "all 42 tests" only where
 * 42 is what those counts add up to.
 */
function applyPassClaims(ctx: Context): void {
  for (const claim of ctx.passClaims) {
    const { session } = claim;
    const open = session.components.filter(noResult);
    if (open.length === 0 || session.components.some(failed)) continue;
    if (/\bboth\b/i.test(claim.text) && session.components.length !== 2) continue;
    const stated = /\ball\s+(\d[\d,]*)\+?\s+tests?\b/i.exec(claim.text);
    const total = open.reduce((n, c) => n + c.tests!.total, 0);
    const named = stated ? Number(stated[1]!.replace(/,/g, '')) : null;
    const scope = named === null || named === total ? open : open.filter((c) => c.tests!.total === named).slice(0, 1);
    for (const component of scope) {
      component.tests = { total: component.tests!.total, passing: component.tests!.total };
      component.notes = component.notes.filter((note) => !note.startsWith(NO_RESULT_NOTE));
      component.notes.push(`Passing as the legacy report states at line ${claim.line}: "${truncate(claim.text, 120)}".`);
    }
  }
}

/**
 * A session whose heading is only a date and whose text opens with a
 * component's report ("### 2025-05-06" then "- Added **CartService** tests …:
 * 18/20 passing") is titled after the components it reports, in its log too.
 */
function titleAfterComponents(ctx: Context, session: LegacySession): void {
  if (!ctx.sessions.get(session)?.untitled || session.components.length === 0) return;
  const title = truncate([...new Set(session.components.map((component) => component.name))].join(', '), 100);
  for (const entry of session.log ?? []) if (entry.text === session.title) entry.text = title;
  session.title = title;
}

/**
 * "Test Files Created (auth_service/tests/unit/):" then "`test_auth_service_core_comprehensive.py`":
 * the files listed after it are in that folder.
 */
function prefixFolders(ctx: Context, session: LegacySession): void {
  const folders = (ctx.sessions.get(session)?.lines ?? []).flatMap((line) => {
    const m = /\(\s*([\w.-]+(?:\/[\w.-]+)*\/)\s*\)\s*:?\s*$/.exec(line.text);
    return m ? [{ line: line.line, folder: m[1]! }] : [];
  });
  for (const component of session.components) {
    const folder = folders.findLast((f) => f.line < component.line)?.folder;
    const file = component.test_file;
    if (!folder || !file || file.startsWith(folder) || file.startsWith(folder.split('/')[0]! + '/')) continue;
    component.test_file = `${folder}${file}`;
  }
}

/** Words of a test file that name no code: "test_auth_service_core_comprehensive.py" → "authservice". */
const GENERIC = new Set(['test', 'tests', 'comprehensive', 'unit', 'focused', 'enhanced', 'proper', 'fixed', 'complete', 'core', 'ssot', 'suite', 'spec', 'integration', 'e2e', 'py', 'ts', 'tsx', 'js']);

function stemOf(file: string): string {
  return baseName(file)
    .replace(/\.[a-z]+$/i, '')
    .split(/[_.\-\s]+/)
    .filter((word) => word && !GENERIC.has(word.toLowerCase()))
    .join('')
    .toLowerCase();
}

const IDENTIFIER = /\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b|\b[A-Z]{2,}[a-z]*(?:[A-Z][a-z0-9]+)+\b/g;
const IS_IDENTIFIER = new RegExp(IDENTIFIER.source);

function unnamed(component: LegacyComponent): boolean {
  return component.test_file !== null && component.name === baseName(component.test_file);
}

/**
 * A component the session names only by its file gets the name its text
 * gives: the identifier that spells the file ("AuthService" for
 * `test_auth_service_core_comprehensive.py`), else the bold name that shares
 * most words with it ("AuthUserRepository/…" for `test_database_repository_…`).
 */
function nameComponents(ctx: Context, session: LegacySession): void {
  const lines = ctx.sessions.get(session)?.lines ?? [];
  const identifiers = [...new Set(lines.flatMap((line) => line.text.match(IDENTIFIER) ?? []))];
  const taken = new Set(session.components.filter((c) => !unnamed(c)).map((c) => c.name));
  for (const component of session.components.filter(unnamed)) {
    const stem = stemOf(component.test_file!);
    const spelled = identifiers
      .filter((id) => !taken.has(id) && stem.includes(id.toLowerCase()) && id.length >= 0.6 * stem.length)
      .sort((a, b) => b.length - a.length)[0];
    if (spelled) {
      component.name = spelled;
      taken.add(spelled);
    }
  }
  const bolds = [...new Set(lines.map((line) => line.bold).filter((bold): bold is string => bold !== null))];
  for (const component of session.components.filter(unnamed)) {
    const words = wordsOf(stemWords(component.test_file!));
    const best = bolds
      .filter((bold) => !taken.has(bold))
      .map((bold) => ({ bold, score: wordsOf(bold).filter((word) => words.includes(word)).length * 10 + (IS_IDENTIFIER.test(bold) ? 5 : 0) }))
      .filter((candidate) => candidate.score >= 10)
      .sort((a, b) => b.score - a.score)[0];
    if (best) {
      component.name = best.bold;
      taken.add(best.bold);
    }
  }
}

function stemWords(file: string): string {
  return baseName(file).replace(/\.[a-z]+$/i, '').replace(/_/g, ' ');
}

/** Lower-case words of a name, camel case split: "AuthUserRepository" → auth, user, repository. */
function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 2 && !GENERIC.has(word));
}

/**
 * A group of components under a heading that is no session joins the session
 * of the same part of the report whose title and first lines share at least
 * two words with that heading, and that has no components of its own or
 * reports some of the same: the same work, described twice (a component in
 * both places becomes one, with the figures of both: `../to-records.ts`).
 */
function joinTwins(ctx: Context): void {
  const report = ctx.report;
  for (const group of report.sessions.filter((session) => !session.named && session.components.length > 0)) {
    const words = significantWords(group.title);
    const part = ctx.sessions.get(group)?.part;
    const candidates = report.sessions
      .filter((s) => s.named && ctx.sessions.get(s)?.part === part && (s.components.length === 0 || sharesComponent(s, group)))
      .map((s) => {
        const text = [s.title, ...(ctx.sessions.get(s)?.lines.slice(0, 2).map((line) => line.text) ?? [])].join(' ');
        const own = significantWords(text);
        return { session: s, shared: new Set(words.filter((word) => own.includes(word))).size, distance: Math.abs(s.line - group.line) };
      })
      .filter((c) => c.shared >= 2)
      .sort((a, b) => b.shared - a.shared || a.distance - b.distance);
    const twin = candidates[0]?.session;
    if (!twin) continue;
    twin.components.push(...group.components);
    twin.phase ??= group.phase;
    twin.notes.push(`Its components are written up under "${group.title}" (legacy line ${group.line}): the same work, imported as one session.`);
    removeSession(report, group, twin);
  }
}

function sharesComponent(a: LegacySession, b: LegacySession): boolean {
  return a.components.some((x) => b.components.some((y) => sameComponent(x, y)));
}

/** Two reports of one component: by test file, or by file name where one of them gives no folder. */
function sameComponent(a: LegacyComponent, b: LegacyComponent): boolean {
  if (!a.test_file || !b.test_file) return false;
  if (a.test_file === b.test_file) return true;
  return (!a.test_file.includes('/') || !b.test_file.includes('/')) && baseName(a.test_file) === baseName(b.test_file);
}

/** Counts that do not contradict each other: the same total, and the same outcome wherever both state it. */
function sameTests(a: LegacyComponent['tests'], b: LegacyComponent['tests']): boolean {
  if (!a || !b) return true;
  const agree = (key: 'passing' | 'failing' | 'not_run') => a[key] === undefined || b[key] === undefined || a[key] === b[key];
  return a.total === b.total && agree('passing') && agree('failing') && agree('not_run');
}

/**
 * A group whose every component repeats, with the same counts, one that another
 * session reports is a status list ("Phase 1 (P0 - IMMEDIATE)", "Files
 * Completed"): no session. Each of its components adds what it states to the
 * one it repeats, and its phase assignment.
 */
function foldRestatements(report: LegacyReport): void {
  for (const group of report.sessions.filter((session) => !session.named && session.components.length > 0)) {
    const others = report.sessions.filter((session) => session !== group).flatMap((session) => session.components);
    const targets = group.components.map((component) => others.find((other) => sameComponent(component, other) && sameTests(component.tests, other.tests)));
    if (targets.some((target) => target === undefined)) continue;
    group.components.forEach((component, i) => {
      addFigures(targets[i]!, component, group);
      (report.restated ??= []).push({ component, into: targets[i]!.line, list: group.line });
    });
    removeSession(report, group, null);
  }
}

/** What a restatement adds: every figure the component's report does not state. */
function addFigures(target: LegacyComponent, from: LegacyComponent, list: LegacySession): void {
  target.source ??= from.source;
  target.score ??= from.score;
  target.coverage ??= from.coverage;
  target.impact ??= from.impact;
  target.revenue ??= from.revenue;
  target.value ??= from.value;
  target.goal ??= from.goal;
  target.level ??= from.level;
  target.tests ??= from.tests;
  target.lines_of_test_code ??= from.lines_of_test_code ?? null;
  if (target.segments.length === 0) target.segments = [...from.segments];
  if (target.categories.length === 0) target.categories = [...from.categories];
  target.phase ??= list.phase ?? null;
  if (from.score !== null && from.score !== target.score) target.notes.push(`Scored ${from.score}/10 under "${list.title}" (legacy line ${from.line}).`);
  target.notes.push(`Also listed under "${list.title}" (legacy line ${from.line})${from.test_file && from.test_file !== target.test_file ? ` as ${from.test_file}` : ''}.`);
  for (const note of from.notes.filter((note) => /^(status|risk|test creation)\b/i.test(note))) target.notes.push(`${note} (legacy line ${from.line})`);
}

/** Remove a session; the totals stated in it go to the one that took its components, or to none. */
function removeSession(report: LegacyReport, session: LegacySession, into: LegacySession | null): void {
  const before = [...report.sessions];
  report.sessions = report.sessions.filter((s) => s !== session);
  for (const total of report.totals) {
    if (total.session === null) continue;
    const owner = before[total.session]!;
    const now = owner === session ? into : owner;
    total.session = now ? report.sessions.indexOf(now) : null;
  }
}

/**
 * A file a plan or status list names ("**agent_instance_factory.py** (524 lines
 * - 10% → 85%)") adds its phase, its coverage and what it says to the
 * components that test it; the files no component tests go to the mission's notes.
 */
function applyMentions(ctx: Context): void {
  const components = ctx.report.sessions.flatMap((session) => session.components);
  const unmatched = new Map<number, Mention[]>();
  for (const mention of ctx.mentions) {
    const stem = stemOf(mention.file);
    const matches = components.filter((c) => (c.source !== null && baseName(c.source) === mention.file) || (c.test_file !== null && stemOf(c.test_file) === stem));
    if (matches.length === 0) unmatched.set(mention.headingLine, [...(unmatched.get(mention.headingLine) ?? []), mention]);
    for (const component of matches) {
      component.phase ??= mention.phase;
      component.source ??= mention.file;
      component.coverage ??= readCoverage(mention.text);
      if (unnamed(component)) component.name = mention.file;
      component.notes.push(`Listed under "${mention.heading}" (legacy line ${mention.line}): ${truncate(mention.text, 200)}`);
    }
  }
  for (const mentions of unmatched.values()) {
    const items = mentions.map((m) => `${truncate(m.text, 160)} (line ${m.line})`).join('; ');
    ctx.report.notes.push(`"${mentions[0]!.heading}" (legacy line ${mentions[0]!.headingLine}) lists files no component of the report tests: ${items}`);
  }
}
