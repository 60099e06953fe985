/**
 * Deciding among candidate repairs: which pieces of a run to keep (a weak or rare
 * reading needs support from its neighbours or from the rest of the document), and
 * which code page's reading of a run wins. This is where legitimate text is told
 * apart from mojibake, so it is kept apart from how the candidates are found.
 */
import { PAGES, type CodePage, type MojibakeEncoding } from './code-pages.js';
import type { Piece } from './pieces.js';
import { LETTER } from './plausibility.js';

/** Evidence key: the document has certain (strong or guessed) repairs in this code page. */
export const DAMAGE = '#damage';

/**
 * Which pieces to keep. A weak piece needs support from its cluster (the pieces touching
 * it): a strong or guessed piece, or other pieces making a word of one non-Latin script,
 * as in Cyrillic or Chinese mojibake. Legitimate text makes lone weak pieces (`“Über”`
 * in Mac Roman) and Latin-looking pairs (NBSP + à, NBSP + © in Mac Roman: ʈʩ) by accident.
 * A lone weak letter is also kept when the document has repaired words of its script.
 * A rare symbol needs a neighbouring piece, or certain repairs elsewhere in the document.
 */
export function accepted(pieces: readonly Piece[], evidence: ReadonlySet<string> | undefined): Piece[] {
  const kept: Piece[] = [];
  for (let k = 0; k < pieces.length; ) {
    let j = k + 1;
    while (j < pieces.length && pieces[j]?.start === pieces[j - 1]?.end) j += 1;
    const cluster = pieces.slice(k, j);
    const certain = cluster.some((piece) => piece.kind === 'strong' || piece.kind === 'guessed');
    const inWord = foreignWords(cluster);
    cluster.forEach((piece, m) => {
      const keep =
        piece.kind === 'strong' ||
        piece.kind === 'guessed' ||
        (piece.kind === 'hint' && (certain || evidence?.has(DAMAGE) === true)) ||
        (piece.kind === 'rare' && (certain || cluster.length >= 2 || evidence?.has(DAMAGE) === true)) ||
        (piece.kind === 'weak' && (certain || inWord[m] === true || (evidence?.has(piece.script) === true && LETTER.test(piece.to))));
      if (keep) kept.push(piece);
    });
    k = j;
  }
  return kept;
}

/**
 * For each piece of a cluster, whether it is part of a word of one non-Latin script
 * (Cyrillic, Greek, CJK, …): two or more neighbouring pieces of that script, with
 * script-neutral pieces (punctuation, symbols) between or around them.
 */
function foreignWords(cluster: readonly Piece[]): boolean[] {
  const inWord = cluster.map(() => false);
  for (let k = 0; k < cluster.length; k += 1) {
    const script = cluster[k]?.script;
    if (script === undefined || script === 'Latin' || script === 'other') continue;
    if (k > 0 && cluster[k - 1]?.script === script) continue; // counted from the start of its word
    let end = k;
    let count = 0;
    while (end < cluster.length && (cluster[end]?.script === script || cluster[end]?.script === 'other')) {
      if (cluster[end]?.script === script) count += 1;
      end += 1;
    }
    if (count < 2) continue;
    let start = k;
    while (start > 0 && cluster[start - 1]?.script === 'other') start -= 1;
    for (let m = start; m < end; m += 1) inWord[m] = true;
  }
  return inWord;
}

/** How many characters of the run the pieces repair. */
export const coverage = (pieces: readonly Piece[]): number => pieces.reduce((sum, piece) => sum + piece.end - piece.start, 0);

export interface Choice {
  readonly page: CodePage;
  readonly pieces: readonly Piece[];
}

/** The code page whose kept pieces cover most of the run; ties go to the earlier page in `order`. */
export function choose(
  parses: readonly (readonly Piece[])[],
  order: readonly number[],
  evidence: ReadonlyMap<MojibakeEncoding, ReadonlySet<string>>,
): { best: Choice | undefined; winners: number[] } {
  let best: Choice | undefined;
  let bestCover = 0;
  let winners: number[] = [];
  for (const index of order) {
    const page = PAGES[index];
    const parse = parses[index];
    if (!page || !parse) continue;
    const pieces = accepted(parse, evidence.get(page.name));
    const cover = coverage(pieces);
    if (cover === 0) continue;
    if (cover > bestCover) {
      best = { page, pieces };
      bestCover = cover;
      winners = [index];
    } else if (cover === bestCover) {
      winners.push(index);
    }
  }
  return { best, winners };
}
