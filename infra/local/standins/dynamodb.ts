import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LocalRuntimeError, spawnOwned, waitUntil, type StandIn } from './process';
import type { ProcessRecord } from './processRecord';

const EMULATOR_DIR = join(__dirname, '..', '..', '..', '.cache', 'dynamodb-local');
/** Starts the jar's server bound to 127.0.0.1 (it has no option for the address itself). */
const LOOPBACK_LAUNCHER = join(__dirname, 'DynamoDbOnLoopback.java');

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

/**
 * The launcher compiled once into `.cache/dynamodb-local/launcher/<hash of its source>/`,
 * so each start runs its class instead of compiling it in source-file mode (which costs
 * every start ~3 s of CPU in javac, a test run starting four to six of them). Compiled by
 * the runtime's own `jdk.compiler` module, which source-file mode needs anyway (a JRE has
 * no `javac` command); into a temp folder renamed into place, so concurrent starts agree.
 */
function compiledLauncher(): string {
  const hash = createHash('sha256').update(readFileSync(LOOPBACK_LAUNCHER)).digest('hex').slice(0, 16);
  const dir = join(EMULATOR_DIR, 'launcher', hash);
  if (existsSync(join(dir, 'DynamoDbOnLoopback.class'))) return dir;
  mkdirSync(join(EMULATOR_DIR, 'launcher'), { recursive: true });
  const out = mkdtempSync(join(EMULATOR_DIR, 'launcher', 'build-'));
  try {
    execFileSync(
      'java',
      ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '-nowarn', '-cp', join(EMULATOR_DIR, 'DynamoDBLocal.jar'), '-d', out, LOOPBACK_LAUNCHER],
      {
        stdio: 'pipe',
      },
    );
    renameSync(out, dir);
  } catch (err) {
    rmSync(out, { recursive: true, force: true });
    // Another start renamed its build into place first: use that.
    if (existsSync(join(dir, 'DynamoDbOnLoopback.class'))) return dir;
    const message = String((err as { stderr?: Buffer }).stderr ?? (err as Error).message);
    // Compiling needs the runtime's jdk.compiler module (Debian's openjdk-17-jre-headless has it; some slim JREs do not).
    if (/jdk\.compiler/.test(message))
      throw new LocalRuntimeError(
        'This Java runtime has no jdk.compiler module, which starting DynamoDB Local on loopback needs: install a full Java 17+ runtime (e.g. apt-get install -y openjdk-17-jre-headless).',
      );
    throw err;
  }
  return dir;
}

/**
 * AWS's own DynamoDB emulator: persisted under `dbPath`, or in memory for tests. It takes
 * any credentials and keeps one shared database, so it listens on loopback only (through
 * DynamoDbOnLoopback.java), and sends no telemetry (on by default).
 */
export async function startDynamoDbLocal(options: { port: number; dbPath?: string; record?: ProcessRecord }): Promise<StandIn> {
  assertJava();
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const proc = spawnOwned(
    'java',
    [
      '-Xmx256m',
      // One GC thread: a small heap, and the machine's cores are the tests' (fewer threads, less CPU).
      '-XX:+UseSerialGC',
      `-Djava.library.path=${join(EMULATOR_DIR, 'DynamoDBLocal_lib')}`,
      '-cp',
      `${join(EMULATOR_DIR, 'DynamoDBLocal.jar')}:${compiledLauncher()}`,
      'DynamoDbOnLoopback',
      '-sharedDb',
      ...storage,
      '-port',
      String(options.port),
      '-disableTelemetry',
    ],
    { name: 'DynamoDB Local', cwd: EMULATOR_DIR, record: options.record },
  );
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await waitUntil(
    async () => !!(await client.send(new ListTablesCommand({}))),
    'DynamoDB Local',
    45_000,
    proc.output,
    () => proc.child.exitCode !== null,
  );
  client.destroy();
  return { name: 'DynamoDB Local', endpoint, stop: proc.stop };
}
