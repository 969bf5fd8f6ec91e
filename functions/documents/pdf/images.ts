import { deflateSync, inflateSync } from 'node:zlib';

/**
 * Images as PDF image XObjects: a JPEG goes in as it is (DCTDecode; readers decode JPEG
 * themselves), a PNG is decoded to 8-bit samples and deflated again (FlateDecode), its
 * transparency, if any, as a separate soft mask. Both throw on what they cannot read.
 */

export interface PdfImageData {
  width: number;
  height: number;
  colorSpace: 'DeviceGray' | 'DeviceRGB' | 'DeviceCMYK';
  filter: 'DCTDecode' | 'FlateDecode';
  /** The stream's bytes, encoded as `filter` says; 8 bits per component. */
  data: Uint8Array;
  /** /Decode, for Adobe's inverted CMYK JPEGs. */
  decode?: number[];
  /** A deflated 8-bit alpha channel (the /SMask), when some pixel is not opaque. */
  alpha?: Uint8Array;
}

/** Beyond this a "logo" is refused rather than decoded (64 MB of RGBA). */
const MAX_PIXELS = 16 * 1024 * 1024;

function checkSize(width: number, height: number): void {
  if (!(width > 0 && height > 0)) throw new Error('image has no size');
  if (width * height > MAX_PIXELS) throw new Error(`image too large (${width}×${height})`);
}

/* ---- JPEG ---- */

/** Start-of-frame markers: C0-CF less DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** A baseline or progressive JPEG, passed through: size and components from its frame header. */
export function readJpeg(bytes: Uint8Array): PdfImageData {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG');
  let adobe = false;
  let p = 2;
  while (p + 4 <= bytes.length) {
    if (bytes[p] !== 0xff) throw new Error('JPEG marker expected');
    const marker = bytes[p + 1]!;
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      p += 2; // no length
      continue;
    }
    const length = (bytes[p + 2]! << 8) | bytes[p + 3]!;
    const segment = p + 4;
    if (length < 2 || segment + length - 2 > bytes.length) break;
    // APP14 "Adobe": CMYK written by Adobe software is stored inverted.
    if (marker === 0xee && String.fromCharCode(...bytes.subarray(segment, segment + 5)) === 'Adobe') adobe = true;
    if (isStartOfFrame(marker)) {
      if (length < 8) break;
      const precision = bytes[segment]!;
      const height = (bytes[segment + 1]! << 8) | bytes[segment + 2]!;
      const width = (bytes[segment + 3]! << 8) | bytes[segment + 4]!;
      const components = bytes[segment + 5]!;
      if (precision !== 8) throw new Error(`${precision}-bit JPEG not supported`);
      checkSize(width, height);
      const colorSpace = components === 1 ? 'DeviceGray' : components === 3 ? 'DeviceRGB' : components === 4 ? 'DeviceCMYK' : undefined;
      if (!colorSpace) throw new Error(`JPEG with ${components} components not supported`);
      return {
        width,
        height,
        colorSpace,
        filter: 'DCTDecode',
        data: bytes,
        decode: colorSpace === 'DeviceCMYK' && adobe ? [1, 0, 1, 0, 1, 0, 1, 0] : undefined,
      };
    }
    if (marker === 0xda || marker === 0xd9) break; // scan data or end before any frame header
    p = segment + length - 2;
  }
  throw new Error('JPEG without a frame header');
}

/* ---- PNG ---- */

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Channels per colour type: grey, RGB, palette, grey+alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/**
 * A non-interlaced PNG of any standard colour type and depth (grey, RGB, palette, with
 * alpha or tRNS transparency), as 8-bit grey or RGB plus an alpha mask if any pixel is not
 * opaque. 16-bit samples keep their high byte. Interlaced (Adam7) PNGs are refused.
 */
