/**
 * The pdf Lambda's budget (docs/architecture.md, Budgets): its bundle as the CDK builds it,
 * the fonts copied beside it, and the render time and peak memory of a typical document
 * (2 lines, Latin), of a 500-line one in every script and of statements of account (20
 * entries, and 1,000, the most a statement lists), each in fresh Node processes
 * running a bundle of the renderer beside the same fonts. `npx tsx bench/pdfRender.ts`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { fontSources } from '../functions/documents/pdf/fonts';
import { LAMBDA_ESBUILD } from '../infra/lambdaBundling';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, '.cache', 'bench', 'pdf');
const RUNS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  mkdirSync(join(OUT, 'fonts'), { recursive: true });
  await build({ ...LAMBDA_ESBUILD, entryPoints: [join(ROOT, 'functions/lambdas/pdf.ts')], outfile: join(OUT, 'pdf.js'), logLevel: 'error' });
  await build({ ...LAMBDA_ESBUILD, entryPoints: [join(ROOT, 'bench/pdfRenderHarness.ts')], outfile: join(OUT, 'harness.js'), logLevel: 'error' });
  let fontBytes = 0;
  for (const { from, to } of fontSources()) {
    copyFileSync(join(ROOT, 'node_modules', from), join(OUT, 'fonts', to));
    fontBytes += statSync(join(OUT, 'fonts', to)).size;
  }
  console.log(
    `pdf Lambda bundle: ${(statSync(join(OUT, 'pdf.js')).size / 1024).toFixed(0)} KB minified; fonts beside it: ${(fontBytes / 1024 / 1024).toFixed(1)} MB in ${fontSources().length} files`,
  );
  for (const [label, args] of [
    ['typical: 2 lines, Latin', ['2', 'latin']],
    ['500 lines, Latin', ['500', 'latin']],
    ['500 lines, every script', ['500', 'scripts']],
    ['statement of account: 20 entries', ['20', 'statement']],
    ['statement of account: 1,000 entries (its most)', ['1000', 'statement']],
  ] as const) {
    const runs = Array.from({ length: RUNS }, () => JSON.parse(execFileSync(process.execPath, [join(OUT, 'harness.js'), ...args], { encoding: 'utf8' })));
    console.log(
      `${label}: first render in a fresh process ${median(runs.map((r) => r.coldMs)).toFixed(0)} ms, warm ${median(runs.map((r) => r.warmMs)).toFixed(0)} ms, ` +
        `peak RSS ${median(runs.map((r) => r.peakRssMb)).toFixed(0)} MB, PDF ${(runs[0].bytes / 1024).toFixed(0)} KB (median of ${RUNS})`,
    );
  }
}

void main();
