/** `tally validate [FILE...]`: check records; errors as `file:line:col: message`. */
import { Argument } from 'commander';
import type { ValidateCommandOptions } from '../actions/validate.js';
import { defineCommand } from '../command.js';
import { dataOption, jsonOption, missionOption } from '../options.js';

export const command = defineCommand<[files: string[]], ValidateCommandOptions>({
  name: 'validate',
  description: 'check records; errors as file:line:col: message',
  arguments: [new Argument('[file...]', 'mission or session files (default: every record under --data)')],
  options: [dataOption(), missionOption(), jsonOption()],
  examples: ['tally validate', 'tally validate data/my-mission/sessions/2025-09-08-auth.yaml'],
  run: async ({ args: [files], options }, io) => (await import('../actions/validate.js')).validateCommand(files, options, io),
});
