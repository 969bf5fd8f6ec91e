/**
 * Section 1: every Lambda bundled the way the CDK stack bundles it (infra/stacks/constructs/
 * porticoFunction.ts), its size and what fills it; and how long a fresh Node process takes
 * to load it and to answer its typical request, beside bare Node and beside its floor
 * (bench/coldStart.ts, bench/floors.ts).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, stop as stopEsbuild, type Metafile } from 'esbuild';
import { activeLambdas, type RouteDefinition } from '../functions/routes';
import { heading, kb, renderTable, verdict } from './table';
import { LAMBDA_ESBUILD } from '../infra/lambdaBundling';
import { coldStartReport, type ColdStarts } from './coldStart';
import { sdkClientsOf } from './floors';

export const BUNDLE_BUDGET_BYTES = 600 * 1024;
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
  /** The AWS SDK client packages in the bundle (@aws-sdk/client-*, lib-dynamodb): what its floor holds. */
  sdkClients: string[];
  /** Set when this Lambda could not be bundled (e.g. a route group whose entry is not written yet). */
  error?: string;
}

/** One Lambda per Lambda the route table names, plus the notify Lambda of the rule table. */
export function lambdaEntries(root: string): Array<{ name: string; entry: string }> {
  return [...activeLambdas(), 'notify'].map((name) => ({ name, entry: join(root, 'functions', 'lambdas', `${name}.ts`) }));
}

/** The Lambda (a name of lambdaEntries) that serves a route of the route table, or a target of the rule table. */
export function lambdaServing(what: { route: RouteDefinition } | { ruleTarget: string }): string {
  return 'route' in what ? what.route.lambda : 'notify';
}

export async function buildBundles(root: string, outDir: string): Promise<LambdaBundle[]> {
  mkdirSync(outDir, { recursive: true });
  try {
    const bundles: LambdaBundle[] = [];
    for (const { name, entry } of lambdaEntries(root)) {
      const file = join(outDir, `${name}.js`);
      const base = { name, entry: relative(root, entry), file, bytes: 0, gzipBytes: 0, packages: [], sdkClients: [] };
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
        sdkClients: sdkClientsOf(result.metafile, packageOf),
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

export function bundleReport(bundles: LambdaBundle[], cold: ColdStarts | Error): string {
  const floorBytes = (name: string) => (cold instanceof Error ? 0 : (cold.lambdas.find((l) => l.name === name)?.floorBytes ?? 0));
  const rows = bundles.map((b) => {
    if (b.error) return [b.name, b.entry, '-', '-', `BUILD FAILED: ${b.error}`, '-', '-'];
    return [
      b.name,
      b.entry,
      kb(b.bytes),
      kb(b.gzipBytes),
      verdict(b.bytes <= BUNDLE_BUDGET_BYTES),
      floorBytes(b.name) ? kb(floorBytes(b.name)) : '-',
      b.sdkClients.map((c) => c.replace('@aws-sdk/', '')).join(', '),
    ];
  });
  const table = renderTable(
    [
      { title: 'Lambda' },
      { title: 'Entry' },
      { title: 'Size KB', align: 'right' },
      { title: 'gzip KB', align: 'right' },
      { title: 'Size ≤ 600 KB' },
      { title: 'Floor KB', align: 'right' },
      { title: 'SDK clients in the bundle (what its floor holds)' },
    ],
    rows,
  );
  const contributors = bundles
    .filter((b) => !b.error)
    .map((b) => {
      const top = b.packages
        .slice(0, TOP_PACKAGES)
        .map((p) => [p.name, kb(p.outputBytes), `${((100 * p.outputBytes) / b.bytes).toFixed(0)}%`, kb(p.inputBytes)]);
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
    '',
    cold instanceof Error ? `  Cold load and first response NOT MEASURED: ${cold.message}` : coldStartReport(cold),
    '',
    '  Top contributors (metafile; "In bundle" = minified bytes in the output, "Source" = input bytes of the files used):',
    ...contributors,
  ].join('\n');
}
