/**
 * JUnit XML, as vitest, jest (jest-junit), pytest (xunit1 and xunit2), Maven
 * Surefire, gotestsum, Playwright and mocha (mocha-junit-reporter) write it,
 * read in one streaming pass through the shared safe XML reader (`xml.ts`).
 *
 * Counting: the root is `<testsuites>` or one `<testsuite>`; suites may nest.
 * Tests are counted from the `<testcase>`s, never from suite attributes (which
 * lie: mocha counts skipped tests it leaves out, Surefire writes tests="0" for
 * @Nested classes, vitest always writes errors="0"). A case with a `<failure>`
 * or `<error>` child failed (also a `<rerunFailure>`/`<rerunError>`: it failed
 * on a rerun too), else with `<skipped>` it was skipped (pytest's xfail is
 * `<skipped type="pytest.xfail">`; an xpass is a plain case, so it passed),
 * else it passed. A passed case with `<flakyFailure>`/`<flakyError>` (Surefire,
 * Playwright with includeRetries) passed on a rerun: counted once as passed and
 * as flaky.
 *
 * Repeats: pytest writes a test that fails and then errors in teardown as two
 * cases with one name, and gotestsum --rerun-fails writes every attempt. Cases
 * with the same test file, classname and name are attempts at one test: the
 * last one (in document order) gives the outcome, and a test whose last attempt
 * passed after one that failed is flaky. This holds for pytest, gotestsum and
 * files whose producer is unknown. vitest, jest, mocha, Playwright and
 * Surefire never repeat a case (they report retries inside it), so there two
 * cases with the same name (`it.each` with one title) are two tests.
 *
 * The test file of a case, first rule that gives one:
 *   1. `options.testFileMap` (`--test-file-map`): the first of the case's
 *      `file`, the enclosing suite's `file`, the case's `classname`, and the
 *      outermost named suite's `name` that is a key of the map gives its value.
 *   2. the case's `file` attribute (pytest xunit1, jest-junit and vitest with
 *      addFileAttribute);
 *   3. the `file` of the nearest enclosing `<testsuite>` that has one (mocha);
 *   4. pytest only: the dotted classname (xunit2 drops `file`) as a module path:
 *      the segments before the first one (after the first) that starts with an
 *      uppercase letter, joined with "/", plus ".py" (`tests.test_db.TestX` →
 *      `tests/test_db.py`). pytest writes the module path with dots and then the
 *      class chain, and test classes are `Test*` by default; a module or folder
 *      whose name starts with an uppercase letter or contains a dot is misread:
 *      map it.
 *   5. the classname when it looks like a path (no whitespace, and a "/" or "\"
 *      or a source-file extension): vitest and Playwright write the test file
 *      there, gotestsum the Go package path (kept as is: a Go test's "file" is
 *      its package);
 *   6. the `name` of the outermost named `<testsuite>` around the case: jest-junit
 *      without addFileAttribute names it after the file's first describe block
 *      (the file cannot be known: the describe title stands for it; map it),
 *      or "undefined" when the file has none, Surefire after the test class,
 *      mocha "Root Suite" for tests outside any describe;
 *   7. the classname as written; 8. the JUnit file itself (`options.file`).
 * Any of these that looks like a path is made relative to `options.root` with
 * "/"; an absolute path outside the root stays as written. Playwright names
 * files relative to its testDir, not the repository: map them if they differ.
 *
 * Times: `time` in seconds, summed over a file's cases (every attempt),
 * rounded to milliseconds; null when no case states one. Also read: thousands
 * commas (`1,024.5`, and Surefire's `1,024`, whose schema groups thousands with
 * commas), a decimal comma (`0,03`, `1,5`: a comma is a decimal comma unless
 * it groups thousands as in `1,024`, which a leading 0 never does), exponents
 * (`1e-05`), units (`80.803us`, `12ms`, Go's `1m30.5s`). An empty `time` is no
 * time; anything else unreadable is an error.
 *
 * Producer: from what each tool writes: vitest `<testsuites name="vitest
 * tests">`, jest-junit `name="jest tests"`, mocha `name="Mocha Tests"` (or a
 * suite "Root Suite"), pytest `name="pytest tests"` or a suite named
 * "pytest" (pytest 9 writes both; older ones the suite), Surefire its schema in `xsi:noNamespaceSchemaLocation`,
 * gotestsum a `go.version` property on suites without `id` (go-junit-report
 * writes ids), Playwright an `id` attribute on `<testsuites>`; null otherwise
 * (a renamed suite included).
 */
import { compareText } from '../text/compare.js';
import { relativeToRoot } from './coverage-run.js';
import { EvidenceError } from './error.js';
import type { ReadOptions } from '../model/evidence.js';
import type { TestFileResult, TestRun } from '../model/evidence.js';
import { walkXml, type XmlLimits, type XmlStart } from './xml.js';

