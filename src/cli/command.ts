/**
 * What a file under `commands/` exports: one `tally` command, whole. The
 * registry (`run.ts`) turns each into a commander subcommand.
 */
import type { Argument, Option } from 'commander';
import type { CliIO } from './io.js';

export interface CommandSpec<Args extends unknown[] = unknown[], Options extends object = object> {
  /** The word after `tally`. */
  name: string;
  /** One line, in `tally --help` and at the top of the command's own help. */
  description: string;
  /** The positional arguments, in order. Default: none. */
  arguments?: readonly Argument[];
  /** The options, in the order its help lists them. */
  options: readonly Option[];
  /** Whole command lines, shown under "Example:" (or "Examples:") at the end of its help. */
  examples: readonly [string, ...string[]];
  /**
   * Runs the command and resolves with its exit code. `args` are the positional
   * arguments, `options` the options by camel-case name (defaults filled in).
   * It imports the command's implementation (`actions/`) only now, so that
   * starting `tally` loads no command's parsers, schemas or templates.
   */
  run(input: { args: Args; options: Options }, io: CliIO): Promise<number>;
}

/** A command, typed: `Args` its positional arguments, `Options` what its options parse to. */
export function defineCommand<Args extends unknown[] = [], Options extends object = object>(spec: CommandSpec<Args, Options>): CommandSpec<Args, Options> {
  return spec;
}

/** The help text after the options: the examples, each on its own indented line. */
export function examplesHelp(examples: readonly string[]): string {
  return `\n${examples.length === 1 ? 'Example' : 'Examples'}:\n${examples.map((example) => `  ${example}`).join('\n')}`;
}
