/**
 * Mojibake repair (src/import/mojibake/): UTF-8 text decoded as Mac Roman,
 * Windows-1252 or Windows-1254 is restored; legitimate text is left alone.
 *
 * Broken forms are produced, not typed: `mojibake(x, enc)` decodes the UTF-8 bytes of x
 * with iconv-lite, exactly the faulty step. iconv-lite turns the bytes a code page leaves
 * undefined into U+FFFD, which loses information; `lossless(x, enc)` yields what other
 * decoders produce instead (the C1 control of the same number, U+F8FF for Mac Roman F0).
 * The seed excerpts are copied from /work/shared/seeds (not read at test time).
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { MojibakeEncoding } from '../src/import/mojibake/code-pages.js';
import { repairMojibake } from '../src/import/mojibake/repair.js';

const ENCODINGS: readonly MojibakeEncoding[] = ['macintosh', 'windows-1252', 'windows-1254'];

/** The UTF-8 bytes of `text` decoded with a single-byte code page (iconv-lite: undefined bytes become U+FFFD). */
function mojibake(text: string, encoding: MojibakeEncoding | 'latin1'): string {
  return iconv.decode(Buffer.from(text, 'utf8'), encoding);
}

/** As `mojibake`, but undefined bytes become the C1 control of the same number (Mac Roman F0: U+F8FF). */
function lossless(text: string, encoding: MojibakeEncoding): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = byte < 0x80 ? String.fromCharCode(byte) : iconv.decode(Buffer.of(byte), encoding);
    out += char !== '\uFFFD' ? char : encoding === 'macintosh' ? '\uF8FF' : String.fromCharCode(byte);
  }
  return out;
}

/** As `mojibake`, but undefined bytes are dropped, as in the Windows-1254 seed. */
function dropped(text: string, encoding: MojibakeEncoding): string {
  return mojibake(text, encoding).replaceAll('\uFFFD', '');
}

const MARKERS = ['üé', '‚ú', 'üö', 'ğŸ', 'âœ'];

