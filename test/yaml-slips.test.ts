/**
 * The YAML slips people commonly make by hand, one per case
 * (test/fixtures/yaml-slips/<case>/input.yaml), each a session record with the
 * exact located line the parser must report (expected.txt): one syntax issue,
 * in plain words naming the fix, at the slip itself rather than where the
 * parser got lost. Paths are relative to the case folder, as `tally validate`
 * prints them when run there.
 *
 * Run with UPDATE=1 to rewrite every expected.txt from the actual output, then
 * review the diff.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../src/cli/format.js';
import { parseYaml } from '../src/parse/parse-yaml.js';
import type { Issue } from '../src/model/records.js';

const slipsDir = fileURLToPath(new URL('./fixtures/yaml-slips/', import.meta.url));
const update = process.env['UPDATE'] === '1';

/**
 * What stands at the reported column of the reported line, for each kind of
 * slip (by case-name prefix): checked apart from expected.txt, so a fixture
 * cannot record a position that is not the slip.
 */
const AT_SLIP: [prefix: string, check: (line: string, index: number) => boolean][] = [
  // The second `: ` of the line: the first one ends the key.
  ['unquoted-colon-', (line, index) => line.slice(index, index + 2) === ': ' && line.indexOf(': ') < index],
  // Where the space should be: right after the key's colon.
  ['no-space-after-colon', (line, index) => line[index - 1] === ':' && /\S/.test(line[index] ?? '')],
  // The first character of the misplaced key.
  ['indented-too-', (line, index) => index === line.search(/\S/) && /^[\w"']+:/.test(line.slice(index))],
  ['tab-indent', (line, index) => line[index] === '\t' && /^[ \t]*$/.test(line.slice(0, index))],
  ['unclosed-double-quote', (line, index) => line[index] === '"' && !line.slice(index + 1).includes('"')],
  ['unclosed-single-quote', (line, index) => line[index] === "'" && !line.slice(index + 1).includes("'")],
  ['unclosed-bracket', (line, index) => line[index] === '[' && !line.slice(index).includes(']')],
  ['unclosed-brace', (line, index) => line[index] === '{' && !line.slice(index).includes('}')],
  ['list-item-wrong-depth', (line, index) => index === line.search(/\S/) && /^- /.test(line.slice(index))],
];

const REQUIRED = [
  'unquoted-colon-in-value',
  'unquoted-colon-in-component',
  'no-space-after-colon',
  'indented-too-far',
  'indented-too-little',
  'tab-indent',
  'unclosed-double-quote',
  'unclosed-single-quote',
  'unclosed-bracket',
  'unclosed-brace',
  'list-item-wrong-depth',
];

function caseNames(): string[] {
  return readdirSync(slipsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function parseCase(name: string, transform: (text: string) => string = (text) => text): { text: string; issues: Issue[] } {
  const text = readFileSync(path.join(slipsDir, name, 'input.yaml'), 'utf8');
  const result = parseYaml({ path: 'input.yaml', text: transform(text) });
  expect(result.file).toBeNull();
  return { text, issues: result.issues };
}

/**
 * The slip line with the fix the message names applied, or null where the
 * message names none that can be applied mechanically (a tab: how many spaces?).
 */
function applyFix(line: string, message: string): string | null {
  const indent = /: indent (?:"[^"]+"|this "-") (\d+) spaces?$/.exec(message);
  if (indent) return `${' '.repeat(Number(indent[1]))}${line.trimStart()}`;
  if (/: start .* at the beginning of the line$/.test(message)) return line.trimStart();
  const fixed = /; expected [^:;]*: (.*)$/.exec(message);
  if (!fixed || message.startsWith('found a tab')) return null;
  return `${/^\s*/.exec(line)?.[0] ?? ''}${fixed[1]}`;
}

function readExpected(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

const cases = caseNames();

describe('yaml slips', () => {
  it('has a case for every common slip', () => {
    expect(cases).toEqual(expect.arrayContaining(REQUIRED));
  });

  describe.each(cases)('%s', (name) => {
    const expectedFile = path.join(slipsDir, name, 'expected.txt');

    it('reports exactly the expected located line', () => {
      const actual = parseCase(name).issues.map(formatIssue);
      if (update) writeFileSync(expectedFile, actual.map((line) => `${line}\n`).join(''));
      expect(actual).toEqual(readExpected(expectedFile));
    });

    it('reports one syntax issue, at the slip', () => {
      const { text, issues } = parseCase(name);
      expect(issues).toHaveLength(1);
      const [issue] = issues as [Issue];
      expect(issue.code).toBe('yaml-syntax');
      const check = AT_SLIP.find(([prefix]) => name.startsWith(prefix))?.[1];
      expect(check, `no AT_SLIP entry for ${name}`).toBeDefined();
      const line = text.split('\n')[issue.line - 1] ?? '';
      expect(check?.(line, issue.column - 1), `${issue.line}:${issue.column} in ${JSON.stringify(line)}`).toBe(true);
    });

    it('names a fix that makes the file parse', () => {
      // A tab's fix is spaces, but how many depends on what the writer meant.
      if (name.startsWith('tab-')) return;
      const { text, issues } = parseCase(name);
      const [issue] = issues as [Issue];
      const lines = text.split('\n');
      const fixed = applyFix(lines[issue.line - 1] ?? '', issue.message);
      expect(fixed, issue.message).not.toBeNull();
      lines[issue.line - 1] = fixed ?? '';
      const result = parseYaml({ path: 'input.yaml', text: lines.join('\n') });
      expect(result.issues).toEqual([]);
      expect(result.file).not.toBeNull();
    });

    it('reports the same with a byte order mark and CRLF line endings', () => {
      const crlf = parseCase(name, (text) => `\uFEFF${text.replace(/\n/g, '\r\n')}`).issues.map(formatIssue);
      expect(crlf).toEqual(readExpected(expectedFile));
    });
  });
});
