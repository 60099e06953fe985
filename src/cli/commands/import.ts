/**
 * `tally import LEGACY.md --mission NAME`: turn a hand-written report into
 * mission and session records. `--repair-only` only repairs its mojibake.
 */
import { Argument, Option } from 'commander';
import type { ImportCommandOptions } from '../actions/import.js';
import { defineCommand } from '../command.js';
import { dataOption, jsonOption } from '../options.js';

export const command = defineCommand<[legacy: string], ImportCommandOptions>({
  name: 'import',
  description: 'turn a hand-written report into mission and session records, repairing mojibake; each record keeps the legacy line it came from',
  arguments: [new Argument('<legacy>', 'the hand-written markdown report')],
  options: [
    new Option('--mission <name>', 'the mission folder to create under --data (never overwritten)'),
    dataOption(),
    new Option('--template <name>', 'the template the mission uses').default('progress-report'),
    new Option('--dry-run', 'read and summarize; write nothing'),
    new Option('--repair-only', 'only repair mojibake: print the repaired text (or rewrite the file with --in-place)'),
    new Option('--in-place', 'with --repair-only: rewrite the file atomically'),
    jsonOption(),
  ],
  examples: ['tally import old-report.md --mission payments', 'tally import old-report.md --repair-only --in-place'],
  run: async ({ args: [legacy], options }, io) => (await import('../actions/import.js')).importCommand(legacy, options, io),
});
