/**
 * One logical line of text: the stated figures in it, the report's start
 * date and objective, a field of the open component, or else a note of the
 * open session.
 */
import { readCounts, readDate, readScore, toNumber } from '../figures.js';
import { openSession, sessionInfo, type Context } from './context.js';
import { addRate, applyField, labelOf, readCategory, readNeverRun, readProseFigures, type Field } from './fields.js';
import { boldName, readSessionLine, readTestLines } from './session-lines.js';
import type { LegacyComponent } from './types.js';
import { codesIn, truncate } from './text.js';
import { RUNNING_TOTAL, scopeOf, statedTotals } from './totals.js';
import { cleanText, type LogicalLine, type Section } from '../markdown.js';

export function readLine(ctx: Context, line: LogicalLine, section: Section): void {
  const text = cleanText(line.text);
  if (!text) return;
  const before = ctx.mapped;
  ctx.mapped = false;
  const field = labelOf(line);
  const open = openSession(ctx);
  if (open) sessionInfo(ctx, open).lines.push({ line: line.line, text, bold: boldName(line) });
  readLineFields(ctx, line, section, text, field);
  if (readSessionLine(ctx, line, text, field, section)) ctx.mapped = true;
  // Text of a named session that maps to no field is kept as a session note.
  if (!ctx.mapped && ctx.session && !ctx.component) {
    const session = ctx.report.sessions[ctx.session.index]!;
    if (session.notes.length < MAX_SESSION_NOTES) session.notes.push(truncate(text, 300));
    else if (session.notes.length === MAX_SESSION_NOTES) session.notes.push(`More text follows in the legacy report (from line ${line.line}).`);
    ctx.mapped = true;
  }
  ctx.mapped ||= before;
}

const MAX_SESSION_NOTES = 40;

function readLineFields(ctx: Context, line: LogicalLine, section: Section, text: string, field: Field | null): void {
  // A running total ("Total so far: 95 tests, 70 passing") sums the work up to here: it is never one component's figure.
  const running = readStatedFigures(ctx, line.line, text) > 0 && RUNNING_TOTAL.test(text);
  if (field && !ctx.component && /^(started|mission start|start date|date)$/i.test(field.label) && !ctx.report.started) {
    ctx.report.started = readDate(field.value);
    if (ctx.report.started) ctx.mapped = true;
  }
  if (field && !ctx.component && /^(mission|objective|goal)$/i.test(field.label) && !ctx.report.objective) {
    ctx.report.objective = cleanText(field.value);
    ctx.mapped = true;
  }
  // The mission's own target ("**Target**: 100% coverage of …"), kept as stated: a session's goal stays with the session.
  if (field && !ctx.component && !ctx.session && /^targets?$/i.test(field.label)) {
    ctx.report.notes.push(`Target stated by the legacy report (line ${line.line}): ${truncate(cleanText(field.value), 300)}`);
    ctx.mapped = true;
  }
  if (!ctx.report.objective && /objective|mission\b/i.test(section.heading?.text ?? '') && !field && !ctx.component) {
    ctx.report.objective = text;
    ctx.mapped = true;
  }
  if (ctx.component && !running) {
    const component = ctx.component.value;
    if (field) applyField(ctx, component, field.label, field.value, field.codes, line.line);
    else readCategory(component, text) || readProseFigures(ctx, component, line.line, text, codesIn(line.nodes)) || component.features.push(text);
    keepFigures(component, text);
    // "Reviewed on 5 June 2025 by Priya": a date in the component's prose dates it, where no field does.
    if (!field && !component.dated) {
      const date = readDate(text);
      if (date) component.dated = { date, start: null, end: null, line: line.line, field: false };
    }
    ctx.mapped = true;
  }
}


/**
 * Figures a component's section states in prose, which no field holds:
 * "Audited quality score 7.5/10", "(1,325 lines of test code)". What is already stated stays.
 */
function keepFigures(component: LegacyComponent, text: string): void {
  component.score ??= readScore(text);
  component.lines_of_test_code ??= readTestLines(text);
}

/** Cumulative totals, pass rates, never-run claims, a baseline: figures the audit checks. Returns how many totals the line states. */
function readStatedFigures(ctx: Context, line: number, text: string): number {
  const report = ctx.report;
  const session = ctx.session?.index ?? null;
  const totals = statedTotals(text);
  for (const total of totals) {
    report.totals.push({ line, session, scope: scopeOf(ctx, text), text: truncate(text, 160), ...total });
    ctx.mapped = true;
  }
  const counts = readCounts(text);
  if (counts?.ratio && counts.statedRate !== null) {
    addRate(report, { line, rate: counts.statedRate, passing: counts.passing, total: counts.total });
    ctx.mapped = true;
  }
  if (readNeverRun(report, line, text)) ctx.mapped = true;
  const baseline = /coverage[^(]*\(\s*(\d[\d,]*)\s*\/\s*(\d[\d,]*)\s*lines\s*\)/i.exec(text);
  // A component's "Initial Coverage: 41% (205/500 lines)" is that component's, not the code base's.
  if (baseline && !report.baseline && !ctx.component && /histor|baseline|initial|starting/i.test(text)) {
    report.baseline = { lines_covered: toNumber(baseline[1]!), lines_total: toNumber(baseline[2]!), line };
    ctx.mapped = true;
  }
  return totals.length;
}
