/**
 * The command line: parse arguments, run one command, map errors to exit
 * codes. Returns the exit code; only `main.ts` exits the process.
 *
 * Each command is one file under `commands/` (its options, help and run);
 * adding one is adding its file and its line in `COMMANDS`.
 */
import { Command, CommanderError } from 'commander';
import { VERSION as version } from '../version.js';
import type { CommandSpec } from './command.js';
import { examplesHelp } from './command.js';
import { command as audit } from './commands/audit.js';
import { command as build } from './commands/build.js';
import { command as check } from './commands/check.js';
import { command as diff } from './commands/diff.js';
import { command as importLegacy } from './commands/import.js';
import { command as newSession } from './commands/new.js';
import { command as schema } from './commands/schema.js';
import { command as validate } from './commands/validate.js';
import { command as verify } from './commands/verify.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, TallyError } from './errors.js';
import { toJson } from './format.js';
import { processIO, type CliIO } from './io.js';

/** Every command, in the order `tally --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [build, check, validate, schema, diff, newSession, verify, importLegacy, audit];

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
  for (const spec of COMMANDS) {
    const command = program.command(spec.name).description(spec.description);
    for (const argument of spec.arguments ?? []) command.addArgument(argument);
    for (const option of spec.options) command.addOption(option);
    command.addHelpText('after', examplesHelp(spec.examples));
    // Commander calls an action with the positional arguments, then the options, then the command.
    command.action(async (...values: unknown[]) => {
      const count = spec.arguments?.length ?? 0;
      done(await spec.run({ args: values.slice(0, count), options: values[count] as object }, io));
    });
  }
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
  if (error instanceof TallyError) {
    io.stderr(`${error.cliMessage}\n`);
    return error.exitCode;
  }
  io.stderr(`tally: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT_FAILURE;
}