describe('the examples from the seeds and the brief', () => {
  const examples = ['🎯', '✅', '🚀', '⚠️', '→', '🎉', '’', 'é', '📊', '🚨', '🏆', '🔧', '↔', '⚡', '🛡️', '🎖️'];

  it('the broken forms are what the seeds show', () => {
    expect(mojibake('✅', 'macintosh')).toBe('‚úÖ');
    expect(mojibake('🎯', 'macintosh')).toBe('\uFFFDüéØ'); // iconv-lite has no Apple logo (F0); the seed has U+F8FF
    expect(lossless('🎯', 'macintosh')).toBe('\uF8FFüéØ');
    expect(mojibake('⚠️', 'macintosh')).toBe('‚ö†Ô∏è');
    expect(mojibake('→', 'macintosh')).toBe('‚Üí');
    expect(mojibake('✅', 'windows-1254')).toBe('âœ…');
    expect(mojibake('🚀', 'windows-1254')).toBe('ğŸš€');
    expect(dropped('🎉', 'windows-1254')).toBe('ğŸ‰'); // byte 8E is undefined in Windows-1254
    expect(mojibake('’', 'windows-1252')).toBe('â€™');
    expect(mojibake('é', 'windows-1252')).toBe('Ã©');
  });

  for (const encoding of ENCODINGS) {
    it.each(examples)(`repairs %s decoded as ${encoding}`, (text) => {
      const broken = mojibake(text, encoding);
      expect(broken).not.toBe(text);
      const result = repairMojibake(broken);
      expect(result.text).toBe(text);
      expect(result.repairs).toHaveLength(1);
      expect(result.repairs[0]).toMatchObject({ line: 1, column: 1, from: broken, to: text });
      expect(repairMojibake(`Status: ${broken} done`).text).toBe(`Status: ${text} done`);
    });
  }

  it('repairs the literal spellings, including the real Mac Roman Apple logo and dropped bytes', () => {
    const cases: [string, string, MojibakeEncoding][] = [
      ['\uF8FFüéØ', '🎯', 'macintosh'],
      ['‚úÖ', '✅', 'macintosh'],
      ['\uF8FFüöÄ', '🚀', 'macintosh'],
      ['‚ö†Ô∏è', '⚠️', 'macintosh'],
      ['‚Üí', '→', 'macintosh'],
      ['ğŸ‰', '🎉', 'windows-1254'],
      ['ğŸ¯', '🎯', 'windows-1254'],
      ['ğŸ†', '🏆', 'windows-1254'],
      ['ğŸš€', '🚀', 'windows-1254'],
      ['â€™', '’', 'windows-1252'],
      ['Ã©', 'é', 'windows-1252'],
      ['ðŸŽ‰', '🎉', 'windows-1252'],
    ];
    for (const [broken, text, encoding] of cases) {
      const result = repairMojibake(broken);
      expect(result.text, broken).toBe(text);
      expect(result.repairs, broken).toEqual([{ line: 1, column: 1, from: broken, to: text, encoding }]);
    }
    // âœ… alone reads the same in Windows-1252 and 1254: labelled 1252 unless the document says otherwise.
    expect(repairMojibake('âœ…').repairs[0]?.encoding).toBe('windows-1252');
  });

  it('labels a repair with the code page that produced it when the bytes tell them apart', () => {
    for (const encoding of ENCODINGS) {
      const broken = lossless('🎯 🎉 🚀', encoding);
      const result = repairMojibake(broken);
      expect(result.text).toBe('🎯 🎉 🚀');
      expect(result.repairs.map((repair) => repair.encoding)).toEqual([encoding, encoding, encoding]);
    }
  });

  it('repairs emoji sequences: variation selectors, ZWJ, skin tones, keycaps, flags, tag sequences', () => {
    const sequences = ['⚠️', '👨‍💻', '👍🏽', '1️⃣', '🇫🇷', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '❤️‍🔥', '🧑🏾‍🚀', '🏳️‍🌈'];
    for (const encoding of ENCODINGS) {
      // Through iconv-lite, 🏃 (F0 9F 8F 83) and 🐻 (F0 9F 90 BB) lose a byte in Windows-1252/1254 and
      // could as well be 🍃 or 🍻: only the lossless forms are certain.
      for (const text of [...sequences, '🏃‍♀️', '🐻‍❄️', '🫩']) {
        expect(repairMojibake(lossless(text, encoding)).text, `${text} ${encoding}`).toBe(text);
      }
      for (const text of sequences) {
        expect(repairMojibake(mojibake(text, encoding)).text, `${text} ${encoding}`).toBe(text);
      }
    }
  });

  it('repairs UTF-8 read as ISO-8859-1 (C1 controls), reported as windows-1252', () => {
    const text = 'Łódź – “Ágnes” ’s 🎯 ⚠️ Ðð';
    const result = repairMojibake(mojibake(text, 'latin1'));
    expect(result.text).toBe(text);
    expect(new Set(result.repairs.map((repair) => repair.encoding))).toEqual(new Set(['windows-1252']));
  });

  it('restores a dropped undefined byte in Windows-1254 and 1252 when one reading is clearly best', () => {
    for (const encoding of ['windows-1252', 'windows-1254'] as const) {
      for (const text of ['🎉', '🎯', '🏆', '⚠️', '👍', '🎖️']) {
        expect(repairMojibake(`x ${dropped(text, encoding)} y`).text, `${text} ${encoding}`).toBe(`x ${text} y`);
      }
      // Three-byte characters keep only two characters (”: â€): restored when the document shows other damage.
      for (const text of ['”', '❌', '❓', '⏰']) {
        const broken = dropped(text, encoding);
        expect(broken).toHaveLength(text.length + 1);
        expect(repairMojibake(`x ${broken} y`).text, `${text} ${encoding}`).toBe(`x ${broken} y`);
        expect(repairMojibake(`x ${broken} y ${mojibake('é✅', encoding)}`).text, `${text} ${encoding}`).toBe(`x ${text} y é✅`);
        expect(repairMojibake(`x ${mojibake('“', encoding)}${broken}`).text, `${text} ${encoding}`).toBe(`x “${text}`);
      }
    }
  });

  it('repairs double mojibake', () => {
    const twice = mojibake(mojibake('It’s done ✅ café', 'windows-1252'), 'windows-1252');
    expect(twice).toBe('ItÃ¢â‚¬â„¢s done Ã¢Å“â€¦ cafÃƒÂ©');
    expect(repairMojibake(twice).text).toBe('It’s done ✅ café');
  });

  it('leaves truly ambiguous lost bytes alone instead of guessing (documented limitation)', () => {
    // 🍕 F0 9F 8D 95 loses 8D: 🍕 (8D) and 🐕 (90) are equally plausible.
    expect(repairMojibake('ğŸ•').text).toBe('ğŸ•');
    // Á (C3 81) through iconv-lite: Ã + U+FFFD could be Á Í Ï Ð or Ý.
    expect(repairMojibake(mojibake('Á', 'windows-1252')).text).toBe('Ã\uFFFD');
    // F0 9F 93 + one lost byte: 📝 📁 📍 📎 🎓 🍓 … all fit; the list of common report symbols picks 📝.
    expect(repairMojibake('## ğŸ“ READY FOR DEPLOYMENT').text).toBe('## 📝 READY FOR DEPLOYMENT');
    // `â€` + U+FFFD is ” (E2 80 9D) or a zero-width joiner (E2 80 8D): a joiner between two emoji.
    expect(repairMojibake(mojibake('🎯”🎯 “x”', 'windows-1252')).text).toBe('🎯\u200D🎯 “x”');
  });
});

