/**
 * The JUnit reader (src/evidence/junit.ts) and the safe XML reader under it
 * (src/evidence/xml.ts): every fixture case read to its exact expected.json,
 * hostile files refused with a position, and the options.
 */
import fs, { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readJunit } from '../src/evidence/junit.js';
import { EvidenceError } from '../src/evidence/error.js';
import type { ReadOptions } from '../src/model/evidence.js';
import type { TestRun } from '../src/model/evidence.js';
import { parseXml, walkXml } from '../src/evidence/xml.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures/evidence/junit');
const cases = readdirSync(fixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function input(name: string): string {
  return readFileSync(path.join(fixtures, name, 'input.xml'), 'utf8');
}

function read(text: string, options: Partial<ReadOptions> = {}): TestRun {
  return readJunit(text, { file: 'junit.xml', root: '/repo', ...options });
}

/** The EvidenceError that `run` throws, as one comparable string. */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (!(error instanceof EvidenceError)) throw error;
    return `${error.file}:${error.line}:${error.column}: ${error.message}`;
  }
  throw new Error('expected an EvidenceError, and nothing was thrown');
}

describe('JUnit fixtures', () => {
  it('are all there (a case missing from the folder would pass unnoticed)', () => {
    expect(cases).toEqual([
      'absolute-paths',
      'empty-testsuites',
      'file-attribution-order',
      'gotestsum-rerun-fails',
      'jest',
      'jest-add-file-attribute',
      'mocha',
      'mocha-include-pending',
      'nested-suites-lying-attributes',
      'odd-times',
      'playwright-retries-and-projects',
      'pytest-dotted-classname',
      'pytest-teardown-error',
      'pytest-xfail-xpass',
      'pytest-xunit1',
      'pytest-xunit2',
      'single-testcase',
      'surefire-flaky-and-rerun',
      'unknown-producer-repeats',
      'vitest',
    ]);
  });

  it.each(cases)('%s reads to exactly expected.json', (name) => {
    const expected = JSON.parse(readFileSync(path.join(fixtures, name, 'expected.json'), 'utf8')) as TestRun;
    expect(readJunit(input(name), { file: `${name}/input.xml`, root: '/repo' })).toStrictEqual(expected);
  });
});

