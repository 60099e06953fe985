/**
 * Strict text decoding for records: UTF-8 only (a BOM is accepted), no NUL,
 * and a size cap, each failure located by line and column.
 */
import { lineColumnAt } from '../text/line-column.js';

/** Largest record file accepted, in bytes. Records are small; a huge file is a mistake or an attack. */
const MAX_RECORD_BYTES = 1024 * 1024;

export type Decoded = { text: string } | { error: string; line: number; column: number };

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_RECORD_BYTES) {
    return { error: `the file is ${bytes.length} bytes; expected at most ${MAX_RECORD_BYTES} bytes for a record`, line: 1, column: 1 };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { error: 'the file is UTF-16; expected UTF-8 text', line: 1, column: 1 };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    return { error: 'invalid UTF-8 byte sequence; expected UTF-8 text', ...lineColumnAt(lenient, lenient.indexOf('\uFFFD')) };
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) return { error: 'found a NUL character; expected text', ...lineColumnAt(text, nul) };
  return { text };
}
