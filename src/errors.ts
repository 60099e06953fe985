/**
 * The exit codes, and the one base class of every error the command line
 * reports as a message rather than as an internal error. Imports nothing, so
 * any module can throw a `TallyError` without making the command line load it.
 */

export const EXIT_OK = 0;
/** Findings (with --strict), invalid data, a stale report, or a failed write. */
export const EXIT_FAILURE = 1;
/** A usage error: unknown command or flag, missing argument, missing folder. */
export const EXIT_USAGE = 2;

/**
 * An error the user can act on: `tally` prints `cliMessage` on standard error
 * (default `tally: <message>`) and exits with `exitCode`. Anything else that
 * reaches the command line is an internal error.
 */
export class TallyError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** What the command line prints on standard error, without the final newline. */
    readonly cliMessage = `tally: ${message}`,
  ) {
    super(message);
    this.name = 'TallyError';
  }
}
