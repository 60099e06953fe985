/**
 * Guessing a byte the faulty decoding lost (turned into U+FFFD, or dropped): the
 * score of each candidate character given its neighbours, so that a variation
 * selector, zero-width joiner, skin tone or tag wins only where the neighbours call
 * for one, then characters common in reports (COMMON), then emoji over other symbols.
 * Kept apart because it is the one place the repair ranks guesses rather than readings.
 */
import {
  ASSIGNED,
  EMOJI,
  EMOJI_MODIFIER,
  EMOJI_MODIFIER_BASE,
  EMOJI_PRESENTATION,
  EXTENDED_PICTOGRAPHIC,
  has,
  strength,
} from './plausibility.js';

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

/** What may follow a guessed character: the start of a pictograph, or of an emoji tag (U+E0020–U+E007F). */
export interface Next {
  readonly mayBePictograph: boolean;
  readonly mayBeTag: boolean;
  /** The next character may start U+FE0F (EF B8 8F), which follows emoji that default to text style. */
  readonly mayBeVariationSelector: boolean;
}

/**
 * Score of a guess for a sequence that lost a byte, given the characters around it;
 * undefined if the guess is not plausible there.
 */
export function guessScore(cp: number, previous: number | undefined, next: Next): number | undefined {
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
