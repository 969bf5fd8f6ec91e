/**
 * Section 1: every Lambda bundled the way the CDK stack bundles it (infra/stacks/constructs/
 * porticoFunction.ts), its size, what fills it, and how long a fresh Node process takes to
 * load it compared with bare Node.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, stop as stopEsbuild, type Metafile } from 'esbuild';
import { activeGroups } from '../functions/routes';
import { heading, kb, median, ms, renderTable, verdict } from './table';
import { LAMBDA_ESBUILD } from '../infra/lambdaBundling';

export const BUNDLE_BUDGET_BYTES = 600 * 1024;
export const INIT_BUDGET_RATIO = 2;
const INIT_RUNS = 7;
const TOP_PACKAGES = 5;

export interface PackageShare {
  name: string;
  /** Bytes this package contributes to the minified output. */
  outputBytes: number;
  /** Source bytes of the package's files that made it into the bundle. */
  inputBytes: number;
}

export interface LambdaBundle {
  name: string;
  entry: string;
  file: string;
  bytes: number;
  gzipBytes: number;
  packages: PackageShare[];
  /** Set when this Lambda could not be bundled (e.g. a route group whose entry is not written yet). */
  error?: string;
}

export interface ColdInit {
  bareMs: number;
  byName: Map<string, { ms: number; error?: string }>;
}

/** One Lambda per active route group, plus the notify Lambda of the rule table. */
export function lambdaEntries(root: string): Array<{ name: string; entry: string }> {
  return [...activeGroups(), 'notify'].map((name) => ({ name, entry: join(root, 'functions', name, 'lambda.ts') }));
}

export async function buildBundles(root: string, outDir: string): Promise<LambdaBundle[]> {
  mkdirSync(outDir, { recursive: true });
  try {
    const bundles: LambdaBundle[] = [];
    for (const { name, entry } of lambdaEntries(root)) {
      const file = join(outDir, `${name}.js`);
      const base = { name, entry: relative(root, entry), file, bytes: 0, gzipBytes: 0, packages: [] };
      if (!existsSync(entry)) {
        bundles.push({ ...base, error: `${base.entry} does not exist` });
        continue;
      }
      // The very settings of the CDK functions (infra/lambdaBundling.ts).
      const result = await build({
        ...LAMBDA_ESBUILD,
        entryPoints: [entry],
        outfile: file,
        metafile: true,
        absWorkingDir: root,
        logLevel: 'silent',
      }).catch((err: Error) => err);
      if (result instanceof Error) {
        bundles.push({ ...base, error: result.message.split('\n').slice(0, 2).join(' ') });
        continue;
      }
      const code = readFileSync(file);
      bundles.push({
        ...base,
        bytes: code.length,
        gzipBytes: gzipSync(code, { level: 9 }).length,
        packages: packageShares(result.metafile),
      });
    }
    return bundles;
  } finally {
    // esbuild keeps a service child process; it must not outlive this section.
    await stopEsbuild();
  }
}

/** Groups the metafile's inputs by npm package (the innermost node_modules), own code as one entry. */
function packageShares(metafile: Metafile): PackageShare[] {
  const shares = new Map<string, PackageShare>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(path);
      const share = shares.get(name) ?? { name, outputBytes: 0, inputBytes: 0 };
      share.outputBytes += bytesInOutput;
      share.inputBytes += metafile.inputs[path]?.bytes ?? 0;
      shares.set(name, share);
    }
  }
  return [...shares.values()].sort((a, b) => b.outputBytes - a.outputBytes);
}