export function readPng(bytes: Uint8Array): PdfImageData {
  if (bytes.length < 8 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: { width: number; height: number; depth: number; type: number; interlace: number } | undefined;
  let palette: Uint8Array | undefined;
  let transparency: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  for (let p = 8; p + 8 <= bytes.length; ) {
    const length = view.getUint32(p);
    const type = String.fromCharCode(...bytes.subarray(p + 4, p + 8));
    const data = bytes.subarray(p + 8, p + 8 + length);
    if (data.length !== length) throw new Error('PNG truncated');
    if (type === 'IHDR') {
      if (length < 13 || data[10] !== 0 || data[11] !== 0) throw new Error('bad PNG header');
      header = { width: view.getUint32(p + 8), height: view.getUint32(p + 12), depth: data[8]!, type: data[9]!, interlace: data[12]! };
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    p += 12 + length;
  }
  if (!header) throw new Error('PNG without a header');
  const { width, height, depth, type, interlace } = header;
  const channels = CHANNELS[type];
  if (!channels || !DEPTHS[type]!.includes(depth)) throw new Error(`PNG colour type ${type} at ${depth} bits not supported`);
  if (interlace !== 0) throw new Error('interlaced PNG not supported');
  if (type === 3 && !palette) throw new Error('PNG palette missing');
  checkSize(width, height);

  const bitsPerPixel = channels * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const expected = (stride + 1) * height;
  const raw = inflateSync(Buffer.concat(idat), { maxOutputLength: expected });
  if (raw.length < expected) throw new Error('PNG data short');
  const rows = unfilter(raw, stride, height, Math.max(1, bitsPerPixel >> 3));

  const grey = type === 0 || type === 4;
  const outChannels = grey ? 1 : 3;
  const colour = new Uint8Array(width * height * outChannels);
  const alpha = new Uint8Array(width * height).fill(255);
  const max = (1 << Math.min(depth, 8)) - 1;
  const to8 = (v: number) => (depth === 16 ? v >> 8 : depth === 8 ? v : Math.round((v * 255) / max));
  const key =
    transparency && (type === 0 || type === 2)
      ? Array.from({ length: channels }, (_, i) => (transparency![2 * i]! << 8) | transparency![2 * i + 1]!)
      : undefined;
  const samples: number[] = new Array(channels);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    for (let x = 0; x < width; x++) {
      const pixel = y * width + x;
      for (let c = 0; c < channels; c++) samples[c] = sample(rows, row, x * channels + c, depth);
      if (type === 3) {
        const index = samples[0]!;
        if (3 * index + 2 >= palette!.length) throw new Error('PNG palette index out of range');
        colour.set(palette!.subarray(3 * index, 3 * index + 3), pixel * 3);
        if (transparency && index < transparency.length) alpha[pixel] = transparency[index]!;
        continue;
      }
      for (let c = 0; c < outChannels; c++) colour[pixel * outChannels + c] = to8(samples[c]!);
      if (type === 4 || type === 6) alpha[pixel] = to8(samples[channels - 1]!);
      else if (key && samples.every((s, i) => s === key[i])) alpha[pixel] = 0;
    }
  }
  return {
    width,
    height,
    colorSpace: grey ? 'DeviceGray' : 'DeviceRGB',
    filter: 'FlateDecode',
    data: deflateSync(colour),
    alpha: alpha.some((a) => a !== 255) ? deflateSync(alpha) : undefined,
  };
}

/** The i-th sample of the row starting at `row`, at `depth` bits (big-endian, packed). */
function sample(data: Uint8Array, row: number, i: number, depth: number): number {
  if (depth === 8) return data[row + i]!;
  if (depth === 16) return (data[row + 2 * i]! << 8) | data[row + 2 * i + 1]!;
  const bit = i * depth;
  return (data[row + (bit >> 3)]! >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
}

/** Undoes PNG's per-row filters (None, Sub, Up, Average, Paeth); `bpp` is bytes per pixel, at least 1. */
function unfilter(raw: Uint8Array, stride: number, height: number, bpp: number): Uint8Array {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const at = y * stride;
    const up = at - stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[at + i - bpp]! : 0;
      const b = y > 0 ? out[up + i]! : 0;
      const c = y > 0 && i >= bpp ? out[up + i - bpp]! : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = a;
          break;
        case 2:
          predictor = b;
          break;
        case 3:
          predictor = (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new Error(`bad PNG filter ${filter}`);
      }
      out[at + i] = (raw[src + i]! + predictor) & 0xff;
    }
  }
  return out;
}
