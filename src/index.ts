/**
 * Tally as a library: the pipeline stages and the functions that chain them.
 * Everything else is internal.
 */
export { aggregate } from './aggregate/aggregate.js';
export { build, generate } from './build/build.js';
export type { Built, Generated, GeneratedReport, PipelineOptions } from './build/build.js';
export { readData } from './load/read-data.js';
export { readTemplates } from './load/read-templates.js';
export { parseYaml } from './parse/parse-yaml.js';
export { validateMissions, validateSession, validateMissionFile } from './validate/validate.js';
export { compileTemplates, TemplateError } from './render/templates.js';
export type { TemplateSet } from './render/templates.js';
export { render } from './render/render.js';
export { normalize } from './normalize/normalize.js';
export { writeFiles } from './write/write-files.js';
export { jsonSchemas } from './schema/json-schema.js';
export { missionSchema } from './schema/mission.js';
export { sessionSchema, componentSchema } from './schema/session.js';
export { readEvidence, detectFormat } from './evidence/read.js';
export { EvidenceError } from './evidence/error.js';
export { run } from './cli/run.js';
export { TallyError, EXIT_OK, EXIT_FAILURE, EXIT_USAGE } from './errors.js';
// The data passed between the stages, and the records as the schemas define them.
export type * from './model/files.js';
export type * from './model/records.js';
export type * from './model/evidence.js';
export type * from './model/totals.js';
export type * from './model/components.js';
export type * from './model/findings.js';
export type * from './model/charts.js';
export type * from './model/mission-model.js';
export type * from './model/refs.js';
export type { Claims, ComponentRecord, Impact, Level, SessionRecord, Status } from './schema/session.js';
export type { Metric, MissionRecord } from './schema/mission.js';
