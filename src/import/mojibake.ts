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
 */
import iconv from 'iconv-lite';

/** A single-byte code page that UTF-8 text may have been wrongly decoded with. */
export type MojibakeEncoding = 'macintosh' | 'windows-1252' | 'windows-1254';

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

interface CodePage {
  readonly name: MojibakeEncoding;
  /** Code point → byte, for every character a faulty decoding can yield for a byte >= 0x80. */
  readonly byteOf: ReadonlyMap<number, number>;
  /** Bytes the code page leaves undefined: decoders yield U+FFFD for them, or drop them. */
  readonly lost: readonly number[];
  /** The lost bytes that are UTF-8 continuation bytes, so may be missing inside a sequence. */
  readonly lostContinuations: readonly number[];
}

function codePage(name: MojibakeEncoding): CodePage {
  const byteOf = new Map<number, number>();
  const lost: number[] = [];
  for (let byte = 0x80; byte <= 0xff; byte += 1) {
    const char = iconv.decode(Buffer.of(byte), name);
    const back = iconv.encode(char, name);
    if (char === '\uFFFD' || back.length !== 1 || back[0] !== byte) {
      lost.push(byte);
      continue;
    }
    byteOf.set(char.codePointAt(0) ?? 0, byte);
  }
  if (name === 'macintosh') {
    // Mac OS Roman F0 is the Apple logo, which Apple maps to U+F8FF (iconv-lite leaves it undefined).
    if (lost.includes(0xf0)) byteOf.set(0xf8ff, 0xf0);
  } else {
    // ISO-8859-1 and WHATWG-style decoders turn 0x80–0x9F (or the undefined ones among
    // them) into the C1 control of the same number: UTF-8 read as Latin-1 is repaired too.
    for (let byte = 0x80; byte <= 0x9f; byte += 1) if (!byteOf.has(byte)) byteOf.set(byte, byte);
  }
  return { name, byteOf, lost, lostContinuations: lost.filter(isContinuation) };
}

/** In the order that labels a tie when a document gives no evidence either way. */
const PAGES: readonly CodePage[] = [codePage('windows-1252'), codePage('macintosh'), codePage('windows-1254')];

const EXTENDED_PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const EMOJI = /\p{Emoji}/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const EMOJI_MODIFIER_BASE = /\p{Emoji_Modifier_Base}/u;
const EMOJI_MODIFIER = /\p{Emoji_Modifier}/u;
const ASSIGNED = /\p{Assigned}/u;
const LETTER = /^\p{L}$/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const SCRIPTS = [
  'Latin', 'Greek', 'Cyrillic', 'Armenian', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Devanagari',
  'Bengali', 'Thai', 'Georgian',
].map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);

const has = (pattern: RegExp, cp: number | undefined): boolean =>
  cp !== undefined && pattern.test(String.fromCodePoint(cp));

/**
 * Characters common in progress reports, most likely first: the tie-break when a lost
 * byte leaves several plausible characters (the byte 8E of 🎉 in Windows-1254 could as
 * well have been 8D 🍉, 8F 🏉 or 90 🐉).
 */
