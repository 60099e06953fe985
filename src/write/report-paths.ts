/** Where generated files go, relative to the working folder, always with `/`. */
import path from 'node:path';
import { pageFile, pageFolder, REPORT_PAGE } from '../model/page-id.js';

/** Where a mission's report and its pages go (`model/page-id.ts` names each page's file). */
export function reportPlace(out: string, name: string): { name: string; path: string; pagesDir: string } {
  return { name, path: toPosix(path.join(out, pageFile(name, REPORT_PAGE))), pagesDir: toPosix(path.join(out, pageFolder(name))) };
}

export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
