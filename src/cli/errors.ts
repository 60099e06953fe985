/** Errors that carry an exit code. Only `main.ts` turns them into a process exit. */
import { TallyError } from '../errors.js';

export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, TallyError } from '../errors.js';

/** A command's own error: its exit code first, then what `tally:` prints. */
export class ExitError extends TallyError {
  constructor(exitCode: number, message: string) {
    super(message, exitCode);
    this.name = 'ExitError';
  }
}
