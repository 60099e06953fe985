/**
 * Repair of mojibake in imported legacy reports: UTF-8 text whose bytes were decoded
 * with a single-byte code page (Mac Roman, Windows-1252, Windows-1254) and saved again
 * as UTF-8, so `🎯` reads `üéØ`, `✅` reads `‚úÖ` or `âœ…`, `é` reads `Ã©`.
 *
 * How it works. Every byte of a UTF-8 multi-byte sequence is >= 0x80, and each of the
 * three code pages maps every byte >= 0x80 to a non-ASCII character, so mojibake lies
 * inside maximal runs of non-ASCII characters (ASCII only separates sequences). For each
 * run and each code page the characters are mapped back to bytes (tables built from
 * iconv-lite; characters the code page cannot produce stay as they are) and parsed left
 * to right for well-formed UTF-8 sequences (`TextDecoder('utf-8', { fatal: true })`).
 * A sequence is kept only if what it decodes to is plausible there:
 *
 * - strong: kept. Latin-1 and Latin Extended-A (U+00A0–U+017F), Latin Extended
 *   Additional, punctuation, currency, letterlike, arrows, symbols and dingbats
 *   (U+2000–U+2BFF), variation selectors, BOM, U+FFFD, emoji.
 * - rare: number forms, enclosed alphanumerics, box drawing, braille, maths symbols:
 *   kept next to another sequence or in a document with strong repairs. (Turkish `hâlâ…”`
 *   is E2 85 94 = ⅔ in Windows-1254.)
 * - weak: everything else (Greek, Cyrillic, Hebrew, Arabic, CJK, Latin Extended-B, IPA…):
 *   kept next to a strong sequence, as part of a word of two or more sequences of one
 *   non-Latin script, or as a lone letter of a script the document has repaired words
 *   in. Legitimate text makes lone weak sequences by accident and keeps them: `“Über”` in
 *   Mac Roman is D2 86 = U+0486, `ODTÜ’de` in Windows-1252/1254 is DC 92 = U+0712,
 *   `café…”` is E9 85 94 = U+9154, French `café\u00A0»` is E9 A0 BB = U+983B.
 *
 * The code page that repairs most of a run wins; equal results are labelled with the
 * code page that wins most runs of the document outright (so `âœ…` in a Windows-1254
 * document is reported as windows-1254). A repaired span that is itself entirely
 * mojibake (double encoding, `Ã¢â‚¬â„¢`) is repaired again, at most three times.
 *
 * Bytes a code page does not define (Windows-1252: 81 8D 8F 90 9D; Windows-1254 also
 * 8E 9E; Mac Roman F0, the Apple logo) come out of the faulty decoding in one of three
 * ways: as the C1 control of the same number (ISO-8859-1 and WHATWG decoders) or as
 * U+F8FF for Mac Roman F0 — both exact; as U+FFFD (iconv-lite); or not at all (decoders
 * that skip them, as in the Windows-1254 seed, where `🎉` became `ğŸ‰`). The last two
 * lose information: the missing byte is guessed among the undefined ones, only for a
 * strong result, and only when one guess is clearly best: a variation selector, zero-
 * width joiner, skin tone or tag only where the neighbours call for one, else the list
 * of characters common in reports (COMMON), else emoji over other symbols; a tie leaves
 * the text alone. A dropped byte in a three-byte sequence leaves only two characters
 * (`â€` for ”), so that guess also needs other damage nearby or in the document.
 *
 * Known ambiguities and limits (documented, not special-cased):
 * - A lost byte can be truly ambiguous. Windows-1254 `ğŸ“` is F0 9F 93 plus one of 7
 *   bytes at one of 2 places: 📝 📁 📍 📎 📏 📐 📞 🎓 🍓 🏓 🐓 … all fit, and COMMON picks 📝.
 *   `ğŸ•` (🍕 or 🐕) and iconv-lite's `Ã\uFFFD` (Á Í Ï Ð or Ý) are ties and stay as they are.
 * - Mac Roman F0 cannot be restored once dropped: `üçü` is a Turkish word (`üçüncü`) and
 *   also 🍟 without its first byte, so only U+F8FF or U+FFFD stand for it.
 * - Strong two-character sequences could in principle be legitimate text and are
 *   repaired: Windows-1252 `Ã©`, `Â£`, `Å’`, `Ä“`, `Å\u00A0` or Mac Roman `¬°`, `√©`
 *   (to é, £, Œ, ē, Š, ¡, é). Real text hardly ever has these pairs; mojibake always does.
 * - Mojibake whose bytes were further altered (NBSP turned into a space, soft hyphens
 *   removed, Unicode normalisation) is not recognised.
 *
 * The parts, one file each in this folder: `utf8.ts` (UTF-8 byte structure),
 * `code-pages.ts` (the three code pages as byte tables), `plausibility.ts` (strong, rare,
 * weak; scripts), `lost-bytes.ts` (guessing a lost byte), `pieces.ts` (candidate repairs
 * of a run in one code page), `choice.ts` (which candidates to keep, which code page
 * wins). This file finds the runs, applies the winners and reports every repair.
 */
