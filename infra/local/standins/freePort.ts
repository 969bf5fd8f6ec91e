import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Free loopback ports for tests and the bench, which run beside a developer's own
 * `npm start` and beside other test runs on the same machine.
 *
 * - Below the kernel's ephemeral range, not by listening on port 0: a port from that range
 *   is free only until the next outgoing connection takes it as its local port, and a test
 *   run opens thousands (DynamoDB Local, Cognito, the gateway), so between the probe and
 *   the real listen one did (CI: `listen EADDRINUSE`).
 * - From the process's own slice of the range: the run's main process (its global setup:
 *   DynamoDB Local, cognito-local, SES, S3) has slice 0 and each jest worker one of its own,
 *   so two workers never draw the same port, and no worker draws a stand-in's.
 * - Each port is bound once to check it is free, and reserved by a file named for it
 *   (`<tmp>/portico-ports/<port>`, holding the owner's pid) before it is handed out: two
 *   runs at once (worker 1 of each shares a slice) or a child that has not yet bound its
 *   port never get the same one. A reservation lasts while its process lives; one left by
 *   a process that died is cleared.
 */
export async function freePort(): Promise<number> {
  return pickPort(portSlice(FREE_PORT_RANGE, Number(process.env.JEST_WORKER_ID ?? 0)));
}

/** A port of `[low, high)` nobody listens on and no live process has reserved, reserved for this one; tried from a random place, each port once. */
export async function pickPort([low, high]: readonly [number, number]): Promise<number> {
  const size = high - low;
  const first = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i++) {
    const port = low + ((first + i) % size);
    if (handedOut.has(port)) continue;
    if (!(await canListen(port))) continue;
    if (!reserve(port)) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`No free loopback port between ${low} and ${high}`);
}

/** Ports from 20000 up to the start of the ephemeral range (32768 on Linux by default). */
const FREE_PORT_RANGE: readonly [number, number] = [20_000, Math.min(32_768, ephemeralRangeStart())];
/** Slice 0 for the process that is no jest worker, 1–7 for workers (more wrap around, and are kept apart by the reservations). */
const SLICES = 8;
const handedOut = new Set<number>();

/** The part of the range a process draws from: slice 0 for a process that is no jest worker, its own for each worker. */
export function portSlice([low, high]: readonly [number, number], worker: number): [number, number] {
  const size = Math.floor((high - low) / SLICES);
  const index = worker > 0 ? 1 + ((worker - 1) % (SLICES - 1)) : 0;
  const start = low + index * size;
  return [start, start + size];
}

/** Where reservations are kept: one directory for every run on the machine. */
export const RESERVATIONS = join(tmpdir(), 'portico-ports');
const reserved = new Set<string>();

/** Takes the port's reservation file if no live process holds it (one left by a dead process is cleared for a later pick). */
function reserve(port: number, retried = false): boolean {
  const file = join(RESERVATIONS, String(port));
  try {
    mkdirSync(RESERVATIONS, { recursive: true });
    const fd = openSync(file, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    reserved.add(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return true; // no reservations here (read-only tmp): the bind check alone
    if (alive(Number(readOr(file, '')))) return false;
    // Left by a process that died: cleared, then taken like a free one (or lost to whoever took it first).
    tryUnlink(file);
    return retried ? false : reserve(port, true);
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const readOr = (file: string, fallback: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
};
const tryUnlink = (file: string) => {
  try {
    unlinkSync(file);
  } catch {
    /* gone already */
  }
};
process.once('exit', () => {
  for (const file of reserved) tryUnlink(file);
});

function ephemeralRangeStart(): number {
  try {
    const first = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return first > 21_000 ? first : 32_768;
  } catch {
    return 32_768; // not Linux: macOS's range starts at 49152, above this one
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