function packageOf(path: string): string {
  const marker = 'node_modules/';
  const at = path.lastIndexOf(marker);
  if (at < 0) return '(Portico code)';
  const [first = '', second = ''] = path.slice(at + marker.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/**
 * Wall time of `node -e "require(bundle)"` against `node -e 0`, median of INIT_RUNS,
 * interleaved round by round so both see the same machine load. One warm-up round first
 * (page cache), not counted.
 */
export function measureColdInit(bundles: LambdaBundle[]): ColdInit {
  const env = lambdaLikeEnv();
  const timeNode = (script: string): { ms: number; error?: string } => {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['-e', script], { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    const error = run.status === 0 ? undefined : (run.stderr?.toString().trim().split('\n').find((l) => /Error/.test(l)) ?? `exit ${run.status ?? run.signal}`);
    return { ms: elapsed, error };
  };
  const built = bundles.filter((b) => !b.error);
  const scripts = new Map<string, string>([['bare', '0'], ...built.map((b) => [b.name, `require(${JSON.stringify(b.file)})`] as [string, string])]);
  for (const script of scripts.values()) timeNode(script);
  const samples = new Map<string, number[]>([...scripts.keys()].map((k) => [k, []]));
  const errors = new Map<string, string>();
  for (let round = 0; round < INIT_RUNS; round++) {
    for (const [name, script] of scripts) {
      const { ms: elapsed, error } = timeNode(script);
      samples.get(name)?.push(elapsed);
      if (error) errors.set(name, error);
    }
  }
  const byName = new Map<string, { ms: number; error?: string }>();
  for (const b of built) byName.set(b.name, { ms: median(samples.get(b.name) ?? []), error: errors.get(b.name) });
  return { bareMs: median(samples.get('bare') ?? []), byName };
}

/** What the Lambda runtime sets, minus anything of this process (tsx loaders in NODE_OPTIONS). */
function lambdaLikeEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    AWS_REGION: 'eu-west-1',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    NODE_ENV: 'production',
  };
}

export function bundleReport(bundles: LambdaBundle[], init: ColdInit): string {
  const rows = bundles.map((b) => {
    if (b.error) return [b.name, b.entry, '-', '-', 'NOT BUILT', '-', '-', `BUILD FAILED: ${b.error}`];
    const cold = init.byName.get(b.name);
    const ratio = cold ? cold.ms / init.bareMs : NaN;
    const sizeOk = b.bytes <= BUNDLE_BUDGET_BYTES;
    const initOk = !cold?.error && ratio <= INIT_BUDGET_RATIO;
    return [
      b.name,
      b.entry,
      kb(b.bytes),
      kb(b.gzipBytes),
      verdict(sizeOk),
      cold?.error ? 'FAILED' : ms(cold?.ms ?? NaN),
      cold?.error ? '-' : `${ratio.toFixed(2)}x`,
      cold?.error ? `LOAD FAILED: ${cold.error}` : verdict(initOk),
    ];
  });
  const table = renderTable(
    [
      { title: 'Lambda' },
      { title: 'Entry' },
      { title: 'Size KB', align: 'right' },
      { title: 'gzip KB', align: 'right' },
      { title: 'Size ≤ 600 KB' },
      { title: 'Init ms', align: 'right' },
      { title: 'vs bare', align: 'right' },
      { title: 'Init ≤ 2x bare' },
    ],
    rows,
  );
  const contributors = bundles.filter((b) => !b.error).map((b) => {
    const top = b.packages.slice(0, TOP_PACKAGES).map((p) => [p.name, kb(p.outputBytes), `${((100 * p.outputBytes) / b.bytes).toFixed(0)}%`, kb(p.inputBytes)]);
    const rest = b.packages.slice(TOP_PACKAGES).reduce((sum, p) => sum + p.outputBytes, 0);
    if (rest) top.push([`(${b.packages.length - TOP_PACKAGES} more packages)`, kb(rest), `${((100 * rest) / b.bytes).toFixed(0)}%`, '']);
    const sdk = b.packages.filter((p) => /^@(aws-sdk|smithy|aws)\//.test(p.name)).reduce((sum, p) => sum + p.outputBytes, 0);
    top.push(['(AWS SDK v3 in all: @aws-sdk/*, @smithy/*)', kb(sdk), `${((100 * sdk) / b.bytes).toFixed(0)}%`, '']);
    return `\n  ${b.name} — top ${TOP_PACKAGES} of ${b.packages.length} packages\n${renderTable(
      [{ title: 'Package' }, { title: 'In bundle KB', align: 'right' }, { title: 'Share', align: 'right' }, { title: 'Source KB', align: 'right' }],
      top,
    )}`;
  });
  return [
    heading('1. Lambda bundles (esbuild: bundle, minify, node20, cjs, main fields module/main, no externals)'),
    table,
    `  Bare Node (node -e 0): ${ms(init.bareMs)} ms; each figure is the median of ${INIT_RUNS} fresh processes, measured in this run.`,
    '  Top contributors (metafile; "In bundle" = minified bytes in the output, "Source" = input bytes of the files used):',
    ...contributors,
  ].join('\n');
}