const COMMON: readonly number[] = [
  ...'✅❌⚠”’“‘–—…→←↑↓↔•€™',
  ...'🎯🎉🚀📊📈📉📋📝📌📍📁📂📄📦📚📅📢📣🔧🔨🔍🔎🔒🔓🔑🔐🔗🔄🔁🔥🔴🟢🟡🟠🔵💡💰💯💪💬💻',
  ...'🐛🏆🏁🏗🏠🏅🥇⭐🌟✨⚡⏳⌛⏰⏱⏩🚦🚨🚧🛠🛡🧪🧹🧩🧠🤖⚙✔✖❓❗❎➕➖➡⬆⬇⬅',
  ...'👍👎👏🙌🙏👀👉👇🤝😂❤😍🤣😊🥰💕😭😘😅😁😉😎🤔😢😱🥳💙💚🎊🎁🎈🎓🎨🎖🌍🌐☁📞📱📷🐍🐳',
].map((char) => char.codePointAt(0) ?? 0);

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isContinuation(byte: number): boolean {
  return byte >= 0x80 && byte <= 0xbf;
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 if it cannot start one. */
function sequenceLength(byte: number): number {
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

type Strength = 'strong' | 'rare' | 'weak';

/**
 * Symbol blocks in U+2000–U+2BFF that reports seldom use alone: number forms (⅔),
 * control pictures, enclosed alphanumerics (①), box drawing and blocks (─), braille,
 * mathematical symbols. Legitimate text reaches some of them by accident: Turkish
 * `hâlâ…”` is E2 85 94 = ⅔ in Windows-1254.
 */
function isRareSymbol(cp: number): boolean {
  return (
    (cp >= 0x2150 && cp <= 0x218f) ||
    (cp >= 0x2400 && cp <= 0x259f) ||
    (cp >= 0x27c0 && cp <= 0x27ef) ||
    (cp >= 0x2800 && cp <= 0x28ff) ||
    (cp >= 0x2980 && cp <= 0x2aff)
  );
}

/** How plausible a code point is as the intended character behind a mojibake sequence. */
function strength(cp: number): Strength | undefined {
  if (cp < 0xa0) return undefined; // C1 controls
  if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return undefined; // private use
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return undefined; // noncharacters
  if (isRareSymbol(cp) && !has(EXTENDED_PICTOGRAPHIC, cp)) return 'rare';
  if (cp <= 0x17f || (cp >= 0x2000 && cp <= 0x2bff)) return 'strong';
  if (cp >= 0x1e00 && cp <= 0x1eff) return 'strong'; // Latin Extended Additional (Vietnamese)
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff || cp === 0xfffd) return 'strong';
  if (has(EXTENDED_PICTOGRAPHIC, cp) || has(EMOJI_PRESENTATION, cp)) return 'strong';
  if (cp >= 0xe0020 && cp <= 0xe007f) return 'strong'; // emoji tag sequences (subdivision flags)
  return has(ASSIGNED, cp) ? 'weak' : undefined;
}

/** What may follow a guessed character: the start of a pictograph, or of an emoji tag (U+E0020–U+E007F). */
interface Next {
  readonly mayBePictograph: boolean;
  readonly mayBeTag: boolean;
  /** The next character may start U+FE0F (EF B8 8F), which follows emoji that default to text style. */
  readonly mayBeVariationSelector: boolean;
}

/**
 * Score of a guess for a sequence that lost a byte, given the characters around it;
 * undefined if the guess is not plausible there.
 */
function guessScore(cp: number, previous: number | undefined, next: Next): number | undefined {
  if (cp === 0x200d) {
    // After an emoji, or after a stand-in for one that could not be restored.
    const afterEmoji = has(EXTENDED_PICTOGRAPHIC, previous) || has(EMOJI_MODIFIER, previous) || previous === 0xfe0f || previous === 0xfffd;
    return afterEmoji && next.mayBePictograph ? 10000 : undefined;
  }
  if (cp === 0x1f3f4 && next.mayBeTag) return 10000; // 🏴 is the base of every tag sequence (🏴󠁧󠁢󠁳󠁣󠁴󠁿)
  if (cp >= 0xe0020 && cp <= 0xe007f) {
    const inTag = previous !== undefined && (previous === 0x1f3f4 || (previous >= 0xe0020 && previous <= 0xe007f));
    return inTag ? 10000 : undefined;
  }
  if (cp === 0xfe0f) return has(EMOJI, previous) ? 10000 : undefined;
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return has(EMOJI_MODIFIER_BASE, previous) ? 10000 : undefined;
  if (cp >= 0xfe00 && cp <= 0xfe0e) return undefined;
  if (strength(cp) !== 'strong' || !has(ASSIGNED, cp)) return undefined;
  const common = COMMON.indexOf(cp);
  const score = common >= 0 ? 2000 - common : has(EMOJI_PRESENTATION, cp) ? 100 : has(EXTENDED_PICTOGRAPHIC, cp) ? 50 : 10;
  const textStyleEmoji = has(EMOJI, cp) && !has(EMOJI_PRESENTATION, cp) && cp > 0xff;
  return next.mayBeVariationSelector && textStyleEmoji ? score + 5000 : score;
}

/** The script of a character, with Chinese, Japanese and Korean (and their punctuation) as one. */
function scriptOf(cp: number): string {
  const char = String.fromCodePoint(cp);
  if (CJK.test(char)) return 'CJK';
  for (const [name, pattern] of SCRIPTS) if (pattern.test(char)) return name;
  return 'other';
}

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
interface Piece {
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

function decodeOne(bytes: readonly number[]): number | undefined {
  try {
    const text = utf8.decode(Uint8Array.from(bytes));
    const cp = text.codePointAt(0);
    return cp !== undefined && String.fromCodePoint(cp) === text ? cp : undefined;
  } catch {
    return undefined;
  }
}

/** Every byte string with one choice from each slot (slots hold one byte except for lost bytes). */
function* combinations(slots: readonly (readonly number[])[], prefix: number[] = []): Generator<number[]> {
  const slot = slots[prefix.length];
  if (slot === undefined) {
    yield prefix;
    return;
  }
  for (const byte of slot) yield* combinations(slots, [...prefix, byte]);
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
function parseRun(cps: readonly number[], page: CodePage, before: number | undefined, after: number | undefined): Piece[] {
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

/**
 * Which pieces to keep. A weak piece needs support from its cluster (the pieces touching
 * it): a strong or guessed piece, or other pieces making a word of one non-Latin script,
 * as in Cyrillic or Chinese mojibake. Legitimate text makes lone weak pieces (`“Über”`
 * in Mac Roman) and Latin-looking pairs (NBSP + à, NBSP + © in Mac Roman: ʈʩ) by accident.
 * A lone weak letter is also kept when the document has repaired words of its script.
 * A rare symbol needs a neighbouring piece, or certain repairs elsewhere in the document.
 */
function accepted(pieces: readonly Piece[], evidence: ReadonlySet<string> | undefined): Piece[] {
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

/** Evidence key: the document has certain (strong or guessed) repairs in this code page. */
const DAMAGE = '#damage';

const coverage = (pieces: readonly Piece[]): number => pieces.reduce((sum, piece) => sum + piece.end - piece.start, 0);

interface Run {
  /** UTF-16 offset of each code point in the text, plus the offset just past the run. */
  readonly offsets: readonly number[];
  readonly cps: readonly number[];
  readonly before: number | undefined;
  readonly after: number | undefined;
}

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

interface Choice {
  readonly page: CodePage;
  readonly pieces: readonly Piece[];
}

/** The code page whose kept pieces cover most of the run; ties go to the earlier page in `order`. */
function choose(
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
