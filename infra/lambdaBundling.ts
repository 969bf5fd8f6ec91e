import type { BuildOptions } from 'esbuild';
import { fontSources } from '../functions/documents/pdf/fonts';

/**
 * How every Lambda is bundled, in one place: the CDK functions (NodejsFunction bundling),
 * `npm run bench` and the bundle test all derive their settings from here.
 * - Nothing external: the SDK v3 is bundled, so its version is the lockfile's, not the runtime's.
 * - `module` first picks the SDK's ES builds, which tree-shake about 20% smaller than its CJS ones.
 * - The SDK's default credential chain is replaced by the environment provider
 *   (functions/aws/lambdaCredentials.ts): Lambda gives credentials in the environment.
 */
export const LAMBDA_ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': './functions/aws/lambdaCredentials.ts',
};

export const LAMBDA_ESBUILD: BuildOptions = {
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  external: [],
  alias: LAMBDA_ALIASES,
};

/**
 * Files a Lambda needs beside its bundle (`from` relative to the repository, `to` relative
 * to the bundle): the pdf Lambda's fonts. The CDK bundling copies them (PorticoFunction's
 * `files`) and so does the local runtime's bundle of the same entry (infra/local/lambdaBundles.ts).
 */
export function lambdaFiles(lambda: string): Array<{ from: string; to: string }> {
  return lambda === 'pdf' ? fontSources().map(({ from, to }) => ({ from: `node_modules/${from}`, to: `fonts/${to}` })) : [];
}
