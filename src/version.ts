/** Tally's version, from package.json: shown by `--version` and part of the cache stamp. */
import { createRequire } from 'node:module';

export const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
