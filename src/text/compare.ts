/**
 * Code-point order, independent of locale: how Tally sorts names, dates and
 * paths everywhere. JavaScript's `<` compares UTF-16 code units, which order
 * as code points except that the surrogates of a character above U+FFFF
 * (U+D800–U+DFFF) sort below U+E000–U+FFFF; they are put back above here.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/** A UTF-16 code unit ranked as the code point it starts or continues: surrogates above every other unit. */
function codePointRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit;
}
