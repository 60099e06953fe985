/** Where generated files go, relative to the working folder, always with `/`. */
import path from 'node:path';

/** Where a mission's report and its pages go. */
export function reportPlace(out: string, name: string): { name: string; path: string; pagesDir: string } {
  return { name, path: toPosix(path.join(out, `${name}.md`)), pagesDir: toPosix(path.join(out, name)) };
}

export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
