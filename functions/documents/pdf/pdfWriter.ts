import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { readJpeg, readPng, type PdfImageData } from './images';
import { encodeWinAnsi, type StandardFont } from './standardFonts';

/**
 * A small PDF 1.7 writer: just what Portico's documents draw, in place of pdf-lib (see
 * docs/architecture.md, "Decisions that differ from DESIGN's advice"). Pages hold text in
 * the standard Helvetica fonts (WinAnsi), filled rectangles, straight lines and images
 * (JPEG, PNG); content streams are deflated with node:zlib; the file ends in a classic
 * cross-reference table and a trailer with an Info dictionary and an /ID.
 *
 * Not supported, on purpose: reading or editing PDFs, embedded (TrueType/OpenType) fonts
 * or any text beyond WinAnsi, kerning, curves, clipping, strokes with dashes or joins,
 * transparency other than an image's own alpha, links and annotations, forms, outlines,
 * encryption, object streams and cross-reference streams, incremental updates.
 */

export interface Rgb {
  red: number;
  green: number;
  blue: number;
}
/** A colour from components in 0-1. */
export const rgb = (red: number, green: number, blue: number): Rgb => ({ red, green, blue });

/** A4 in points, as [width, height]. */
export const A4: readonly [number, number] = [595.28, 841.89];

export interface PdfInfo {
  title?: string;
  author?: string;
  subject?: string;
  creator?: string;
  producer?: string;
  creationDate?: Date;
  modificationDate?: Date;
}

/** An image added to the document with `embedPng` or `embedJpeg`; draw it on any page, any number of times. */
export interface PdfImage {
  readonly width: number;
  readonly height: number;
}

interface EmbeddedImage extends PdfImage {
  readonly name: string;
  readonly data: PdfImageData;
}

export class PdfDocument {
  readonly pages: PdfPage[] = [];
  /** The document's natural language, as a BCP 47 tag (/Lang). */
  language?: string;
  /** Whether viewers show the title, not the file name, in their title bar. */
  displayTitle = false;
  private info: PdfInfo = {};
  /** Fonts by resource name (F1, F2, …), in first-use order. */
  private readonly fonts = new Map<StandardFont, string>();
  private readonly images: EmbeddedImage[] = [];

  addPage(size: readonly [number, number] = A4): PdfPage {
    const page = new PdfPage(size[0], size[1], { font: (font) => this.fontName(font), image: (image) => this.imageName(image) });
    this.pages.push(page);
    return page;
  }

  /** Throws on a PNG it cannot read (see images.ts). */
  embedPng(bytes: Uint8Array): PdfImage {
    return this.embed(readPng(bytes));
  }

  /** Throws on bytes that are not a JPEG it can pass through. */
  embedJpeg(bytes: Uint8Array): PdfImage {
    return this.embed(readJpeg(bytes));
  }

  /** Info dictionary entries; later calls add to or replace earlier ones. */
  setInfo(info: PdfInfo): void {
    this.info = { ...this.info, ...info };
  }

