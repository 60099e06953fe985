/** A template that cannot be compiled or rendered, at its file, line and column. Apart, so the command line reports it without loading Handlebars. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'TemplateError';
  }
}
