import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { readJpeg, readPng } from '../../functions/documents/pdf/images';
import { A4, PdfDocument, rgb } from '../../functions/documents/pdf/pdfWriter';
import { encodeWinAnsi, HELVETICA, HELVETICA_BOLD, isWinAnsi, toWinAnsi, widthOfText } from '../../functions/documents/pdf/standardFonts';
import { readPdf } from '../support/pdfText';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** A 12×8 baseline JPEG (two colour halves), 3 components. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAwDASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAQF/8QAGhABAAEFAAAAAAAAAAAAAAAAAAEDBTSBsf/EABUBAQEAAAAAAAAAAAAAAAAAAAMF/8QAGREAAQUAAAAAAAAAAAAAAAAAAQAFM3HB/9oADAMBAAIRAxEAPwCS2Z9LfJb4I7nMK0p2uE3gX//Z',
  'base64',
);

/* ---- a tiny PNG encoder, to feed the decoder every colour type, depth and row filter ---- */

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** Rows of raw (unfiltered) bytes, each filtered with the filter type given for it (cycling). */
function png(options: {
  width: number;
  height: number;
  type: number;
  depth: number;
  rows: number[][];
  filters?: number[];
  palette?: number[];
  trns?: number[];
  interlace?: number;
}): Buffer {
  const { width, height, type, depth, rows, filters = [0], palette, trns, interlace = 0 } = options;
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[type]!;
  const bpp = Math.max(1, (channels * depth) >> 3);
  const filtered: number[] = [];
  rows.forEach((row, y) => {
    const filter = filters[y % filters.length]!;
    filtered.push(filter);
    row.forEach((value, i) => {
      const a = i >= bpp ? row[i - bpp]! : 0;
      const b = y > 0 ? rows[y - 1]![i]! : 0;
      const c = y > 0 && i >= bpp ? rows[y - 1]![i - bpp]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      filtered.push((value - predictor) & 0xff);
    });
  });
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([depth, type, 0, 0, interlace], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(palette ? [chunk('PLTE', Uint8Array.from(palette))] : []),
    ...(trns ? [chunk('tRNS', Uint8Array.from(trns))] : []),
    chunk('IDAT', deflateSync(Uint8Array.from(filtered))),
    chunk('IEND', new Uint8Array()),
  ]);
}

const inflated = (data: Uint8Array | undefined) => (data ? [...inflateSync(data)] : undefined);

/* ---- the file's structure, checked byte by byte ---- */

interface ParsedPdf {
  objects: Map<number, { dict: string; stream?: Buffer }>;
  trailer: string;
}

/**
 * Follows startxref to the table and every entry to its object, as a strict reader does;
 * each stream's /Length must end exactly at `endstream`. (PDF.js would quietly rebuild a
 * broken table, so loading in PDF.js alone would not prove the offsets right.)
 */
function parseStrictly(bytes: Uint8Array): ParsedPdf {
  const s = latin1(bytes);
  expect(s.startsWith('%PDF-1.7\n%')).toBe(true);
  const tail = /startxref\n(\d+)\n%%EOF\n$/.exec(s);
  expect(tail).not.toBeNull();
  const xref = +tail![1]!;
  const head = /^xref\n0 (\d+)\n/.exec(s.slice(xref));
  expect(head).not.toBeNull();
  const count = +head![1]!;
  const tableAt = xref + head![0].length;
  expect(s.slice(tableAt, tableAt + 20)).toBe('0000000000 65535 f \n');
  const objects: ParsedPdf['objects'] = new Map();
  for (let n = 1; n < count; n++) {
    const entry = s.slice(tableAt + 20 * n, tableAt + 20 * (n + 1));
    expect(entry).toMatch(/^\d{10} 00000 n \n$/);
    const at = +entry.slice(0, 10);
    expect(s.slice(at, at + `${n} 0 obj\n`.length)).toBe(`${n} 0 obj\n`);
    const body = s.slice(at + `${n} 0 obj\n`.length);
    const streamAt = body.indexOf('\nstream\n');
    const end = body.indexOf('\nendobj\n');
    if (streamAt >= 0 && streamAt < end) {
      const dict = body.slice(0, streamAt);
      const length = +/\/Length (\d+)/.exec(dict)![1]!;
      const start = at + `${n} 0 obj\n`.length + streamAt + '\nstream\n'.length;
      expect(s.slice(start + length, start + length + '\nendstream\nendobj\n'.length)).toBe('\nendstream\nendobj\n');
      objects.set(n, { dict, stream: Buffer.from(bytes.subarray(start, start + length)) });
    } else objects.set(n, { dict: body.slice(0, end) });
  }
  const trailer = s.slice(tableAt + 20 * count);
  expect(trailer).toMatch(new RegExp(`^trailer\\n<< /Size ${count} /Root \\d+ 0 R /Info \\d+ 0 R /ID \\[<[0-9a-f]{32}> <[0-9a-f]{32}>\\] >>\\n`));
  return { objects, trailer };
}

