import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LocalRuntimeError, spawnOwned, waitUntil, type StandIn } from './process';

const EMULATOR_DIR = join(__dirname, '..', '..', '..', '.cache', 'dynamodb-local');

/** Java 17+ runs DynamoDB Local; say so in one line if it is missing. */
export function assertJava(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new LocalRuntimeError('Java is not installed: DynamoDB Local needs a Java 17+ runtime (e.g. apt-get install -y openjdk-17-jre-headless).');
  }
  if (!existsSync(join(EMULATOR_DIR, 'DynamoDBLocal.jar'))) {
    throw new LocalRuntimeError("DynamoDB Local is missing from .cache/dynamodb-local: run 'npm install' (its postinstall fetches it).");
  }
}

/** AWS's own DynamoDB emulator: persisted under `dbPath`, or in memory for tests. */
export async function startDynamoDbLocal(options: { port: number; dbPath?: string }): Promise<StandIn> {
  assertJava();
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const proc = spawnOwned(
    'java',
    [
      '-Xmx256m',
      `-Djava.library.path=${join(EMULATOR_DIR, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(EMULATOR_DIR, 'DynamoDBLocal.jar'),
      '-sharedDb',
      ...storage,
      '-port',
      String(options.port),
    ],
    { name: 'DynamoDB Local', cwd: EMULATOR_DIR },
  );
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await waitUntil(
    async () => !!(await client.send(new ListTablesCommand({}))),
    'DynamoDB Local',
    30_000,
    proc.output,
    () => proc.child.exitCode !== null,
  );
  client.destroy();
  return { name: 'DynamoDB Local', endpoint, stop: proc.stop };
}
