/** Errors that carry an exit code. Only `main.ts` turns them into a process exit. */

export const EXIT_OK = 0;
/** Findings (with --strict), invalid data, a stale report, or a failed write. */
export const EXIT_FAILURE = 1;
/** A usage error: unknown command or flag, missing argument, missing folder. */
export const EXIT_USAGE = 2;

export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}