type Outcome = 'passed' | 'failed' | 'skipped';

/** One `<testcase>` element: one attempt at a test. */
interface Attempt {
  outcome: Outcome;
  /** Had a `<flakyFailure>`/`<flakyError>`: failed, then passed on a rerun. */
  flaky: boolean;
  time: number | null;
  /** Document order, to find the last attempt of a test across places. */
  order: number;
  /** The attempt before it at the same test, if any: a chain rather than an array, as most tests have one attempt. */
  earlier: Attempt | undefined;
}

/** What the runner wrote about where a case is; cases written alike share one place. */
interface Place {
  caseFile: string | undefined;
  suiteFile: string | undefined;
  classname: string | undefined;
  suiteName: string | undefined;
  /** The latest attempt by test name. */
  tests: Map<string, Attempt>;
}

/** What the file says about the tool that wrote it. */
interface Signals {
  rootName: string | undefined;
  rootHasId: boolean;
  suiteNamedPytest: boolean;
  suiteNamedRootSuite: boolean;
  surefireSchema: boolean;
  goVersion: boolean;
  suiteHasId: boolean;
}

/** Producers that report retries inside one case, so that repeated names are distinct tests. */
const NEVER_REPEATS = new Set(['vitest', 'jest', 'mocha', 'playwright', 'surefire']);

/** Read a JUnit XML report; throws `EvidenceError` (file, line, column) on malformed or unsafe XML, a root that is not JUnit, or a time it cannot read. */
export function readJunit(text: string, options: ReadOptions): TestRun {
  const collector = new Collector(options.file);
  const limits: XmlLimits = options.maxLength === undefined ? {} : { maxLength: options.maxLength };
  walkXml(text, options.file, { open: (e) => collector.open(e), close: (e) => collector.close(e) }, limits);
  const producer = detectProducer(collector.signals);
  const files = countFiles(collector.places.values(), producer, options);
  return { format: 'junit', producer, files };
}

/** The testcase being read, with what its children said so far. */
interface OpenCase {
  start: XmlStart;
  place: Place;
  name: string;
  time: number | null;
  failed: boolean;
  skipped: boolean;
  flaky: boolean;
}

interface Suite {
  name: string | undefined;
  file: string | undefined;
}

/** Collects places and signals from the element events of one pass. */
class Collector {
  readonly places = new Map<string, Place>();
  readonly signals: Signals = {
    rootName: undefined,
    rootHasId: false,
    suiteNamedPytest: false,
    suiteNamedRootSuite: false,
    surefireSchema: false,
    goVersion: false,
    suiteHasId: false,
  };
  private readonly suites: Suite[] = [];
  /** Changes whenever a suite opens or closes, so that the last place can be reused while it holds. */
  private suitesVersion = 0;
  private last: { place: Place; suitesVersion: number } | undefined;
  private current: OpenCase | undefined;
  private order = 0;

  constructor(private readonly file: string) {}

  open(element: XmlStart): void {
    if (element.depth === 1) this.openRoot(element);
    const { current } = this;
    if (current) {
      if (element.depth === current.start.depth + 1) markChild(current, element.name);
      if (element.name === 'testcase') this.fail(element, 'found <testcase> inside <testcase>; expected test cases side by side in a <testsuite>');
      return;
    }
    if (element.name === 'testsuite') this.openSuite(element);
    else if (element.name === 'testcase') this.current = this.openCase(element);
    else if (element.name === 'property' && element.attributes.name === 'go.version') this.signals.goVersion = true;
  }

  close(element: XmlStart): void {
    const { current } = this;
    if (current?.start === element) {
      this.finishCase(current);
      this.current = undefined;
    } else if (element.name === 'testsuite' && !current) {
      this.suites.pop();
      this.suitesVersion++;
    }
  }

  private openRoot(root: XmlStart): void {
    if (root.name !== 'testsuites' && root.name !== 'testsuite') {
      this.fail(root, `found <${root.name}> as the root element; expected <testsuites> or <testsuite> (JUnit XML)`);
    }
    this.signals.rootName = nonEmpty(root.attributes.name);
    this.signals.rootHasId = root.name === 'testsuites' && root.attributes.id !== undefined;
  }

  private openSuite(suite: XmlStart): void {
    const { attributes } = suite;
    const name = nonEmpty(attributes.name);
    if (name === 'pytest') this.signals.suiteNamedPytest = true;
    if (name === 'Root Suite') this.signals.suiteNamedRootSuite = true;
    if (attributes.id !== undefined) this.signals.suiteHasId = true;
    if (/surefire/i.test(attributes['xsi:noNamespaceSchemaLocation'] ?? '')) this.signals.surefireSchema = true;
    this.suites.push({ name, file: nonEmpty(attributes.file) });
    this.suitesVersion++;
  }

