/**
 * The addresses of the links Tally makes: to a session's section, to another
 * page of the mission, to a record file. Each is built from where the page
 * being rendered is written, never taken from a record.
 */
import path from 'node:path';
import { pageFile, REPORT_PAGE, type PageId } from '../model/page-id.js';
import { slug } from '../text/format.js';

/** Where the page being rendered is written, for links to record files and to other pages. */
export interface ReportLocation {
  /** The working folder (absolute). */
  cwd: string;
  /** The reports folder, relative to `cwd` or absolute. */
  dir: string;
  /** The mission's name: its pages' files are named by `pageFile` (`model/page-id.ts`). */
  mission?: string;
  /** The page being rendered: absent or null for the report itself. */
  page?: PageId | null;
}

/** The file of the page being rendered, relative to the reports folder. */
function fileOf(where: ReportLocation, page: PageId): string {
  return pageFile(where.mission ?? 'report', page);
}

/** The anchor id of a session's section. */
export function sessionAnchor(id: string): string {
  return `session-${slug(id, 80)}`;
}

/** A link from the page being rendered to another page of the same mission (empty when it is the same page). */
export function pageUrl(where: ReportLocation, page: PageId): string {
  const from = fileOf(where, where.page ?? REPORT_PAGE);
  const to = fileOf(where, page);
  return from === to ? '' : path.posix.relative(path.posix.dirname(from), to).split('/').map(encodeURIComponent).join('/');
}

/** A link from the page being rendered to a record file (relative to `cwd`), at `line` if given. */
export function fileUrl(where: ReportLocation, file: string, line: unknown): string {
  const pageDir = path.dirname(path.resolve(where.cwd, where.dir, fileOf(where, where.page ?? REPORT_PAGE)));
  const relative = path.relative(pageDir, path.resolve(where.cwd, file)).split(path.sep);
  // Every segment encoded: the address is built here, from a path, and cannot carry a scheme.
  return relative.map((segment) => (segment === '..' ? '..' : encodeURIComponent(segment))).join('/') + (typeof line === 'number' ? `#L${line}` : '');
}
