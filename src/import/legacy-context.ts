/**
 * The state of the legacy read while it walks the document: the report so
 * far and the session, phase, component and test level whose headings are
 * open. Every part of the read takes it and adds to `report`.
 */
import type { LegacyComponent, LegacyReport } from './legacy-types.js';

export type Level = LegacyComponent['level'];

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
}
