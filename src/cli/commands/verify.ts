/**
 * `tally verify --junit FILE… --coverage FILE… [--mission NAME] [--json]`:
 * for CI after the test run, compare the records' current figures with fresh
 * runner output, storing nothing. Exit 1 on any difference.
 */
import { Option } from 'commander';
import type { VerifyCommandOptions } from '../actions/verify.js';
import { defineCommand } from '../command.js';
import { dataOption, jsonOption, missionOption, repeatable } from '../options.js';

export const command = defineCommand<[], VerifyCommandOptions>({
  name: 'verify',
  description: "compare the records' current figures with fresh test-runner and coverage output; exit 1 on any difference",
  options: [
    new Option('--junit <file>', 'JUnit XML from the test run (repeatable)').argParser(repeatable),
    new Option('--coverage <file>', 'lcov, istanbul JSON or Cobertura XML from the same run (repeatable)').argParser(repeatable),
    new Option('--format <format>', 'the format of every file given, instead of detecting it'),
    new Option('--test-file-map <file>', 'a JSON object mapping names the runner wrote to test files'),
    missionOption(),
    dataOption(),
    jsonOption(),
  ],
  examples: [
    'npx vitest run --reporter=junit --outputFile=junit.xml --coverage.enabled --coverage.reporter=lcov',
    'tally verify --junit junit.xml --coverage coverage/lcov.info',
  ],
  run: async ({ options }, io) => (await import('../actions/verify.js')).verifyCommand(options, io),
});