describe('other scripts and symbols', () => {
  it.each(ENCODINGS)('repairs words of other scripts decoded as %s, lone letters when the document has that script', (encoding) => {
    for (const text of ['Привет в мире и к тебе', 'Καλημέρα κόσμε', '中文 字 测试。', 'שלום עולם', 'مرحبا بالعالم', 'Tiếng Việt người']) {
      expect(repairMojibake(lossless(text, encoding)).text, text).toBe(text);
    }
    // A lone Cyrillic letter alone could be accidental; in a document with Cyrillic words it is not.
    expect(repairMojibake(lossless('в', encoding)).text).toBe(lossless('в', encoding));
    expect(repairMojibake(lossless('в мире', encoding)).text).toBe('в мире');
  });

  it.each(ENCODINGS)('repairs box drawing and other rare symbols decoded as %s only with support', (encoding) => {
    const tree = '├── src\n│   └── index.ts';
    expect(repairMojibake(mojibake(tree, encoding)).text).toBe(tree);
    expect(repairMojibake(mojibake('①', encoding)).text).toBe(mojibake('①', encoding));
    expect(repairMojibake(mojibake('① done ✅', encoding)).text).toBe('① done ✅');
    expect(repairMojibake(mojibake('It’s ⅔ done', encoding)).text).toBe('It’s ⅔ done');
  });
});