/** Text items with their widths as PDF.js lays them out (PDF.js has its own copy of the standard fonts' metrics). */
function pdfJsItems(bytes: Uint8Array): Promise<Array<{ str: string; width: number; x: number }>> {
  const pdfjs = pathToFileURL(join(__dirname, '../../node_modules/pdfjs-dist/legacy/build/pdf.mjs')).href;
  const script = `
import { getDocument, VerbosityLevel } from ${JSON.stringify(pdfjs)};
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: VerbosityLevel.ERRORS, isEvalSupported: false }).promise;
const { items } = await (await pdf.getPage(1)).getTextContent();
process.stdout.write(JSON.stringify(items.filter((i) => i.str).map((i) => ({ str: i.str, width: i.width, x: i.transform[4] }))));
await pdf.destroy();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(Buffer.concat(out).toString())) : reject(new Error(Buffer.concat(err).toString()))));
    child.stdin.end(Buffer.from(bytes));
  });
}

function sampleDocument(): PdfDocument {
  const pdf = new PdfDocument();
  const logo = pdf.embedPng(
    png({
      width: 2,
      height: 2,
      type: 6,
      depth: 8,
      rows: [
        [255, 0, 0, 255, 0, 255, 0, 128],
        [0, 0, 255, 0, 255, 255, 255, 255],
      ],
    }),
  );
  const photo = pdf.embedJpeg(JPEG);
  for (let n = 1; n <= 3; n++) {
    const page = pdf.addPage();
    page.drawRectangle({ x: 0, y: A4[1] - 80, width: A4[0], height: 80, color: rgb(0.06, 0.46, 0.43) });
    page.drawImage(logo, { x: 40, y: A4[1] - 64, width: 48, height: 48 });
    page.drawImage(photo, { x: 100, y: A4[1] - 64, width: 72, height: 48 });
    page.drawText(`Page ${n} (of three) \\ with “quotes”`, { x: 40, y: 700, font: HELVETICA_BOLD, size: 14, color: rgb(1, 1, 1) });
    page.drawLine({ start: { x: 40, y: 690 }, end: { x: 555, y: 690 }, thickness: 0.5, color: rgb(0.8, 0.8, 0.8) });
    page.drawText('Café £5 €7 — naïve', { x: 40, y: 670, font: HELVETICA, size: 10 });
  }
  pdf.setInfo({
    title: 'Invoice INV-1',
    author: 'Ōsaka Signs 🎌',
    subject: 'Signs (and more)',
    producer: 'Portico',
    creationDate: new Date(Date.UTC(2026, 10, 1, 9, 30, 5)),
  });
  pdf.language = 'en-GB';
  pdf.displayTitle = true;
  return pdf;
}

describe('PdfDocument', () => {
  it('writes a file whose cross-reference offsets and stream lengths are exact, and PDF.js loads every page', async () => {
    const bytes = sampleDocument().save();
    const { objects } = parseStrictly(bytes);
    const dicts = [...objects.values()].map((o) => o.dict);
    expect(dicts.filter((d) => d.includes('/Type /Page ')).length).toBe(3);
    expect(dicts.find((d) => d.includes('/Type /Pages'))).toMatch(/\/Count 3/);
    expect(dicts.find((d) => d.includes('/Type /Catalog'))).toMatch(/\/Lang \(en-GB\).*\/DisplayDocTitle true/);
    expect(dicts.filter((d) => d.includes('/Type /Font'))).toEqual([
      expect.stringContaining('/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding'),
      expect.stringContaining('/BaseFont /Helvetica /Encoding /WinAnsiEncoding'),
    ]);

    const { pages, info } = await readPdf(bytes);
    expect(pages).toHaveLength(3);
    pages.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} (of three) \\ with “quotes”`);
      expect(text).toContain('Café £5 €7 — naïve');
    });
    expect(info).toMatchObject({
      Title: 'Invoice INV-1',
      Author: 'Ōsaka Signs 🎌',
      Subject: 'Signs (and more)',
      Producer: 'Portico',
      CreationDate: 'D:20261101093005Z',
    });
  });

  it('deflates every content stream with node:zlib, leaving only escaped ASCII inside', () => {
    const { objects } = parseStrictly(sampleDocument().save());
    const contents = [...objects.values()].filter((o) => o.stream && !o.dict.includes('/Subtype /Image'));
    expect(contents).toHaveLength(3);
    contents.forEach(({ dict, stream }, i) => {
      expect(dict).toContain('/Filter /FlateDecode');
      const text = inflateSync(stream!).toString('latin1');
      expect(text).toMatch(/^[\x20-\x7e\n]*$/);
      // Parentheses and backslashes escaped, WinAnsi bytes in octal: “ is 0x93, é 0xE9, € 0x80, — 0x97.
      expect(text).toContain(`(Page ${i + 1} \\(of three\\) \\\\ with \\223quotes\\224) Tj`);
      expect(text).toContain('(Caf\\351 \\2435 \\2007 \\227 na\\357ve) Tj');
      expect(text).toMatch(/0\.06 0\.46 0\.43 rg 0 761\.89 595\.28 80 re f/);
      expect(text).toMatch(/0\.8 0\.8 0\.8 RG 0\.5 w 40 690 m 555 690 l S/);
    });
  });

  it('embeds a PNG with alpha as RGB plus a soft mask, and a JPEG as it is', () => {
    const { objects } = parseStrictly(sampleDocument().save());
    const images = [...objects.values()].filter((o) => o.dict.includes('/Subtype /Image'));
    const jpeg = images.find((o) => o.dict.includes('/DCTDecode'))!;
    expect(jpeg.dict).toMatch(/\/Width 12 \/Height 8 .*\/ColorSpace \/DeviceRGB/);
    expect(jpeg.stream!.equals(JPEG)).toBe(true);
    const rgbImage = images.find((o) => o.dict.includes('/SMask'))!;
    expect(rgbImage.dict).toMatch(/\/Width 2 \/Height 2 .*\/ColorSpace \/DeviceRGB.*\/Filter \/FlateDecode/);
    expect([...inflateSync(rgbImage.stream!)]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
    const mask = images.find((o) => o.dict.includes('/DeviceGray'))!;
    expect([...inflateSync(mask.stream!)]).toEqual([255, 128, 0, 255]);
  });

  it('writes a blank page for an empty document, and refuses numbers that are not finite or an image of another document', async () => {
    const bytes = new PdfDocument().save();
    parseStrictly(bytes);
    expect((await readPdf(bytes)).pages).toEqual(['']);
    expect(() => new PdfDocument().addPage().drawText('x', { x: NaN, y: 0, font: HELVETICA, size: 9 })).toThrow('not a number');
    const foreign = new PdfDocument().embedJpeg(JPEG);
    expect(() => new PdfDocument().addPage().drawImage(foreign, { x: 0, y: 0, width: 10, height: 10 })).toThrow('another document');
  });
});

