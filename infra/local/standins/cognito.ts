import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnOwned, waitUntil, type StandIn } from './process';
import type { ProcessRecord } from './processRecord';

const BIN = require.resolve('cognito-local/lib/bin/start.js');

/**
 * cognito-local as a child process with its data under `dir` (it keeps `.cognito/` in
 * its working directory). Pools take no username attribute: Portico picks usernames
 * itself, because one email may sign in to two tenants.
 */
export async function startCognitoLocal(options: { port: number; dir: string; record?: ProcessRecord }): Promise<StandIn> {
  const configDir = join(options.dir, '.cognito');
  mkdirSync(configDir, { recursive: true });
  const configFile = join(configDir, 'config.json');
  if (!existsSync(configFile)) writeFileSync(configFile, JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }, null, 2));
  setAsideTornFiles(join(configDir, 'db'));
  const proc = spawnOwned(process.execPath, [BIN], {
    name: 'cognito-local',
    record: options.record,
    cwd: options.dir,
    env: { ...process.env, PORT: String(options.port), HOST: 'localhost', DEBUG: '', NODE_NO_WARNINGS: '1', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
  });
  const endpoint = `http://localhost:${options.port}`;
  await waitUntil(
    async () => (await fetch(`http://127.0.0.1:${options.port}/health`)).ok,
    'cognito-local',
    20_000,
    proc.output,
    () => proc.child.exitCode !== null,
  );
  return { name: 'cognito-local', endpoint, stop: proc.stop };
}

/**
 * cognito-local saves each pool as a JSON file with an unsynchronised truncate-and-write,
 * so a stop in the middle of a save leaves a torn file it then refuses to start with. A
 * torn file is moved aside (named so it can be inspected): start-up provisioning makes the
 * pools again and the demo seed its users, so the local portal comes back instead of not
 * starting at all.
 */
function setAsideTornFiles(dbDir: string): void {
  if (!existsSync(dbDir)) return;
  for (const name of readdirSync(dbDir).filter((n) => n.endsWith('.json'))) {
    const file = join(dbDir, name);
    try {
      JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      const aside = `${file}.torn-${Date.now()}`;
      renameSync(file, aside);
      console.warn(`cognito-local: ${name} was left half-written by an earlier stop; moved to ${aside} and starting without it.`);
    }
  }
}