const LEGITIMATE = [
  'Zürich', 'naïve', 'café', 'Ångström', 'señor', '€5', '“quotes”', '—', '…', '🎯', '✅', '⚠️', '👨‍💻', '🇹🇷',
  '中文字符测试', '日本語のテキスト', '한국어 문장', 'Привет, мир', 'Ελληνικά', 'עברית', 'العربية',
  'İstanbul', 'ağaç', 'ğ', 'ş', 'ı', 'İ', 'Ş', 'Ğ', 'üçüncü', 'ÇÖĞÜŞİ', '°C', '±3 µs', '½ × ¾ ÷ 2',
  // Legitimate text that also parses as a UTF-8 sequence in one of the code pages:
  '“Über”', // Mac Roman D2 86 = U+0486
  '“é verdade”', // Mac Roman D2 8E = U+048E
  '—été', // Mac Roman D1 8E = ю
  '«Ça va»', // Mac Roman C7 82 = U+01C2
  'ODTÜ’de', // Windows-1252/1254 DC 92 = U+0712
  'DENİZLİ’de', // Windows-1254 DD 92 = U+0752
  '„Fuß“', // Windows-1252 DF 93 = U+07D3
  'café…”', // Windows-1252 E9 85 94 = U+9154
  'Ele é…” disse', // the same, as a word of its own
  '« un café\u00A0»', // Windows-1252 E9 A0 BB = U+983B
  'É… talvez', // Windows-1252 C9 85 = U+0245
  'Hâlâ…”', // Windows-1254 E2 85 94 = ⅔
  'hâlâ—', // Windows-1252/1254 E2 97 with one dropped byte could be ❗ (E2 9D 97)
  'hâlâ«', // … or ⏫ (E2 8F AB)
  'Ne\u00A0à\u00A0©', // Mac Roman CA 88 CA A9 = ʈʩ
];

const PARAGRAPHS = [
  'Le comité a approuvé la réforme : « Ça suffit ! » a déclaré la présidente. Où est passée la fête ? Les élèves, très déçus, ont quitté la salle — sans un mot… Coût : 15 €.',
  'Die Größe der Straße überrascht: Äpfel, Öl und Übermaß. „Grüße aus Köln“, schrieb Jürgen – müde, aber glücklich. Der Fuß tut weh; die Maßnahme wirkt.',
  'İstanbul’da güneşli bir gün. Çocuklar ağaçların altında oynuyor; öğretmen “Ödevlerinizi unutmayın!” dedi. Şişli, Üsküdar ve Beşiktaş’ta ılık bir rüzgâr esiyordu. ODTÜ’nün üçüncü sınıfı.',
  '¿Dónde está el niño? ¡Qué año! El señor Muñoz comió jalapeños en la ciudad de Córdoba. Pingüino, acción, corazón y canción — todo en español.',
  'Ele é… não sei. A coração da São Paulo. “É verdade”, disse João. Über 10 % mehr — naïve façade, crème brûlée, smörgåsbord, Ærø, Øresund.',
  'Progress: ✅ done, ⚠️ warning, 🚀 shipped, 🎯 on target, → next, 👍🏽 thanks, 🇫🇷 Paris, 中文 mixed with English, 한국어.',
];

describe('legitimate text', () => {
  it.each(LEGITIMATE)('leaves %s alone', (text) => {
    expect(repairMojibake(text)).toEqual({ text, repairs: [] });
    expect(repairMojibake(`${text} and ${text}`)).toEqual({ text: `${text} and ${text}`, repairs: [] });
  });

  it.each(PARAGRAPHS)('leaves a paragraph alone: %s', (text) => {
    expect(repairMojibake(text)).toEqual({ text, repairs: [] });
  });

  it('repairs only the mojibake on a mixed line', () => {
    const line = `Zürich ${mojibake('🎯', 'windows-1252')} naïve ‚úÖ café ${mojibake('’', 'windows-1252')} señor İstanbul ağaç`;
    const result = repairMojibake(line);
    expect(result.text).toBe('Zürich 🎯 naïve ✅ café ’ señor İstanbul ağaç');
    expect(result.repairs.map((repair) => repair.to)).toEqual(['🎯', '✅', '’']);
  });

  it('repairs mojibake touching a correct accented letter or emoji', () => {
    expect(repairMojibake(`café${mojibake('✅', 'macintosh')}`).text).toBe('café✅');
    expect(repairMojibake(`🎯${mojibake('🚀', 'windows-1252')}é`).text).toBe('🎯🚀é');
    expect(repairMojibake(`ş${mojibake('🎉', 'windows-1254')}`).text).toBe('ş🎉');
  });
});

