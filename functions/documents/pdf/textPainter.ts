import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { fontBytes, type Family, type Weight } from './fonts';
import { parseFont } from './fontkitAdapter';
import { textRuns, type Run } from './textRuns';

/**
 * Measures and draws one line of text in any script on a pdf-lib page: runs by font and
 * direction (`textRuns.ts`), each family embedded, subsetted, the first time a document
 * uses it. Widths come from the font engine's layout (shaping, kerning), so what is
 * measured is what is drawn.
 */
export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: Color;
}

export class TextPainter {
  private readonly embedded = new Map<string, PDFFont>();
  private readonly shaped = new Map<string, Array<Run & { width: number }>>();

  constructor(private readonly pdf: PDFDocument) {}

  /** The width of `text` at `size`, in points. */
  width(text: string, style: TextStyle): number {
    return this.runs(text, style.bold ?? false).reduce((sum, run) => sum + run.width, 0) * style.size;
  }

  /** Draws `text` with its left edge at `x`. */
  draw(page: PDFPage, text: string, x: number, y: number, style: TextStyle): void {
    const runs = this.runs(text, style.bold ?? false);
    const byPlace = [...runs].sort((a, b) => a.visual - b.visual);
    const left = new Map<Run, number>();
    let at = x;
    for (const run of byPlace) {
      left.set(run, at);
      at += run.width * style.size;
    }
    // Drawn in reading order at their visual places: see textRuns.ts.
    for (const run of runs) {
      if (!run.text.trim()) continue;
      page.drawText(run.text, { x: left.get(run)!, y, size: style.size, font: this.font(run.family, style.bold ? 'bold' : 'regular'), color: style.color });
    }
  }

  private runs(text: string, bold: boolean): Array<Run & { width: number }> {
    const key = `${bold ? 'b' : 'r'}${text}`;
    let runs = this.shaped.get(key);
    if (!runs) {
      const weight: Weight = bold ? 'bold' : 'regular';
      runs = textRuns(text, hasGlyph(weight)).map((run) => ({
        ...run,
        width: this.font(run.family, weight).widthOfTextAtSize(run.text, 1),
      }));
      this.shaped.set(key, runs);
    }
    return runs;
  }

  private font(family: Family, weight: Weight): PDFFont {
    const font = this.embedded.get(`${family}-${weight}`) ?? this.embedded.get(`sans-${weight}`);
    if (!font) throw new Error('TextPainter.prepare() must run before drawing');
    return font;
  }

  /**
   * Embeds, before anything is drawn, each family that some of `texts` needs, in both
   * weights (pdf-lib embeds asynchronously; measuring and drawing then stay synchronous).
   * A face the document never draws with costs a font of no glyphs, a few hundred bytes.
   */
  async prepare(texts: Iterable<string>): Promise<void> {
    const families = new Set<Family>(['sans']);
    for (const text of texts) for (const line of text.split('\n')) for (const run of textRuns(line, hasGlyph('regular'))) families.add(run.family);
    for (const family of families)
      for (const weight of ['regular', 'bold'] as const) {
        const key = `${family}-${weight}`;
        if (!this.embedded.has(key)) this.embedded.set(key, await this.pdf.embedFont(fontBytes(family, weight), { subset: true }));
      }
  }
}

const hasGlyph =
  (weight: Weight) =>
  (family: Family, codePoint: number): boolean =>
    parseFont(fontBytes(family, weight)).hasGlyphForCodePoint(codePoint);
