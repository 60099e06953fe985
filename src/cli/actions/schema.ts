/** `tally schema`: write the JSON Schemas for mission and session files. */
import path from 'node:path';
import { jsonSchemas } from '../../schema/json-schema.js';
import { readExisting, writeFiles } from '../../write/write-files.js';
import { EXIT_FAILURE, EXIT_OK } from '../errors.js';
import { toJson } from '../format.js';
import type { CliIO } from '../io.js';

export interface SchemaCommandOptions {
  /** Folder to write the schemas to. Default: `schema`. */
  out?: string;
  /** Write nothing; exit 1 when a schema file is missing or differs. Default: false. */
  check?: boolean;
  /** Print one JSON document instead of text. Default: false. */
  json?: boolean;
}

export async function schemaCommand(options: SchemaCommandOptions, io: CliIO): Promise<number> {
  const dir = options.out ?? 'schema';
  const files = jsonSchemas().map((schema) => ({ path: path.posix.join(dir.split(path.sep).join('/'), schema.name), content: schema.content }));
  if (options.check) {
    const stale: string[] = [];
    for (const file of files) if ((await readExisting(io.cwd, file.path)) !== file.content) stale.push(file.path);
    if (options.json) {
      io.stdout(toJson({ ok: stale.length === 0, files: files.map((f) => ({ path: f.path, status: stale.includes(f.path) ? 'stale' : 'current' })) }));
    } else {
      for (const file of stale) io.stderr(`${file}: out of date; run \`tally schema\` to regenerate it\n`);
      if (stale.length === 0) io.stdout(`${files.length} schemas current.\n`);
    }
    return stale.length === 0 ? EXIT_OK : EXIT_FAILURE;
  }
  const result = await writeFiles(io.cwd, files);
  const status = (file: { path: string }) => (result.written.includes(file.path) ? 'written' : 'unchanged');
  if (options.json) io.stdout(toJson({ ok: true, files: files.map((f) => ({ path: f.path, status: status(f) })) }));
  else for (const file of files) io.stdout(`${file.path}: ${status(file)}\n`);
  return EXIT_OK;
}