/** Lines 1–14 of 000_24ddb5fd1716413d.txt (UTF-8 decoded as Mac Roman), verbatim. */
const SEED_000_HEAD = [
  '# \uF8FFüéØ UNIT TEST COVERAGE 100% MISSION - PROGRESS REPORT',
  '',
  '## \uF8FFüöÄ MISSION OBJECTIVE',
  'Create comprehensive unit test coverage for critical SSOT classes that currently have no dedicated unit tests, focusing on the most business-critical components.',
  '',
  '**Started**: 2025-09-07  ',
  '**Target**: 100% coverage of critical SSOT classes with no existing unit tests  ',
  '**Business Impact**: Prevent cascade failures in production by testing foundation classes',
  '',
  '## \uF8FFüìä EXECUTIVE SUMMARY',
  '',
  '**STATUS**: ‚úÖ **MAJOR SESSION COMPLETED - WEBSOCKET & AUTH CRITICAL MODULES COVERED**  ',
  '',
  '### WebSocket & Auth SSOT Unit Tests Session (2025-09-08 - 13:00-14:00 UTC)',
];

/** More lines from the first 200 of 000_24ddb5fd1716413d.txt, by line number. */
const SEED_000_MORE: [number, string][] = [
  [26, '### **\uF8FFüöÄ WEBSOCKET & AUTH SESSION ACHIEVEMENTS - CRITICAL INFRASTRUCTURE PROTECTED**'],
  [28, '#### **‚úÖ 1. UnifiedWebSocketManager SSOT** - COMPLETED (Score: 9.8/10)'],
  [31, '**Status**: ‚úÖ **49/51 tests PASSING** (96% success rate - 2 minor serialization issues fixed)'],
  [130, '## \uF8FFüö® CRITICAL GAPS IDENTIFIED - NEW FOCUS'],
];

/** Lines 1–25 of 004_b2756f45e25eb0b8.txt (UTF-8 decoded as Windows-1254, undefined bytes dropped), verbatim. */
const SEED_004_HEAD = [
  '# ğŸ‰ BATCH 4 FINAL PHASE COMPLETION REPORT',
  '## 100+ Test Milestone Achievement - $500K+ ARR System Protection',
  '',
  '**Date:** January 9, 2025  ',
  '**Mission:** Complete Batch 4 Final Phase to achieve 100+ test milestone  ',
  '**Status:** âœ… **SUCCESSFULLY COMPLETED**  ',
  '**Total Tests:** **787 tests** (687% over 100+ goal)',
  '',
  '---',
  '',
  '## ğŸš€ EXECUTIVE SUMMARY',
  '',
  '**MISSION ACCOMPLISHED:** We have successfully completed Batch 4 Final Phase and far exceeded the 100+ test milestone with **787 comprehensive tests** covering the Golden Path user flow that generates $500K+ ARR.',
  '',
  '### Key Achievements:',
  '- âœ… **787 total tests** (687% over goal)',
  '- âœ… **39+ new tests created** in this session  ',
  '- âœ… **100% Golden Path coverage** for all customer segments',
  '- âœ… **Real services integration** with no mocks in E2E/Integration tests',
  '- âœ… **Business Value Justification (BVJ)** for every test',
  '- âœ… **SSOT compliance** with absolute imports throughout',
  '',
  '---',
  '',
  '## ğŸ“Š DETAILED BREAKDOWN BY CATEGORY',
];

/** More lines from the first 200 of 004_b2756f45e25eb0b8.txt, by line number. */
const SEED_004_MORE: [number, string][] = [
  [94, '## ğŸ¯ BUSINESS VALUE IMPACT'],
  [110, 'User Authentication â†’ WebSocket Connection â†’ '],
  [117, '## ğŸ”§ TECHNICAL EXCELLENCE'],
  [139, '## ğŸ“ˆ SUCCESS METRICS'],
  [143, '| Total Tests | 100+ | 787 | âœ… 687% over goal |'],
  [152, '## ğŸš¦ TEST EXECUTION VALIDATION'],
  [168, '## ğŸ”„ CONTINUOUS VALUE DELIVERY'],
  [184, '## ğŸ“‹ FILES CREATED/MODIFIED'],
];

