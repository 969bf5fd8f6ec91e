/**
 * Section 2: the JavaScript a first visit downloads before the portal can show a page —
 * the entry module and its modulepreloads as listed in the built index.html, and the app
 * chunk the entry imports as soon as it runs (web/vite.config.mts: the 'app' group) with
 * what it imports — gzipped. The pages loaded on demand come on top, per page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { heading, kb, renderTable, verdict } from './table';

export const FIRST_LOAD_JS_BUDGET_BYTES = 150 * 1024;

export interface SiteAsset {
  path: string;
  kind: 'entry module' | 'modulepreload' | 'stylesheet' | 'app, imported at start' | 'app styles, at start' | 'imported';
  bytes: number;
  gzipBytes: number;
}

export interface SiteFigures {
  source: string;
  assets: SiteAsset[];
  jsGzipBytes: number;
  cssGzipBytes: number;
}

/** What the site's build is made of: a file here newer than the build makes it stale. */
const SITE_SOURCES = ['web', 'shared'];

/** Builds the site unless a build newer than every file of its sources is there to reuse. */
export function ensureSiteBuilt(root: string, siteDir: string): string {
  const index = join(siteDir, 'index.html');
  if (existsSync(index)) {
    const built = statSync(index).mtimeMs;
    const newest = Math.max(...SITE_SOURCES.map((dir) => newestFileUnder(join(root, dir))));
    if (newest < built) return `reused dist/web (built ${new Date(built).toISOString()}, after its last source change)`;
  }
  const started = Date.now();
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 120_000,
  });
  return `built now with vite (${((Date.now() - started) / 1000).toFixed(1)} s)`;
}

function newestFileUnder(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    if (entry.name === 'node_modules') return newest;
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestFileUnder(path) : statSync(path).mtimeMs);
  }, 0);
}

export function measureSite(siteDir: string, source: string): SiteFigures {
  const html = readFileSync(join(siteDir, 'index.html'), 'utf8');
  const assets = withStartImports(siteDir, firstPaintAssets(html)).map(({ href, kind }) => {
    const body = readFileSync(join(siteDir, href.replace(/^\//, '')));
    return { path: href, kind, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
  const sum = (pick: (a: SiteAsset) => boolean) => assets.filter(pick).reduce((s, a) => s + a.gzipBytes, 0);
  const isCss = (a: SiteAsset) => a.path.endsWith('.css');
  return { source, assets, jsGzipBytes: sum((a) => !isCss(a)), cssGzipBytes: sum(isCss) };
}

/**
 * The HTML's assets, then what its scripts import statically (a module cannot run before
 * they arrive) and the app chunk they import at start, with its styles and static imports.
 */
function withStartImports(siteDir: string, fromHtml: Array<{ href: string; kind: SiteAsset['kind'] }>): Array<{ href: string; kind: SiteAsset['kind'] }> {
  const out = [...fromHtml];
  const seen = new Set(out.map((a) => a.href));
  const add = (href: string, kind: SiteAsset['kind']) => {
    if (seen.has(href) || !existsSync(join(siteDir, href.replace(/^\//, '')))) return;
    seen.add(href);
    out.push({ href, kind });
  };
  for (let i = 0; i < out.length; i++) {
    const asset = out[i]!;
    if (!asset.href.endsWith('.js')) continue;
    const code = readFileSync(join(siteDir, asset.href.replace(/^\//, '')), 'utf8');
    for (const [, name] of code.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)) add(`/assets/${name}`, 'imported');
    for (const [, file] of code.matchAll(/"assets\/(app-[\w-]+\.(?:js|css))"/g))
      add(`/assets/${file}`, file!.endsWith('.css') ? 'app styles, at start' : 'app, imported at start');
  }
  // Without it the figure would leave out the bulk of what a first visit loads.
  if (!out.some((a) => a.kind === 'app, imported at start'))
    throw new Error("the entry imports no app chunk (assets/app-*.js): see the 'app' group in web/vite.config.mts");
  return out;
}

/** Same-origin scripts, modulepreloads and stylesheets named by the HTML, in document order. */
function firstPaintAssets(html: string): Array<{ href: string; kind: SiteAsset['kind'] }> {
  const found: Array<{ href: string; kind: SiteAsset['kind'] }> = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
    const isScript = /^<script/i.test(tag);
    const kind = isScript
      ? attr('type') === 'module'
        ? 'entry module'
        : undefined
      : attr('rel') === 'modulepreload'
        ? 'modulepreload'
        : attr('rel') === 'stylesheet'
          ? 'stylesheet'
          : undefined;
    const href = isScript ? attr('src') : attr('href');
    if (kind && href && !/^(https?:)?\/\//i.test(href)) found.push({ href, kind });
  }
  return found;
}

export function siteReport(site: SiteFigures): string {
  const rows = site.assets.map((a) => [a.path, a.kind, kb(a.bytes), kb(a.gzipBytes)]);
  return [
    heading('2. Site first load (dist/web/index.html, gzip level 9)'),
    `  Site: ${site.source}`,
    renderTable([{ title: 'Asset' }, { title: 'Kind' }, { title: 'Raw KB', align: 'right' }, { title: 'gzip KB', align: 'right' }], rows),
    '',
    renderTable(
      [{ title: 'Figure' }, { title: 'gzip KB', align: 'right' }, { title: 'Budget' }, { title: 'Verdict' }],
      [
        ['First-load JS', kb(site.jsGzipBytes), '≤ 150 KB', verdict(site.jsGzipBytes <= FIRST_LOAD_JS_BUDGET_BYTES)],
        ['First-load CSS (information)', kb(site.cssGzipBytes), '-', '-'],
      ],
    ),
  ].join('\n');
}