  private openCase(element: XmlStart): OpenCase {
    const { attributes } = element;
    const name = attributes.name ?? '';
    const place = this.placeOf(nonEmpty(attributes.file), nonEmpty(attributes.classname));
    return { start: element, place, name, time: this.timeOf(element, name), failed: false, skipped: false, flaky: false };
  }

  /** The place of a case: the names that can tell its file, interned so that 200,000 cases share a few hundred places. */
  private placeOf(caseFile: string | undefined, classname: string | undefined): Place {
    const { last } = this;
    if (last && last.suitesVersion === this.suitesVersion && last.place.caseFile === caseFile && last.place.classname === classname) return last.place;
    // The top-level suite stands for the file (jest, Surefire); the nearest suite with a file says which (mocha).
    const suiteName = this.suites.find((suite) => suite.name !== undefined)?.name;
    const suiteFile = this.suites.findLast((suite) => suite.file !== undefined)?.file;
    // Names of XML 1.0 text never contain U+0000 or U+0001.
    const key = [caseFile, suiteFile, classname, suiteName].map((part) => part ?? '\u0001').join('\u0000');
    let place = this.places.get(key);
    if (!place) {
      place = { caseFile, suiteFile, classname, suiteName, tests: new Map() };
      this.places.set(key, place);
    }
    this.last = { place, suitesVersion: this.suitesVersion };
    return place;
  }

  private timeOf(element: XmlStart, name: string): number | null {
    const raw = element.attributes.time;
    if (raw === undefined || raw.trim() === '') return null;
    const seconds = parseSeconds(raw);
    if (seconds === undefined) {
      this.fail(element, `found time=${quote(raw)} on <testcase name=${quote(name)}>; expected a duration in seconds (such as 1.5, 1,024.5, 0,03 or 80.8ms)`);
    }
    return seconds;
  }

  private finishCase(testCase: OpenCase): void {
    const outcome: Outcome = testCase.failed ? 'failed' : testCase.skipped ? 'skipped' : 'passed';
    const { tests } = testCase.place;
    tests.set(testCase.name, { outcome, flaky: testCase.flaky, time: testCase.time, order: this.order++, earlier: tests.get(testCase.name) });
  }

  private fail(element: XmlStart, message: string): never {
    throw new EvidenceError(this.file, element.line, element.column, message);
  }
}

/** What a child element of a testcase says about its outcome. */
function markChild(testCase: OpenCase, name: string): void {
  switch (name) {
    case 'failure':
    case 'error':
    case 'rerunFailure':
    case 'rerunError':
      testCase.failed = true;
      break;
    case 'skipped':
      testCase.skipped = true;
      break;
    case 'flakyFailure':
    case 'flakyError':
      testCase.flaky = true;
      break;
  }
}

function detectProducer(signals: Signals): string | null {
  if (signals.surefireSchema) return 'surefire';
  if (signals.goVersion && !signals.suiteHasId) return 'gotestsum';
  switch (signals.rootName) {
    case 'vitest tests':
      return 'vitest';
    case 'jest tests':
      return 'jest';
    case 'Mocha Tests':
      return 'mocha';
    case 'pytest tests':
      return 'pytest';
  }
  if (signals.suiteNamedPytest) return 'pytest';
  if (signals.suiteNamedRootSuite) return 'mocha';
  // Playwright always writes id="" (PLAYWRIGHT_JUNIT_SUITE_ID) on the root.
  if (signals.rootHasId) return 'playwright';
  return null;
}

/** Tests by file: attempts of one test joined (where the producer repeats), outcomes counted, times summed. */
function countFiles(places: Iterable<Place>, producer: string | null, options: ReadOptions): TestFileResult[] {
  const byFile = new Map<string, Place[]>();
  for (const place of places) {
    const file = fileOf(place, producer, options);
    const known = byFile.get(file);
    if (known) known.push(place);
    else byFile.set(file, [place]);
  }
  const joinRepeats = producer === null || !NEVER_REPEATS.has(producer);
  return [...byFile]
    .sort(([a], [b]) => compareText(a, b))
    .map(([file, filePlaces]) => countFile(file, latestAttempts(filePlaces), joinRepeats));
}

