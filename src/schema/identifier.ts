/**
 * What a phase id may be: lowercase letters, digits, `-` and `_`, starting
 * with a letter or digit. Apart from the zod schemas so that page ids
 * (`model/page-id.ts`) can be checked without loading zod: a check with
 * nothing changed loads neither.
 */
export const IDENTIFIER = /^[a-z0-9][a-z0-9_-]*$/;
