/**
 * The two standard PDF fonts the documents use, Helvetica and Helvetica-Bold, in
 * WinAnsiEncoding: every reader has them built in, so no font file goes into the PDF or
 * the Lambda bundle. What a writer needs is each glyph's advance width, to measure text;
 * the widths below are Adobe's published Core 14 AFM metrics (Helvetica.afm and
 * Helvetica-Bold.afm, version 002.000, the "WX" of each character), laid out by WinAnsi
 * code. Kerning pairs are left out: text is drawn without kerning, so it is measured
 * without it.
 */

export interface StandardFont {
  /** The /BaseFont name. */
  readonly name: 'Helvetica' | 'Helvetica-Bold';
  /** Advance widths in 1/1000 em for WinAnsi codes 32-255; 0 where WinAnsi has no character. */
  readonly widths: readonly number[];
}

const FIRST_CODE = 32;

export const HELVETICA: StandardFont = {
  name: 'Helvetica',
  widths: [
    // 32-127: ASCII (127 unused)
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584,
    556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278,
    469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260,
    334, 584, 0,
    // 128-159: Windows-1252's extras (129, 141, 143, 144, 157 unused)
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 500,
    // 160-255: Latin-1
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834,
    611, 667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667,
    667, 611, 556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, 556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556,
    500, 556, 500,
  ],
};

export const HELVETICA_BOLD: StandardFont = {
  name: 'Helvetica-Bold',
  widths: [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584,
    611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333,
    584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280,
    389, 584, 0, 556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944,
    0, 500, 556, 278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556,
    834, 834, 834, 611, 722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722,
    722, 722, 667, 667, 611, 556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, 611, 611, 611, 611, 611, 611, 611, 584, 611, 611,
    611, 611, 611, 556, 611, 556,
  ],
};

/** The Unicode characters at WinAnsi codes 128-159 (0: none); 32-126 and 160-255 are Latin-1's own. */
const CP1252_EXTRAS = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
  0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Unicode code point → WinAnsi code, for every character the encoding has. */
const WIN_ANSI = new Map<number, number>();
for (let code = 32; code <= 255; code++) {
  if (code === 127) continue;
  const cp = code >= 128 && code < 160 ? CP1252_EXTRAS[code - 128]! : code;
  if (cp) WIN_ANSI.set(cp, code);
}

const QUESTION = 0x3f;

/** Whether every character of `s` has a WinAnsi code. */
export function isWinAnsi(s: string): boolean {
  for (const c of s) if (!WIN_ANSI.has(c.codePointAt(0)!)) return false;
  return true;
}

/** Look-alikes for common characters WinAnsi lacks; anything else decomposes to ASCII or becomes '?'. */
const LOOKALIKES: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2043': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u201b': "'",
  '\u201f': '"',
  '\u2035': "'",
  '\u2044': '/',
  '\u2215': '/',
  '\u2023': '>',
  '\u25cf': '\u2022',
  '\u2219': '\u2022',
  '\u2190': '<-',
  '\u2192': '->',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2248': '~',
  '\u20b9': 'Rs',
  '\u20bd': 'RUB',
  '\u20a9': 'W',
  '\u20aa': 'ILS',
  '\u20ba': 'TL',
  '\u2116': 'No.',
  '\t': '    ',
};

/**
 * Any string made drawable in WinAnsi: a character is kept where WinAnsi has it (£, €,
 * “smart quotes”, é), else a look-alike, else its decomposition without accents (ő → o,
 * ﬁ → fi, Ａ → A), else '?'. Spacing marks become spaces and invisible ones go; newlines
 * are kept (for callers that wrap). Nothing throws, and the text stays extractable.
 */
export function toWinAnsi(input: string): string {
  let out = '';
  for (const c of input) {
    if (c === '\n' || WIN_ANSI.has(c.codePointAt(0)!)) out += c;
    else if (LOOKALIKES[c] !== undefined) out += LOOKALIKES[c];
    else if (/[\p{Zs}]/u.test(c)) out += ' ';
    // biome-ignore lint/suspicious/noMisleadingCharacterClass: the class is tested against one code point at a time (`c`), so variation selectors and skin tones are dropped on their own
    else if (/[\p{Cc}\p{Cf}\p{Mn}\p{Me}\u{FE00}-\u{FE0F}\u{1F3FB}-\u{1F3FF}]/u.test(c)) continue;
    else {
      const plain = c.normalize('NFKD').replace(/\p{M}/gu, '');
      out += plain && isWinAnsi(plain) ? plain : '?';
    }
  }
  return out;
}

/** WinAnsi code of one character: a newline as a space, anything unencodable as '?'. */
function codeOf(c: string): number {
  if (c === '\n' || c === '\r') return 0x20;
  return WIN_ANSI.get(c.codePointAt(0)!) ?? QUESTION;
}

/** The bytes a string is drawn as: substituted (`toWinAnsi`), then one byte per character. */
export function encodeWinAnsi(s: string): Uint8Array {
  const codes: number[] = [];
  for (const c of toWinAnsi(s)) codes.push(codeOf(c));
  return Uint8Array.from(codes);
}

/**
 * The advance width of `text` at `size` points, exactly as drawn: the sum of each
 * character's AFM width, no kerning. Measure text already passed through `toWinAnsi`
 * (a look-alike can be wider than one character); an unencodable character counts as '?'.
 */
export function widthOfText(font: StandardFont, text: string, size: number): number {
  let total = 0;
  for (const c of text) total += font.widths[codeOf(c) - FIRST_CODE] ?? 0;
  return (total * size) / 1000;
}
