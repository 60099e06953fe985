/**
 * `tally new --mission NAME --title TEXT [...]`: create a valid session file
 * with a unique name; never overwrites. Prints the path of the new file.
 */
import { Option } from 'commander';
import type { NewCommandOptions } from '../actions/new.js';
import { defineCommand } from '../command.js';
import { dataOption, jsonOption, repeatable } from '../options.js';

export const command = defineCommand<[], NewCommandOptions>({
  name: 'new',
  description: 'create a valid session file with a unique name and print its path; never overwrites',
  options: [
    new Option('--mission <name>', 'the mission folder under --data'),
    new Option('--title <text>', 'what the session was about'),
    new Option('--date <YYYY-MM-DD>', 'the date of the session (default: today, UTC)'),
    new Option('--start <HH:MM>', 'start time, UTC'),
    new Option('--end <HH:MM>', 'end time, UTC'),
    new Option('--session <n>', 'the human session number'),
    new Option('--phase <id>', "one of the mission's phase ids"),
    new Option('--status <status>', 'completed, in-progress or blocked'),
    new Option(
      '--component <spec>',
      'a component as key=value pairs: name=Parser,test_file=tests/test_parser.py,level=unit,tests=28/30,score=9.2; tests=28/30 is 28 passed and 2 failed, tests=30 a count with no result; failing=, skipped=, not_run= add outcomes (repeatable)',
    ).argParser(repeatable),
    new Option('--note <text>', 'a note (repeatable)').argParser(repeatable),
    new Option('--next-step <text>', 'a next step (repeatable)').argParser(repeatable),
    new Option('--from-json <file>', 'the whole record as JSON, from a file or - for standard input'),
    new Option('--junit <file>', 'JUnit XML from the test run: copied into the evidence folder, one component per test file (repeatable)').argParser(repeatable),
    new Option('--coverage <file>', 'lcov, istanbul JSON or Cobertura XML from the same run: copied, coverage per source and for the code base (repeatable)').argParser(repeatable),
    new Option('--format <format>', 'the format of every --junit and --coverage file, instead of detecting it: junit, lcov, istanbul-summary, istanbul-final, cobertura'),
    new Option('--test-file-map <file>', 'a JSON object mapping names the runner wrote (suite names, classnames) to test files'),
    dataOption(),
    new Option('--dry-run', 'check and print the record; write nothing'),
    jsonOption(),
  ],
  examples: [
    "tally new --mission payments --title 'Refund edge cases' --component 'name=RefundProcessor,test_file=tests/test_refunds.py,level=unit,tests=41/44,score=8.7'",
    "tally new --mission payments --title 'CI run' --junit reports/junit.xml --coverage coverage/lcov.info --component 'name=RefundProcessor,test_file=tests/test_refunds.py,source=src/refunds.py'",
    'echo \'{"title": "Refund edge cases", "components": []}\' | tally new --mission payments --from-json -',
  ],
  run: async ({ options }, io) => (await import('../actions/new.js')).newCommand(options, io),
});
