import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityOf, stopLeftovers } from '../../infra/local/standins/processRecord';

/**
 * What a run stops when it starts: only the recorded children of runs that are no longer
 * running, and only while each pid is still the process that was recorded.
 */
let dir: string;
const sleepers: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portico-record-'));
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  for (const s of sleepers.splice(0)) if (s.exitCode === null && s.signalCode === null) s.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  jest.restoreAllMocks();
});

/** A stand-in's stand-in: a process leading its own group, as spawnOwned starts them. */
function sleeper(): ChildProcess & { pid: number } {
  const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
  sleepers.push(child);
  return child as ChildProcess & { pid: number };
}

const DEAD_OWNER = { pid: 2 ** 22 + 1, identity: 'no-such-run', name: 'owner' };
const record = (file: string, owner: object, children: object[]) => writeFileSync(join(dir, file), JSON.stringify({ owner, children }));
const exited = (child: ChildProcess) =>
  new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));

describe('stopping what killed runs left', () => {
  it("stops a dead run's children and forgets its record", async () => {
    const left = sleeper();
    record('1.json', DEAD_OWNER, [{ pid: left.pid, identity: identityOf(left.pid), name: 'DynamoDB Local' }]);
    await stopLeftovers(dir);
    await exited(left);
    expect(left.signalCode).toBe('SIGTERM');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never signals a pid that is now another process (a recycled pid)', async () => {
    const other = sleeper();
    record('1.json', DEAD_OWNER, [{ pid: other.pid, identity: `${identityOf(other.pid)}-earlier`, name: 'DynamoDB Local' }]);
    await stopLeftovers(dir);
    expect(identityOf(other.pid)).toBeDefined();
    expect(other.exitCode).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("leaves a live run's children and record alone", async () => {
    const running = sleeper();
    const self = { pid: process.pid, identity: identityOf(process.pid), name: 'owner' };
    record(`${process.pid}.json`, self, [{ pid: running.pid, identity: identityOf(running.pid), name: 'cognito-local' }]);
    await stopLeftovers(dir);
    expect(identityOf(running.pid)).toBeDefined();
    expect(readdirSync(dir)).toEqual([`${process.pid}.json`]);
  });

  it('tells a running process from an exited one', async () => {
    const child = sleeper();
    expect(identityOf(child.pid)).toEqual(expect.any(String));
    child.kill('SIGKILL');
    await exited(child);
    expect(identityOf(child.pid)).toBeUndefined();
  });
});
