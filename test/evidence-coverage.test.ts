/**
 * The coverage readers against real tool output and hand-made quirks
 * (test/fixtures/evidence/coverage/README.md says which is which). Every case
 * folder holds input.<ext>, root.txt (the root the paths were written under)
 * and either expected.json (the exact CoverageRun) or expected-error.json (the
 * exact EvidenceError); files.txt, when present, lists the repository's files
 * for Cobertura's choice between several sources.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCobertura } from '../src/evidence/cobertura.js';
import { relativeToRoot } from '../src/evidence/coverage-run.js';
import { compareText } from '../src/text/compare.js';
import { readIstanbulFinal, readIstanbulSummary } from '../src/evidence/istanbul.js';
import { readLcov } from '../src/evidence/lcov.js';
import { EvidenceError } from '../src/evidence/error.js';
import type { ReadOptions } from '../src/model/evidence.js';
import type { CoverageFormat, CoverageRun } from '../src/model/evidence.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/evidence/coverage');

const READERS: Record<CoverageFormat, (text: string, options: ReadOptions) => CoverageRun> = {
  lcov: readLcov,
  'istanbul-summary': readIstanbulSummary,
  'istanbul-final': readIstanbulFinal,
  cobertura: readCobertura,
};

interface Case {
  name: string;
  text: string;
  options: ReadOptions;
  expected: CoverageRun | null;
  error: { format: CoverageFormat; line: number; column: number; message: string } | null;
}

function loadCase(name: string): Case {
  const dir = join(FIXTURES, name);
  const input = readdirSync(dir).find((file) => file.startsWith('input.'))!;
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const options: ReadOptions = { file: `${name}/${input}`, root: read('root.txt').trim() };
  if (existsSync(join(dir, 'files.txt'))) {
    const files = new Set(read('files.txt').split('\n').filter(Boolean));
    options.exists = (path) => files.has(path);
  }
  return {
    name,
    text: read(input),
    options,
    expected: existsSync(join(dir, 'expected.json')) ? (JSON.parse(read('expected.json')) as CoverageRun) : null,
    error: existsSync(join(dir, 'expected-error.json')) ? JSON.parse(read('expected-error.json')) : null,
  };
}

function caughtError(fn: () => unknown): EvidenceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EvidenceError) return error;
    throw error;
  }
  throw new Error('expected an EvidenceError, got a result');
}

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => loadCase(entry.name));

describe('coverage fixtures', () => {
  it('has every kind of case', () => {
    expect(cases.filter((c) => c.expected).length).toBeGreaterThanOrEqual(20);
    expect(cases.filter((c) => c.error).length).toBeGreaterThanOrEqual(10);
    for (const c of cases) expect(Number(!!c.expected) + Number(!!c.error), c.name).toBe(1);
  });

  for (const c of cases.filter((c) => c.expected)) {
    it(`reads ${c.name} exactly`, () => {
      const run = READERS[c.expected!.format](c.text, c.options);
      expect(run).toEqual(c.expected);
    });
  }

  for (const c of cases.filter((c) => c.error)) {
    it(`refuses ${c.name} with file:line:col`, () => {
      const error = caughtError(() => READERS[c.error!.format](c.text, c.options));
      expect({ file: error.file, line: error.line, column: error.column, message: error.message }).toEqual({
        file: c.options.file,
        line: c.error!.line,
        column: c.error!.column,
        message: c.error!.message,
      });
    });
  }
});

describe('real tools agree with each other', () => {
  const run = (name: string) => {
    const c = cases.find((x) => x.name === name)!;
    return READERS[c.expected!.format](c.text, c.options);
  };
  // The four reports of one vitest run describe the same files with the same line counts.
  for (const provider of ['v8', 'istanbul', 'empty']) {
    it(`vitest ${provider}: lcov, summary, final and cobertura give the same files`, () => {
      const runs = ['lcov', 'summary', 'final', 'cobertura'].map((kind) => run(`vitest-${provider}-${kind}`));
      for (const other of runs.slice(1)) {
        expect(other.files).toEqual(runs[0]!.files);
        expect(other.total).toEqual(runs[0]!.total);
      }
    });
  }

  it('coverage.py: lcov and Cobertura differ only on the docstring-only module (lcov DA lines win over LF/LH)', () => {
    const lcov = run('coveragepy-lcov');
    const xml = run('coveragepy-cobertura');
    expect(lcov.files.find((f) => f.file === 'app/docs_only.py')).toEqual({ file: 'app/docs_only.py', lines_covered: 1, lines_total: 1 });
    expect(xml.files.find((f) => f.file === 'app/docs_only.py')).toEqual({ file: 'app/docs_only.py', lines_covered: 0, lines_total: 0 });
    const others = (r: CoverageRun) => r.files.filter((f) => f.file !== 'app/docs_only.py');
    expect(others(lcov)).toEqual(others(xml));
  });

  it('real absolute paths are made relative to the recorded root, and stay absolute under another root', () => {
    const c = cases.find((x) => x.name === 'vitest-v8-summary')!;
    expect(c.text).toContain(`"${c.options.root}/src/math/calc.js"`);
    const elsewhere = readIstanbulSummary(c.text, { ...c.options, root: '/somewhere/else' });
    expect(elsewhere.files.map((f) => f.file)).toEqual([`${c.options.root}/src/math/calc.js`, `${c.options.root}/src/text/format.js`, `${c.options.root}/src/text/unused.js`]);
    expect(elsewhere.total).toEqual(c.expected!.total);
  });
});

describe('lcov', () => {
  const options = { file: 'lcov.info', root: '/repo' };
  const error = (text: string) => {
    const e = caughtError(() => readLcov(text, options));
    return `${e.line}:${e.column}: ${e.message}`;
  };

  it('reads an empty file as a run of no file (vitest writes one when nothing was measured)', () => {
    expect(readLcov('', options)).toEqual({ format: 'lcov', producer: null, files: [], total: { lines_covered: 0, lines_total: 0 } });
  });

  it('says where a line is malformed and what was expected', () => {
    expect(error('SF:a.js\nDA:1\nend_of_record\n')).toBe('2:4: found 1 field; expected DA:<line>,<hits>[,<checksum>]');
    expect(error('SF:a.js\nDA:1,2,abc,extra\nend_of_record\n')).toBe('2:12: found an extra field "extra"; expected DA:<line>,<hits>[,<checksum>]');
    expect(error('SF:a.js\nDA:0,1\nend_of_record\n')).toBe('2:4: found "0" as the line number of DA; expected a whole number from 1');
    expect(error('SF:a.js\nDA:3,-1\nend_of_record\n')).toBe('2:6: found "-1" as the hit count of DA; expected a whole number from 0');
    expect(error('SF:a.js\nLF:many\nend_of_record\n')).toBe('2:4: found "many" as the count of LF; expected a whole number from 0');
    expect(error('SF:a.js\nBRDA:3,0,1,often\nend_of_record\n')).toBe('2:12: found "often" as the taken count of BRDA; expected a whole number from 0, or - for a branch never reached');
    expect(error('SF:a.js\nBRDA:3,0,1\nend_of_record\n')).toBe('2:10: found 3 fields; expected BRDA:<line>,<block>,<branch>,<taken>');
    expect(error('SF:a.js\nFNDA:x,main\nend_of_record\n')).toBe('2:6: found "x" as the hit count of FNDA; expected a whole number from 0');
    expect(error('SF:a.js\nFNA:0,1,\nend_of_record\n')).toBe('2:9: found no name; expected FNA:<index>,<hits>,<name>');
    expect(error('SF:a.js\nFOO:1\nend_of_record\n')).toMatch(/^2:1: found "FOO:1"; expected an lcov line \(TN:, SF:/);
    expect(error('SF:a.js\ntoString:1\nend_of_record\n')).toMatch(/^2:1: found "toString:1"; expected an lcov line/);
  });

  it('says where the record structure breaks', () => {
    expect(error('DA:1,1\n')).toBe('1:1: found DA: outside a record; expected SF:<source file> to open one first');
    expect(error('end_of_record\n')).toBe('1:1: found end_of_record: outside a record; expected SF:<source file> to open one first');
    expect(error('SF:\nend_of_record\n')).toBe('1:4: found SF: with no path; expected SF:<source file>');
    expect(error('SF:a.js\nTN:x\nend_of_record\n')).toBe('2:1: found TN: inside the record for a.js opened at line 1; expected end_of_record before the next test name');
    expect(error('SF:a.js\nDA:1,1')).toBe('2:7: found the end of the file inside the record for a.js opened at line 1; expected end_of_record (the file looks truncated)');
  });

  it('refuses LH above LF where there is no DA line, and LF/LH-only records that would need merging by line', () => {
    expect(error('SF:a.js\nLF:1\nLH:2\nend_of_record\n')).toBe('3:4: found LH:2 above LF:1 in a record with no DA lines; expected at most as many lines hit as found');
    expect(error('SF:a.js\nDA:1,1\nend_of_record\nSF:a.js\nLF:3\nLH:1\nend_of_record\n')).toBe(
      '4:1: found a record for a.js with LF/LH and no DA lines, and another record of the same file; expected DA lines in each, since records of one file are merged line by line',
    );
    expect(error('SF:a.js\nLF:3\nLH:1\nend_of_record\nSF:a.js\nLF:3\nLH:2\nend_of_record\n')).toMatch(/^5:1: found a record for a.js with LF\/LH and no DA lines/);
  });

  it('counts hit counts beyond 2^53 and repeated DA lines by line', () => {
    const run = readLcov('SF:a.js\nDA:1,123456789012345678901234567890\nDA:2,0\nDA:2,0\nDA:3,0\nDA:3,00\nend_of_record\n', options);
    expect(run.files).toEqual([{ file: 'a.js', lines_covered: 1, lines_total: 3 }]);
  });

  it('names coverage.py only from its marks: checksums on every DA line and no function lines', () => {
    const coveragePy = 'TN:\nSF:a.py\nDA:1,1,4/SU+fpaq/+jE6SShCX6TA\nLF:1\nLH:1\nend_of_record\n';
    expect(readLcov(coveragePy, options).producer).toBe('coverage.py');
    expect(readLcov(coveragePy.replace('TN:\n', 'TN:\nSF:b.py\nDA:1,1\nend_of_record\n'), options).producer).toBeNull();
    expect(readLcov(coveragePy.replace('DA:', 'FN:1,f\nDA:'), options).producer).toBeNull();
    expect(readLcov(coveragePy.replace('DA:1,1,', 'DA:1,7,'), options).producer).toBeNull();
    expect(readLcov(`# gcovr\n${coveragePy}`, options).producer).toBeNull();
  });
});

describe('istanbul', () => {
  const options = { file: 'coverage.json', root: '/repo' };
  const error = (read: typeof readIstanbulFinal, text: string) => {
    const e = caughtError(() => read(text, options));
    return `${e.line}:${e.column}: ${e.message}`;
  };

  it('places shape errors of coverage-final.json at the value', () => {
    const text = '{\n  "/repo/a.js": {\n    "path": "/repo/a.js",\n    "statementMap": {"0": {"start": {"line": 1, "column": 0}, "end": {"line": 1, "column": 5}}},\n    "s": {"0": 1.5}\n  }\n}\n';
    expect(error(readIstanbulFinal, text)).toBe('5:16: found number 1.5 at "/repo/a.js" → "s" → "0"; expected a whole number from 0');
    expect(error(readIstanbulFinal, '{"/repo/a.js": {"path": "/repo/a.js", "s": {}}}')).toBe(
      '1:16: found no "statementMap" in "/repo/a.js"; expected an object of statement locations',
    );
    expect(error(readIstanbulFinal, '[]')).toBe('1:1: found an array at the top level; expected an object with one key per file');
  });

  it('refuses a summary without total, or with a file covering more lines than it has', () => {
    expect(error(readIstanbulSummary, '{"/repo/a.js": {"lines": {"total": 1, "covered": 1}}}')).toBe(
      '1:1: found no "total"; expected a coverage-summary.json with "total" and one key per file',
    );
    expect(error(readIstanbulSummary, '{"total": {"lines": {"total": 1, "covered": 2}}}')).toBe(
      '1:45: found 2 lines covered of 1 at "total"; expected at most the total',
    );
  });

  it('refuses two summary keys for one file: counts cannot be merged by line', () => {
    const text = '{"total": {"lines": {"total": 4, "covered": 2}},\n"/repo/a.js": {"lines": {"total": 2, "covered": 1}},\n"a.js": {"lines": {"total": 2, "covered": 1}}}';
    expect(error(readIstanbulSummary, text)).toBe('3:1: found a.js a second time (as "a.js"); expected each file once, since counts without lines cannot be merged');
  });
});

describe('cobertura', () => {
  const options = { file: 'coverage.xml', root: '/repo' };
  const xml = (classes: string, sources = '<source>/repo</source>') =>
    `<?xml version="1.0" ?>\n<coverage version="x">\n<sources>${sources}</sources>\n<packages><package name="p"><classes>\n${classes}\n</classes></package></packages>\n</coverage>\n`;

  it('counts class lines once, merging classes of one file, and never method lines', () => {
    const text = xml(
      '<class name="A" filename="src/a.py"><methods><method name="m"><lines><line number="9" hits="1"/></lines></method></methods><lines><line number="1" hits="0"/><line number="2" hits="1"/></lines></class>\n' +
        '<class name="A$B" filename="src/a.py"><methods/><lines><line number="1" hits="2"/><line number="3" hits="0"/></lines></class>',
    );
    expect(readCobertura(text, options)).toEqual({ format: 'cobertura', producer: null, files: [{ file: 'src/a.py', lines_covered: 2, lines_total: 3 }], total: { lines_covered: 2, lines_total: 3 } });
  });

  it('resolves files against relative sources and keeps absolute filenames', () => {
    const text = xml('<class name="a" filename="a.py"><lines><line number="1" hits="1"/></lines></class>\n<class name="b" filename="/repo/lib/b.py"><lines/></class>', '<source>./app</source>');
    expect(readCobertura(text, options).files.map((f) => f.file)).toEqual(['app/a.py', 'lib/b.py']);
  });

  it('says what is missing on a class or a line', () => {
    const e = caughtError(() => readCobertura(xml('<class name="A"><lines/></class>'), options));
    expect(`${e.line}:${e.column}: ${e.message}`).toBe('5:1: found <class name="A"> without a filename; expected the source file it covers in filename="…"');
    const f = caughtError(() => readCobertura(xml('<class name="A" filename="a.py"><lines><line hits="1"/></lines></class>'), options));
    expect(`${f.line}:${f.column}: ${f.message}`).toBe('5:40: found no number on <line>; expected number="<line number from 1>"');
  });
});

describe('paths', () => {
  it('makes paths relative to the root with "/" and keeps the ones outside as written', () => {
    expect(relativeToRoot('/repo/src/a.js', '/repo')).toBe('src/a.js');
    expect(relativeToRoot('/repo/src/a.js', '/repo/')).toBe('src/a.js');
    expect(relativeToRoot('/repo/src/../lib/a.js', '/repo')).toBe('lib/a.js');
    expect(relativeToRoot('/repository/a.js', '/repo')).toBe('/repository/a.js');
    expect(relativeToRoot('/repo', '/repo')).toBe('/repo');
    expect(relativeToRoot('./src/a.js', '/repo')).toBe('src/a.js');
    expect(relativeToRoot('src\\win\\a.js', '/repo')).toBe('src/win/a.js');
    expect(relativeToRoot('../other/a.js', '/repo')).toBe('../other/a.js');
    expect(relativeToRoot('C:\\build\\src\\a.js', '/repo')).toBe('C:\\build\\src\\a.js');
    expect(relativeToRoot('C:\\build\\src\\a.js', 'C:\\build')).toBe('src/a.js');
  });

  it('orders files by code point', () => {
    expect(['b', '\u{1F600}', 'a', '\uFFFF', 'B'].sort(compareText)).toEqual(['B', 'a', 'b', '\uFFFF', '\u{1F600}']);
  });
});
