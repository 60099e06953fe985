/**
 * Which page holds each session's section. The report shows the most recent
 * sessions in full; older ones go to archive pages by month, a month with
 * many sessions split into parts, so that no generated file grows too large
 * for GitHub to show. Totals never depend on what is shown where.
 */
import { pageName } from '../model/page-id.js';
import type { ComponentView } from '../model/components.js';
import type { ArchivePage, ComponentPage } from '../model/mission-model.js';
import type { SessionInput } from '../model/records.js';

/** Sessions shown in full in the report itself, unless the mission says otherwise. */
export const DEFAULT_RECENT_SESSIONS = 50;
/** At most this many sessions on one archive page. */
const SESSIONS_PER_PAGE = 200;

export function assignPages(sessions: readonly SessionInput[], recent: number): { pageOf: Map<string, string | null>; archives: ArchivePage[] } {
  const pageOf = new Map<string, string | null>();
  const older = sessions.slice(0, Math.max(0, sessions.length - recent));
  for (const session of sessions.slice(older.length)) pageOf.set(session.id, null);
  const byMonth = new Map<string, SessionInput[]>();
  for (const session of older) {
    const month = session.record.date.slice(0, 7);
    const list = byMonth.get(month);
    if (list) list.push(session);
    else byMonth.set(month, [session]);
  }
  const archives: ArchivePage[] = [];
  for (const [month, list] of byMonth) {
    const parts = Math.ceil(list.length / SESSIONS_PER_PAGE);
    for (let part = 0; part < parts; part++) {
      const chunk = list.slice(part * SESSIONS_PER_PAGE, (part + 1) * SESSIONS_PER_PAGE);
      const id = pageName({ kind: 'sessions', month, part: part + 1 });
      for (const session of chunk) pageOf.set(session.id, id);
      archives.push({
        id,
        title: parts === 1 ? month : `${month} (part ${part + 1} of ${parts})`,
        first: chunk[0]!.record.date,
        last: chunk.at(-1)!.record.date,
        sessions: chunk.length,
      });
    }
  }
  return { pageOf, archives };
}

/** A phase lists at most this many components in the report; all of them go to component pages. */
export const COMPONENTS_IN_REPORT = 100;
/** At most this many components on one component page. */
export const COMPONENTS_PER_PAGE = 500;

/**
 * The components a phase shows in the report, and its component pages when it
 * has too many: the most recently reported ones are shown, all are paged.
 */
export function componentPages(phaseId: string | null, phaseName: string, components: readonly ComponentView[]): { shown: ComponentView[]; pages: ComponentPage[] } {
  if (components.length <= COMPONENTS_IN_REPORT) return { shown: [...components], pages: [] };
  const latest = [...components].sort((a, b) => (a.session.date < b.session.date ? 1 : a.session.date > b.session.date ? -1 : 0)).slice(0, COMPONENTS_IN_REPORT);
  const keep = new Set(latest.map((c) => c.key));
  const parts = Math.ceil(components.length / COMPONENTS_PER_PAGE);
  const pages = Array.from({ length: parts }, (_, part) => ({
    id: pageName({ kind: 'components', phase: phaseId, part: part + 1 }),
    title: parts === 1 ? phaseName : `${phaseName} (part ${part + 1} of ${parts})`,
    components: Math.min(COMPONENTS_PER_PAGE, components.length - part * COMPONENTS_PER_PAGE),
  }));
  return { shown: components.filter((c) => keep.has(c.key)), pages };
}
