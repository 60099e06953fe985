/** JSON Schemas for editors, generated from the zod schemas. */
import { z } from 'zod';
import { missionSchema } from './mission.js';
import { sessionSchema } from './session.js';

export interface SchemaFile {
  /** File name inside the schema folder. */
  name: string;
  /** Serialized JSON Schema, with a final newline. */
  content: string;
}

export function jsonSchemas(): SchemaFile[] {
  return [
    { name: 'mission.schema.json', content: serialize(missionSchema, 'mission') },
    { name: 'session.schema.json', content: serialize(sessionSchema, 'session') },
  ];
}

function serialize(schema: z.ZodType, id: string): string {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  const withId = { ...json, $id: `https://tally.dev/schema/${id}.schema.json`, title: `Tally ${id} record` };
  return JSON.stringify(withId, null, 2) + '\n';
}
