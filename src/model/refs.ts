/** References to a session and a phase: what links, histories and totals point at. */

/** A reference to a session, for links and history. */
export interface SessionRef {
  id: string;
  file: string;
  title: string;
  date: string;
  number: number | null;
  /** The archive page that holds the session's section (`2024-01`, `2024-01-2`), or null for the report itself. */
  page: string | null;
}

export interface PhaseRef {
  id: string;
  name: string;
}
