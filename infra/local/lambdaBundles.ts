import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { LAMBDA_ESBUILD, lambdaFiles } from '../lambdaBundling';

/**
 * The local runtime's bundles of Lambda entries that run in a process of their own
 * (lambdaProcess.ts): built with the very settings the CDK uses (infra/lambdaBundling.ts),
 * with the same files beside them, and kept in `.cache/local-lambdas/<name>/`. A bundle is
 * reused while its manifest holds: the same options, and every input esbuild read (its
 * metafile) with the size and modification time it had. Checking that is ~1,300 `stat`s
 * (a few ms); a rebuild of the pdf Lambda takes ~0.6 s.
 *
 * Several jest workers may build at once: each writes under a name of its own and renames,
 * so a reader only ever sees a whole bundle.
 */
const ROOT = join(__dirname, '..', '..');
const CACHE = join(ROOT, '.cache', 'local-lambdas');

interface Manifest {
  options: string;
  inputs: Array<[path: string, size: number, mtimeMs: number]>;
}

const building = new Map<string, Promise<string>>();

/** The path of `functions/lambdas/<lambda>.ts` bundled as the CDK bundles it, with its files beside it. */
export function lambdaBundle(lambda: string): Promise<string> {
  return bundleOnce(lambda, join(ROOT, 'functions', 'lambdas', `${lambda}.ts`), lambdaFiles(lambda));
}

/** The local host a Lambda's process runs (lambdaHost.ts), bundled like a Lambda. */
export function hostBundle(): Promise<string> {
  return bundleOnce('host', join(__dirname, 'lambdaHost.ts'), []);
}

function bundleOnce(name: string, entry: string, files: Array<{ from: string; to: string }>): Promise<string> {
  let bundle = building.get(name);
  if (!bundle) {
    bundle = ensureBundle(name, entry, files);
    building.set(name, bundle);
    // A failed build (a syntax error being fixed under `npm start`) is tried again next time.
    bundle.catch(() => building.delete(name));
  }
  return bundle;
}

async function ensureBundle(name: string, entry: string, files: Array<{ from: string; to: string }>): Promise<string> {
  const dir = join(CACHE, name);
  const out = join(dir, `${name}.js`);
  const manifestFile = join(dir, 'manifest.json');
  const options: BuildOptions = { ...LAMBDA_ESBUILD, entryPoints: [entry], absWorkingDir: ROOT, metafile: true, logLevel: 'error' };
  const optionsKey = createHash('sha256')
    .update(JSON.stringify({ options, files, node: process.version }))
    .digest('hex');
  mkdirSync(dir, { recursive: true });
  for (const file of files) placeBeside(join(ROOT, file.from), join(dir, file.to));
  if (upToDate(out, manifestFile, optionsKey)) return out;

  const temporary = join(dir, `${name}.${process.pid}.${Date.now()}.tmp.js`);
  try {
    const result = await build({ ...options, outfile: temporary });
    const manifest: Manifest = {
      options: optionsKey,
      inputs: Object.keys(result.metafile!.inputs).map((input) => {
        const path = join(ROOT, input);
        const stat = statSync(path);
        return [path, stat.size, stat.mtimeMs];
      }),
    };
    renameSync(temporary, out);
    writeAtomically(manifestFile, JSON.stringify(manifest));
    return out;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function upToDate(out: string, manifestFile: string, optionsKey: string): boolean {
  if (!existsSync(out) || !existsSync(manifestFile)) return false;
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    if (manifest.options !== optionsKey) return false;
    return manifest.inputs.every(([path, size, mtimeMs]) => {
      const stat = statSync(path, { throwIfNoEntry: false });
      return stat !== undefined && stat.size === size && stat.mtimeMs === mtimeMs;
    });
  } catch {
    return false;
  }
}

/** A file beside the bundle, as the CDK copies it: hard-linked where it can be (the fonts are tens of MB), copied otherwise. */
function placeBeside(from: string, to: string): void {
  const existing = statSync(to, { throwIfNoEntry: false });
  if (existing && existing.size === statSync(from).size) return;
  mkdirSync(dirname(to), { recursive: true });
  const temporary = `${to}.${process.pid}.tmp`;
  try {
    linkSync(from, temporary);
  } catch {
    copyFileSync(from, temporary);
  }
  renameSync(temporary, to);
}

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}