/** The latest attempt of each test of a file; where several places share the file, one test's attempts are chained together in document order. */
function latestAttempts(places: Place[]): Iterable<Attempt> {
  if (places.length === 1) return places[0]!.tests.values();
  const byTest = new Map<string, Attempt[]>();
  for (const place of places) {
    for (const [name, latest] of place.tests) {
      const key = `${place.classname ?? ''}\u0000${name}`;
      const attempts = byTest.get(key) ?? [];
      for (let attempt: Attempt | undefined = latest; attempt; attempt = attempt.earlier) attempts.push(attempt);
      byTest.set(key, attempts);
    }
  }
  return [...byTest.values()].map((attempts) => {
    attempts.sort((a, b) => a.order - b.order);
    attempts.forEach((attempt, index) => (attempt.earlier = attempts[index - 1]));
    return attempts.at(-1)!;
  });
}

function countFile(file: string, tests: Iterable<Attempt>, joinRepeats: boolean): TestFileResult {
  const result: TestFileResult = { file, total: 0, passed: 0, failed: 0, skipped: 0, flaky: 0, duration_s: null };
  let seconds: number | null = null;
  for (const latest of tests) {
    for (let attempt: Attempt | undefined = latest; attempt; attempt = attempt.earlier) {
      if (attempt.time !== null) seconds = (seconds ?? 0) + attempt.time;
      if (!joinRepeats) addTest(result, attempt.outcome, attempt.flaky);
    }
    if (joinRepeats) addTest(result, latest.outcome, latest.flaky || failedBefore(latest));
  }
  result.duration_s = seconds === null ? null : Math.round(seconds * 1000) / 1000;
  return result;
}

function failedBefore(latest: Attempt): boolean {
  for (let attempt = latest.earlier; attempt; attempt = attempt.earlier) if (attempt.outcome === 'failed') return true;
  return false;
}

/** One test: a passed test that failed before (an earlier attempt, or a flaky rerun inside) is flaky. */
function addTest(result: TestFileResult, outcome: Outcome, failedFirst: boolean): void {
  result.total++;
  result[outcome]++;
  if (outcome === 'passed' && failedFirst) result.flaky++;
}

/** The test file of a place: the rules in the module comment, in order. */
function fileOf(place: Place, producer: string | null, options: ReadOptions): string {
  const { caseFile, suiteFile, classname, suiteName } = place;
  const mapped = mappedFile(place, options.testFileMap);
  if (mapped !== undefined) return asPath(mapped, options.root);
  if (caseFile !== undefined) return asPath(caseFile, options.root);
  if (suiteFile !== undefined) return asPath(suiteFile, options.root);
  if (producer === 'pytest' && classname !== undefined) return pytestModuleFile(classname);
  if (classname !== undefined && looksLikePath(classname)) return asPath(classname, options.root);
  if (suiteName !== undefined) return looksLikePath(suiteName) ? asPath(suiteName, options.root) : suiteName;
  return classname ?? options.file;
}

function mappedFile(place: Place, map: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!map) return undefined;
  for (const name of [place.caseFile, place.suiteFile, place.classname, place.suiteName]) {
    // Own keys only: a name such as "constructor" must not find Object.prototype's.
    if (name !== undefined && Object.hasOwn(map, name)) return map[name];
  }
  return undefined;
}

/** pytest's dotted classname (module path, then classes) as the module's file: `tests.test_db.TestX` → `tests/test_db.py`. */
function pytestModuleFile(classname: string): string {
  const parts = classname.split('.');
  const firstClass = parts.findIndex((part, index) => index > 0 && /^[A-Z]/.test(part));
  return `${parts.slice(0, firstClass === -1 ? parts.length : firstClass).join('/')}.py`;
}

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|py|go|rb|rs|java|kts?|scala|groovy|cs|php|swift|dart|exs?|feature|vue|svelte)$/i;

/** A name that is a path rather than a title or a dotted class name. */
function looksLikePath(name: string): boolean {
  return !/\s/.test(name) && (name.includes('/') || name.includes('\\') || SOURCE_FILE.test(name));
}

function asPath(path: string, root: string): string {
  return relativeToRoot(path, root);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

const GROUPED = /^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;
const DECIMAL_COMMA = /^\d+,\d+$/;
const PLAIN = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const WITH_UNITS = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|μs|ms|s|m|h))+$/;
const UNIT_PART = /(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/g;
const UNIT_SECONDS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** A `time` attribute in seconds, or undefined when it is not a duration Tally can read. */
function parseSeconds(raw: string): number | undefined {
  const text = raw.trim();
  let seconds: number | undefined;
  if (GROUPED.test(text)) seconds = Number(text.replaceAll(',', ''));
  else if (DECIMAL_COMMA.test(text)) seconds = Number(text.replace(',', '.'));
  else if (PLAIN.test(text)) seconds = Number(text);
  else if (WITH_UNITS.test(text)) {
    seconds = 0;
    for (const [, value, unit] of text.matchAll(UNIT_PART)) seconds += Number(value) * UNIT_SECONDS[unit!]!;
  }
  return seconds !== undefined && Number.isFinite(seconds) ? seconds : undefined;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
