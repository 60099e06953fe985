/**
 * Reading one run of non-ASCII characters in one code page: each character mapped
 * back to its byte (or to the lost bytes a U+FFFD may stand for), then parsed left
 * to right for UTF-8 sequences, giving candidate repairs ("pieces") with how sure
 * each is. Which pieces are kept is decided later, in `choice.ts`.
 */
import type { CodePage } from './code-pages.js';
import { guessScore, type Next } from './lost-bytes.js';
import { EXTENDED_PICTOGRAPHIC, has, scriptOf, strength, type Strength } from './plausibility.js';
import { combinations, decodeOne, isContinuation, sequenceLength } from './utf8.js';

/** The bytes a character may stand for in a code page, and whether it is a stand-in for a lost byte. */
interface Token {
  readonly bytes: readonly number[];
  readonly lost: boolean;
}

function tokenOf(page: CodePage, cp: number): Token | undefined {
  const byte = page.byteOf.get(cp);
  if (byte !== undefined) return { bytes: [byte], lost: false };
  if (cp === 0xfffd && page.lost.length > 0) return { bytes: page.lost, lost: true };
  return undefined;
}

/** A candidate repair inside a run: characters [start, end) of the run decode to `to`. */
export interface Piece {
  readonly start: number;
  readonly end: number;
  readonly to: string;
  /**
   * strong: kept. guessed: a lost byte was restored, kept. hint: a three-byte sequence
   * restored from two characters and an assumed dropped byte (`â€` for ”), kept only
   * with other damage nearby or in the document, since `â` before punctuation also
   * occurs in real text (Turkish `hâlâ`). rare, weak: kept only with support (see `accepted`).
   */
  readonly kind: Strength | 'guessed' | 'hint';
  readonly script: string;
}

/** The best repair starting at character `i` of a run, if any. */
function pieceAt(
  tokens: readonly (Token | undefined)[],
  i: number,
  previous: number | undefined,
  page: CodePage,
  after: number | undefined,
): Piece | undefined {
  const lead = tokens[i];
  if (!lead) return undefined;
  const continuation = (k: number): readonly number[] | undefined => {
    const bytes = tokens[k]?.bytes.filter(isContinuation);
    return bytes && bytes.length > 0 ? bytes : undefined;
  };
  const next = (k: number): Next => {
    const bytes = tokens[k]?.bytes ?? [];
    return {
      mayBePictograph: bytes.includes(0xf0) || bytes.includes(0xe2) || (k >= tokens.length && has(EXTENDED_PICTOGRAPHIC, after)),
      mayBeTag: bytes.includes(0xf3),
      mayBeVariationSelector: bytes.includes(0xef),
    };
  };
  let weak: Piece | undefined;
  // Guesses where a U+FFFD stands for the lost byte, and guesses that assume a dropped byte.
  const guesses: { piece: Piece; score: number; cp: number }[][] = [[], []];
  for (const leadByte of lead.bytes) {
    const length = sequenceLength(leadByte);
    if (length === 0) continue;
    const layouts: { slots: (readonly number[])[]; consumed: number; lost: boolean; dropped: boolean }[] = [];
    const conts: (readonly number[])[] = [];
    let lostToken = lead.lost;
    for (let k = i + 1; k < i + length; k += 1) {
      const bytes = continuation(k);
      if (!bytes) break;
      conts.push(bytes);
      lostToken ||= tokens[k]?.lost ?? false;
    }
    if (conts.length === length - 1) {
      layouts.push({ slots: [[leadByte], ...conts], consumed: length, lost: lostToken, dropped: false });
    }
    if (length >= 3 && page.lostContinuations.length > 0 && conts.length >= length - 2) {
      const kept = conts.slice(0, length - 2);
      for (let at = 0; at <= kept.length; at += 1) {
        const slots = [[leadByte], ...kept.slice(0, at), page.lostContinuations, ...kept.slice(at)];
        layouts.push({ slots, consumed: length - 1, lost: true, dropped: true });
      }
    }
    for (const layout of layouts) {
      for (const bytes of combinations(layout.slots)) {
        const cp = decodeOne(bytes);
        if (cp === undefined) continue;
        const kind = strength(cp);
        if (kind === undefined) continue;
        const piece: Piece = {
          start: i,
          end: i + layout.consumed,
          to: String.fromCodePoint(cp),
          kind: !layout.lost ? kind : layout.dropped && length === 3 ? 'hint' : 'guessed',
          script: scriptOf(cp),
        };
        if (!layout.lost) {
          // All bytes present: a strong or rare reading beats any guess; a weak one yields to a
          // guess (ğŸ‰… is 🎉 missing a byte and then …, not U+1F245 from four bytes).
          if (kind !== 'weak') return piece;
          weak = piece;
          continue;
        }
        if (kind !== 'strong') continue;
        const score = guessScore(cp, previous, next(i + layout.consumed));
        if (score !== undefined) guesses[layout.dropped ? 1 : 0]?.push({ piece, score, cp });
      }
    }
  }
  // A stand-in character (U+FFFD) is better evidence than a byte assumed dropped: only
  // when the characters present allow no plausible reading is a dropped byte considered.
  for (const group of guesses) {
    if (group.length === 0) continue;
    group.sort((a, b) => b.score - a.score);
    const [best, second] = group;
    if (best && !(second && second.score === best.score && second.cp !== best.cp)) return best.piece;
    return weak;
  }
  return weak;
}

/** Candidate repairs of one run of non-ASCII characters in one code page. */
export function parseRun(cps: readonly number[], page: CodePage, before: number | undefined, after: number | undefined): Piece[] {
  const tokens = cps.map((cp) => tokenOf(page, cp));
  const pieces: Piece[] = [];
  let previous = before;
  for (let i = 0; i < cps.length; ) {
    const piece = pieceAt(tokens, i, previous, page, after);
    if (piece) {
      pieces.push(piece);
      previous = piece.to.codePointAt(0);
      i = piece.end;
    } else {
      previous = cps[i];
      i += 1;
    }
  }
  return pieces;
}
