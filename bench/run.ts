/**
 * `npm run bench`: measures the budgets of DESIGN.md §7 and prints them as tables.
 * Figures only — nothing here fails on a timing; it exits 0 and marks what is OVER BUDGET.
 * `npm run bench -- lambdas site` runs only the sections named (api, documents, catalogue, lambdas, site, lighthouse).
 */
import { join } from 'node:path';
import { REPO_ROOT, SITE_DIR } from '../infra/local/runtime';
import {
  FLOOR_RATIO_GOAL,
  STACK_MEMORY_BUDGET_BYTES,
  TAIL_RATIO_GOAL,
  apiReport,
  dataAndMemoryReport,
  floorRatio,
  runApiBench,
  tailRatio,
  type ApiFigures,
} from './api';
import { documentReport, runDocumentBench, type DocumentScaleFigures } from './documents';
import { CART_PRICING_BUDGET_MS, catalogueReport, runCatalogueBench } from './catalogue';
import { BUNDLE_BUDGET_BYTES, buildBundles, bundleReport, type LambdaBundle } from './bundles';
import { coldStartSummaryRows, measureColdStarts, type ColdStarts } from './coldStart';
import { lighthouseReport, lighthouseSummaryRows, runLighthouseBench, type LighthouseFigures } from './lighthouse';
import { FIRST_LOAD_JS_BUDGET_BYTES, ensureSiteBuilt, measureSite, siteReport, type SiteFigures } from './site';
import { heading, kb, mb, renderTable, verdict } from './table';

const BUNDLE_DIR = join(REPO_ROOT, '.cache', 'bench', 'bundles');

const SECTIONS = ['api', 'documents', 'catalogue', 'lambdas', 'site', 'lighthouse'] as const;
const chosen = process.argv.slice(2);
for (const name of chosen)
  if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`No bench section "${name}": choose from ${SECTIONS.join(', ')}`);
/** A section left out of this run: reported as not measured. */
const skipped =
  <T>(name: (typeof SECTIONS)[number], run: () => Promise<T>) =>
  () =>
    chosen.length && !chosen.includes(name) ? Promise.reject(new Error(`not run this time (npm run bench -- ${name})`)) : run();

async function main(): Promise<void> {
  const started = Date.now();
  const step = (what: string) => console.log(`… ${what} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

  // The site first: Lighthouse serves the same build the site section measures, so neither
  // may measure one older than web/.
  const wantsSite = !chosen.length || chosen.includes('site') || chosen.includes('lighthouse');
  const built = wantsSite ? ensureSiteBuilt(REPO_ROOT, SITE_DIR) : '';
  const siteBuild = () => built;

  // The local stack first, while this process is still small, and stopped before the
  // cold-start timings, which start a stack of their own in another process.
  step('starting the local stack and running the API load');
  const api = await attempt(skipped('api', runApiBench));
  step('building tenants of 10 and 10,000 documents and measuring what list pages read');
  const documents = await attempt(skipped('documents', runDocumentBench));
  step('building catalogues of 10 and 10,000 products, measuring their pages and pricing a 200-line cart');
  const catalogue = await attempt(skipped('catalogue', runCatalogueBench));
  step('bundling the Lambdas');
  const lambdas = await attempt(
    skipped('lambdas', async () => {
      const bundles = await buildBundles(REPO_ROOT, BUNDLE_DIR);
      const cold = await measureColdStarts(bundles, BUNDLE_DIR, (what) => step(`cold start: ${what}`)).catch((err: Error) => err);
      return { bundles, cold };
    }),
  );
  step('measuring the site');
  const site = await attempt(skipped('site', async () => measureSite(SITE_DIR, siteBuild())));
  step('running Lighthouse (mobile) on four pages of the local stack');
  const lighthouse = await attempt(skipped('lighthouse', runLighthouseBench));

  console.log(lambdas.ok ? bundleReport(lambdas.value.bundles, lambdas.value.cold) : failed('1. Lambda bundles', lambdas));
  console.log(site.ok ? siteReport(site.value) : failed('2. Site first load', site));
  console.log(api.ok ? apiReport(api.value) : failed('3. Local API throughput', api));
  console.log(api.ok ? dataAndMemoryReport(api.value) : failed('4. Data reads and local stack memory', api));
  console.log(documents.ok ? documentReport(documents.value) : failed('5. Documents at scale', documents));
  console.log(lighthouse.ok ? lighthouseReport(lighthouse.value) : failed('6. Lighthouse, mobile', lighthouse));
  console.log(catalogue.ok ? catalogueReport(catalogue.value) : failed('7. Catalogue at scale', catalogue));
  if (catalogue.ok) {
    const c = catalogue.value;
    const few = c.reads[0]!;
    const many = c.reads.at(-1)!;
    console.log(
      renderTable(
        [{ title: 'Budget' }, { title: 'Measured', align: 'right' }, { title: 'Limit' }, { title: 'Verdict' }],
        [
          [
            `Catalogue items read per page (${c.scales.map((n) => n.toLocaleString('en-GB')).join(' / ')} products)`,
            c.sameAtEveryScale
              ? `same: ${few.map((r) => r.totals.itemsRead).join(', ')}`
              : few.map((r, i) => `${r.totals.itemsRead}/${many[i]!.totals.itemsRead}`).join(', '),
            'independent of catalogue size',
            c.sameAtEveryScale ? 'ok' : 'GROWS WITH CATALOGUE',
          ],
          [
            `Pricing a ${c.cart.lines}-line cart`,
            `${c.cart.medianMs.toFixed(1)} ms`,
            `≤ ${CART_PRICING_BUDGET_MS} ms`,
            verdict(c.cart.medianMs <= CART_PRICING_BUDGET_MS),
          ],
        ],
      ),
    );
  }
  console.log(
    summary(
      lambdas.ok ? lambdas.value : undefined,
      site.ok ? site.value : undefined,
      api.ok ? api.value : undefined,
      documents.ok ? documents.value : undefined,
      lighthouse.ok ? lighthouse.value : undefined,
    ),
  );
  console.log(`\nBench finished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: Error };

/** A section that cannot run is reported as such; the others still run. */
async function attempt<T>(run: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err : new Error(String(err)) };
  }
}

