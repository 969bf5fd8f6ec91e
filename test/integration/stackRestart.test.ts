import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PORT_ENV, type LocalPorts } from '../../infra/local/config';
import { DEMO_COMPANIES } from '../../infra/local/seed';
import { freePort } from '../../infra/local/standins/process';
import { identityOf } from '../../infra/local/standins/processRecord';
import type { MessageThread } from '../../shared/api/documents';
import { documentBody } from '../support/documents';
import { requestWithHost } from '../support/stack';

/**
 * `npm start` killed with SIGKILL — its whole process group, as a closed terminal or an
 * out-of-memory kill would — in the middle of acknowledged writes, then started again on
 * the same ports and data folder: it comes back by itself, and every write it
 * acknowledged is there.
 */
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
jest.setTimeout(100_000);

let ports: LocalPorts;
let dataDir: string;
/** Processes this test started or saw started, with who they were, for clean-up whatever happens. */
const seen = new Map<number, string>();

beforeAll(async () => {
  const entries = await Promise.all((Object.keys(PORT_ENV) as (keyof LocalPorts)[]).map(async (k) => [k, await freePort()] as const));
  ports = Object.fromEntries(entries) as unknown as LocalPorts;
  dataDir = mkdtempSync(join(tmpdir(), 'portico-restart-'));
});
afterAll(async () => {
  // Only processes still the ones seen here (same start time) are signalled.
  for (const [pid, identity] of seen) if (identityOf(pid) === identity) killGroup(pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* gone */
    }
  }
}

/** `npm start`'s entry point as its own process group (detached), so the test can kill the group as a terminal would. */
function start(): { child: ChildProcess; output: () => string; ready: Promise<void>; exited: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = { ...process.env, PORTICO_DATA_DIR: dataDir };
  for (const key of Object.keys(PORT_ENV) as (keyof LocalPorts)[]) env[PORT_ENV[key]] = String(ports[key]);
  delete env.PORTICO_TEST_STANDINS;
  delete env.STRIPE_SECRET_KEY;
  const child = spawn(process.execPath, [TSX, 'infra/local/start.ts'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  seen.set(child.pid!, identityOf(child.pid!)!);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Press Ctrl-C to stop.')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`npm start exited early:\n${out}`));
    });
  });
  return { child, output: () => out, ready, exited };
}

/** Every process descended from `pid`, from /proc (the stand-ins lead process groups of their own). */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* exited meanwhile */
    }
  }
  const found: number[] = [];
  for (let frontier = [pid]; frontier.length; ) {
    const next = [...parentOf].filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
    found.push(...next);
    frontier = next;
  }
  return found;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

interface Write {
  documentId: string;
  number: string;
  message?: string;
}

describe('npm start after a SIGKILL', () => {
  it('comes back on the same ports and data, stops what the killed run left, and keeps every acknowledged write', async () => {
    const first = start();
    await first.ready;
    const key = /demo\s+(ptk\.\S+)/.exec(first.output())![1];
    const crm = (method: string, path: string, body?: unknown) =>
      requestWithHost(ports.gateway, `demo.localhost:${ports.gateway}`, path, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });

    // Writers publish a document, then post a message on it, again and again; a write counts once answered 2xx.
    const acknowledged: Write[] = [];
    let killed = false;
    const writer = async () => {
      while (!killed) {
        const write: Write = { documentId: `restart-${randomUUID().slice(0, 12)}`, number: '' };
        const body = documentBody('invoice', DEMO_COMPANIES.allowed.companyId);
        write.number = body.number;
        try {
          if ((await crm('PUT', `/api/admin/documents/invoice/${write.documentId}`, body)).status !== 201) continue;
          acknowledged.push(write);
          const message = `Restart check ${randomUUID()}`;
          if ((await crm('POST', `/api/admin/documents/invoice/${write.documentId}/messages`, { body: message })).ok) write.message = message;
        } catch {
          return; // the stack is gone
        }
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    while (acknowledged.length < 12) await new Promise((r) => setTimeout(r, 20));

    // The whole process group, mid-write, as `kill -9 -<pgid>` does.
    const before = descendants(first.child.pid!);
    for (const pid of before) seen.set(pid, identityOf(pid)!);
    killGroup(first.child.pid!, 'SIGKILL');
    killed = true;
    await Promise.all([first.exited, ...writers]);
    const written = acknowledged.map((w) => ({ ...w }));
    // What outlived the kill: the stand-ins in process groups of their own (DynamoDB Local, cognito-local).
    const leftovers = before.filter((pid) => identityOf(pid) === seen.get(pid));

    const second = start();
    await second.ready;
    // The killed run's leftovers were stopped: none of them is still running.
    expect(leftovers.filter((pid) => identityOf(pid) === seen.get(pid))).toEqual([]);

    // Every acknowledged document, and every acknowledged message on it, survived.
    expect(written.length).toBeGreaterThanOrEqual(12);
    for (const w of written) {
      const doc = await crm('GET', `/api/admin/documents/invoice/${w.documentId}`);
      expect({ id: w.documentId, status: doc.status }).toEqual({ id: w.documentId, status: 200 });
      expect((await doc.json()).number).toBe(w.number);
      if (w.message) {
        const thread = (await (await crm('GET', `/api/admin/documents/invoice/${w.documentId}/messages`)).json()) as MessageThread;
        expect(thread.items.map((m) => m.body)).toContain(w.message);
      }
    }

    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    for (const port of Object.values(ports)) expect(await portIsFree(port)).toBe(true);
  });
});
