import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnOwned, waitUntil, type StandIn } from './process';

const BIN = require.resolve('cognito-local/lib/bin/start.js');

/**
 * cognito-local as a child process with its data under `dir` (it keeps `.cognito/` in
 * its working directory). Pools take no username attribute: Portico picks usernames
 * itself, because one email may sign in to two tenants.
 */
export async function startCognitoLocal(options: { port: number; dir: string }): Promise<StandIn> {
  const configDir = join(options.dir, '.cognito');
  mkdirSync(configDir, { recursive: true });
  const configFile = join(configDir, 'config.json');
  if (!existsSync(configFile)) writeFileSync(configFile, JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }, null, 2));
  const proc = spawnOwned(process.execPath, [BIN], {
    name: 'cognito-local',
    cwd: options.dir,
    env: { ...process.env, PORT: String(options.port), HOST: 'localhost', DEBUG: '', NODE_NO_WARNINGS: '1', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
  });
  const endpoint = `http://localhost:${options.port}`;
  await waitUntil(async () => (await fetch(`http://127.0.0.1:${options.port}/health`)).ok, 'cognito-local', 20_000, proc.output, () => proc.child.exitCode !== null);
  return { name: 'cognito-local', endpoint, stop: proc.stop };
}
