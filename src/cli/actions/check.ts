/**
 * `tally check`: exit 1 if any report would change (with a diff) or any record
 * is invalid; with `--strict`, also if any finding stands. Writes nothing.
 */
import { createTwoFilesPatch } from 'diff';
import { generate, obsoletePages, type PipelineOptions } from '../../build/build.js';
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
    let missionState: 'current' | 'stale' | 'missing' = 'current';
    for (const file of [{ path: report.path, content: report.content }, ...report.pages]) {
      if (generated.current.has(file.path)) continue;
      const existing = await readExisting(io.cwd, file.path);
      if (existing === file.content) continue;
      stale++;
      if (file.path === report.path) missionState = existing === null ? 'missing' : 'stale';
      else if (missionState === 'current') missionState = 'stale';
      if (!options.json) {
        io.stderr(
          existing === null
            ? `${file.path}: missing; run \`tally build\` to create it\n`
            : `${file.path}: stale; run \`tally build\` to regenerate it\n${createTwoFilesPatch(file.path, file.path, existing, file.content, 'committed', 'generated', { context: 2 })}\n`,
        );
      }
    }
    for (const obsolete of await obsoletePages(io.cwd, report)) {
      stale++;
      if (missionState === 'current') missionState = 'stale';
      if (!options.json) io.stderr(`${obsolete}: no longer generated; run \`tally build\` to remove it\n`);
    }
    findings += report.summary.findings.length;
    if (!options.json && report.summary.findings.length > 0) {
      const stream = options.strict ? io.stderr : io.stdout;
      stream(`${report.path}: ${plural(report.summary.findings.length, 'finding')}\n`);
      for (const finding of report.summary.findings) stream(`  ${formatFinding(finding)}\n`);
    }
    missions.push(jsonMission(report, missionState));
  }
  const failed = stale > 0 || (options.strict === true && findings > 0);
  if (options.json) {
    io.stdout(toJson({ ok: !failed, missions, issues: [] }));
  } else {
    const files = generated.reports.reduce((n, report) => n + 1 + report.pages.length, 0);
    const summary = `${plural(generated.reports.length, 'report')} (${plural(files, 'file')}) checked: ${stale} stale, ${plural(findings, 'finding')}${options.strict ? ' (strict)' : ''}.\n`;
    (failed ? io.stderr : io.stdout)(summary);
  }
  return failed ? EXIT_FAILURE : EXIT_OK;
}
