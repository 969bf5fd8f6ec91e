/**
 * Run-time branding: colour arithmetic (WCAG 2.x contrast) and applying a tenant's
 * branding to the document. Pure functions first, DOM helpers last; the DOM helpers
 * take the document as a parameter so unit tests can pass a stand-in.
 */
import type { Branding } from '../../shared/tenant';

export type Rgb = readonly [number, number, number];

/** The page's white surface and its light grey background (keep in sync with styles.css). */
export const WHITE = '#ffffff';
export const PAGE_BACKGROUND = '#f4f6f9';
/** Dark text used on light brand colours (slate-950, darker than the body text). */
export const DARK_TEXT = '#0b1220';
/** WCAG 2.x AA minimum for normal-size text. */
export const AA_TEXT = 4.5;

export function parseHex(hex: string): Rgb {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m?.[1]) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export function toHex([r, g, b]: Rgb): string {
  const c = (v: number) =>
    Math.max(0, Math.min(255, Math.round(v)))
      .toString(16)
      .padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`;
}

/** Relative luminance as WCAG 2.x defines it (sRGB, 0 = black, 1 = white). */
export function relativeLuminance(colour: string): number {
  const [r, g, b] = parseHex(colour).map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio between two colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  const [hi, lo] = la > lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black, whichever reads better on `background`. */
export function textColourOn(background: string): string {
  return contrastRatio(WHITE, background) >= contrastRatio(DARK_TEXT, background) ? WHITE : DARK_TEXT;
}

/** Mix `colour` towards `target` by `amount` (0..1). */
export function mix(colour: string, target: string, amount: number): string {
  const a = parseHex(colour);
  const b = parseHex(target);
  return toHex([a[0] + (b[0] - a[0]) * amount, a[1] + (b[1] - a[1]) * amount, a[2] + (b[2] - a[2]) * amount]);
}

/**
 * `colour`, darkened just enough (mixed towards black in small steps) to reach `ratio`
 * against every one of `backgrounds`. Returned unchanged when it already passes.
 */
export function darkenForContrast(colour: string, backgrounds: readonly string[], ratio = AA_TEXT): string {
  const passes = (c: string) => backgrounds.every((bg) => contrastRatio(c, bg) >= ratio);
  if (passes(colour)) return colour.toLowerCase();
  for (let step = 1; step <= 50; step++) {
    const candidate = mix(colour, '#000000', step / 50);
    if (passes(candidate)) return candidate;
  }
  return '#000000';
}

/**
 * A surface colour based on `colour` on which `text` reaches `ratio`: darkened for white
 * text, lightened for dark text. Returned unchanged when it already passes.
 */
export function surfaceForText(colour: string, text: string, ratio = AA_TEXT): string {
  if (contrastRatio(colour, text) >= ratio) return colour.toLowerCase();
  const towards = relativeLuminance(text) > 0.5 ? '#000000' : '#ffffff';
  for (let step = 1; step <= 50; step++) {
    const candidate = mix(colour, towards, step / 50);
    if (contrastRatio(candidate, text) >= ratio) return candidate;
  }
  return towards;
}

export interface BrandPalette {
  /** The tenant's colour as given: decorative uses only (bands, stripes). */
  '--brand-primary': string;
  '--brand-accent': string;
  /** Surface for text-bearing brand areas (header, buttons): primary, adjusted if needed. */
  '--brand-surface': string;
  /** Text on `--brand-surface` (white or near-black by contrast). */
  '--brand-on-primary': string;
  /** Hover shade of `--brand-surface`: moved away from its text colour, so contrast only grows. */
  '--brand-surface-hover': string;
  /** Primary for text, links and outlines on white and the page background (≥ 4.5:1). */
  '--brand-link': string;
  /** A faint tint of the primary for hover and selected backgrounds. */
  '--brand-tint': string;
  /** Text on the accent colour. */
  '--brand-on-accent': string;
}

/** The CSS custom properties a tenant's branding becomes. */
export function brandPalette(branding: Pick<Branding, 'primaryColour' | 'accentColour'>): BrandPalette {
  const primary = branding.primaryColour.toLowerCase();
  const accent = branding.accentColour.toLowerCase();
  const onPrimary = textColourOn(primary);
  const surface = surfaceForText(primary, onPrimary);
  return {
    '--brand-primary': primary,
    '--brand-accent': accent,
    '--brand-surface': surface,
    '--brand-on-primary': onPrimary,
    '--brand-surface-hover': mix(surface, onPrimary === WHITE ? '#000000' : '#ffffff', 0.14),
    '--brand-link': darkenForContrast(primary, [WHITE, PAGE_BACKGROUND]),
    '--brand-tint': mix(primary, WHITE, 0.92),
    '--brand-on-accent': textColourOn(accent),
  };
}

/** Initials for a monogram when a tenant has no logo: "Acme Industrial Supply" → "AI". */
export function initials(name: string): string {
  const words = name.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  const letters = words.slice(0, 2).map((w) => [...w][0] ?? '');
  return letters.join('').toUpperCase() || '?';
}

/** An SVG monogram as a data: URL, used as favicon when the tenant has no logo. */
export function monogramDataUrl(name: string, background: string, foreground: string): string {
  const text = initials(name).replace(/[<>&"']/g, '');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${background}"/>` +
    `<text x="32" y="42" font-family="system-ui,sans-serif" font-size="26" font-weight="700" text-anchor="middle" fill="${foreground}">${text}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** `Sign in · Acme Industrial Supply`; the tenant name alone when there is no page name. */
export function documentTitle(page: string | undefined, tenantName: string | undefined): string {
  return [page, tenantName].filter((p): p is string => !!p && p.length > 0).join(' · ') || 'Customer portal';
}

/** The parts of `Document` the DOM helpers touch (unit tests hand in a small fake). */
export type BrandableDocument = Pick<Document, 'documentElement' | 'head' | 'querySelector' | 'createElement'>;

/** Set the palette as CSS variables on <html>, the favicon and the theme colour. */
export function applyBranding(doc: BrandableDocument, tenant: { name: string; branding: Branding }): BrandPalette {
  const palette = brandPalette(tenant.branding);
  for (const [name, value] of Object.entries(palette)) doc.documentElement.style.setProperty(name, value);
  const iconHref = tenant.branding.logoUrl ?? monogramDataUrl(tenant.name, palette['--brand-surface'], palette['--brand-on-primary']);
  let icon = doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!icon) {
    const link = doc.createElement('link');
    link.rel = 'icon';
    doc.head.appendChild(link);
    icon = link;
  }
  icon.href = iconHref;
  if (iconHref.startsWith('data:image/svg+xml')) icon.type = 'image/svg+xml';
  doc.querySelector('meta[name="theme-color"]')?.setAttribute('content', palette['--brand-surface']);
  return palette;
}

/** Remove any tenant branding (used by the unknown-tenant page, which shows none). */
export function clearBranding(doc: BrandableDocument): void {
  for (const name of Object.keys(brandPalette({ primaryColour: '#000000', accentColour: '#000000' }))) doc.documentElement.style.removeProperty(name);
}
