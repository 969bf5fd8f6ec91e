import { deflateSync } from 'node:zlib';

/**
 * Product pictures for the demo catalogue, drawn at seed time as small PNGs (no files in
 * the repository, no image library): a soft tinted backdrop with a flat pictogram of the
 * kind of product (a roll, a panel, a box, a bottle, …) in the category's colour. Each is
 * a few kilobytes, so the two demo catalogues stay far under a megabyte of images.
 */

export const PICTOGRAMS = ['panel', 'roll', 'flag', 'card', 'box', 'bottle', 'tool', 'disc', 'bolt', 'helmet', 'cable'] as const;
export type Pictogram = (typeof PICTOGRAMS)[number];

type Rgb = readonly [number, number, number];

const WIDTH = 240;
const HEIGHT = 180;

function hexRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t),
];

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [30, 41, 59];

/** Whether (x, y), centred on the picture and scaled to ±1 vertically, falls in the pictogram; 1 = body, 2 = detail. */
function shapeAt(kind: Pictogram, x: number, y: number, variant: number): 0 | 1 | 2 {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  switch (kind) {
    case 'panel': {
      const w = 0.9 + (variant % 3) * 0.12;
      if (ax < w && ay < 0.55) return ax > w - 0.08 || ay > 0.47 ? 2 : 1;
      return ax > 0.35 && ax < 0.42 && y > 0.55 && y < 0.85 ? 2 : 0;
    }
    case 'roll': {
      if (ax < 0.75 && ay < 0.4) return 1;
      const ex = (x - 0.75) / 0.18;
      return ex * ex + (y / 0.4) ** 2 < 1 ? 2 : 0;
    }
    case 'flag':
      if (x > -0.75 && x < -0.68 && ay < 0.85) return 2;
      return x > -0.68 && x < 0.6 + 0.1 * Math.sin((y + variant) * 3) && y > -0.8 && y < -0.05 + 0.08 * Math.sin(x * 4) ? 1 : 0;
    case 'card':
      if (ax < 0.85 && ay < 0.5) return y < -0.25 && y > -0.32 && x < 0.2 ? 2 : y > 0.05 && y < 0.1 && x < -0.1 ? 2 : 1;
      return 0;
    case 'box':
      if (ax < 0.6 && y > -0.25 && y < 0.7) return ax < 0.08 ? 2 : 1;
      return y <= -0.25 && y > -0.6 && ax < 0.6 - (y + 0.25) * -0.4 ? 2 : 0;
    case 'bottle':
      if (ax < 0.35 && y > -0.3 && y < 0.8) return y > 0.05 && y < 0.4 ? 2 : 1;
      if (ax < 0.12 && y > -0.75 && y <= -0.3) return 1;
      return ax < 0.16 && y > -0.88 && y <= -0.75 ? 2 : 0;
    case 'tool':
      if (Math.abs(x + y) < 0.14 && ax < 0.7) return 1;
      return (x - 0.55) ** 2 + (y + 0.55) ** 2 < 0.09 && (x - 0.65) ** 2 + (y + 0.65) ** 2 > 0.02 ? 2 : 0;
    case 'disc': {
      const r = Math.hypot(x, y);
      return r < 0.8 ? (r < 0.18 ? 0 : r > 0.7 || (r > 0.4 && r < 0.45) ? 2 : 1) : 0;
    }
    case 'bolt':
      if (ax < 0.45 && y > -0.75 && y < -0.45) return 2;
      return ax < 0.18 && y >= -0.45 && y < 0.8 ? (Math.floor((y + 1) * 12) % 2 === 0 ? 1 : 2) : 0;
    case 'helmet': {
      if (y > 0.25 && y < 0.38 && ax < 0.9) return 2;
      return y <= 0.25 && x * x + (y - 0.25) ** 2 / 0.5 < 0.55 ? (ax < 0.07 ? 2 : 1) : 0;
    }
    case 'cable': {
      const r = Math.hypot(x, y);
      return r < 0.75 && r > 0.25 ? (Math.floor(r * 14) % 2 === 0 ? 1 : 2) : 0;
    }
  }
}

/** PNG chunks carry a CRC-32 of their type and data. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB PNG of `rgb` (WIDTH × HEIGHT × 3 bytes); each row uses the Sub filter, which packs flat areas and gradients tightly. */
function encodePng(rgb: Uint8Array): Buffer {
  const stride = WIDTH * 3;
  const raw = Buffer.alloc((stride + 1) * HEIGHT);
  for (let y = 0; y < HEIGHT; y++) {
    const row = y * (stride + 1);
    raw[row] = 1;
    for (let i = 0; i < stride; i++) {
      const here = rgb[y * stride + i]!;
      const left = i >= 3 ? rgb[y * stride + i - 3]! : 0;
      raw[row + 1 + i] = (here - left) & 255;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A product picture: the pictogram in `colour` (a hex colour) on a tint of it; `variant`
 * shifts the shape and shade so products of one category do not look identical.
 */
export function productPicture(kind: Pictogram, colour: string, variant = 0): Buffer {
  const base = hexRgb(colour);
  const backdrop = mix(base, WHITE, 0.9);
  const body = mix(base, WHITE, (variant % 4) * 0.12);
  const detail = mix(base, INK, 0.55);
  const shadow = mix(base, WHITE, 0.78);
  const rgb = new Uint8Array(WIDTH * HEIGHT * 3);
  const scale = HEIGHT / 2.4;
  for (let py = 0; py < HEIGHT; py++) {
    for (let px = 0; px < WIDTH; px++) {
      const x = (px - WIDTH / 2) / scale;
      const y = (py - HEIGHT / 2) / scale;
      let colourHere: Rgb = mix(backdrop, WHITE, py / HEIGHT / 2);
      // A soft floor shadow under the pictogram.
      if ((x / 1.1) ** 2 + ((y - 0.92) / 0.08) ** 2 < 1) colourHere = shadow;
      const hit = shapeAt(kind, x, y, variant);
      if (hit === 1) colourHere = body;
      else if (hit === 2) colourHere = detail;
      const i = (py * WIDTH + px) * 3;
      rgb[i] = colourHere[0];
      rgb[i + 1] = colourHere[1];
      rgb[i + 2] = colourHere[2];
    }
  }
  return encodePng(rgb);
}
