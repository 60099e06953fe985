/**
 * A page's file and back (src/model/page-id.ts): every page id gives one file
 * that reads back as the same id, two ids never give one file, and a file no
 * build writes is no page. Phase ids are whatever the schema accepts, so a
 * schema that let a phase id take a page's name (`x.2`, `_none`) fails here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPageFile, pageFile, pageIdOfFile, pageIdOfName, pageName, type PageId } from '../src/model/page-id.js';
import { identifier } from '../src/schema/common.js';

const isPhaseId = (id: string): boolean => identifier.safeParse(id).success;

/** Phase ids the schema accepts, drawn from text with the characters page names use, including the names pages take. */
const phaseId = fc
  .oneof(
    fc.constantFrom('x', 'x-2', 'x_2', 'no-phase', 'none', '_none', 'x.2', 'X', '2025-01', 'p0'),
    fc.string({ unit: fc.constantFrom(...'ax09-_.X'), minLength: 1, maxLength: 6 }),
  )
  .filter(isPhaseId);

const month = fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
/** Small parts, so that pairs of ids often share a phase or month. */
const part = fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 100_000 }));

const pageId: fc.Arbitrary<PageId> = fc.oneof(
  fc.constant<PageId>({ kind: 'report' }),
  fc.record({ kind: fc.constant('sessions' as const), month, part }),
  fc.record({ kind: fc.constant('components' as const), phase: fc.option(phaseId, { nil: null }), part }),
);

const mission = fc.constantFrom('m', 'demo', 'unit-test-coverage', 'sessions-2025-01', 'm.md');

describe('page ids and files', () => {
  it('a page\'s file reads back as the same page', () => {
    fc.assert(
      fc.property(mission, pageId, (m, id) => {
        expect(pageIdOfFile(m, pageFile(m, id))).toEqual(id);
      }),
      { numRuns: 2000 },
    );
  });

  it('two different pages never share a file', () => {
    fc.assert(
      fc.property(mission, pageId, pageId, (m, a, b) => {
        if (pageFile(m, a) === pageFile(m, b)) expect(a).toEqual(b);
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(
        mission,
        fc.uniqueArray(pageId, { selector: (id) => JSON.stringify(id), maxLength: 40 }),
        (m, ids) => {
          const files = ids.map((id) => pageFile(m, id));
          expect(new Set(files).size).toBe(files.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a file that reads as a page is exactly that page\'s file; any other file is no page', () => {
    const piece = fc.constantFrom('m/', 'sessions-', 'components-', '2025-01', '-2', '-1', '-02', '.2', '.1', '.02', 'x', '_none', 'X', '.md', '/', '..', '');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 7 }), (pieces) => {
        const file = pieces.join('');
        const id = pageIdOfFile('m', file);
        if (id !== null) expect(pageFile('m', id)).toBe(file);
        const name = file.startsWith('m/') ? file.slice(2) : null;
        if (name !== null) expect(isPageFile(name)).toBe(id !== null && id.kind !== 'report');
      }),
      { numRuns: 3000 },
    );
  });

  it('names and files, as the reports and templates have them', () => {
    expect(pageFile('m', { kind: 'report' })).toBe('m.md');
    expect(pageFile('m', { kind: 'sessions', month: '2025-01', part: 1 })).toBe('m/sessions-2025-01.md');
    expect(pageFile('m', { kind: 'sessions', month: '2025-01', part: 2 })).toBe('m/sessions-2025-01-2.md');
    expect(pageFile('m', { kind: 'components', phase: 'x', part: 1 })).toBe('m/components-x.md');
    expect(pageFile('m', { kind: 'components', phase: 'x', part: 2 })).toBe('m/components-x.2.md');
    expect(pageFile('m', { kind: 'components', phase: 'x-2', part: 1 })).toBe('m/components-x-2.md');
    expect(pageFile('m', { kind: 'components', phase: null, part: 1 })).toBe('m/components-_none.md');
    expect(pageFile('m', { kind: 'components', phase: 'no-phase', part: 1 })).toBe('m/components-no-phase.md');
    expect(pageIdOfName('components', 'x.2')).toEqual({ kind: 'components', phase: 'x', part: 2 });
    expect(pageIdOfName('sessions', '2025-01-2')).toEqual({ kind: 'sessions', month: '2025-01', part: 2 });
    for (const name of ['notes.md', 'sessions-notes.md', 'sessions-2025-1.md', 'sessions-2025-01-1.md', 'components-x.1.md', 'components-x.02.md', 'components-X.md', 'components-_other.md', 'components-x.md.bak']) {
      expect(isPageFile(name), name).toBe(false);
    }
    expect(pageIdOfFile('m', 'other.md')).toBeNull();
    expect(pageIdOfFile('m', 'other/sessions-2025-01.md')).toBeNull();
  });

  it('no page has an id outside the schema, so none is given a file', () => {
    expect(() => pageName({ kind: 'components', phase: 'X', part: 1 })).toThrow(/phase id/);
    expect(() => pageName({ kind: 'components', phase: 'x.2', part: 1 })).toThrow(/phase id/);
    expect(() => pageName({ kind: 'components', phase: '_none', part: 1 })).toThrow(/phase id/);
    expect(() => pageName({ kind: 'sessions', month: '2025-1', part: 1 })).toThrow(/month/);
    expect(() => pageName({ kind: 'sessions', month: '2025-01', part: 0 })).toThrow(/part/);
    expect(() => pageFile('m', { kind: 'components', phase: 'x', part: 1.5 })).toThrow(/part/);
  });
});
