// The floor of the benchmark: read every record file and parse it with `yaml`, nothing else.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';

const root = path.resolve(process.argv[2] ?? 'data');
let files = 0;
for (const mission of (await readdir(root)).sort()) {
  const dir = path.join(root, mission);
  const names = [path.join(dir, 'mission.yaml'), ...(await readdir(path.join(dir, 'sessions')).catch(() => [])).map((n) => path.join(dir, 'sessions', n))];
  for (const file of names) {
    parseDocument(await readFile(file, 'utf8'));
    files++;
  }
}
process.stderr.write(`${JSON.stringify({ files, maxRSS: process.resourceUsage().maxRSS })}\n`);