describe('JUnit dialects and quirks', () => {
  it('counts a jest it.todo as passed: jest-junit writes it as a bare testcase', () => {
    const strings = read(input('jest')).files.find((file) => file.file === 'strings');
    expect(strings).toMatchObject({ total: 4, passed: 2, failed: 1, skipped: 1 });
  });

  it('counts two vitest cases with one title (it.each) as two tests, where pytest-like producers join them', () => {
    const math = read(input('vitest')).files.find((file) => file.file === 'test/unit/math.test.ts');
    expect(math?.total).toBe(7);
    const renamed = input('vitest').replace('name="vitest tests"', 'name="my tests"');
    const joined = read(renamed).files.find((file) => file.file === 'test/unit/math.test.ts');
    expect(joined?.total).toBe(6);
  });

  it('reads a single testcase under a single testsuite root (not an array)', () => {
    expect(read('<testsuite name="s"><testcase classname="a.test.ts" name="t"/></testsuite>').files).toStrictEqual([
      { file: 'a.test.ts', total: 1, passed: 1, failed: 0, skipped: 0, flaky: 0, duration_s: null },
    ]);
  });

  it('takes the last attempt of a repeated gotestsum case, flaky when an earlier one failed', () => {
    const xml = (outcomes: string[]) =>
      `<testsuites><testsuite name="p"><properties><property name="go.version" value="go1.22"/></properties>${outcomes
        .map((outcome) => `<testcase classname="example.com/p" name="TestX" time="1">${outcome}</testcase>`)
        .join('')}</testsuite></testsuites>`;
    const only = (outcomes: string[]) => read(xml(outcomes)).files[0];
    expect(only(['<failure/>', ''])).toMatchObject({ total: 1, passed: 1, failed: 0, flaky: 1, duration_s: 2 });
    expect(only(['<failure/>', '<failure/>', '<failure/>'])).toMatchObject({ total: 1, passed: 0, failed: 1, flaky: 0, duration_s: 3 });
    expect(only(['<failure/>', '<skipped/>'])).toMatchObject({ total: 1, skipped: 1, flaky: 0 });
  });

  it('detects each producer from what it writes, and null for a renamed or unknown one', () => {
    const producers = Object.fromEntries(
      ['vitest', 'jest', 'jest-add-file-attribute', 'pytest-xunit1', 'pytest-xunit2', 'single-testcase', 'surefire-flaky-and-rerun', 'gotestsum-rerun-fails', 'playwright-retries-and-projects', 'mocha', 'mocha-include-pending', 'unknown-producer-repeats'].map(
        (name) => [name, read(input(name)).producer],
      ),
    );
    expect(producers).toStrictEqual({
      vitest: 'vitest',
      jest: 'jest',
      'jest-add-file-attribute': 'jest',
      'pytest-xunit1': 'pytest',
      'pytest-xunit2': 'pytest',
      'single-testcase': 'pytest',
      'surefire-flaky-and-rerun': 'surefire',
      'gotestsum-rerun-fails': 'gotestsum',
      'playwright-retries-and-projects': 'playwright',
      mocha: 'mocha',
      'mocha-include-pending': 'mocha',
      'unknown-producer-repeats': null,
    });
    expect(read('<testsuites name="my run"><testsuite name="s"/></testsuites>').producer).toBeNull();
  });

  it('refuses a time it cannot read, at the testcase', () => {
    expect(failure(() => read('<testsuite name="s">\n  <testcase name="t" time="fast"/>\n</testsuite>'))).toBe(
      'junit.xml:2:3: found time="fast" on <testcase name="t">; expected a duration in seconds (such as 1.5, 1,024.5, 0,03 or 80.8ms)',
    );
    expect(failure(() => read('<testsuite name="s"><testcase name="t" time="-1"/></testsuite>'))).toContain('found time="-1"');
    expect(failure(() => read('<testsuite name="s"><testcase name="t" time="NaN"/></testsuite>'))).toContain('found time="NaN"');
  });

  it('refuses a testcase inside a testcase', () => {
    expect(failure(() => read('<testsuite name="s"><testcase name="a"><testcase name="b"/></testcase></testsuite>'))).toBe(
      'junit.xml:1:40: found <testcase> inside <testcase>; expected test cases side by side in a <testsuite>',
    );
  });
});

describe('JUnit options', () => {
  it('testFileMap maps the names jest-junit writes without addFileAttribute to the test files', () => {
    const testFileMap = { add: 'test/unit/math.test.js', strings: 'test/strings.test.js', undefined: 'test/plain.test.js' };
    const counts = (run: TestRun) => run.files.map(({ duration_s: _, ...rest }) => rest);
    expect(counts(read(input('jest'), { testFileMap }))).toStrictEqual(counts(read(input('jest-add-file-attribute'))));
  });

  it('testFileMap comes first, before a file attribute, and its paths are made relative to the root', () => {
    const run = read(input('pytest-xunit1'), { testFileMap: { 'tests/test_math.py': '/repo/src/math_test.py' } });
    expect(run.files.map((file) => file.file)).toEqual(['src/math_test.py', 'tests/db/test_db.py']);
  });

  it('testFileMap finds only its own keys: "constructor" is not Object.prototype.constructor', () => {
    const xml = '<testsuites><testsuite name="constructor"><testcase name="t" classname="toString"/></testsuite></testsuites>';
    expect(read(xml, { testFileMap: {} }).files[0]?.file).toBe('constructor');
  });

  it('root: absolute paths under it become relative, others stay as written', () => {
    expect(read(input('mocha'), { root: '/elsewhere' }).files.map((file) => file.file)).toEqual([
      '/repo/test/strings.test.js',
      '/repo/test/unit/math.test.js',
      'Root Suite',
    ]);
    expect(read(input('mocha'), { root: '/repo/' }).files.map((file) => file.file)).toEqual(['Root Suite', 'test/strings.test.js', 'test/unit/math.test.js']);
    const windows = '<testsuite name="s"><testcase name="t" file="C:\\repo\\test\\a.test.ts"/></testsuite>';
    expect(read(windows, { root: 'C:\\repo' }).files[0]?.file).toBe('test/a.test.ts');
  });

  it('maxLength refuses a longer text before parsing it', () => {
    const text = input('vitest');
    expect(failure(() => read(text, { maxLength: 1024 }))).toBe(`junit.xml:1:1: found ${text.length.toLocaleString('en-US')} characters of text; expected at most 1,024 characters`);
    expect(failure(() => read(' '.repeat(3 * 1024 * 1024), { maxLength: 2 * 1024 * 1024 }))).toBe('junit.xml:1:1: found 3.0 MiB of text; expected at most 2.0 MiB');
  });
});

