/** `tally build`: regenerate every report; write only files whose bytes change. */
import { build, missionModels, type PipelineOptions } from '../../build/build.js';
import { EXIT_FAILURE, EXIT_OK } from '../errors.js';
import { formatFinding, formatTotals, plural, printIssues, toJson } from '../format.js';
import type { CliIO } from '../io.js';
import { terminalProgress } from '../progress.js';
import { jsonMission } from '../json.js';

export interface BuildCommandOptions extends PipelineOptions {
  /** Print one JSON document instead of text. Default: false. */
  json?: boolean;
  /** Print the model each template receives instead of building. Default: false. */
  dumpModel?: boolean;
}

export async function buildCommand(options: BuildCommandOptions, io: CliIO): Promise<number> {
  if (options.dumpModel) {
    // The model alone: no page is rendered or written.
    const made = await missionModels({ ...options, cwd: io.cwd });
    if (made.issues.length > 0) {
      printIssues(io, made.issues, options.json === true, '.');
      return EXIT_FAILURE;
    }
    io.stdout(toJson(made.models));
    return EXIT_OK;
  }
  const progress = terminalProgress(io.stderr, io.interactive === true && options.json !== true);
  const result = await build({ ...options, cwd: io.cwd, progress: progress.update }).finally(() => progress.end());
  if (result.issues.length > 0) {
    printIssues(io, result.issues, options.json === true, '; nothing was written.');
    return EXIT_FAILURE;
  }
  const written = new Set(result.write.written);
  if (options.json) {
    io.stdout(
      toJson({
        ok: true,
        missions: result.reports.map((report) => ({
          ...jsonMission(report, written.has(report.path) ? 'written' : 'unchanged'),
          pages: report.pages.map((page) => ({ path: page.path, status: written.has(page.path) ? 'written' : 'unchanged' })),
        })),
        removed: result.write.removed,
        issues: [],
      }),
    );
    return EXIT_OK;
  }
  for (const report of result.reports) {
    io.stdout(`${report.path}: ${written.has(report.path) ? 'written' : 'unchanged'}\n`);
    if (report.pages.length > 0) {
      const changed = report.pages.filter((page) => written.has(page.path)).length;
      io.stdout(`  ${plural(report.pages.length, 'page')} of older sessions or components in ${report.pagesDir}/ (${changed} written)\n`);
    }
    io.stdout(`  ${report.summary.title}: ${formatTotals(report.summary.totals)}\n`);
    const findings = report.summary.findings;
    if (findings.length > 0) {
      io.stdout(`  ${plural(findings.length, 'finding')}:\n`);
      for (const finding of findings) io.stdout(`    ${formatFinding(finding)}\n`);
    }
  }
  for (const file of result.write.removed) io.stdout(`${file}: removed (no longer generated)\n`);
  io.stdout(`${plural(result.write.written.length, 'file')} written, ${result.write.unchanged.length} unchanged.\n`);
  return EXIT_OK;
}
