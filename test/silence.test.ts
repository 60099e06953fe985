/**
 * Nothing accepted in silence (README, "Findings and invalid records"): two phases with one id are invalid
 * data; a YAML file out of place under data/ or a folder inside sessions/ is an
 * error that names it; `diff --mission` with no such mission is a usage error;
 * `new --from-json` speaks of JSON and of the file it was given.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { jsonSyntaxError } from '../src/parse/json-syntax.js';
import { lineColumnAt } from '../src/text/line-column.js';
import { scratch, tally, type CliRun } from './helpers/cli.js';

const exec = promisify(execFile);
const git = (cwd: string, ...args: string[]) => exec('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', ...args], { cwd });

const temps: string[] = [];
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

const MISSION = `title: Fixture mission
phases:
  - { id: p0, name: "Phase 0: core", priority: P0 }
  - { id: p1, name: "Phase 1: extras" }
`;

const SESSION = `date: 2025-01-01
title: Fixture session
phase: p0
components:
  - name: Parser
    test_file: test/parser.test.ts
    tests: { total: 30, passing: 30 }
`;

/** A temporary working folder with `files` (path → text) written into it. */
async function work(files: Record<string, string> = {}): Promise<string> {
  const dir = await scratch();
  temps.push(dir);
  for (const [file, text] of Object.entries({ 'data/m/mission.yaml': MISSION, 'data/m/sessions/2025-01-01-a.yaml': SESSION, ...files })) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

/** The lines of a command's standard error that name a problem (not the summary). */
function problems(result: CliRun): string[] {
  return result.stderr.split('\n').filter((line) => line !== '' && !/^\d+ (invalid record )?problems?\b/.test(line));
}

describe('two phases with one id', () => {
  const duplicated = `title: Fixture mission
phases:
  - { id: p0, name: "Phase 0: core", priority: P0 }
  - { id: p1, name: "Phase 1: extras" }
  - { id: p0, name: "Phase 2: more core" }
`;
  const line = 'data/m/mission.yaml:5:11: phase id "p0" is also used by phases.0 (line 3); expected each phase id once';

  it('validate, build and check exit 1 and name the second id', async () => {
    const dir = await work({ 'data/m/mission.yaml': duplicated });
    const validate = await tally(['validate'], dir);
    expect(validate.code).toBe(1);
    expect(problems(validate)).toEqual([line]);
    expect(validate.stdout).toBe('');

    const build = await tally(['build'], dir);
    expect(build.code).toBe(1);
    expect(problems(build)).toEqual([line]);
    expect(build.stderr).toMatch(/nothing was written\.\n$/);
    expect(await readdir(dir)).toEqual(['data']);

    const check = await tally(['check'], dir);
    expect(check.code).toBe(1);
    expect(problems(check)).toEqual([line]);
  });

  it('is located in block style too, once for each repeat, and when the file is named', async () => {
    const block = `title: Fixture mission
phases:
  - id: p0
    name: A
  - id: p0
    name: B
  - id: p0
    name: C
`;
    const dir = await work({ 'data/m/mission.yaml': block });
    const result = await tally(['validate', 'data/m/mission.yaml'], dir);
    expect(result.code).toBe(1);
    expect(problems(result)).toEqual([
      'data/m/mission.yaml:5:9: phase id "p0" is also used by phases.0 (line 3); expected each phase id once',
      'data/m/mission.yaml:7:9: phase id "p0" is also used by phases.0 (line 3); expected each phase id once',
    ]);
    const json = JSON.parse((await tally(['validate', '--json'], dir)).stdout);
    expect(json.issues[0]).toEqual({ file: 'data/m/mission.yaml', line: 5, column: 9, code: 'impossible', path: 'phases.1.id', message: 'phase id "p0" is also used by phases.0 (line 3); expected each phase id once' });
  });

  it('is reported beside the schema problems of the same file', async () => {
    const dir = await work({ 'data/m/mission.yaml': `${duplicated}objectve: typo\n` });
    const result = await tally(['validate'], dir);
    expect(result.code).toBe(1);
    expect(problems(result)).toEqual([line, expect.stringMatching(/^data\/m\/mission\.yaml:6:1: unknown key "objectve"/)]);
  });

  it('tally new refuses to add a session to such a mission', async () => {
    const dir = await work({ 'data/m/mission.yaml': duplicated });
    const result = await tally(['new', '--mission', 'm', '--title', 'x'], dir);
    expect(result.code).toBe(1);
    expect(problems(result)).toEqual([line]);
  });
});

describe('files out of place under data/', () => {
  const outside = (file: string) => `${file}: a YAML file outside sessions/; expected session files in data/m/sessions/ (or mission.yaml)`;
  const folder = 'data/m/sessions/old/: a folder inside sessions/; expected only session files (*.yaml) there';

  it('a session file in the mission folder, in a misspelled folder, a .yml file, a folder inside sessions/: each named', async () => {
    const dir = await work({
      'data/m/2025-01-02-b.yaml': SESSION,
      'data/m/session/2025-01-03-c.yaml': SESSION,
      'data/m/notes/deep/er/x.yml': 'a: 1\n',
      'data/m/mission.yml': MISSION,
      'data/m/sessions/old/2024-12-31-z.yaml': SESSION,
    });
    // In path order, as git lists them (tally diff reads the base through git).
    const expected = [
      outside('data/m/2025-01-02-b.yaml'),
      outside('data/m/mission.yml'),
      outside('data/m/notes/deep/er/x.yml'),
      outside('data/m/session/2025-01-03-c.yaml'),
      folder,
    ];
    for (const command of [['validate'], ['build'], ['check'], ['build', '--mission', 'm'], ['check', '--strict']]) {
      const result = await tally(command, dir);
      expect(result.code, command.join(' ')).toBe(1);
      expect(problems(result), command.join(' ')).toEqual(expected);
    }
    expect(await readdir(dir)).not.toContain('reports'); // build wrote nothing
    const json = JSON.parse((await tally(['check', '--json'], dir)).stdout);
    expect(json.ok).toBe(false);
    expect(json.issues[4]).toEqual({ file: 'data/m/sessions/old/', line: 0, column: 0, code: 'stray-file', path: '', message: 'a folder inside sessions/; expected only session files (*.yaml) there' });
  });

  it('an empty folder inside sessions/ is named too', async () => {
    const dir = await work();
    await mkdir(path.join(dir, 'data/m/sessions/old'));
    const result = await tally(['validate'], dir);
    expect(result.code).toBe(1);
    expect(problems(result)).toEqual([folder]);
  });

  it('a YAML file beside the mission folders is named, unless one mission is asked for', async () => {
    const dir = await work({ 'data/notes.yaml': 'a: 1\n' });
    const result = await tally(['validate'], dir);
    expect(result.code).toBe(1);
    expect(problems(result)).toEqual(['data/notes.yaml: a YAML file outside any mission folder; expected data/<mission>/mission.yaml and data/<mission>/sessions/*.yaml']);
    expect((await tally(['validate', '--mission', 'm'], dir)).code).toBe(0);
  });

  it('evidence (of any kind), the legacy report, other files, hidden files and folders stay allowed', async () => {
    const dir = await work({
      'data/m/evidence/2025-01-01-a/junit.xml': '<testsuites/>\n',
      'data/m/evidence/2025-01-01-a/lcov.info': 'end_of_record\n',
      'data/m/evidence/extra.yaml': 'a: 1\n',
      'data/m/legacy-report.md': '# Old report\n',
      'data/m/README.txt': 'notes\n',
      'data/m/.draft.yaml': SESSION,
      'data/m/.trash/x.yaml': SESSION,
      'data/m/sessions/.old/x.yaml': SESSION,
      'data/m/sessions/.2025-01-05-tmp.yaml': SESSION,
      'data/m/sessions/~2025-01-05-lock.yaml': SESSION,
      'data/m/sessions/README.md': 'one file per session\n',
      'data/.cache/x.yaml': 'a: 1\n',
      'data/README.md': 'missions\n',
    });
    const result = await tally(['validate'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('2 files valid.\n');
    expect(result.code).toBe(0);
    expect((await tally(['build'], dir)).code).toBe(0);
  });

  it('tally diff fails on them in the working tree, and names them at the base without holding them against it', async () => {
    const dir = await work();
    await git(dir, 'init', '-q', '-b', 'main');
    await writeFile(path.join(dir, 'data/m/2025-01-02-b.yaml'), SESSION);
    await mkdir(path.join(dir, 'data/m/sessions/old'));
    await writeFile(path.join(dir, 'data/m/sessions/old/2024-12-31-z.yaml'), SESSION);
    await writeFile(path.join(dir, 'data/m/sessions/old/2024-12-30-y.yaml'), SESSION);
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '-qm', 'base');

    const dirty = await tally(['diff', '--base', 'HEAD'], dir);
    expect(dirty.code).toBe(1);
    expect(problems(dirty)).toEqual([outside('data/m/2025-01-02-b.yaml'), folder]);

    await rm(path.join(dir, 'data/m/2025-01-02-b.yaml'));
    await rm(path.join(dir, 'data/m/sessions/old'), { recursive: true });
    const clean = await tally(['diff', '--base', 'HEAD'], dir);
    expect(clean.code).toBe(0);
    expect(clean.stderr.split('\n').filter(Boolean)).toEqual([`tally: at HEAD: ${outside('data/m/2025-01-02-b.yaml')}`, `tally: at HEAD: ${folder}`]);
    expect(clean.stdout).toContain('No mission changes.');
  });
});

describe('tally diff --mission', () => {
  it('with no such mission is a usage error, with the message the other commands give', async () => {
    const dir = await work();
    await git(dir, 'init', '-q', '-b', 'main');
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '-qm', 'base');
    const diff = await tally(['diff', '--mission', 'nosuch'], dir);
    expect(diff.code).toBe(2);
    expect(diff.stdout).toBe('');
    expect(diff.stderr).toBe('tally: no mission "nosuch" in data; expected one of: m\n');
    for (const command of ['build', 'check', 'validate']) expect((await tally([command, '--mission', 'nosuch'], dir)).stderr).toBe(diff.stderr);
    expect(JSON.parse((await tally(['diff', '--mission', 'nosuch', '--json'], dir)).stdout)).toMatchObject({ ok: false, exit_code: 2 });
  });

  it('names a mission the change removes: there at the base, gone from the working tree', async () => {
    const dir = await work({ 'data/gone/mission.yaml': 'title: Gone mission\n' });
    await git(dir, 'init', '-q', '-b', 'main');
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '-qm', 'base');
    await rm(path.join(dir, 'data/gone'), { recursive: true });
    const diff = await tally(['diff', '--base', 'HEAD', '--mission', 'gone', '--json'], dir);
    expect(diff.stderr).toBe('');
    expect(diff.code).toBe(0);
    expect(JSON.stringify(JSON.parse(diff.stdout))).toContain('gone');
  });
});

