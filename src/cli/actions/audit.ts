/** `tally audit LEGACY.md`: list the inconsistencies in a hand-written report. */
import { auditLegacy } from '../../import/import-legacy.js';
import { readNamedFile } from '../../load/read-data.js';
import { EXIT_FAILURE, EXIT_OK } from '../errors.js';
import { plural, toJson } from '../format.js';
import type { CliIO } from '../io.js';

export interface AuditCommandOptions {
  /** Print one JSON document instead of text. Default: false. */
  json?: boolean;
}

export async function auditCommand(legacy: string, options: AuditCommandOptions, io: CliIO): Promise<number> {
  const { path: shown, text } = await readNamedFile(io.cwd, legacy);
  const { problems, repairs } = auditLegacy(text, shown);
  if (options.json) {
    io.stdout(toJson({ file: shown, ok: problems.length === 0, problems: problems.map((p) => ({ file: shown, line: p.line, kind: p.kind, message: p.message })), mojibake_repaired: repairs.length }));
  } else {
    for (const problem of problems) io.stdout(`${shown}:${problem.line}: ${problem.kind}: ${problem.message}\n`);
    if (repairs.length > 0) io.stdout(`${shown}: ${plural(repairs.length, 'mojibake sequence')} (UTF-8 read with the wrong code page); \`tally import --repair-only --in-place\` repairs them.\n`);
    const count = `${problems.length} ${problems.length === 1 ? 'inconsistency' : 'inconsistencies'}`;
    io.stdout(problems.length === 0 ? `${shown}: no inconsistencies found.\n` : `${count} found.\n`);
  }
  return problems.length === 0 ? EXIT_OK : EXIT_FAILURE;
}
