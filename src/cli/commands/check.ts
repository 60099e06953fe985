/**
 * `tally check`: exit 1 if any report would change (with a diff) or any record
 * is invalid; with `--strict`, also if any finding stands. Writes nothing.
 */
import { Option } from 'commander';
import type { CheckCommandOptions } from '../actions/check.js';
import { defineCommand } from '../command.js';
import { dataOption, jsonOption, missionOption, outOption, templatesOption } from '../options.js';

export const command = defineCommand<[], CheckCommandOptions>({
  name: 'check',
  description: 'exit 1 if any report would change (with a diff) or any record is invalid; --strict also fails on findings',
  options: [
    dataOption(),
    outOption(),
    templatesOption(),
    missionOption(),
    new Option('--strict', 'also fail when any finding stands'),
    jsonOption(),
  ],
  examples: ['tally check --strict'],
  run: async ({ options }, io) => (await import('../actions/check.js')).checkCommand(options, io),
});
