import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';
import type { ProcessRecord } from './processRecord';

/** A stand-in the local runtime owns and must stop. */
export interface StandIn {
  name: string;
  endpoint: string;
  stop(): Promise<void>;
}

/** A failure with a one-line explanation for the person running `npm start`. */
export class LocalRuntimeError extends Error {
  override name = 'LocalRuntimeError';
}

/** Resolves when the port can be bound on loopback; explains which stand-in wanted it otherwise. */
export async function assertPortFree(port: number, who: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new LocalRuntimeError(
          err.code === 'EADDRINUSE'
            ? `Port ${port} (${who}) is already in use: stop whatever holds it (is another 'npm start' running?) or set the port with the environment variable shown in the README.`
            : `Cannot listen on port ${port} (${who}): ${err.message}`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** Free ports for tests and the bench: freePort.ts (kept here too for the callers that import it from here). */
export { freePort, portSlice } from './freePort';

/**
 * Starts a child in its own process group, so stopping it also stops anything it
 * started; keeps the tail of its output to explain an early exit. With a `record`, the
 * child is written down while it runs, so a later run can stop it if this one is killed
 * before it could (processRecord.ts).
 */
export function spawnOwned(
  command: string,
  args: string[],
  options: SpawnOptions & { name: string; record?: ProcessRecord },
): { child: ChildProcess; output: () => string; stop: () => Promise<void> } {
  const { record, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (record && pid) {
    record.add(pid, options.name);
    child.once('exit', () => record.remove(pid));
  }
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  childrenToKill.add(child);
  const stop = async () => {
    childrenToKill.delete(child);
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  return { child, output: () => tail, stop };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/** Children still running when this process exits are killed with it, whatever the exit path. */
const childrenToKill = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of childrenToKill) killGroup(child, 'SIGKILL');
});

/** Polls `check` until it resolves true, or fails with the stand-in's own last words. */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs: number, output?: () => string, exited?: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited?.()) throw new LocalRuntimeError(`${what} exited while starting: ${lastLine(output?.())}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new LocalRuntimeError(`${what} did not become ready within ${timeoutMs / 1000} s: ${lastLine(output?.())}`);
}

/** The error line of a failed start (stack frames say little), and the last line. */
function lastLine(text = ''): string {
  const lines = text
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const error = lines.find((l) => /\b(Error|Exception)\b|^error/i.test(l) && !l.startsWith('at '));
  return [...new Set([error, ...lines.slice(-2)].filter(Boolean))].join(' | ') || 'no output';
}