/** The excerpt as a document whose line numbers are the seed's: lines not copied are empty. */
function seedDocument(head: readonly string[], more: readonly [number, string][]): string {
  const last = Math.max(head.length, ...more.map(([number]) => number));
  const lines = Array.from({ length: last }, (_, index) => head[index] ?? '');
  for (const [number, text] of more) lines[number - 1] = text;
  return lines.join('\n');
}

describe('the real seeds (excerpts from the first 200 lines)', () => {
  const seeds = [
    { name: '000 (Mac Roman)', doc: seedDocument(SEED_000_HEAD, SEED_000_MORE), encoding: 'macintosh', repairs: 8 },
    { name: '004 (Windows-1254)', doc: seedDocument(SEED_004_HEAD, SEED_004_MORE), encoding: 'windows-1254', repairs: 19 },
  ] as const;

  it.each(seeds)('$name: no mojibake marker remains, every repair is located and labelled', ({ doc, encoding, repairs }) => {
    for (const marker of MARKERS) expect(seeds.some((seed) => seed.doc.includes(marker))).toBe(true);
    const result = repairMojibake(doc);
    for (const line of result.text.split('\n')) for (const marker of MARKERS) expect(line).not.toContain(marker);
    expect(result.text).not.toMatch(/[\uF8FF\uFFFD]/u);
    expect(result.repairs).toHaveLength(repairs);
    const lines = doc.split('\n');
    for (const repair of result.repairs) {
      expect(repair.encoding).toBe(encoding);
      expect(lines[repair.line - 1]?.slice(repair.column - 1, repair.column - 1 + repair.from.length)).toBe(repair.from);
    }
    expect(result.text.split('\n')).toHaveLength(lines.length);
    expect(repairMojibake(result.text)).toEqual({ text: result.text, repairs: [] });
  });

  it('000: specific lines are restored', () => {
    const lines = repairMojibake(seedDocument(SEED_000_HEAD, SEED_000_MORE)).text.split('\n');
    expect(lines[0]).toBe('# 🎯 UNIT TEST COVERAGE 100% MISSION - PROGRESS REPORT');
    expect(lines[2]).toBe('## 🚀 MISSION OBJECTIVE');
    expect(lines[9]).toBe('## 📊 EXECUTIVE SUMMARY');
    expect(lines[11]).toBe('**STATUS**: ✅ **MAJOR SESSION COMPLETED - WEBSOCKET & AUTH CRITICAL MODULES COVERED**  ');
    expect(lines[13]).toBe(SEED_000_HEAD[13]);
    expect(lines[25]).toBe('### **🚀 WEBSOCKET & AUTH SESSION ACHIEVEMENTS - CRITICAL INFRASTRUCTURE PROTECTED**');
    expect(lines[27]).toBe('#### **✅ 1. UnifiedWebSocketManager SSOT** - COMPLETED (Score: 9.8/10)');
    expect(lines[129]).toBe('## 🚨 CRITICAL GAPS IDENTIFIED - NEW FOCUS');
  });

  it('004: specific lines are restored', () => {
    const lines = repairMojibake(seedDocument(SEED_004_HEAD, SEED_004_MORE)).text.split('\n');
    expect(lines[0]).toBe('# 🎉 BATCH 4 FINAL PHASE COMPLETION REPORT');
    expect(lines[5]).toBe('**Status:** ✅ **SUCCESSFULLY COMPLETED**  ');
    expect(lines[10]).toBe('## 🚀 EXECUTIVE SUMMARY');
    expect(lines[24]).toBe('## 📊 DETAILED BREAKDOWN BY CATEGORY');
    expect(lines[93]).toBe('## 🎯 BUSINESS VALUE IMPACT');
    expect(lines[109]).toBe('User Authentication → WebSocket Connection → ');
    expect(lines[142]).toBe('| Total Tests | 100+ | 787 | ✅ 687% over goal |');
    expect(lines[183]).toBe('## 📋 FILES CREATED/MODIFIED');
  });

  it('reports the first repairs of each seed exactly', () => {
    const first = repairMojibake(seedDocument(SEED_000_HEAD, SEED_000_MORE)).repairs.slice(0, 4);
    expect(first).toEqual([
      { line: 1, column: 3, from: '\uF8FFüéØ', to: '🎯', encoding: 'macintosh' },
      { line: 3, column: 4, from: '\uF8FFüöÄ', to: '🚀', encoding: 'macintosh' },
      { line: 10, column: 4, from: '\uF8FFüìä', to: '📊', encoding: 'macintosh' },
      { line: 12, column: 13, from: '‚úÖ', to: '✅', encoding: 'macintosh' },
    ]);
    const second = repairMojibake(seedDocument(SEED_004_HEAD, SEED_004_MORE)).repairs;
    expect(second.slice(0, 3)).toEqual([
      { line: 1, column: 3, from: 'ğŸ‰', to: '🎉', encoding: 'windows-1254' },
      // âœ… reads the same in Windows-1252; the document's ğ makes it Windows-1254.
      { line: 6, column: 13, from: 'âœ…', to: '✅', encoding: 'windows-1254' },
      { line: 11, column: 4, from: 'ğŸš€', to: '🚀', encoding: 'windows-1254' },
    ]);
    expect(second.filter((repair) => repair.line === 110)).toEqual([
      { line: 110, column: 21, from: 'â†’', to: '→', encoding: 'windows-1254' },
      { line: 110, column: 46, from: 'â†’', to: '→', encoding: 'windows-1254' },
    ]);
  });
});

