/** The library's public surface is deliberate: this list changes only on purpose. */
import { expect, it } from 'vitest';
import * as tally from '../src/index.js';

it('exports exactly the documented API', () => {
  expect(Object.keys(tally).sort()).toEqual([
    'EXIT_FAILURE',
    'EXIT_OK',
    'EXIT_USAGE',
    'EvidenceError',
    'TallyError',
    'TemplateError',
    'aggregate',
    'build',
    'compileTemplates',
    'componentSchema',
    'detectFormat',
    'generate',
    'jsonSchemas',
    'missionSchema',
    'normalize',
    'parseYaml',
    'readData',
    'readEvidence',
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

it('the README documents every export in its API section', async () => {
  const { readFile } = await import('node:fs/promises');
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const api = readme.slice(readme.indexOf('\n## API\n'), readme.indexOf('\n## How the code is laid out\n'));
  expect(api.length).toBeGreaterThan(100);
  for (const name of Object.keys(tally)) expect(api, `README "API" does not name ${name}`).toContain(name);
});