describe('hostile and broken files', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses a DOCTYPE that declares an external entity, and reads nothing outside the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tally-xxe-'));
    try {
      const secret = path.join(dir, 'secret.txt');
      writeFileSync(secret, 'SECRET-MARKER');
      const opened = [vi.spyOn(fs, 'openSync'), vi.spyOn(fs, 'readFileSync'), vi.spyOn(fs, 'readSync'), vi.spyOn(fs, 'open'), vi.spyOn(fs.promises, 'open')];
      const xxe = `<?xml version="1.0"?>\n<!DOCTYPE testsuites [\n  <!ENTITY e SYSTEM "file://${secret}">\n]>\n<testsuites><testsuite name="&e;"><testcase name="&e;"/></testsuite></testsuites>`;
      expect(failure(() => read(xxe))).toBe(
        'junit.xml:3:3: found an entity declaration (<!ENTITY) in the DOCTYPE; expected none: entities are never expanded, so a file that declares them is refused',
      );
      const parameter = `<!DOCTYPE testsuites [<!ENTITY % ext SYSTEM "file://${secret}"> %ext;]><testsuites/>`;
      expect(failure(() => read(parameter))).toContain('junit.xml:1:23: found an entity declaration');
      // A DOCTYPE with only a SYSTEM id is read, its DTD never fetched.
      const system = `<!DOCTYPE testsuites SYSTEM "file://${secret}">\n<testsuites><testsuite name="s"><testcase name="t" classname="a.test.ts"/></testsuite></testsuites>`;
      expect(JSON.stringify(read(system))).not.toContain('SECRET');
      for (const spy of opened) expect(spy).not.toHaveBeenCalled();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the XML reader has no way to read anything: neither it nor saxes imports a file, network or process module', () => {
    const sources = ['src/evidence/xml.ts', 'src/evidence/junit.ts', 'node_modules/saxes/saxes.js'].map((file) => readFileSync(path.join(here, '..', file), 'utf8'));
    for (const source of sources) {
      const imported = [...source.matchAll(/(?:from\s+|require\()\s*["']([^"']+)["']/g)].map((match) => match[1]);
      expect(imported.filter((name) => /^(node:)?(fs|http|https|net|tls|dgram|child_process|worker_threads|url)(\/|$)/.test(name!))).toEqual([]);
    }
  });

  it('refuses a billion-laughs bomb at its first declaration, before reading the document', () => {
    const levels = Array.from({ length: 10 }, (_, i) =>
      i === 0 ? '  <!ENTITY lol0 "lol">' : `  <!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`,
    );
    // The body is broken on purpose: an error about the DOCTYPE proves the reader stopped there.
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${levels.join('\n')}\n]>\n<testsuites><testsuite name="&lol9;">`;
    expect(failure(() => read(bomb))).toBe(
      'junit.xml:3:3: found an entity declaration (<!ENTITY) in the DOCTYPE; expected none: entities are never expanded, so a file that declares them is refused',
    );
  });

  it('refuses 10,000 levels of nesting with a clear error, not a stack overflow', () => {
    const deep = `<testsuites>${'<testsuite>'.repeat(10_000)}${'</testsuite>'.repeat(10_000)}</testsuites>`;
    expect(failure(() => read(deep))).toBe(
      `junit.xml:1:${'<testsuites>'.length + 255 * '<testsuite>'.length + 1}: found <testsuite> nested 257 levels deep; expected at most 256 levels of nested elements`,
    );
  });

  it('refuses a file cut mid-element, at its end, naming the element left open', () => {
    const text = input('vitest');
    const suite = text.indexOf('<testsuite name="test/unit/math.test.ts"');
    const cut = text.indexOf('<testcase', suite) + 12;
    const lines = text.slice(0, cut).split('\n');
    const suiteLine = text.slice(0, suite).split('\n').length;
    expect(failure(() => readJunit(text.slice(0, cut), { file: 'ci/junit.xml', root: '/repo' }))).toBe(
      `ci/junit.xml:${lines.length}:${lines.at(-1)!.length + 1}: found the end of the file inside <testsuite> (opened at ${suiteLine}:5); expected the rest of the document up to </testsuite>: is the file truncated?`,
    );
  });

  it('never returns a partial count: every cut of a real file before its root closes is an error', () => {
    const text = input('pytest-xunit2');
    const end = text.lastIndexOf('</testsuites>') + '</testsuites>'.length;
    for (let cut = 0; cut < end; cut++) {
      expect(() => read(text.slice(0, cut)), `cut at ${cut}`).toThrow(EvidenceError);
    }
  });

  it('refuses a file that is not JUnit, saying which roots were expected', () => {
    expect(failure(() => read('<!DOCTYPE html>\n<html><body><p>502 Bad Gateway</p></body></html>'))).toBe(
      'junit.xml:2:1: found <html> as the root element; expected <testsuites> or <testsuite> (JUnit XML)',
    );
    expect(failure(() => read('<?xml version="1.0"?>\n<coverage line-rate="1"/>'))).toContain('found <coverage> as the root element');
  });

  it('refuses text that is not XML, an empty file, and malformed markup, each with a position', () => {
    expect(failure(() => read('{"testsuites": []}'))).toBe('junit.xml:1:1: found text before the root element; expected an XML document (is the file XML?)');
    expect(failure(() => read(''))).toBe('junit.xml:1:1: found an empty file; expected an XML document');
    expect(failure(() => read('<testsuites>\n  <testsuite name="s">\n  </testsuites>'))).toBe(
      'junit.xml:3:3: found </testsuites>; expected </testsuite> to close <testsuite> (opened at 2:3)',
    );
    expect(failure(() => read('<testsuites/>\n<testsuites/>'))).toBe('junit.xml:2:1: found a second root element; expected one root element');
    expect(failure(() => read('<testsuites name="&nbsp;"/>'))).toContain('junit.xml:1:19: found a reference to an undefined entity');
    expect(failure(() => read('<testsuites a="1" a="2"/>'))).toContain('found malformed XML (duplicate attribute: a)');
  });
});

describe('the XML reader', () => {
  it('parseXml gives a tree with decoded attributes, text and CDATA, and 1-based positions', () => {
    const root = parseXml('\uFEFF<?xml version="1.0"?>\r\n<a x="&lt;&#x41;&#66;">\r\n  <b\r\n   y="1"/>t<![CDATA[<c>]]>\r\n</a>\r\n', 'a.xml');
    expect(Object.getPrototypeOf(root.attributes)).toBeNull();
    expect(root).toEqual({
      name: 'a',
      attributes: { x: '<AB' },
      line: 2,
      column: 1,
      depth: 1,
      text: '\n  t<c>\n',
      children: [{ name: 'b', attributes: { y: '1' }, line: 3, column: 3, depth: 2, text: '', children: [] }],
    });
  });

  it('accepts the DOCTYPE istanbul writes in Cobertura (a SYSTEM id, never fetched)', () => {
    const cobertura = '<?xml version="1.0" ?>\n<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">\n<coverage lines-valid="1"/>';
    expect(parseXml(cobertura, 'cobertura.xml')).toMatchObject({ name: 'coverage', line: 3, column: 1 });
  });

  it('walkXml passes a handler\'s own error through unchanged, and honours maxDepth', () => {
    const mine = new EvidenceError('x.xml', 1, 2, 'found mine; expected mine');
    expect(() => walkXml('<a><b/></a>', 'x.xml', { open: (element) => { if (element.name === 'b') throw mine; } })).toThrow(mine);
    expect(failure(() => walkXml('<a><b/></a>', 'x.xml', {}, { maxDepth: 1 }))).toBe('x.xml:1:4: found <b> nested 2 levels deep; expected at most 1 levels of nested elements');
  });
});
