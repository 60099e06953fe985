/**
 * UTF-8 byte structure, for mojibake repair: which bytes continue a sequence,
 * how long a sequence a lead byte starts, whether some bytes decode to exactly
 * one character, and every byte string a run of possibly-lost bytes could have
 * been. Kept apart so the parsing in `pieces.ts` reads as decisions, not bit tests.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function isContinuation(byte: number): boolean {
  return byte >= 0x80 && byte <= 0xbf;
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 if it cannot start one. */
export function sequenceLength(byte: number): number {
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/** The one code point `bytes` decode to as well-formed UTF-8, or undefined (malformed, or more than one character). */
export function decodeOne(bytes: readonly number[]): number | undefined {
  try {
    const text = utf8.decode(Uint8Array.from(bytes));
    const cp = text.codePointAt(0);
    return cp !== undefined && String.fromCodePoint(cp) === text ? cp : undefined;
  } catch {
    return undefined;
  }
}

/** Every byte string with one choice from each slot (slots hold one byte except for lost bytes). */
export function* combinations(slots: readonly (readonly number[])[], prefix: number[] = []): Generator<number[]> {
  const slot = slots[prefix.length];
  if (slot === undefined) {
    yield prefix;
    return;
  }
  for (const byte of slot) yield* combinations(slots, [...prefix, byte]);
}