  /** The whole file. A document without pages gets one blank page (a PDF needs one). */
  save(): Uint8Array {
    if (!this.pages.length) this.addPage();
    const pages = this.pages;
    const file = new FileWriter();
    const catalog = file.reserve();
    const pageTree = file.reserve();
    const info = file.reserve();
    const resources = file.reserve();

    const fontRefs: string[] = [];
    for (const [font, name] of this.fonts)
      fontRefs.push(`/${name} ${file.add(`<< /Type /Font /Subtype /Type1 /BaseFont /${font.name} /Encoding /WinAnsiEncoding >>`)} 0 R`);
    const imageRefs: string[] = [];
    for (const image of this.images) imageRefs.push(`/${image.name} ${writeImage(file, image.data)} 0 R`);
    file.set(resources, `<< /Font << ${fontRefs.join(' ')} >> /XObject << ${imageRefs.join(' ')} >> >>`);

    const kids = pages.map((page) => {
      const content = file.addStream('', deflateSync(latin1(page.content())), 'FlateDecode');
      return file.add(
        `<< /Type /Page /Parent ${pageTree} 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] /Resources ${resources} 0 R /Contents ${content} 0 R >>`,
      );
    });
    file.set(pageTree, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`);

    const entries: string[] = [];
    const text: Array<[string, string | undefined]> = [
      ['Title', this.info.title],
      ['Author', this.info.author],
      ['Subject', this.info.subject],
      ['Creator', this.info.creator],
      ['Producer', this.info.producer],
    ];
    for (const [key, value] of text) if (value !== undefined) entries.push(`/${key} ${textString(value)}`);
    if (this.info.creationDate) entries.push(`/CreationDate ${textString(pdfDate(this.info.creationDate))}`);
    if (this.info.modificationDate) entries.push(`/ModDate ${textString(pdfDate(this.info.modificationDate))}`);
    file.set(info, `<< ${entries.join(' ')} >>`);

    const extras = [
      this.language ? `/Lang ${textString(this.language)}` : '',
      this.displayTitle ? '/ViewerPreferences << /DisplayDocTitle true >>' : '',
    ].filter(Boolean);
    file.set(catalog, `<< ${['/Type /Catalog', `/Pages ${pageTree} 0 R`, ...extras].join(' ')} >>`);
    return file.finish(catalog, info);
  }

  private embed(data: PdfImageData): PdfImage {
    const image: EmbeddedImage = { width: data.width, height: data.height, name: `Im${this.images.length + 1}`, data };
    this.images.push(image);
    return image;
  }

  private imageName(image: PdfImage): string {
    if (!this.images.includes(image as EmbeddedImage)) throw new Error('image embedded in another document');
    return (image as EmbeddedImage).name;
  }

  private fontName(font: StandardFont): string {
    let name = this.fonts.get(font);
    if (!name) {
      name = `F${this.fonts.size + 1}`;
      this.fonts.set(font, name);
    }
    return name;
  }
}

/** One page: drawing operations in PDF's coordinates (points, origin bottom left). */
export class PdfPage {
  private readonly ops: string[] = [];

  /** Pages come from `PdfDocument.addPage`, which names fonts and images for its resources. */
  constructor(
    readonly width: number,
    readonly height: number,
    private readonly names: { font: (font: StandardFont) => string; image: (image: PdfImage) => string },
  ) {}

  /** One line of text with its baseline starting at (x, y). Characters WinAnsi lacks are substituted. */
  drawText(text: string, options: { x: number; y: number; font: StandardFont; size: number; color?: Rgb }): void {
    const { x, y, font, size, color = rgb(0, 0, 0) } = options;
    this.ops.push(`${fill(color)} BT /${this.names.font(font)} ${num(size)} Tf ${num(x)} ${num(y)} Td ${literal(encodeWinAnsi(text))} Tj ET`);
  }

  drawRectangle(options: { x: number; y: number; width: number; height: number; color: Rgb }): void {
    const { x, y, width, height, color } = options;
    this.ops.push(`${fill(color)} ${num(x)} ${num(y)} ${num(width)} ${num(height)} re f`);
  }

  drawLine(options: { start: { x: number; y: number }; end: { x: number; y: number }; thickness?: number; color?: Rgb }): void {
    const { start, end, thickness = 1, color = rgb(0, 0, 0) } = options;
    this.ops.push(`${stroke(color)} ${num(thickness)} w ${num(start.x)} ${num(start.y)} m ${num(end.x)} ${num(end.y)} l S`);
  }

  /** The image scaled into the box whose lower left corner is (x, y). */
  drawImage(image: PdfImage, options: { x: number; y: number; width: number; height: number }): void {
    const { x, y, width, height } = options;
    this.ops.push(`q ${num(width)} 0 0 ${num(height)} ${num(x)} ${num(y)} cm /${this.names.image(image)} Do Q`);
  }

  /** The content stream, uncompressed: ASCII only (strings are escaped). */
  content(): string {
    return this.ops.join('\n');
  }
}

/* ---- file structure ---- */

/** Numbered objects written in order, their byte offsets kept for the cross-reference table. */
class FileWriter {
  private readonly objects: Array<Uint8Array | undefined> = [];

  reserve(): number {
    this.objects.push(undefined);
    return this.objects.length;
  }

  set(ref: number, dict: string): void {
    this.objects[ref - 1] = latin1(`${ref} 0 obj\n${dict}\nendobj\n`);
  }

  add(dict: string): number {
    const ref = this.reserve();
    this.set(ref, dict);
    return ref;
  }

  /** A stream object; `entries` are extra dictionary entries besides /Length and /Filter. */
  addStream(entries: string, data: Uint8Array, filter: string): number {
    const ref = this.reserve();
    const head = latin1(`${ref} 0 obj\n<< ${entries}${entries ? ' ' : ''}/Filter /${filter} /Length ${data.length} >>\nstream\n`);
    this.objects[ref - 1] = concat([head, data, latin1('\nendstream\nendobj\n')]);
    return ref;
  }

  finish(root: number, info: number): Uint8Array {
    // The second line's high bytes tell transfer tools the file is binary.
    const parts: Uint8Array[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
    let offset = parts[0]!.length;
    const offsets: number[] = [];
    this.objects.forEach((object, i) => {
      if (!object) throw new Error(`PDF object ${i + 1} was reserved but never written`);
      offsets.push(offset);
      parts.push(object);
      offset += object.length;
    });
    const body = concat(parts);
    const id = createHash('md5').update(body).digest('hex');
    // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, n/f, two-byte end of line.
    const xref = [`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
    const trailer = `trailer\n<< /Size ${offsets.length + 1} /Root ${root} 0 R /Info ${info} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${body.length}\n%%EOF\n`;
    return concat([body, latin1(xref + trailer)]);
  }
}

function writeImage(file: FileWriter, image: PdfImageData): number {
  const common = `/Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /BitsPerComponent 8`;
  const mask = image.alpha ? file.addStream(`${common} /ColorSpace /DeviceGray`, image.alpha, 'FlateDecode') : undefined;
  const decode = image.decode ? ` /Decode [${image.decode.join(' ')}]` : '';
  return file.addStream(`${common} /ColorSpace /${image.colorSpace}${decode}${mask ? ` /SMask ${mask} 0 R` : ''}`, image.data, image.filter);
}

/* ---- values ---- */

/** A number as PDF writes it: at most 3 decimals, no exponent. Not finite is a bug upstream, so it throws. */
function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a number in PDF content: ${n}`);
  const s = (Math.round(n * 1000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

const fill = (c: Rgb) => `${num(c.red)} ${num(c.green)} ${num(c.blue)} rg`;
const stroke = (c: Rgb) => `${num(c.red)} ${num(c.green)} ${num(c.blue)} RG`;

/** Bytes as a literal string `( … )`: delimiters escaped, anything outside printable ASCII in octal. */
function literal(bytes: Uint8Array): string {
  let out = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b > 0x7e) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `${out})`;
}

/** A text string outside content (Info, /Lang): printable ASCII as a literal, anything else as UTF-16BE hex with a byte order mark. */
function textString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return literal(latin1(s));
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex}>`;
}

/** `D:YYYYMMDDHHmmSSZ`, in UTC. */
function pdfDate(d: Date): string {
  const iso = d.toISOString(); // 2026-11-01T09:00:00.000Z
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

function latin1(s: string): Uint8Array {
  return Buffer.from(s, 'latin1');
}

function concat(parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}
