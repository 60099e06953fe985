/**
 * Components of the legacy report: a blank one, its test level read from its
 * path, and where it goes (the open session, or a session made to group the
 * loose components of a section).
 */
import { readDate, readTimes } from '../figures.js';
import { sessionInfo, type Context, type Level } from './context.js';
import { sessionTitle, significantWords } from './text.js';
import type { LegacyComponent, LegacySession } from './types.js';

export function levelFromPath(path: string | null): Level {
  if (!path) return null;
  if (/(^|\/)e2e(\/|_|$)|_e2e\.|end_to_end/i.test(path)) return 'e2e';
  if (/(^|\/)integration(\/|$)|_integration[._]/i.test(path)) return 'integration';
  if (/(^|\/)unit(\/|$)|_unit[._]/i.test(path)) return 'unit';
  return null;
}

export function newComponent(line: number, name: string): LegacyComponent {
  return {
    line,
    name,
    test_file: null,
    source: null,
    level: null,
    tests: null,
    score: null,
    coverage: null,
    impact: null,
    revenue: null,
    value: null,
    segments: [],
    goal: null,
    categories: [],
    features: [],
    notes: [],
    replaced: false,
  };
}

/** Attach a component to the open session, or to a session grouping the loose components of its section. */
export function attach(ctx: Context, component: LegacyComponent): void {
  if (ctx.session) {
    ctx.report.sessions[ctx.session.index]!.components.push(component);
    return;
  }
  const container = [...ctx.stack].reverse().find((heading) => heading.depth < 99) ?? { depth: 0, text: ctx.report.title, line: component.line };
  let index = ctx.grouped.get(container.line);
  if (index === undefined) {
    index = matchingSession(ctx, container.text) ?? -1;
    if (index === -1) {
      const date = readDate(container.text) ?? ctx.lastDate ?? ctx.report.started;
      const session: LegacySession = {
        line: container.line,
        number: null,
        date,
        start: readTimes(container.text)?.start ?? null,
        end: null,
        title: sessionTitle(container.text),
        named: false,
        dateInferred: !readDate(container.text),
        phase: ctx.phase?.id ?? null,
        components: [],
        next_steps: [],
        notes: [
          `Grouped by the importer: the legacy report lists these components under "${container.text}" (line ${container.line}) without naming a session.`,
          ...(date ? [`Date inferred (${date}) from the text before it.`] : []),
        ],
      };
      ctx.report.sessions.push(session);
      sessionInfo(ctx, session);
      index = ctx.report.sessions.length - 1;
    }
    ctx.grouped.set(container.line, index);
  }
  ctx.report.sessions[index]!.components.push(component);
}

/** "WEBSOCKET & AUTH SESSION ACHIEVEMENTS" belongs to the earlier "WebSocket & Auth … Session (date)" that has no components yet. */
function matchingSession(ctx: Context, text: string): number | null {
  if (!/\bsession\b/i.test(text)) return null;
  const words = significantWords(text);
  for (let i = ctx.report.sessions.length - 1; i >= 0; i--) {
    const session = ctx.report.sessions[i]!;
    if (session.components.length > 0 || !session.named) continue;
    const shared = significantWords(session.title).filter((word) => words.includes(word));
    if (shared.length >= 2) return i;
  }
  return null;
}

