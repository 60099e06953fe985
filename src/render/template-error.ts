import { EXIT_FAILURE, TallyError } from '../errors.js';

/** A template that cannot be compiled or rendered, at its file, line and column. Apart, so the command line reports it without loading Handlebars. */
export class TemplateError extends TallyError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    const message = `${file}:${line}:${column}: ${reason}`;
    super(message, EXIT_FAILURE, `${message}\nTemplate error; nothing was written.`);
    this.name = 'TemplateError';
  }
}
