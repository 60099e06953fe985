/**
 * Load the template and partial files: the user's folder first, then the
 * templates Tally ships. A user's file replaces a shipped one of the same name,
 * so one partial can be overridden without copying the whole template.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateSources } from '../model/files.js';
import { display } from './read-data.js';

/** The templates folder inside the Tally package. */
const shippedTemplatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));

export async function readTemplates(templatesDir: string, cwd: string = process.cwd()): Promise<TemplateSources> {
  const sources: TemplateSources = { templates: {}, partials: {} };
  const user = path.resolve(cwd, templatesDir);
  const shipped = path.resolve(shippedTemplatesDir);
  // Shipped first, then the user's, which replace them by name.
  for (const dir of user === shipped ? [shipped] : [shipped, user]) {
    for (const [name, file] of await readHbs(dir, cwd)) sources.templates[name] = file;
    for (const [name, file] of await readHbs(path.join(dir, 'partials'), cwd)) sources.partials[name] = file;
  }
  return sources;
}

async function readHbs(dir: string, cwd: string): Promise<[string, { path: string; text: string }][]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: [string, { path: string; text: string }][] = [];
  for (const name of names.filter((n) => n.endsWith('.hbs') && !n.startsWith('.')).sort()) {
    const file = path.join(dir, name);
    out.push([name.slice(0, -'.hbs'.length), { path: display(cwd, file), text: await readFile(file, 'utf8') }]);
  }
  return out;
}
