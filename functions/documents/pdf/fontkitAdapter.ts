import { EventEmitter } from 'node:events';
import * as fontkit from 'fontkit';
import type { PDFDocument } from 'pdf-lib';

/**
 * fontkit 2 as pdf-lib's font engine, in place of pdf-lib's own fork (@pdf-lib/fontkit
 * 1.1.1). Why: the fork's subsetter writes broken fonts for Noto Sans (most Latin glyphs
 * missing) and for the CFF-based CJK fonts (Poppler refuses them), while fontkit 2's
 * subsets are sound. pdf-lib asks a subset for `encodeStream()`, which fontkit 2 replaced
 * by `encode()`; this shim answers the old call from the new one.
 *
 * Parsed fonts are kept per font file's bytes, so a warm Lambda parses each file once, and
 * the same parse answers "has this font the glyph?" before a font is embedded.
 *
 * Right-to-left ligatures: PDF.js reads a right-to-left run in the order it is drawn
 * (visual) and reverses it into reading order, characters and all. A ligature glyph
 * (Arabic lam-alef, لا) maps to several characters, which that reversal would turn round
 * (ال); so the glyph's own characters are written reversed in the ToUnicode map, and come
 * out in reading order.
 */
type Glyph = fontkit.Glyph;

const parsed = new WeakMap<Uint8Array, fontkit.Font>();

export function parseFont(bytes: Uint8Array): fontkit.Font {
  let font = parsed.get(bytes);
  if (!font) {
    font = withGlyphsForTheirCharacters(fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as fontkit.Font);
    parsed.set(bytes, font);
  }
  return font;
}

/**
 * fontkit keeps one glyph object per glyph id, carrying the characters it was first made
 * for; a glyph drawn for two characters (Noto Sans draws Latin E and Greek Epsilon with one
 * glyph) would then map every later use to the first character, and PDF.js would extract
 * "Εxpiry" for "Expiry". Each lookup gets a view carrying its own characters.
 */
function withGlyphsForTheirCharacters(font: fontkit.Font): fontkit.Font {
  const cached = font.getGlyph.bind(font);
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((cp, i) => cp === b[i]);
  font.getGlyph = ((id: number, codePoints?: number[]) => {
    const glyph = cached(id, codePoints);
    return !codePoints || same(glyph.codePoints, codePoints) ? glyph : (Object.create(glyph, { codePoints: { value: codePoints } }) as Glyph);
  }) as typeof font.getGlyph;
  return font;
}

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;
const rtlLigature = (glyph: Glyph) => glyph.codePoints.length > 1 && glyph.codePoints.every((cp) => RTL.test(String.fromCodePoint(cp)));

/** A view of a font for one PDF: its own layout results and subsets, the parse shared. */
function forPdfLib(font: fontkit.Font): object {
  return new Proxy(font, {
    get(target, key) {
      if (key === 'layout') {
        return (text: string, features?: Record<string, boolean> | string[]) => {
          const run = target.layout(text, features);
          const glyphs = run.glyphs.map((g) => (rtlLigature(g) ? (Object.create(g, { codePoints: { value: [...g.codePoints].reverse() } }) as Glyph) : g));
          return Object.assign(Object.create(run), { glyphs });
        };
      }
      if (key === 'createSubset') {
        return () => {
          const subset = target.createSubset() as fontkit.Subset & { encodeStream?: () => EventEmitter };
          subset.encodeStream = () => {
            const stream = new EventEmitter();
            setImmediate(() => {
              try {
                stream.emit('data', subset.encode());
                stream.emit('end');
              } catch (err) {
                stream.emit('error', err);
              }
            });
            return stream;
          };
          return subset;
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export const fontkitForPdfLib = { create: (bytes: Uint8Array) => forPdfLib(parseFont(bytes)) } as unknown as Parameters<PDFDocument['registerFontkit']>[0];