describe('standard fonts', () => {
  it('measures text with the AFM widths, as PDF.js lays it out', async () => {
    // Helvetica.afm: H 722, e 556, l 222, o 556, comma 278, space 278, W 944, r 333, d 556, exclam 278.
    expect(widthOfText(HELVETICA, 'Hello, World!', 1000)).toBe(5723);
    // Helvetica-Bold.afm: H 722, e 556, l 278, o 611, comma 278, space 278, W 944, r 389, d 611, exclam 333.
    expect(widthOfText(HELVETICA_BOLD, 'Hello, World!', 1000)).toBe(6167);
    expect(widthOfText(HELVETICA, '€—£é', 10)).toBeCloseTo((556 + 1000 + 556 + 556) / 100);
    // Something unencodable is drawn, and so measured, as '?'.
    expect(widthOfText(HELVETICA, '漢', 1000)).toBe(556);

    const pdf = new PdfDocument();
    const page = pdf.addPage();
    const strings = ['Hello, World!', 'Invoice INV-1001 · £1,234.56', 'WAVE wave ﬁ'].map(toWinAnsi);
    for (const [i, s] of strings.entries()) page.drawText(s, { x: 40, y: 700 - 40 * i, font: i === 1 ? HELVETICA_BOLD : HELVETICA, size: 12 });
    const items = await pdfJsItems(pdf.save());
    strings.forEach((s, i) => {
      const item = items.find((it) => it.str === s)!;
      expect(item).toBeDefined();
      expect(item.width).toBeCloseTo(widthOfText(i === 1 ? HELVETICA_BOLD : HELVETICA, s, 12), 2);
    });
  });

  it('substitutes what WinAnsi cannot hold: look-alikes, decompositions, ? — keeping what it can', () => {
    expect(toWinAnsi('“Smart” ‘quotes’ — £5, €7 … naïve café • ™ Œuvre ž')).toBe('“Smart” ‘quotes’ — £5, €7 … naïve café • ™ Œuvre ž');
    expect(toWinAnsi('Ōsaka ﬁne Ａ ő')).toBe('Osaka fine A o');
    expect(toWinAnsi('a\u2212b \u2192 c \u2264 d \u20b9 \u2116')).toBe('a-b -> c <= d Rs No.');
    expect(toWinAnsi('zero\u200bwidth, thin\u2009space, tab\tend')).toBe('zerowidth, thin space, tab    end');
    expect(toWinAnsi('👍🏽 東京 ✓')).toBe('? ?? ?');
    expect(toWinAnsi('two\nlines')).toBe('two\nlines');
    expect(isWinAnsi(toWinAnsi('Ōsaka 🎌 株式会社 ﬁ'))).toBe(true);

    // The bytes drawn: Windows-1252 codes, '?' for anything left over, a newline as a space.
    expect([...encodeWinAnsi('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')]).toEqual([
      0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8e, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c,
      0x9e, 0x9f,
    ]);
    expect([...encodeWinAnsi('A£é\u00a0ÿ')]).toEqual([0x41, 0xa3, 0xe9, 0xa0, 0xff]);
    expect(latin1(encodeWinAnsi('a\nb 漢 🎌'))).toBe('a b ? ?');
  });
});

