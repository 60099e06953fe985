/**
 * Tally as a library: the pipeline stages and the functions that chain them.
 * Everything else is internal.
 */
export { aggregate } from './aggregate/aggregate.js';
export { build, generate } from './pipeline.js';
export type { Built, Generated, GeneratedReport, PipelineOptions } from './pipeline.js';
export { readData } from './load/read-data.js';
export { readTemplates } from './load/read-templates.js';
export { parseYaml } from './parse/parse-yaml.js';
export { validateMissions, validateSession, validateMissionFile } from './validate/validate.js';
export { compileTemplates, TemplateError } from './render/templates.js';
export type { TemplateSet, TemplateSources } from './render/templates.js';
export { render } from './render/render.js';
export { normalize } from './normalize/normalize.js';
export { writeFiles } from './write/write-files.js';
export { jsonSchemas } from './schema/json-schema.js';
export { missionSchema } from './schema/mission.js';
export { sessionSchema, componentSchema } from './schema/session.js';
export { readEvidence, detectFormat } from './evidence/read.js';
export { EvidenceError } from './evidence/types.js';
export type { CoverageRun, EvidenceFormat, FileCoverage, ReadOptions, TestFileResult, TestRun } from './evidence/types.js';
export { run } from './cli/run.js';
export type * from './types.js';