describe('repair positions', () => {
  it('gives 1-based lines and UTF-16 columns of each repaired run, across LF and CRLF', () => {
    const text = `ok\r\n🎯 done ${mojibake('é', 'windows-1252')} and ${mojibake('’', 'windows-1252')}\nsecond ${mojibake('🚀', 'windows-1252')}\n\n  ${mojibake('✅', 'macintosh')}x${mojibake('→', 'macintosh')}`;
    const result = repairMojibake(text);
    expect(result.text).toBe('ok\r\n🎯 done é and ’\nsecond 🚀\n\n  ✅x→');
    expect(result.repairs).toEqual([
      { line: 2, column: 9, from: 'Ã©', to: 'é', encoding: 'windows-1252' },
      { line: 2, column: 16, from: 'â€™', to: '’', encoding: 'windows-1252' },
      { line: 3, column: 8, from: 'ðŸš€', to: '🚀', encoding: 'windows-1252' },
      { line: 5, column: 3, from: '‚úÖ', to: '✅', encoding: 'macintosh' },
      { line: 5, column: 7, from: '‚Üí', to: '→', encoding: 'macintosh' },
    ]);
  });

  it('reports adjacent mojibake characters as one run', () => {
    const result = repairMojibake(`a${mojibake('résumé ⚠️✅', 'windows-1254')}b`);
    expect(result.text).toBe('arésumé ⚠️✅b');
    expect(result.repairs.map(({ column, to }) => [column, to])).toEqual([
      [3, 'é'],
      [8, 'é'],
      [11, '⚠️✅'],
    ]);
  });

  it('returns no repairs for empty and ASCII text', () => {
    expect(repairMojibake('')).toEqual({ text: '', repairs: [] });
    expect(repairMojibake('plain ASCII\nlines')).toEqual({ text: 'plain ASCII\nlines', repairs: [] });
  });
});

