/** `tally schema`: write the JSON Schemas for mission and session files. */
import path from 'node:path';
import { jsonSchemas } from '../../schema/json-schema.js';
import { readExisting, writeFiles } from '../../write/write-files.js';
import { EXIT_FAILURE, EXIT_OK } from '../errors.js';
import type { CliIO } from '../io.js';

export interface SchemaCommandOptions {
  /** Folder to write the schemas to. Default: `schema`. */
  out?: string;
  /** Write nothing; exit 1 when a schema file is missing or differs. Default: false. */
  check?: boolean;
}

export async function schemaCommand(options: SchemaCommandOptions, io: CliIO): Promise<number> {
  const dir = options.out ?? 'schema';
  const files = jsonSchemas().map((schema) => ({ path: path.posix.join(dir.split(path.sep).join('/'), schema.name), content: schema.content }));
  if (options.check) {
    let stale = 0;
    for (const file of files) {
      if ((await readExisting(io.cwd, file.path)) !== file.content) {
        stale++;
        io.stderr(`${file.path}: out of date; run \`tally schema\` to regenerate it\n`);
      }
    }
    if (stale === 0) io.stdout(`${files.length} schemas current.\n`);
    return stale === 0 ? EXIT_OK : EXIT_FAILURE;
  }
  const result = await writeFiles(io.cwd, files);
  for (const file of files) io.stdout(`${file.path}: ${result.written.includes(file.path) ? 'written' : 'unchanged'}\n`);
  return EXIT_OK;
}
