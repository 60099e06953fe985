/** `tally build`: regenerate every report; write only files whose bytes change. */
import { Option } from 'commander';
import type { BuildCommandOptions } from '../actions/build.js';
import { defineCommand } from '../command.js';
import { dataOption, jsonOption, missionOption, outOption, templatesOption } from '../options.js';

export const command = defineCommand<[], BuildCommandOptions>({
  name: 'build',
  description: 'regenerate every report; write only files whose bytes change; print a summary and the findings',
  options: [
    dataOption(),
    outOption(),
    templatesOption(),
    missionOption(),
    jsonOption(),
    new Option('--dump-model', 'print the data model every template receives, as JSON; write nothing'),
  ],
  examples: ['tally build --data data --out reports', 'tally build --dump-model --mission unit-test-coverage > model.json'],
  run: async ({ options }, io) => (await import('../actions/build.js')).buildCommand(options, io),
});