describe('tally new --from-json', () => {
  async function withInput(args: string[], cwd: string, input: string): Promise<CliRun> {
    let stdout = '';
    let stderr = '';
    const code = await run(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, stdin: async () => input, today: () => '2025-01-09' });
    return { code, stdout, stderr };
  }
  const sessionsOf = async (dir: string) => (await readdir(path.join(dir, 'data/m/sessions'))).sort();

  it('a missing file is named as given, and said to be expected as JSON', async () => {
    const dir = await work();
    const result = await tally(['new', '--mission', 'm', '--from-json', 'missing.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('tally: missing.json: cannot read the file (no such file); expected a JSON session record\n');
    await mkdir(path.join(dir, 'records'));
    const folder = await tally(['new', '--mission', 'm', '--from-json', 'records'], dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe('tally: records: cannot read the file (it is a folder); expected a JSON session record\n');
  });

  it('a syntax error is invalid JSON at its line and column, and nothing is written', async () => {
    const dir = await work({ 'x.json': '{\n  "title": "Refunds",\n  "components": [],\n}\n', 'y.json': '{ "title": Refunds, "components": [] }' });
    const before = await sessionsOf(dir);
    const x = await tally(['new', '--mission', 'm', '--from-json', 'x.json'], dir);
    expect(x.code).toBe(1);
    expect(problems(x)).toEqual(['x.json:4:1: invalid JSON: found "}" after a comma; expected another property (JSON has no trailing commas)']);
    const y = await tally(['new', '--mission', 'm', '--from-json', 'y.json', '--json'], dir);
    expect(y.code).toBe(1);
    expect(JSON.parse(y.stdout).issues).toEqual([
      { file: 'y.json', line: 1, column: 12, code: 'json-syntax', path: '', message: 'invalid JSON: found "Refunds"; expected a value (an object, array, string, number, true, false or null)' },
    ]);
    expect(await sessionsOf(dir)).toEqual(before);
  });

  it('from standard input, names <stdin>', async () => {
    const dir = await work();
    const result = await withInput(['new', '--mission', 'm', '--from-json', '-'], dir, '{"title": "x", "components": [}');
    expect(result.code).toBe(1);
    expect(problems(result)).toEqual(['<stdin>:1:31: invalid JSON: found "}"; expected a value (an object, array, string, number, true, false or null)']);
    const empty = await withInput(['new', '--mission', 'm', '--from-json', '-'], dir, '');
    expect(problems(empty)).toEqual(['<stdin>:1:1: invalid JSON: found the end of the file; expected a value (an object, array, string, number, true, false or null)']);
  });

  it('YAML is not JSON, a key given twice is an error, and a JSON record with a BOM is read', async () => {
    const dir = await work({ 'r.json': 'title: x\ncomponents: []\n', 'd.json': '{"title": "x", "title": "y", "components": []}', 'bom.json': '\uFEFF{"title": "With a BOM", "components": []}' });
    const yaml = await tally(['new', '--mission', 'm', '--from-json', 'r.json'], dir);
    expect(problems(yaml)).toEqual(['r.json:1:1: invalid JSON: found "title"; expected a value (an object, array, string, number, true, false or null)']);
    const twice = await tally(['new', '--mission', 'm', '--from-json', 'd.json'], dir);
    expect(problems(twice)).toEqual(['d.json:1:16: duplicate key "title"; expected each key once in a mapping']);
    const ok = await withInput(['new', '--mission', 'm', '--from-json', 'bom.json', '--dry-run'], dir, '');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('title: With a BOM');
  });
});

describe('jsonSyntaxError', () => {
  it.each([
    ['{"a": 1,}', 8, 'found "}" after a comma; expected another property (JSON has no trailing commas)'],
    ['[1, 2,]', 6, 'found "]" after a comma; expected another element (JSON has no trailing commas)'],
    ['{"a" 1}', 5, 'found "1"; expected ":" after the property name'],
    ['{"a": 1 "b": 2}', 8, 'found the string "b"; expected "," or "}" after a property value'],
    ['[1 2]', 3, 'found "2"; expected "," or "]" after an array element'],
    ["{'a': 1}", 1, 'found "\'a\'"; expected a property name in double quotes'],
    ['{"a": tru}', 6, 'found "tru"; expected a value (an object, array, string, number, true, false or null)'],
    ['{"a": 01}', 7, 'found a digit after a leading 0; expected a number without leading zeros'],
    ['{"a": 1.}', 8, 'found "}" after the decimal point; expected a digit'],
    ['{"a": -}', 7, 'found "}" after "-"; expected a digit'],
    ['{"a": - 1}', 7, 'found a space after "-"; expected a digit'],
    ['{"a": 1e}', 8, 'found "}" in the exponent; expected a digit'],
    ['{"a": "x\ty"}', 8, 'found the control character U+0009 inside a string; expected it escaped (such as \\n or \\t)'],
    ['{"a": "\\q"}', 7, 'found the escape \\q; expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX'],
    ['{"a": "\\u12G4"}', 7, 'found the escape \\u12; expected \\u and four hexadecimal digits'],
    ['{"a": "x}', 6, 'the string that opens here is never closed; expected a matching " before the end of the file'],
    ['{"a": 1} x', 9, 'found "x" after the JSON value; expected the end of the file'],
    ['{"a": [1, {"b": 2}', 18, 'found the end of the file; expected "," or "]" after an array element'],
    ['   ', 3, 'found the end of the file; expected a value (an object, array, string, number, true, false or null)'],
    ['{"a": 1 // why\n}', 8, 'found a comment; JSON has no comments'],
    ['[1, /* two */ 2]', 4, 'found a comment; JSON has no comments'],
    ['"\\q\t"', 1, 'found the escape \\q; expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX'],
    ['"a\nb"', 2, 'found the control character U+000A inside a string; expected it escaped (such as \\n or \\t)'],
    ['[-01]', 3, 'found a digit after a leading 0; expected a number without leading zeros'],
    ['[\u00a0]', 1, 'found the character U+00A0; expected a value (an object, array, string, number, true, false or null)'],
  ])('%j', (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonSyntaxError(text)).toEqual({ offset, message });
  });

  it('agrees with JSON.parse on which texts are JSON (mutations of a record, deep nesting)', () => {
    const record = '{"title": "Refunds \\"edge\\" \\u00e9", "n": -12.5e+3, "ok": [true, false, null, {}, []], "components": [{"name": "A", "tests": {"total": 0}}]}';
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = '{}[]":,.-+eE0123456789 \t\n\\utrfalsn/x';
    for (let i = 0; i < 5000; i++) {
      const at = random(record.length);
      const mutated = random(3) === 0 ? record.slice(0, at) + record.slice(at + 1) : record.slice(0, at) + alphabet[random(alphabet.length)] + record.slice(at + random(2));
      let valid = true;
      try {
        JSON.parse(mutated);
      } catch {
        valid = false;
      }
      const error = jsonSyntaxError(mutated);
      expect(error === null, mutated).toBe(valid);
      if (error) expect(error.offset, mutated).toBeLessThanOrEqual(mutated.length);
    }
    const deep = '['.repeat(100_000) + ']'.repeat(99_999);
    expect(jsonSyntaxError(deep)).toEqual({ offset: 199_999, message: 'found the end of the file; expected "," or "]" after an array element' });
  });

  it('lines and columns count from 1, lines ending at \\n', () => {
    expect(lineColumnAt('ab\ncd\r\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd\r\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('ab\ncd\r\nef', 7)).toEqual({ line: 3, column: 1 });
  });
});
