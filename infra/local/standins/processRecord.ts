import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which kind of run started the stand-ins. Each has its own record folder, so a test run
 * never stops the stand-ins of a developer's `npm start` (or a bench's), even left over ones.
 */
export type RecordScope = 'start' | 'test' | 'bench';

const RECORD_ROOT = join(__dirname, '..', '..', '..', '.cache', 'stand-ins');

/** One process the record names: its pid, and who it was when it started (see `identityOf`). */
interface RecordedProcess {
  pid: number;
  identity: string;
  name: string;
}

interface RecordFile {
  owner: RecordedProcess;
  children: RecordedProcess[];
}

/**
 * The child processes (DynamoDB Local, cognito-local) this process started, written to
 * `.cache/stand-ins/<scope>/<pid>.json` as they start and struck off as they stop.
 * Their process groups are detached, so a SIGKILL of the run (or of its whole process
 * group) leaves them running, adopted by init, on the ports the next run needs; Node has
 * no PR_SET_PDEATHSIG to make them die with it. Instead, each run first stops what the
 * records of dead runs name. A pid is only ever signalled while it is still the process
 * that was recorded (same start time), so a recycled pid is never killed, and nothing is
 * ever looked up by name.
 */
export class ProcessRecord {
  private readonly children: RecordedProcess[] = [];
  private readonly file: string;
  private readonly owner: RecordedProcess;

  private constructor(dir: string) {
    this.owner = { pid: process.pid, identity: identityOf(process.pid) ?? '', name: 'owner' };
    this.file = join(dir, `${process.pid}.json`);
  }

  /** Stops what dead runs of this scope left running, then records this run's children there. */
  static async open(scope: RecordScope, dir = join(RECORD_ROOT, scope)): Promise<ProcessRecord> {
    mkdirSync(dir, { recursive: true });
    await stopLeftovers(dir);
    const record = new ProcessRecord(dir);
    // A normal exit kills the children (process.ts); the record of them goes with them.
    process.once('exit', () => rmSync(record.file, { force: true }));
    return record;
  }

  add(pid: number, name: string): void {
    const identity = identityOf(pid);
    if (!identity) return; // already gone
    this.children.push({ pid, identity, name });
    this.write();
  }

  remove(pid: number): void {
    const at = this.children.findIndex((c) => c.pid === pid);
    if (at >= 0) this.children.splice(at, 1);
    this.write();
  }

  private write(): void {
    if (this.children.length === 0) {
      rmSync(this.file, { force: true });
      return;
    }
    const body: RecordFile = { owner: this.owner, children: this.children };
    // Written whole and renamed into place: a reader never sees half a record.
    writeFileSync(`${this.file}.tmp`, JSON.stringify(body));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

/**
 * Stops the children named by records whose owner is no longer running, and deletes those
 * records. A record whose owner still runs is another live run's, and is left alone.
 */
export async function stopLeftovers(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const file = join(dir, name);
    let record: RecordFile;
    try {
      record = JSON.parse(readFileSync(file, 'utf8')) as RecordFile;
    } catch {
      continue; // being written by a live run this instant (renames make that rare); next time
    }
    if (isStill(record.owner)) continue;
    for (const child of record.children) {
      if (!isStill(child)) continue;
      console.warn(`Stopping ${child.name} (pid ${child.pid}), left running by an earlier run that did not stop cleanly.`);
      await stopGroup(child);
    }
    rmSync(file, { force: true });
  }
}

/** Whether `pid` is still the very process that was recorded, and not a zombie or a recycled pid. */
function isStill(recorded: RecordedProcess): boolean {
  return !!recorded.identity && identityOf(recorded.pid) === recorded.identity;
}

/** SIGTERM to the child's process group (it leads its own: spawned detached), SIGKILL after 3 s. */
async function stopGroup(child: RecordedProcess): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* gone */
    }
  };
  signal('SIGTERM');
  for (const deadline = Date.now() + 3000; Date.now() < deadline; ) {
    if (!isStill(child)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  // Checked again right before the kill: never signal a pid that is no longer ours.
  if (isStill(child)) signal('SIGKILL');
  for (const deadline = Date.now() + 3000; isStill(child) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Who a running process is: on Linux its start time in clock ticks since boot (from
 * /proc/<pid>/stat) with the boot's id, which no later process with the same pid can share;
 * elsewhere the start time `ps` reports. Undefined when there is no such process, or only
 * its zombie (it has exited, and holds no port).
 */
export function identityOf(pid: number): string | undefined {
  if (existsSync('/proc/self/stat')) {
    try {
      const fields = statFields(`/proc/${pid}/stat`);
      // A zombie leader may still have threads exiting, holding the process's sockets: gone only once every thread is.
      if (isDead(fields[0]) && readdirSync(`/proc/${pid}/task`).every((task) => taskDead(pid, task))) return undefined;
      return `${bootId()}:${fields[19]}`;
    } catch {
      return undefined;
    }
  }
  try {
    const started = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return started || undefined;
  } catch {
    return undefined;
  }
}

/** The fields of a /proc stat file from the state on (field 3); the command name before it may hold spaces and parentheses. */
function statFields(file: string): string[] {
  const stat = readFileSync(file, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

const isDead = (state: string | undefined) => state === 'Z' || state === 'X';

function taskDead(pid: number, task: string): boolean {
  try {
    return isDead(statFields(`/proc/${pid}/task/${task}/stat`)[0]);
  } catch {
    return true; // exited between the listing and the read
  }
}

let boot: string | undefined;
function bootId(): string {
  boot ??= existsSync('/proc/sys/kernel/random/boot_id') ? readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() : 'boot';
  return boot;
}
