/**
 * Compile templates and partials in their own Handlebars instance: strict
 * (a missing field is an error, not an empty string), known helpers only, no
 * prototype access, and every template compiled before anything is rendered,
 * so a template error is reported as `file:line:col` before any file is written.
 */
import Handlebars from 'handlebars';
import type { SourceFile, TemplateSources } from '../model/files.js';
import { HELPERS } from './helpers.js';
import { TemplateError } from './template-error.js';
import { TOKEN_CLOSE, TOKEN_OPEN } from './slots.js';

export { TemplateError };

export type CompiledTemplate = (context: unknown, data: Record<string, unknown>) => string;

export interface TemplateSet {
  /** The compiled template of that name, or undefined. */
  get(name: string): CompiledTemplate | undefined;
  names(): string[];
}

export function compileTemplates(sources: TemplateSources): TemplateSet {
  const env = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) env.registerHelper(name, helper.fn as Handlebars.HelperDelegate);
  const known = Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true]));

  const compile = (file: SourceFile): CompiledTemplate => {
    const ast = parse(env, file);
    rewrite(ast, file, HELPER_NAMES);
    const options = { strict: true, knownHelpers: known, knownHelpersOnly: true, noEscape: true };
    let template: Handlebars.TemplateDelegate;
    try {
      // `compile` is lazy; `precompile` runs the compiler now, so its errors surface before rendering.
      env.precompile(ast, options);
      template = env.compile(ast, options);
    } catch (error) {
      throw toTemplateError(error, file);
    }
    return (context, data) => {
      try {
        return template(context, { data, allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (error) {
        throw toTemplateError(error, file);
      }
    };
  };

  for (const [name, file] of Object.entries(sources.partials).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const partial = compile(file);
    env.registerPartial(name, ((context: unknown, options: { data: Record<string, unknown> }) =>
      partial(context, options.data)) as unknown as Handlebars.Template);
  }
  const compiled = new Map<string, CompiledTemplate>();
  for (const [name, file] of Object.entries(sources.templates)) compiled.set(name, compile(file));
  return {
    get: (name) => compiled.get(name),
    names: () => [...compiled.keys()].sort(),
  };
}

function parse(env: typeof Handlebars, file: SourceFile): hbs.AST.Program {
  if (file.text.includes(TOKEN_OPEN) || file.text.includes(TOKEN_CLOSE)) {
    const offset = Math.min(...[TOKEN_OPEN, TOKEN_CLOSE].map((c) => file.text.indexOf(c)).filter((i) => i >= 0));
    const before = file.text.slice(0, offset).split('\n');
    throw new TemplateError(file.path, before.length, (before.at(-1)?.length ?? 0) + 1, 'templates may not contain the characters U+E000 or U+E001');
  }
  try {
    return env.parse(file.text);
  } catch (error) {
    throw toTemplateError(error, file);
  }
}

type AnyNode = { type?: string; [key: string]: unknown };

/** Handlebars' own helpers a mustache may call. */
const BUILTINS = new Set(['lookup', 'log']);

/** Every helper's name, from the one table. */
const HELPER_NAMES: ReadonlySet<string> = new Set(Object.keys(HELPERS));
/** Helpers whose output is a slot token; anything else a mustache prints goes through `text`. */
const SLOT_HELPERS: ReadonlySet<string> = new Set(Object.entries(HELPERS).filter(([, helper]) => helper.slot).map(([name]) => name));

/**
 * Every escaped `{{value}}` that is not a helper call becomes `{{text value}}`,
 * so record text always goes through a slot. `{{{raw}}}` is refused.
 */
function rewrite(node: unknown, file: SourceFile, helpers: ReadonlySet<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) rewrite(item, file, helpers);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as AnyNode;
  if (n.type === 'MustacheStatement') {
    const mustache = n as unknown as hbs.AST.MustacheStatement;
    if (!mustache.escaped) {
      const { line, column } = mustache.loc.start;
      throw new TemplateError(file.path, line, column + 1, 'triple braces {{{ }}} would insert raw text; use {{ }} so the value is escaped');
    }
    // With arguments it is a helper call; without, a value, even where a field
    // shares a helper's name (`{{text}}` of a log entry).
    const isHelperCall = mustache.params.length > 0 || (mustache.hash?.pairs.length ?? 0) > 0;
    if (isHelperCall && mustache.path.type === 'PathExpression' && !helpers.has((mustache.path as hbs.AST.PathExpression).original) && !BUILTINS.has((mustache.path as hbs.AST.PathExpression).original)) {
      const { line, column } = mustache.loc.start;
      throw new TemplateError(file.path, line, column + 1, `unknown helper "${(mustache.path as hbs.AST.PathExpression).original}"; expected one of: ${[...helpers].join(', ')}`);
    }
    const textPath = { type: 'PathExpression', data: false, depth: 0, parts: ['text'], original: 'text', loc: mustache.loc } as hbs.AST.PathExpression;
    if (!isHelperCall) {
      mustache.params = [mustache.path as hbs.AST.Expression, ...mustache.params];
      mustache.path = textPath;
    } else if (!SLOT_HELPERS.has((mustache.path as hbs.AST.PathExpression).original)) {
      // A helper that returns a plain value (`lookup`, `sort`, `eq`) is printed through `text` too.
      const inner = { type: 'SubExpression', path: mustache.path, params: mustache.params, hash: mustache.hash, loc: mustache.loc } as hbs.AST.SubExpression;
      mustache.params = [inner];
      mustache.hash = { type: 'Hash', pairs: [], loc: mustache.loc } as hbs.AST.Hash;
      mustache.path = textPath;
    }
  }
  // Handlebars checks only the terminal path of `{{value}}` in strict mode, not
  // the arguments of helpers and block helpers (`{{#if valeu}}`, `{{num totlas}}`).
  // Marking them strict makes a misspelled field an error there too.
  if (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') {
    const call = n as unknown as hbs.AST.MustacheStatement;
    for (const param of [...call.params, ...(call.hash?.pairs.map((pair) => pair.value) ?? [])]) {
      if (param.type === 'PathExpression') (param as hbs.AST.PathExpression & { strict?: boolean }).strict = true;
    }
  }
  for (const [key, value] of Object.entries(n)) {
    if (key === 'loc') continue;
    rewrite(value, file, helpers);
  }
}

function toTemplateError(error: unknown, file: SourceFile): TemplateError {
  if (error instanceof TemplateError) return error;
  const err = error as { message?: string; lineNumber?: number; column?: number };
  let message = String(err.message ?? error);
  let line = err.lineNumber ?? 1;
  let column = (err.column ?? 0) + 1;
  const parseError = /^Parse error on line (\d+):\n[^\n]*\n(-*)\^\n([\s\S]*)$/.exec(message);
  if (parseError) {
    line = Number(parseError[1]);
    column = (parseError[2]?.length ?? 0) + 1;
    message = `syntax error: ${parseError[3]?.replace(/\n/g, ' ')}`;
  }
  message = message.replace(/ - \d+:\d+$/, '');
  const missing = /^"([^"]+)" not defined in /.exec(message);
  if (missing) message = `"${missing[1]}" is not a field here; check the spelling or the data model in the README`;
  const unknownHelper = /^You specified knownHelpersOnly, but used the unknown helper (\S+)/.exec(message);
  if (unknownHelper) message = `unknown helper "${unknownHelper[1]}"; expected one of the helpers listed in the README`;
  return new TemplateError(file.path, line, column, message);
}
