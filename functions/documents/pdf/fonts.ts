import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The fonts a document PDF may embed: Noto, from npm packages that ship TTF/OTF files
 * (the @fontsource packages ship only WOFF/WOFF2 split by Unicode range). Each family
 * covers a part of Unicode; `textRuns.ts` picks, character by character, the first family
 * that has the glyph, so any script prints as itself. Only the glyphs a document uses are
 * embedded (subsets), so a Latin invoice carries Noto Sans alone, a few KB of it.
 *
 * Where the files are read from: beside the bundle in the `pdf` Lambda (`fonts/`, copied
 * there by the CDK bundling, infra/stacks/constructs/pdfFonts.ts), else from node_modules
 * (the local runtime and tests run the sources). Read on first use and kept for the warm
 * Lambda's life.
 */
export type Family = 'sans' | 'hebrew' | 'arabic' | 'japanese' | 'chinese' | 'emoji';
export type Weight = 'regular' | 'bold';

export const FONT_FILES: Record<Family, { pkg: string; regular: string; bold: string }> = {
  // Latin (Polish, Czech and every European alphabet), Greek and Cyrillic.
  sans: { pkg: '@embedpdf/fonts-latin', regular: 'fonts/NotoSans-Regular.ttf', bold: 'fonts/NotoSans-Bold.ttf' },
  hebrew: { pkg: '@embedpdf/fonts-hebrew', regular: 'fonts/NotoSansHebrew-Regular.ttf', bold: 'fonts/NotoSansHebrew-Bold.ttf' },
  arabic: { pkg: '@embedpdf/fonts-arabic', regular: 'fonts/NotoNaskhArabic-Regular.ttf', bold: 'fonts/NotoNaskhArabic-Bold.ttf' },
  japanese: { pkg: '@embedpdf/fonts-jp', regular: 'fonts/NotoSansJP-Regular.otf', bold: 'fonts/NotoSansJP-Bold.otf' },
  chinese: { pkg: '@embedpdf/fonts-sc', regular: 'fonts/NotoSansHans-Regular.otf', bold: 'fonts/NotoSansHans-Bold.otf' },
  // Monochrome: PDF text is one colour, and colour emoji fonts are bitmaps or COLR layers.
  emoji: { pkg: '@expo-google-fonts/noto-emoji', regular: '400Regular/NotoEmoji_400Regular.ttf', bold: '700Bold/NotoEmoji_700Bold.ttf' },
};

/** The name a font file has in the Lambda's `fonts/` folder. */
export const bundledName = (family: Family, weight: Weight): string => `${family}-${weight}${FONT_FILES[family][weight].slice(-4)}`;

const BUNDLED = join(__dirname, 'fonts');

function fontPath(family: Family, weight: Weight): string {
  const bundled = join(BUNDLED, bundledName(family, weight));
  if (existsSync(bundled)) return bundled;
  const { pkg } = FONT_FILES[family];
  return join(__dirname, '../../../node_modules', pkg, FONT_FILES[family][weight]);
}

const bytes = new Map<string, Uint8Array>();

export function fontBytes(family: Family, weight: Weight): Uint8Array {
  const key = `${family}-${weight}`;
  let data = bytes.get(key);
  if (!data) {
    data = new Uint8Array(readFileSync(fontPath(family, weight)));
    bytes.set(key, data);
  }
  return data;
}

/** Every font file's source path, for the bundling that copies them beside the Lambda. */
export function fontSources(): Array<{ from: string; to: string }> {
  return (Object.keys(FONT_FILES) as Family[]).flatMap((family) =>
    (['regular', 'bold'] as const).map((weight) => ({
      from: join(FONT_FILES[family].pkg, FONT_FILES[family][weight]),
      to: bundledName(family, weight),
    })),
  );
}
