import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * A file of `size` bytes (zeros, sparse: nothing is written) in a temp folder, to hand to
 * `setInputFiles` by path. Chromium reads a path itself; a buffer goes through the DevTools
 * protocol as base64, which for a 12 MB file took ~11 s on the loaded 2-core machine.
 */
export function sparseFile(name: string, size: number): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'portico-upload-')), name);
  fs.closeSync(fs.openSync(file, 'w'));
  fs.truncateSync(file, size);
  return file;
}

/** Viewports every page is checked at. */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

const ROOT = path.resolve(__dirname, '../..');
const AXE_PATH = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results/screenshots');

/** The machine's Chromium (browsers cannot be downloaded here), headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context (own cookies) at a standard viewport or a given size (under 768 px wide is a phone). */
export function newContext(
  browser: Browser,
  viewport: ViewportName | { width: number; height: number },
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const phone = typeof viewport === 'string' ? viewport === 'phone' : viewport.width < 768;
  return browser.newContext({
    viewport: typeof viewport === 'string' ? VIEWPORTS[viewport] : viewport,
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
    reducedMotion: 'reduce',
    ...options,
  });
}

/**
 * A browser test file's stack and browser, started before its tests and stopped after,
 * with every context it opened closed.
 */
export function browserSuite() {
  const suite = {
    stack: undefined as unknown as TestStack,
    browser: undefined as unknown as Browser,
    contexts: [] as BrowserContext[],
    /** A new context (see newContext), closed with the suite. */
    async context(viewport: Parameters<typeof newContext>[1], options?: BrowserContextOptions): Promise<BrowserContext> {
      const context = await newContext(suite.browser, viewport, options);
      suite.contexts.push(context);
      return context;
    },
  };
  beforeAll(async () => {
    [suite.stack, suite.browser] = await Promise.all([startTestStack(), launchBrowser()]);
  }, 90_000);
  afterAll(async () => {
    await Promise.allSettled(suite.contexts.map((c) => c.close()));
    await suite.browser?.close();
    await suite.stack?.stop();
  }, 60_000);
  return suite;
}

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** Human-readable list of axe violations (empty string when there are none). */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    at ${JSON.stringify(n.target)}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
      return `[${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join('\n\n');
}

let axeSource: string | undefined;

/**
 * Runs axe-core (every rule that is not experimental) on the page as it is now.
 * axe is injected through the DevTools protocol (page.evaluate) rather than
 * page.addScriptTag: the site is served under its real CSP (`script-src 'self'`), which
 * blocks an inline <script>, and we keep that CSP on rather than bypass it for tests.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) {
    axeSource ??= fs.readFileSync(AXE_PATH, 'utf8');
    await page.evaluate(`${axeSource}\n;void 0`);
  }
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  });
}

/** Fails with a readable list when axe finds any violation. */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    throw new Error(`axe found ${violations.length} violation(s) on ${label}:\n\n${formatViolations(violations)}`);
  }
}

/**
 * Whether this run keeps screenshots: `npm run screenshots` (the browser tests with
 * PORTICO_SCREENSHOTS=1) writes them for a person to look at; `npm test` checks the same
 * pages (axe, layout, errors) without encoding and sending full-page PNGs it would never
 * show, which cost a few percent of the browser tests' time.
 */
export const KEEP_SCREENSHOTS = process.env.PORTICO_SCREENSHOTS === '1';

/** Full-page screenshot to test-results/screenshots/<name>.png when screenshots are kept; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
  if (!KEEP_SCREENSHOTS) return file;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** Value of a CSS custom property on <html>, trimmed (e.g. `--brand-primary` → `#1d4ed8`). */
export function cssVariable(page: Page, name: string): Promise<string> {
  return page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);
}

/**
 * Collects what must never happen on a page: uncaught errors, CSP violations and any
 * other console error. Chromium logs every non-2xx fetch as "Failed to load resource";
 * an API call answered 4xx is expected wherever the API says 401/403/404/410/429 by
 * design, so those (and only those: a missing asset still counts) are left out unless
 * `strictNetwork` is set.
 */
export function watchErrors(page: Page, options: { strictNetwork?: boolean } = {}): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const fromApi = new URL(msg.location().url || 'about:blank').pathname.startsWith('/api/');
    if (!options.strictNetwork && fromApi && /^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    errors.push(`console: ${text}`);
  });
  return errors;
}

/** Screenshot at both a label and viewport: `<name>-<viewport>.png`. */
export async function shoot(page: Page, name: string, viewport: ViewportName): Promise<string> {
  return screenshot(page, `${name}-${viewport}`);
}

/** Waits until the page's visible h1 reads `text` (client-side routes render after the URL changes). */
export async function headingText(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('h1:visible', { hasText: text }).first().waitFor();
  if (typeof text === 'string') expect((await page.locator('h1:visible').first().textContent())?.trim()).toBe(text);
}

/**
 * Waits until the locator matches exactly `n` elements (the page may still be rendering
 * what a request just brought), then asserts it: a count read once races the render.
 */
export async function expectCount(locator: Locator, n: number, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let count = await locator.count();
  while (count !== n && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    count = await locator.count();
  }
  expect(count).toBe(n);
}

/** Two animation frames: what a resize or a state change has laid out by then. */
export const nextFrames = (page: Page): Promise<unknown> => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * axe and a full-page screenshot (`<name>-<viewport>`) at desktop and at phone width,
 * `layout` checked at each too, then back to desktop; the page logged no errors.
 * Returns the screenshots' paths.
 */
export async function checkAtBothWidths(
  page: Page,
  name: string,
  /** `errors`: the page's watched errors (watchErrors), none of which may have happened; left out where the test watches them itself. */
  options: { label?: string; errors?: string[]; layout?: (viewport: ViewportName) => Promise<void> },
): Promise<string[]> {
  const shots: string[] = [];
  for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
    await page.setViewportSize(VIEWPORTS[viewport]);
    await nextFrames(page);
    await options.layout?.(viewport);
    await expectNoAxeViolations(page, `${options.label ?? name} at ${viewport}`);
    shots.push(await screenshot(page, `${name}-${viewport}`));
  }
  await page.setViewportSize(VIEWPORTS.desktop);
  await nextFrames(page);
  if (options.errors) expect(options.errors).toEqual([]);
  return shots;
}
