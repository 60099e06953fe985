/**
 * The command line: parse arguments, run one command, map errors to exit
 * codes. Returns the exit code; only `main.ts` exits the process.
 */
import { Command, CommanderError, Option } from 'commander';
import { DataFolderError } from '../load/read-data.js';
import { PlacementError } from '../normalize/fill.js';
import { TemplateError } from '../render/template-error.js';
import { WriteError } from '../write/write-files.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, ExitError } from './errors.js';
import { toJson } from './format.js';
import { processIO, type CliIO } from './io.js';
import { VERSION as version } from '../version.js';

export async function run(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode = EXIT_OK;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    const code = report(error, io);
    // A program reading --json output gets a JSON document even when the command fails.
    if (argv.includes('--json') && !(error instanceof CommanderError && code === EXIT_OK)) {
      io.stdout(toJson({ ok: false, exit_code: code, error: { message: error instanceof Error ? error.message : String(error) } }));
    }
    return code;
  }
}

/**
 * Each command's module is imported when the command runs: a `tally check`
 * with nothing changed then loads neither the YAML parser, the schema,
 * Handlebars nor remark.
 */
function createProgram(io: CliIO, done: (code: number) => void): Command {
  const program = new Command('tally')
    .description('Regenerate markdown progress reports from YAML records of work sessions; every number is computed.')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .addHelpText(
      'after',
      '\nExit codes: 0 success; 1 findings (with --strict), invalid data or a stale report; 2 usage error.\nDocumentation: README.md',
    );

  const dataOption = () => new Option('--data <dir>', 'folder of mission folders').default('data');
  const outOption = () => new Option('--out <dir>', 'folder the reports are written to').default('reports');
  const templatesOption = () =>
    new Option('--templates <dir>', 'folder of templates, searched before the shipped ones').default('templates');
  const missionOption = () => new Option('--mission <name>', 'only this mission (a folder name under --data)');
  const jsonOption = () => new Option('--json', 'print one JSON document on stdout');

  program
    .command('build')
    .description('regenerate every report; write only files whose bytes change; print a summary and the findings')
    .addOption(dataOption())
    .addOption(outOption())
    .addOption(templatesOption())
    .addOption(missionOption())
    .addOption(jsonOption())
    .addOption(new Option('--dump-model', 'print the data model every template receives, as JSON; write nothing'))
    .addHelpText('after', '\nExamples:\n  tally build --data data --out reports\n  tally build --dump-model --mission unit-test-coverage > model.json')
    .action(async (options: { data: string; out: string; templates: string; mission?: string; json?: boolean; dumpModel?: boolean }) => {
      done(await (await import('./commands/build.js')).buildCommand(options, io));
    });

  program
    .command('check')
    .description('exit 1 if any report would change (with a diff) or any record is invalid; --strict also fails on findings')
    .addOption(dataOption())
    .addOption(outOption())
    .addOption(templatesOption())
    .addOption(missionOption())
    .addOption(new Option('--strict', 'also fail when any finding stands'))
    .addOption(jsonOption())
    .addHelpText('after', '\nExample:\n  tally check --strict')
    .action(async (options: { data: string; out: string; templates: string; mission?: string; strict?: boolean; json?: boolean }) => {
      done(await (await import('./commands/check.js')).checkCommand(options, io));
    });

  program
    .command('validate')
    .description('check records; errors as file:line:col: message')
    .argument('[file...]', 'mission or session files (default: every record under --data)')
    .addOption(dataOption())
    .addOption(missionOption())
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  tally validate\n  tally validate data/my-mission/sessions/2025-09-08-auth.yaml')
    .action(async (files: string[], options: { data: string; mission?: string; json?: boolean }) => {
      done(await (await import('./commands/validate.js')).validateCommand(files, options, io));
    });

  program
    .command('schema')
    .description('write the JSON Schemas for mission and session files')
    .addOption(new Option('--out <dir>', 'folder to write the schemas to').default('schema'))
    .addOption(new Option('--check', 'write nothing; exit 1 if a schema file is missing or out of date'))
    .addOption(jsonOption())
    .addHelpText('after', '\nExample:\n  tally schema --out schema')
    .action(async (options: { out: string; check?: boolean; json?: boolean }) => {
      done(await (await import('./commands/schema.js')).schemaCommand(options, io));
    });

  program
    .command('diff')
    .description('summarize, as markdown for a pull request, what the records change against a git ref: sessions and components, totals before and after, findings new and resolved')
    .addOption(new Option('--base <ref>', 'the git revision to compare with (default: the merge base of HEAD with the main branch)'))
    .addOption(dataOption())
    .addOption(outOption())
    .addOption(templatesOption())
    .addOption(missionOption())
    .addOption(jsonOption())
    .addHelpText('after', '\nExample:\n  tally diff --base origin/main > comment.md')
    .action(async (options: { base?: string; data: string; mission?: string; json?: boolean }) => {
      done(await (await import('./commands/diff.js')).diffCommand(options, io));
    });

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  program
    .command('new')
    .description('create a valid session file with a unique name and print its path; never overwrites')
    .addOption(new Option('--mission <name>', 'the mission folder under --data'))
    .addOption(new Option('--title <text>', 'what the session was about'))
    .addOption(new Option('--date <YYYY-MM-DD>', 'the date of the session (default: today, UTC)'))
    .addOption(new Option('--start <HH:MM>', 'start time, UTC'))
    .addOption(new Option('--end <HH:MM>', 'end time, UTC'))
    .addOption(new Option('--session <n>', 'the human session number'))
    .addOption(new Option('--phase <id>', "one of the mission's phase ids"))
    .addOption(new Option('--status <status>', 'completed, in-progress or blocked'))
    .addOption(new Option('--component <spec>', 'a component as key=value pairs: name=Parser,test_file=tests/test_parser.py,level=unit,tests=28/30,score=9.2; tests=28/30 is 28 passed and 2 failed, tests=30 a count with no result; failing=, skipped=, not_run= add outcomes (repeatable)').argParser(collect))
    .addOption(new Option('--note <text>', 'a note (repeatable)').argParser(collect))
    .addOption(new Option('--next-step <text>', 'a next step (repeatable)').argParser(collect))
    .addOption(new Option('--from-json <file>', 'the whole record as JSON, from a file or - for standard input'))
    .addOption(new Option('--junit <file>', 'JUnit XML from the test run: copied into the evidence folder, one component per test file (repeatable)').argParser(collect))
    .addOption(new Option('--coverage <file>', 'lcov, istanbul JSON or Cobertura XML from the same run: copied, coverage per source and for the code base (repeatable)').argParser(collect))
    .addOption(new Option('--format <format>', 'the format of every --junit and --coverage file, instead of detecting it: junit, lcov, istanbul-summary, istanbul-final, cobertura'))
    .addOption(new Option('--test-file-map <file>', 'a JSON object mapping names the runner wrote (suite names, classnames) to test files'))
    .addOption(dataOption())
    .addOption(new Option('--dry-run', 'check and print the record; write nothing'))
    .addOption(jsonOption())
    .addHelpText(
      'after',
      "\nExamples:\n  tally new --mission payments --title 'Refund edge cases' --component 'name=RefundProcessor,test_file=tests/test_refunds.py,level=unit,tests=41/44,score=8.7'\n  tally new --mission payments --title 'CI run' --junit reports/junit.xml --coverage coverage/lcov.info --component 'name=RefundProcessor,test_file=tests/test_refunds.py,source=src/refunds.py'\n  echo '{\"title\": \"Refund edge cases\", \"components\": []}' | tally new --mission payments --from-json -",
    )
    .action(async (options: Record<string, unknown>) => {
      done(await (await import('./commands/new.js')).newCommand(options, io));
    });

  program
    .command('verify')
    .description('compare the records\' current figures with fresh test-runner and coverage output; exit 1 on any difference')
    .addOption(new Option('--junit <file>', 'JUnit XML from the test run (repeatable)').argParser(collect))
    .addOption(new Option('--coverage <file>', 'lcov, istanbul JSON or Cobertura XML from the same run (repeatable)').argParser(collect))
    .addOption(new Option('--format <format>', 'the format of every file given, instead of detecting it'))
    .addOption(new Option('--test-file-map <file>', 'a JSON object mapping names the runner wrote to test files'))
    .addOption(new Option('--mission <name>', 'only this mission'))
    .addOption(dataOption())
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  npx vitest run --reporter=junit --outputFile=junit.xml --coverage.enabled --coverage.reporter=lcov\n  tally verify --junit junit.xml --coverage coverage/lcov.info')
    .action(async (options: Record<string, unknown>) => {
      done(await (await import('./commands/verify.js')).verifyCommand(options, io));
    });

  program
    .command('import')
    .description('turn a hand-written report into mission and session records, repairing mojibake; each record keeps the legacy line it came from')
    .argument('<legacy>', 'the hand-written markdown report')
    .addOption(new Option('--mission <name>', 'the mission folder to create under --data (never overwritten)'))
    .addOption(dataOption())
    .addOption(new Option('--template <name>', 'the template the mission uses').default('progress-report'))
    .addOption(new Option('--dry-run', 'read and summarize; write nothing'))
    .addOption(new Option('--repair-only', 'only repair mojibake: print the repaired text (or rewrite the file with --in-place)'))
    .addOption(new Option('--in-place', 'with --repair-only: rewrite the file atomically'))
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  tally import old-report.md --mission payments\n  tally import old-report.md --repair-only --in-place')
    .action(async (legacy: string, options: { mission?: string; data: string; template: string; dryRun?: boolean; repairOnly?: boolean; inPlace?: boolean; json?: boolean }) => {
      done(await (await import('./commands/import.js')).importCommand(legacy, options, io));
    });

  program
    .command('audit')
    .description('list the inconsistencies in a hand-written report; exit 1 if there are any')
    .argument('<legacy>', 'the hand-written markdown report')
    .addOption(jsonOption())
    .addHelpText('after', '\nExample:\n  tally audit old-report.md --json')
    .action(async (legacy: string, options: { json?: boolean }) => {
      done(await (await import('./commands/audit.js')).auditCommand(legacy, options, io));
    });

  return program;
}

function report(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return EXIT_OK;
    }
    // Commander has already printed its message.
    return EXIT_USAGE;
  }
  if (error instanceof ExitError) {
    io.stderr(`tally: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof DataFolderError) {
    io.stderr(`tally: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof TemplateError) {
    io.stderr(`${error.message}\nTemplate error; nothing was written.\n`);
    return EXIT_FAILURE;
  }
  if (error instanceof PlacementError || error instanceof WriteError) {
    io.stderr(`tally: ${error.message}\n`);
    return EXIT_FAILURE;
  }
  io.stderr(`tally: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT_FAILURE;
}
