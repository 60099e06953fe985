/**
 * One logical line of text: the stated figures in it, the report's start
 * date and objective, a field of the open component, or else a note of the
 * open session.
 */
import { readCounts, readDate, readRate, toNumber } from './figures.js';
import type { Context } from './legacy-context.js';
import { addRate, applyField, labelOf, readCategory, readNeverRun } from './legacy-fields.js';
import { truncate } from './legacy-text.js';
import { scopeOf, statedTotals } from './legacy-totals.js';
import { cleanText, type LogicalLine, type Section } from './markdown.js';

export function readLine(ctx: Context, line: LogicalLine, section: Section): void {
  const text = cleanText(line.text);
  if (!text) return;
  const before = ctx.mapped;
  ctx.mapped = false;
  readLineFields(ctx, line, section, text);
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

function readLineFields(ctx: Context, line: LogicalLine, section: Section, text: string): void {
  readStatedFigures(ctx, line.line, text);
  const field = labelOf(line);
  if (field && !ctx.component && /^(started|mission start|start date|date)$/i.test(field.label) && !ctx.report.started) {
    ctx.report.started = readDate(field.value);
    if (ctx.report.started) ctx.mapped = true;
  }
  if (field && !ctx.component && /^(mission|objective|goal)$/i.test(field.label) && !ctx.report.objective) {
    ctx.report.objective = cleanText(field.value);
    ctx.mapped = true;
  }
  if (!ctx.report.objective && /objective|mission\b/i.test(section.heading?.text ?? '') && !field && !ctx.component) {
    ctx.report.objective = text;
    ctx.mapped = true;
  }
  if (ctx.component) {
    if (field) applyField(ctx, ctx.component.value, field.label, field.value, field.codes, line.line);
    else readCategory(ctx.component.value, text) || ctx.component.value.features.push(text);
    ctx.mapped = true;
  }
}

/** Cumulative totals, pass rates, never-run claims, a baseline: figures the audit checks. */
function readStatedFigures(ctx: Context, line: number, text: string): void {
  const report = ctx.report;
  const session = ctx.session?.index ?? null;
  for (const total of statedTotals(text)) {
    report.totals.push({ line, session, scope: scopeOf(ctx, text), text: truncate(text, 160), ...total });
    ctx.mapped = true;
  }
  const counts = readCounts(text);
  const rate = readRate(text);
  if (counts?.ratio && rate !== null) {
    addRate(report, { line, rate, passing: counts.passing, total: counts.total });
    ctx.mapped = true;
  }
  if (readNeverRun(report, line, text)) ctx.mapped = true;
  const baseline = /coverage[^(]*\(\s*(\d[\d,]*)\s*\/\s*(\d[\d,]*)\s*lines\s*\)/i.exec(text);
  if (baseline && !report.baseline && /histor|baseline|initial|starting/i.test(text)) {
    report.baseline = { lines_covered: toNumber(baseline[1]!), lines_total: toNumber(baseline[2]!), line };
    ctx.mapped = true;
  }
}
