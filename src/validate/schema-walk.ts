/** Find the object schema at a record path, to list the keys it allows. */
import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Keys allowed by the object schema(s) found at `path`, sorted. */
export function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const node of schemasAt(schema, path)) {
    const def = defOf(node);
    if (def.type === 'object' && def.shape) for (const key of Object.keys(def.shape)) keys.add(key);
  }
  return [...keys];
}

function schemasAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType[] {
  const unwrapped = unwrap(schema);
  if (path.length === 0) return unwrapped;
  const [head, ...rest] = path;
  const next: z.ZodType[] = [];
  for (const node of unwrapped) {
    const def = defOf(node);
    if (def.type === 'object' && def.shape && typeof head === 'string') {
      const child = def.shape[head];
      if (child) next.push(child);
    } else if (def.type === 'array' && def.element && typeof head === 'number') {
      next.push(def.element);
    }
  }
  return next.flatMap((child) => schemasAt(child, rest));
}

function unwrap(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) {
    return unwrap(def.innerType);
  }
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  if (def.type === 'union' && def.options) return def.options.flatMap(unwrap);
  return [schema];
}

/** The description of the field at `path`, from the schema (`.describe(...)`), if any. */
export function descriptionAt(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  for (const node of schemasAt(schema, path)) {
    if (node.description) return node.description;
  }
  return undefined;
}
