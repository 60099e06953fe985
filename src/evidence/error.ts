import { EXIT_FAILURE, TallyError } from '../errors.js';

/** Why an evidence file cannot be read: where, and what was expected. Never a partial count. */
export class EvidenceError extends TallyError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message, EXIT_FAILURE, `tally: ${file}:${line}:${column}: ${message}`);
    this.name = 'EvidenceError';
  }
}

