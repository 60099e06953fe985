/**
 * The state of the legacy read while it walks the document: the report so
 * far and the session, phase, component and test level whose headings are
 * open. Every part of the read takes it and adds to `report`.
 */
import type { LegacyComponent, LegacyReport, LegacySession } from './types.js';

export type Level = LegacyComponent['level'];

/** What the read knows of a session beyond the record: where it is and what its text says. */
export interface SessionInfo {
  /** The line of the top-level heading it is under: a report appended to another starts a new part. */
  part: number;
  /** True when the session opened on a bold line ("**PHASE 2 (NEW SESSION 2025-09-07 17:00 UTC):**"), not a heading. */
  fromLine: boolean;
  /** True when its heading is only a date and its text gives no title: it is titled after its components. */
  untitled?: boolean;
  /** Its lines of text, with the bold name a line opens with, for the names its components are given. */
  lines: { line: number; text: string; bold: string | null }[];
}

/** A file a plan or status list names outside any session ("**agent_websocket_bridge.py** - COMPLETED"). */
export interface Mention {
  line: number;
  file: string;
  text: string;
  heading: string;
  headingLine: number;
  phase: string | null;
}

export interface Context {
  report: LegacyReport;
  /** The session headings open, with the depth of their heading. */
  session: { index: number; depth: number } | null;
  phase: { id: string; depth: number } | null;
  component: { value: LegacyComponent; depth: number } | null;
  level: { value: Level; depth: number } | null;
  /** Open headings, outermost first. */
  stack: { depth: number; text: string; line: number }[];
  /** Sessions made for loose components, by the line of the heading that holds them. */
  grouped: Map<number, number>;
  /** The last date seen in the document so far, for sessions that state none. */
  lastDate: string | null;
  mapped: boolean;
  /** The line of the top-level heading the read is under. */
  part: number;
  sessions: Map<LegacySession, SessionInfo>;
  /** A component a session describes in prose ("File Created: `…`", then "50 test methods"): the lines after it give its figures. */
  prose: { session: LegacySession; component: LegacyComponent } | null;
  /** "All tests passing" in a session, applied to its components once the whole report is read. */
  passClaims: { session: LegacySession; line: number; text: string }[];
  mentions: Mention[];
  /** Set by a "Next steps:" label in a session: the lines after it in the section are next steps. */
  nextSteps: boolean;
}

export function sessionInfo(ctx: Context, session: LegacySession): SessionInfo {
  let info = ctx.sessions.get(session);
  if (!info) {
    info = { part: ctx.part, fromLine: false, lines: [] };
    ctx.sessions.set(session, info);
  }
  return info;
}

export function openSession(ctx: Context): LegacySession | null {
  return ctx.session ? ctx.report.sessions[ctx.session.index]! : null;
}
