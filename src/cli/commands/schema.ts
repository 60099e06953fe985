/** `tally schema`: write the JSON Schemas for mission and session files. */
import { Option } from 'commander';
import type { SchemaCommandOptions } from '../actions/schema.js';
import { defineCommand } from '../command.js';
import { jsonOption } from '../options.js';

export const command = defineCommand<[], SchemaCommandOptions>({
  name: 'schema',
  description: 'write the JSON Schemas for mission and session files',
  options: [
    new Option('--out <dir>', 'folder to write the schemas to').default('schema'),
    new Option('--check', 'write nothing; exit 1 if a schema file is missing or out of date'),
    jsonOption(),
  ],
  examples: ['tally schema --out schema'],
  run: async ({ options }, io) => (await import('../actions/schema.js')).schemaCommand(options, io),
});
