/**
 * Section 2: the JavaScript a first visit downloads before the portal can paint — the
 * entry module and its modulepreloads as listed in the built index.html — gzipped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { heading, kb, renderTable, verdict } from './table';

export const FIRST_LOAD_JS_BUDGET_BYTES = 150 * 1024;

export interface SiteAsset {
  path: string;
  kind: 'entry module' | 'modulepreload' | 'stylesheet';
  bytes: number;
  gzipBytes: number;
}

export interface SiteFigures {
  source: string;
  assets: SiteAsset[];
  jsGzipBytes: number;
  cssGzipBytes: number;
}

/** Builds the site only when there is no build to reuse (other work may be rebuilding web/). */
export function ensureSiteBuilt(root: string, siteDir: string): string {
  const index = join(siteDir, 'index.html');
  if (existsSync(index)) return `reused dist/web (built ${statSync(index).mtime.toISOString()})`;
  const started = Date.now();
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
  return `built now with vite (${((Date.now() - started) / 1000).toFixed(1)} s)`;
}

export function measureSite(siteDir: string, source: string): SiteFigures {
  const html = readFileSync(join(siteDir, 'index.html'), 'utf8');
  const assets = firstPaintAssets(html).map(({ href, kind }) => {
    const body = readFileSync(join(siteDir, href.replace(/^\//, '')));
    return { path: href, kind, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
  const sum = (pick: (a: SiteAsset) => boolean) => assets.filter(pick).reduce((s, a) => s + a.gzipBytes, 0);
  return { source, assets, jsGzipBytes: sum((a) => a.kind !== 'stylesheet'), cssGzipBytes: sum((a) => a.kind === 'stylesheet') };
}

/** Same-origin scripts, modulepreloads and stylesheets named by the HTML, in document order. */
function firstPaintAssets(html: string): Array<{ href: string; kind: SiteAsset['kind'] }> {
  const found: Array<{ href: string; kind: SiteAsset['kind'] }> = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
    const isScript = /^<script/i.test(tag);
    const kind = isScript
      ? attr('type') === 'module' ? 'entry module' : undefined
      : attr('rel') === 'modulepreload' ? 'modulepreload' : attr('rel') === 'stylesheet' ? 'stylesheet' : undefined;
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