describe('properties', () => {
  const ascii = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
  const accentedWords = [
    'café', 'naïve', 'Zürich', 'Ångström', 'señor', 'façade', 'crème', 'brûlée', 'Straße', 'Müller', 'Øre', 'Ærø',
    'İstanbul', 'ağaç', 'şeker', 'ılık', 'üçüncü', 'São', 'coração', 'à', 'é', 'Ñandú', 'Œuvre', 'smörgåsbord',
    'Ελλάδα', 'привет', 'Łódź', 'Árvíztűrő', 'Şişli', 'Édith', 'ÇÖĞÜŞİ',
  ];
  /** Words whose UTF-8 bytes avoid the bytes a code page leaves undefined, so that iconv-lite's forms lose nothing. */
  const wholeInIconv = accentedWords.filter((word) => ENCODINGS.every((encoding) => !mojibake(word, encoding).includes('\uFFFD')));
  const symbols = [
    '🎯', '✅', '🚀', '⚠️', '🎉', '📊', '📈', '📋', '🔧', '🏆', '💡', '🔥', '👍', '❌', '⭐', '✨', '🐛', '🚨',
    '🛡️', '👨‍💻', '🇫🇷', '👍🏽', '→', '’', '“', '”', '…', '—', '€', '©', '°',
  ];
  const separator = fc.constantFrom(' ', '', '', ', ', '\n', '. ', ' — ', ' (', ') ', '\u00A0', '…', ' « ', ' » ');
  const sentence = (words: readonly string[], emoji: readonly string[]) =>
    fc
      .array(fc.tuple(fc.oneof(ascii, fc.constantFrom(...words), fc.constantFrom(...emoji)), separator), { maxLength: 12 })
      .map((parts) => parts.map(([word, sep]) => word + sep).join(''));
  const text = sentence(accentedWords, symbols);
  // Through iconv-lite ” (E2 80 9D) becomes `â€` + U+FFFD in Windows-1252/1254, which between two
  // emoji reads as a zero-width joiner (🎯”🎯 → 🎯‍🎯): truly ambiguous, so left out here.
  const iconvText = sentence(wholeInIconv, symbols.filter((symbol) => symbol !== '”'));

  it('repairing mojibake gives back the original, for each code page (lossless forms)', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...ENCODINGS), (value, encoding) => {
        expect(repairMojibake(lossless(value, encoding)).text).toBe(value);
      }),
      { numRuns: 400 },
    );
  });

  it('repairing mojibake gives back the original, for each code page (iconv-lite forms)', () => {
    fc.assert(
      fc.property(iconvText, fc.constantFrom(...ENCODINGS), (value, encoding) => {
        expect(repairMojibake(mojibake(value, encoding)).text).toBe(value);
      }),
      { numRuns: 400 },
    );
  });

  it('repairing correct text changes nothing', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(repairMojibake(value)).toEqual({ text: value, repairs: [] });
      }),
      { numRuns: 400 },
    );
  });

  it('repairing twice equals repairing once', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...ENCODINGS), fc.boolean(), (value, encoding, lossy) => {
        const once = repairMojibake(lossy ? mojibake(value, encoding) : lossless(value, encoding)).text;
        expect(repairMojibake(repairMojibake(value).text).text).toBe(repairMojibake(value).text);
        expect(repairMojibake(once).text).toBe(once);
      }),
      { numRuns: 400 },
    );
  });

  it('every repair points at its text in the input', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.constantFrom(...ENCODINGS), fc.boolean())), (parts) => {
        const input = parts.map(([value, encoding, broken]) => (broken ? lossless(value, encoding) : value)).join('\n');
        const lines = input.split('\n');
        for (const repair of repairMojibake(input).repairs) {
          expect(lines[repair.line - 1]?.slice(repair.column - 1, repair.column - 1 + repair.from.length)).toBe(repair.from);
        }
      }),
      { numRuns: 200 },
    );
  });
});