describe('images', () => {
  it('reads a JPEG’s size and components from its frame header, and marks Adobe CMYK as inverted', () => {
    expect(readJpeg(JPEG)).toMatchObject({ width: 12, height: 8, colorSpace: 'DeviceRGB', filter: 'DCTDecode', decode: undefined });
    const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
    const sof = (components: number, marker = 0xc2) => segment(marker, [8, 0x01, 0x2c, 0x02, 0x58, components, ...Array(3 * components).fill(1)]);
    const adobe = segment(0xee, [...Buffer.from('Adobe'), 0, 100, 0, 0, 0, 0, 2]);
    expect(readJpeg(Uint8Array.from([0xff, 0xd8, ...adobe, ...sof(4), 0xff, 0xd9]))).toMatchObject({
      width: 600,
      height: 300,
      colorSpace: 'DeviceCMYK',
      decode: [1, 0, 1, 0, 1, 0, 1, 0],
    });
    expect(readJpeg(Uint8Array.from([0xff, 0xd8, ...sof(1, 0xc0)]))).toMatchObject({ colorSpace: 'DeviceGray', decode: undefined });
    expect(() => readJpeg(Uint8Array.from([0, 0, 0]))).toThrow('not a JPEG');
    expect(() => readJpeg(Uint8Array.from([0xff, 0xd8, ...segment(0xe0, [1, 2, 3]), 0xff, 0xd9]))).toThrow('frame header');
    expect(() => readJpeg(Uint8Array.from([0xff, 0xd8, ...sof(2)]))).toThrow('2 components');
  });

  it('decodes 8-bit RGB, RGBA, grey and grey+alpha PNGs through every row filter', () => {
    // 3×5 RGB, rows filtered None, Sub, Up, Average, Paeth.
    const rows = Array.from({ length: 5 }, (_, y) => Array.from({ length: 9 }, (_, i) => (y * 53 + i * 29 + ((i * y) % 7) * 11) & 0xff));
    const rgbPng = readPng(png({ width: 3, height: 5, type: 2, depth: 8, rows, filters: [0, 1, 2, 3, 4] }));
    expect(rgbPng).toMatchObject({ width: 3, height: 5, colorSpace: 'DeviceRGB', filter: 'FlateDecode', alpha: undefined });
    expect(inflated(rgbPng.data)).toEqual(rows.flat());

    const rgba = readPng(png({ width: 2, height: 1, type: 6, depth: 8, rows: [[1, 2, 3, 40, 5, 6, 7, 255]], filters: [4] }));
    expect(inflated(rgba.data)).toEqual([1, 2, 3, 5, 6, 7]);
    expect(inflated(rgba.alpha)).toEqual([40, 255]);
    // Fully opaque alpha: no mask at all.
    expect(readPng(png({ width: 1, height: 1, type: 6, depth: 8, rows: [[9, 9, 9, 255]] })).alpha).toBeUndefined();

    const grey = readPng(
      png({
        width: 4,
        height: 2,
        type: 0,
        depth: 8,
        rows: [
          [0, 64, 128, 255],
          [255, 128, 64, 0],
        ],
        filters: [1, 3],
      }),
    );
    expect(grey).toMatchObject({ colorSpace: 'DeviceGray', alpha: undefined });
    expect(inflated(grey.data)).toEqual([0, 64, 128, 255, 255, 128, 64, 0]);

    const greyAlpha = readPng(
      png({
        width: 2,
        height: 2,
        type: 4,
        depth: 8,
        rows: [
          [10, 0, 20, 255],
          [30, 128, 40, 255],
        ],
        filters: [2, 4],
      }),
    );
    expect(greyAlpha.colorSpace).toBe('DeviceGray');
    expect(inflated(greyAlpha.data)).toEqual([10, 20, 30, 40]);
    expect(inflated(greyAlpha.alpha)).toEqual([0, 255, 128, 255]);
  });

  it('also reads palette (with tRNS), low-depth grey and 16-bit PNGs', () => {
    // 2-bit palette, 5 pixels a row (packed, padded), index 1 half transparent.
    const palette = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];
    const indexed = readPng(png({ width: 5, height: 1, type: 3, depth: 2, palette, trns: [255, 128], rows: [[0b00011011, 0b00000000]] }));
    expect(indexed.colorSpace).toBe('DeviceRGB');
    expect(inflated(indexed.data)).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 255, 0, 0]);
    expect(inflated(indexed.alpha)).toEqual([255, 128, 255, 255, 255]);

    const oneBit = readPng(png({ width: 10, height: 1, type: 0, depth: 1, rows: [[0b10100000, 0b11000000]] }));
    expect(inflated(oneBit.data)).toEqual([255, 0, 255, 0, 0, 0, 0, 0, 255, 255]);

    // 16-bit RGB keeps the high byte; its tRNS colour key makes that exact colour transparent.
    const deep = readPng(
      png({
        width: 2,
        height: 1,
        type: 2,
        depth: 16,
        trns: [0x12, 0x34, 0, 0, 0xff, 0xff],
        rows: [[0x12, 0x34, 0, 0, 0xff, 0xff, 0x80, 0x01, 0x40, 0x02, 0x20, 0x03]],
        filters: [1],
      }),
    );
    expect(inflated(deep.data)).toEqual([0x12, 0, 0xff, 0x80, 0x40, 0x20]);
    expect(inflated(deep.alpha)).toEqual([0, 255]);
  });

  it('refuses what it cannot read: not a PNG, interlaced, truncated, out-of-range palette, oversized', () => {
    expect(() => readPng(Buffer.from('AAAA', 'base64'))).toThrow('not a PNG');
    expect(() => readPng(png({ width: 1, height: 1, type: 2, depth: 8, rows: [[1, 2, 3]], interlace: 1 }))).toThrow('interlaced');
    expect(() => readPng(png({ width: 1, height: 1, type: 2, depth: 4, rows: [[1, 2]] }))).toThrow('not supported');
    const whole = png({ width: 4, height: 4, type: 2, depth: 8, rows: Array(4).fill(Array(12).fill(7)) });
    expect(() => readPng(whole.subarray(0, whole.length - 30))).toThrow();
    expect(() => readPng(png({ width: 2, height: 1, type: 3, depth: 8, palette: [0, 0, 0], rows: [[0, 1]] }))).toThrow('palette index');
    expect(() => readPng(png({ width: 5000, height: 5000, type: 0, depth: 1, rows: [] }))).toThrow('too large');
  });
});
