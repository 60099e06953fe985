/** The library's public surface is deliberate: this list changes only on purpose. */
import { expect, it } from 'vitest';
import * as tally from '../src/index.js';

it('exports exactly the documented API', () => {
  expect(Object.keys(tally).sort()).toEqual([
    'TemplateError',
    'aggregate',
    'build',
    'compileTemplates',
    'componentSchema',
    'generate',
    'jsonSchemas',
    'missionSchema',
    'normalize',
    'parseYaml',
    'readData',
    'readTemplates',
    'render',
    'run',
    'sessionSchema',
    'validateMissionFile',
    'validateMissions',
    'validateSession',
    'writeFiles',
  ]);
});
