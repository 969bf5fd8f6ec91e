import bidiFactory from 'bidi-js';
import type { Family } from './fonts';

/**
 * One line of text as runs to draw: which font draws each part, and in which order the
 * parts stand on the line.
 *
 * - Font fallback per run: each character goes to the first family that has its glyph —
 *   Noto Sans (Latin, Greek, Cyrillic), then Hebrew, Arabic, Japanese or Chinese (Japanese
 *   first when the line has kana, so a Japanese name gets Japanese kanji forms), emoji.
 *   Spaces, punctuation, digits and combining marks stay with the run they are in when its
 *   font has them, so an Arabic word and its spaces are shaped as one run.
 * - Right to left: the Unicode bidirectional algorithm (bidi-js) gives each character its
 *   level; runs are cut where the level or the font changes and put in visual order (rule
 *   L2: from the highest level down, reverse each sequence at that level or above). Within a
 *   right-to-left run the font engine (fontkit) shapes Arabic and lays the glyphs out right
 *   to left itself.
 * - Mirroring (rule L4): in a right-to-left run a bracket or other mirrored character is
 *   drawn as its mirror image (`(` as `)`, `«` as `»`), so "(شركة)" encloses its word. The
 *   font engine lays an Arabic or Hebrew run out right to left but does not mirror, so the
 *   mirrored character itself is drawn; a reader extracting the text gets that character.
 *
 * Runs are kept in reading (logical) order with their visual position: they are drawn in
 * reading order at their visual places, so a reader that extracts text in drawing order
 * (PDF.js) gets it back as it was written.
 */
export interface Run {
  text: string;
  family: Family;
  /** The bidi level: odd is right to left. */
  level: number;
  /** Its place from the left of the line, 0-based. */
  visual: number;
}

export type HasGlyph = (family: Family, codePoint: number) => boolean;

const bidi = bidiFactory();

const KANA = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
/** Characters that belong to the run they follow: marks, variation selectors, joiners, emoji modifiers. */
const ATTACHED = /^(?:\p{M}|\u200c|\u200d|[\ufe00-\ufe0f]|[\u{1f3fb}-\u{1f3ff}]|[\u{e0020}-\u{e007f}])$/u;
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;
/** Characters of no script of their own. */
const NEUTRAL = /[\p{Z}\p{P}\p{N}\p{S}\p{Cc}]/u;

export function familiesFor(line: string): Family[] {
  const cjk: Family[] = KANA.test(line) ? ['japanese', 'chinese'] : ['chinese', 'japanese'];
  return ['sans', 'hebrew', 'arabic', ...cjk, 'emoji'];
}

function pickFamily(char: string, current: Family | undefined, chain: Family[], has: HasGlyph): Family {
  const cp = char.codePointAt(0)!;
  if (current && ATTACHED.test(char)) return current;
  if (PICTOGRAPHIC.test(char) && cp > 0xff && has('emoji', cp)) return 'emoji';
  // Not in the emoji font: its space and digits are an emoji's width.
  if (current && current !== 'emoji' && NEUTRAL.test(char) && has(current, cp)) return current;
  return chain.find((family) => has(family, cp)) ?? current ?? 'sans';
}

export function textRuns(line: string, has: HasGlyph): Run[] {
  if (!line) return [];
  const { levels } = bidi.getEmbeddingLevels(line, 'auto');
  // It takes the levels themselves (not the result, as its README shows). Mirrored
  // characters are single UTF-16 units, so indices into `line` hold for `shown` too.
  const mirrored = bidi.getMirroredCharactersMap(line, levels);
  const shown = mirrored.size ? Array.from(line.split(''), (unit, i) => mirrored.get(i) ?? unit).join('') : line;
  const chain = familiesFor(line);
  const runs: Array<Omit<Run, 'visual'>> = [];
  let index = 0;
  let current: Family | undefined;
  for (const char of shown) {
    const level = levels[index]!;
    const family = pickFamily(char, current, chain, has);
    const last = runs[runs.length - 1];
    if (last && last.family === family && last.level === level) last.text += char;
    else runs.push({ text: char, family, level });
    current = family;
    index += char.length;
  }
  // A right-to-left run of no right-to-left letters (punctuation and spaces in another font
  // than the words around them) is not turned round by the font engine: one run per
  // character, so the reordering below puts each in its place.
  const split = runs.flatMap((run) => (run.level % 2 && !RTL_LETTER.test(run.text) ? [...run.text].map((text) => ({ ...run, text })) : [run]));
  runs.splice(0, runs.length, ...split);
  // L2: reverse every maximal sequence at level k or above, for k from the highest level down to the lowest odd one.
  const order = runs.map((_, i) => i);
  const max = Math.max(...runs.map((r) => r.level));
  const minOdd = Math.min(...runs.map((r) => (r.level % 2 ? r.level : r.level + 1)));
  for (let k = max; k >= minOdd; k--) {
    let i = 0;
    while (i < order.length) {
      if (runs[order[i]!]!.level < k) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < order.length && runs[order[j + 1]!]!.level >= k) j++;
      order.splice(i, j - i + 1, ...order.slice(i, j + 1).reverse());
      i = j + 1;
    }
  }
  const visual = new Map(order.map((run, place) => [run, place]));
  return runs.map((run, i) => ({ ...run, visual: visual.get(i)! }));
}
