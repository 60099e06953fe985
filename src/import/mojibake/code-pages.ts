/**
 * The three single-byte code pages UTF-8 text gets wrongly decoded with (Mac Roman,
 * Windows-1252, Windows-1254), as tables from each character a faulty decoding can
 * yield back to its byte, built once from iconv-lite. Also the bytes each code page
 * leaves undefined, which decoders turn into U+FFFD or drop: the repair has to guess
 * those. Kept apart because it is the only place that knows about iconv-lite.
 */
import iconv from 'iconv-lite';
import { isContinuation } from './utf8.js';

/** A single-byte code page that UTF-8 text may have been wrongly decoded with. */
export type MojibakeEncoding = 'macintosh' | 'windows-1252' | 'windows-1254';

export interface CodePage {
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
export const PAGES: readonly CodePage[] = [codePage('windows-1252'), codePage('macintosh'), codePage('windows-1254')];
