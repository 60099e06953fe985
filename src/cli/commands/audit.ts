/** `tally audit LEGACY.md`: list the inconsistencies in a hand-written report. */
import { Argument } from 'commander';
import type { AuditCommandOptions } from '../actions/audit.js';
import { defineCommand } from '../command.js';
import { jsonOption } from '../options.js';

export const command = defineCommand<[legacy: string], AuditCommandOptions>({
  name: 'audit',
  description: 'list the inconsistencies in a hand-written report; exit 1 if there are any',
  arguments: [new Argument('<legacy>', 'the hand-written markdown report')],
  options: [jsonOption()],
  examples: ['tally audit old-report.md --json'],
  run: async ({ args: [legacy], options }, io) => (await import('../actions/audit.js')).auditCommand(legacy, options, io),
});