function failed(title: string, result: { ok: false; error: Error }): string {
  return `${heading(title)}\n  NOT MEASURED: ${result.error.message}`;
}

function summary(
  lambdas: { bundles: LambdaBundle[]; cold: ColdStarts | Error } | undefined,
  site: SiteFigures | undefined,
  api: ApiFigures | undefined,
  documents?: DocumentScaleFigures,
  lighthouse?: LighthouseFigures,
): string {
  const rows: string[][] = [];
  const missing = (budget: string, figure: string) => rows.push([budget, 'not measured', figure, 'NOT MEASURED']);
  if (lambdas) {
    for (const b of lambdas.bundles) {
      if (b.error) {
        rows.push([`Lambda ${b.name}`, 'not built', '≤ 600 KB, ≤ 1.2x floor', 'BUILD FAILED']);
        continue;
      }
      rows.push([`Lambda ${b.name}: bundle size`, `${kb(b.bytes)} KB`, `≤ ${kb(BUNDLE_BUDGET_BYTES)} KB`, verdict(b.bytes <= BUNDLE_BUDGET_BYTES)]);
    }
    if (lambdas.cold instanceof Error) missing('Lambda cold load and first response', '≤ 1.2x floor, ≤ 2x bare where the floor allows');
    else rows.push(...coldStartSummaryRows(lambdas.cold));
  } else missing('Lambda bundles, cold load and first response', '≤ 600 KB, ≤ 1.2x floor, ≤ 2x bare where the floor allows');
  if (site)
    rows.push([
      'Site first-load JS (gzip)',
      `${kb(site.jsGzipBytes)} KB`,
      `≤ ${kb(FIRST_LOAD_JS_BUDGET_BYTES)} KB`,
      verdict(site.jsGzipBytes <= FIRST_LOAD_JS_BUDGET_BYTES),
    ]);
  else missing('Site first-load JS (gzip)', '≤ 150 KB');
  if (documents) {
    const [few, many] = [documents.reads[0]!, documents.reads.at(-1)!];
    const sizes = documents.tenants.map((t) => t.documents.toLocaleString('en-GB')).join(' / ');
    rows.push([
      `DynamoDB items read per list page (${sizes} docs)`,
      documents.sameAtEveryScale
        ? `same: ${few.map((r) => r.totals.itemsRead).join(', ')}`
        : few.map((r, i) => `${r.totals.itemsRead}/${many[i]!.totals.itemsRead}`).join(', '),
      'independent of tenant size',
      documents.sameAtEveryScale ? 'ok' : 'GROWS WITH TENANT',
    ]);
  } else missing('DynamoDB items read per list page', 'independent of tenant size');
  if (api) {
    const rss = api.memory.reduce((s, p) => s + p.rssBytes, 0);
    rows.push(['Local stack resident memory', `${mb(rss)} MB`, `≤ ${mb(STACK_MEMORY_BUDGET_BYTES)} MB`, verdict(rss <= STACK_MEMORY_BUDGET_BYTES)]);
    for (const { path, load } of api.runs) {
      rows.push([`API GET ${path}`, `${(load.ok / (load.elapsedMs / 1000)).toFixed(0)} req/s`, 'information', load.failed ? `${load.failed} FAILED` : '-']);
    }
    for (const run of api.signedIn) {
      const ratio = floorRatio(run);
      const tail = tailRatio(run.route);
      rows.push([
        `API GET ${run.path} signed in, ${run.connections} conns`,
        `${ratio.toFixed(2)}x floor, p99 ${tail.toFixed(1)}x p50`,
        `≤ ${FLOOR_RATIO_GOAL}x floor${run.connections >= 50 ? `, p99 ≤ ${TAIL_RATIO_GOAL}x p50` : ''}`,
        run.route.failed ? `${run.route.failed} FAILED` : verdict(ratio <= FLOOR_RATIO_GOAL && (run.connections < 50 || tail <= TAIL_RATIO_GOAL)),
      ]);
    }
  } else missing('Local stack resident memory', '≤ 1024 MB');
  if (lighthouse) rows.push(...lighthouseSummaryRows(lighthouse));
  else missing('Lighthouse mobile, four pages', '≥ 95 performance, 100 accessibility');
  return `${heading('Summary')}\n${renderTable([{ title: 'Budget' }, { title: 'Measured', align: 'right' }, { title: 'Limit' }, { title: 'Verdict' }], rows)}`;
}

main().then(
  () => exitWhenIdle(0),
  (err) => {
    console.error('bench failed:', err);
    exitWhenIdle(1);
  },
);

/** Everything was stopped, so Node exits by itself; should a handle linger, say so and exit anyway. */
function exitWhenIdle(code: number): void {
  process.exitCode = code;
  setTimeout(() => {
    console.error(`bench: still running 5 s after finishing (open handles: ${process.getActiveResourcesInfo().join(', ')}); exiting.`);
    process.exit(code);
  }, 5_000).unref();
}
