/** The one order of text (src/text/compare.ts): code points, whatever the UTF-16 encoding does above U+FFFF. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareText } from '../src/text/compare.js';

/** The order by definition: the code points one by one, then the shorter first. */
function byCodePoints(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

describe('compareText', () => {
  it('orders by code point, astral characters after U+FFFF', () => {
    expect(['b', '\u{1F600}', 'a', '\uFFFF', 'B', ''].sort(compareText)).toEqual(['', 'B', 'a', 'b', '\uFFFF', '\u{1F600}']);
    expect(compareText('2025-01-02', '2025-01-10')).toBe(-1);
  });

  it('agrees with comparing code points one by one, for any two strings', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '\uE000', '\uFFFF', '\u{10000}', '\u{1F600}', '\u{10FFFF}') });
    fc.assert(fc.property(text, text, (a, b) => compareText(a, b) === byCodePoints(a, b)));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => compareText(a, b) === byCodePoints(a, b)));
  });
});