import { PAGES, type MojibakeEncoding } from './code-pages.js';
import { accepted, choose, coverage, DAMAGE } from './choice.js';
import { parseRun } from './pieces.js';

/**
 * One repaired span of the input: its 1-based line and 1-based column (in UTF-16 code
 * units, as JavaScript strings and most editors count), the mojibake text, the restored
 * text, and the code page the UTF-8 bytes had been decoded with.
 */
export interface Repair {
  line: number;
  column: number;
  from: string;
  to: string;
  encoding: MojibakeEncoding;
}

/** The repaired text and every repair made, in order of position in the input. */
export interface RepairResult {
  text: string;
  repairs: Repair[];
}

interface Run {
  /** UTF-16 offset of each code point in the text, plus the offset just past the run. */
  readonly offsets: readonly number[];
  readonly cps: readonly number[];
  readonly before: number | undefined;
  readonly after: number | undefined;
}

/** The maximal runs of non-ASCII characters in `text` (mojibake lies only inside them), each with the character before and after it. */
function findRuns(text: string): Run[] {
  const runs: Run[] = [];
  let current: { offsets: number[]; cps: number[]; before: number | undefined } | undefined;
  let previous: number | undefined;
  for (let offset = 0; offset < text.length; ) {
    const cp = text.codePointAt(offset) ?? 0;
    if (cp >= 0x80) {
      current ??= { offsets: [], cps: [], before: previous };
      current.offsets.push(offset);
      current.cps.push(cp);
    } else if (current) {
      runs.push({ ...current, offsets: [...current.offsets, offset], after: cp });
      current = undefined;
    }
    previous = cp;
    offset += cp > 0xffff ? 2 : 1;
  }
  if (current) runs.push({ ...current, offsets: [...current.offsets, text.length], after: undefined });
  return runs;
}

/** Repair `text` (all non-ASCII, one run) only if every character of it is part of a repair. */
function repairWhole(text: string): string | undefined {
  const [run] = findRuns(text);
  if (!run || run.cps.length === 0 || run.offsets[0] !== 0) return undefined;
  const parses = PAGES.map((page) => parseRun(run.cps, page, undefined, undefined));
  const { best } = choose(parses, PAGES.map((_, index) => index), new Map());
  if (!best || coverage(best.pieces) !== run.cps.length) return undefined;
  return best.pieces.map((piece) => piece.to).join('');
}

/** Restore text that was UTF-8 decoded as Mac Roman or Windows-1252/1254. Legitimate text is left alone. */
export function repairMojibake(text: string): RepairResult {
  const runs = findRuns(text);
  const parses = runs.map((run) => PAGES.map((page) => parseRun(run.cps, page, run.before, run.after)));

  // First pass: which code page the document favours, whether it has certain repairs in
  // each code page, and which scripts it has repaired words in.
  const fixedOrder = PAGES.map((_, index) => index);
  const wins = PAGES.map(() => 0);
  const evidence = new Map<MojibakeEncoding, Set<string>>();
  for (const parse of parses) {
    const { winners } = choose(parse, fixedOrder, new Map());
    const [only] = winners;
    if (winners.length === 1 && only !== undefined) wins[only] = (wins[only] ?? 0) + 1;
    for (const index of winners) {
      const page = PAGES[index];
      if (!page) continue;
      const scripts = evidence.get(page.name) ?? new Set<string>();
      for (const piece of accepted(parse[index] ?? [], undefined)) scripts.add(piece.kind === 'weak' ? piece.script : DAMAGE);
      evidence.set(page.name, scripts);
    }
  }
  const order = [...fixedOrder].sort((a, b) => (wins[b] ?? 0) - (wins[a] ?? 0));

  // Second pass: repair.
  const repairs: Repair[] = [];
  let out = '';
  let copied = 0;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  const locate = (offset: number): { line: number; column: number } => {
    for (; scanned < offset; scanned += 1) {
      if (text.charCodeAt(scanned) === 0x0a) {
        line += 1;
        lineStart = scanned + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  };
  runs.forEach((run, r) => {
    const { best } = choose(parses[r] ?? [], order, evidence);
    if (!best) return;
    const pieces = best.pieces;
    for (let k = 0; k < pieces.length; ) {
      let j = k + 1;
      while (j < pieces.length && pieces[j]?.start === pieces[j - 1]?.end) j += 1;
      const start = run.offsets[pieces[k]?.start ?? 0] ?? 0;
      const end = run.offsets[pieces[j - 1]?.end ?? 0] ?? start;
      let to = pieces.slice(k, j).map((piece) => piece.to).join('');
      for (let depth = 0; depth < 3; depth += 1) {
        const again = repairWhole(to);
        if (again === undefined) break;
        to = again;
      }
      const from = text.slice(start, end);
      repairs.push({ ...locate(start), from, to, encoding: best.page.name });
      out += text.slice(copied, start) + to;
      copied = end;
      k = j;
    }
  });
  return { text: out + text.slice(copied), repairs };
}
