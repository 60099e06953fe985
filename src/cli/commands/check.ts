/**
 * `tally check`: exit 1 if any report would change (with a diff) or any record
 * is invalid; with `--strict`, also if any finding stands. Writes nothing.
 */
import { createTwoFilesPatch } from 'diff';
import { generate, type PipelineOptions } from '../../pipeline.js';
import { readExisting } from '../../write/write-files.js';
import { EXIT_FAILURE, EXIT_OK } from '../errors.js';
import { formatFinding, plural, printIssues, toJson } from '../format.js';
import type { CliIO } from '../io.js';
import { jsonMission } from '../json.js';

export interface CheckCommandOptions extends PipelineOptions {
  /** Also fail when a finding stands. Default: false. */
  strict?: boolean;
  /** Print one JSON document instead of text. Default: false. */
  json?: boolean;
}

export async function checkCommand(options: CheckCommandOptions, io: CliIO): Promise<number> {
  const generated = await generate({ ...options, cwd: io.cwd });
  if (generated.issues.length > 0) {
    printIssues(io, generated.issues, options.json === true, '.');
    return EXIT_FAILURE;
  }

  const missions = [];
  let stale = 0;
  let findings = 0;
  for (const report of generated.reports) {
    const existing = await readExisting(io.cwd, report.path);
    const current = existing === report.content;
    if (!current) {
      stale++;
      if (!options.json) {
        io.stderr(
          existing === null
            ? `${report.path}: missing; run \`tally build\` to create it\n`
            : `${report.path}: stale; run \`tally build\` to regenerate it\n${createTwoFilesPatch(report.path, report.path, existing, report.content, 'committed', 'generated', { context: 2 })}\n`,
        );
      }
    }
    findings += report.model.findings.length;
    if (!options.json && report.model.findings.length > 0) {
      const stream = options.strict ? io.stderr : io.stdout;
      stream(`${report.path}: ${plural(report.model.findings.length, 'finding')}\n`);
      for (const finding of report.model.findings) stream(`  ${formatFinding(finding)}\n`);
    }
    missions.push(jsonMission(report, existing === null ? 'missing' : current ? 'current' : 'stale'));
  }
  const failed = stale > 0 || (options.strict === true && findings > 0);
  if (options.json) {
    io.stdout(toJson({ ok: !failed, missions, issues: [] }));
  } else {
    const summary = `${plural(generated.reports.length, 'report')} checked: ${stale} stale, ${plural(findings, 'finding')}${options.strict ? ' (strict)' : ''}.\n`;
    (failed ? io.stderr : io.stdout)(summary);
  }
  return failed ? EXIT_FAILURE : EXIT_OK;
}
