/**
 * The options several commands share, each a fresh commander `Option` with the
 * same flags, help line and default everywhere it appears.
 */
import { Option } from 'commander';

/** `--data <dir>`: the folder of mission folders. Default: `data`. */
export const dataOption = () => new Option('--data <dir>', 'folder of mission folders').default('data');

/** `--out <dir>`: where the reports are written. Default: `reports`. */
export const outOption = () => new Option('--out <dir>', 'folder the reports are written to').default('reports');

/** `--templates <dir>`: templates that override the shipped ones. Default: `templates`. */
export const templatesOption = () => new Option('--templates <dir>', 'folder of templates, searched before the shipped ones').default('templates');

/** `--mission <name>`: one mission instead of all. */
export const missionOption = () => new Option('--mission <name>', 'only this mission (a folder name under --data)');

/** `--json`: one JSON document on stdout, also when the command fails. */
export const jsonOption = () => new Option('--json', 'print one JSON document on stdout');

/** The argument parser of an option that may be given several times: every value, in order. */
export const repeatable = (value: string, previous: string[] = []): string[] => [...previous, value];
