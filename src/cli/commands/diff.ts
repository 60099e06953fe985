/**
 * `tally diff [--base REF]`: what the working tree's records change against a
 * git revision, as markdown for a pull-request comment (or `--json`).
 */
import { Option } from 'commander';
import type { DiffCommandOptions } from '../actions/diff.js';
import { defineCommand } from '../command.js';
import { dataOption, jsonOption, missionOption } from '../options.js';

export const command = defineCommand<[], DiffCommandOptions>({
  name: 'diff',
  description:
    'summarize, as markdown for a pull request, what the records change against a git ref: sessions and components, totals before and after, findings new and resolved',
  options: [
    new Option('--base <ref>', 'the git revision to compare with (default: the merge base of HEAD with the main branch)'),
    dataOption(),
    missionOption(),
    jsonOption(),
  ],
  examples: ['tally diff --base origin/main > comment.md'],
  run: async ({ options }, io) => (await import('../actions/diff.js')).diffCommand(options, io),
});
