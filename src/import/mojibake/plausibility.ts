/**
 * How plausible a decoded character is as what the author meant: strong (Latin,
 * punctuation, symbols, emoji), rare (number forms, box drawing, maths…) or weak
 * (other scripts), and which script it belongs to. These rules decide what a
 * repair may keep, so they live in one place, apart from the parsing that uses them.
 */

export type Strength = 'strong' | 'rare' | 'weak';

export const EXTENDED_PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
export const EMOJI = /\p{Emoji}/u;
export const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
export const EMOJI_MODIFIER_BASE = /\p{Emoji_Modifier_Base}/u;
export const EMOJI_MODIFIER = /\p{Emoji_Modifier}/u;
export const ASSIGNED = /\p{Assigned}/u;
export const LETTER = /^\p{L}$/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const SCRIPTS = [
  'Latin', 'Greek', 'Cyrillic', 'Armenian', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Devanagari',
  'Bengali', 'Thai', 'Georgian',
].map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);

/** Whether the code point (if any) has the Unicode property `pattern` tests. */
export const has = (pattern: RegExp, cp: number | undefined): boolean =>
  cp !== undefined && pattern.test(String.fromCodePoint(cp));

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
export function strength(cp: number): Strength | undefined {
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

/** The script of a character, with Chinese, Japanese and Korean (and their punctuation) as one. */
export function scriptOf(cp: number): string {
  const char = String.fromCodePoint(cp);
  if (CJK.test(char)) return 'CJK';
  for (const [name, pattern] of SCRIPTS) if (pattern.test(char)) return name;
  return 'other';
}
