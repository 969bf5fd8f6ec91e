import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/standins/process';
import { PORT_ENV, type LocalPorts } from '../../infra/local/config';
import { DEMO_COMPANIES, DEMO_PORTAL_USER } from '../../infra/local/seed';
import { identityOf } from '../../infra/local/standins/processRecord';
import type { DocumentPage, MessageThread } from '../../shared/api/documents';
import { documentBody } from '../support/documents';
import { CookieJar, jsonRequest } from '../support/portalAccess';
import { requestWithHost } from '../support/stack';

/**
 * `npm start` as a person runs it: the real entry point in its own process group, on its
 * own ports and data folder, so it can run beside a developer's own `npm start`. One run is
 * killed with SIGKILL — its whole process group, as a closed terminal or an out-of-memory
 * kill would — in the middle of acknowledged writes, then started again on the same ports
 * and data folder: it comes back by itself, and every write it acknowledged is there. (One
 * file and two starts for both, since each start costs seconds of a loaded machine.)
 */
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
jest.setTimeout(180_000);

let ports: LocalPorts;
let dataDir: string;

beforeAll(async () => {
  ports = {
    gateway: await freePort(),
    dynamodb: await freePort(),
    cognito: await freePort(),
    ses: await freePort(),
    s3: await freePort(),
    eventBus: await freePort(),
    stripe: await freePort(),
  };
  dataDir = mkdtempSync(join(tmpdir(), 'portico-start-'));
});
/** Processes this file started or saw started, with who they were, for clean-up whatever happens. */
const seen = new Map<number, string>();
afterAll(() => {
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

function envFor(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORTICO_DATA_DIR: dataDir, ...extra };
  for (const key of Object.keys(PORT_ENV) as (keyof LocalPorts)[]) env[PORT_ENV[key]] = String(ports[key]);
  delete env.PORTICO_TEST_STANDINS;
  // The tests' own quieter log level is not a person's: npm start logs at its default.
  delete env.POWERTOOLS_LOG_LEVEL;
  return env;
}

/** `npm start`'s entry point as its own process group (detached), so a test can kill the group as a terminal would. */
function start(env = envFor()): { child: ChildProcess; output: () => string; ready: Promise<void>; exited: Promise<number | null> } {
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

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** The demo customer's quotes, as the portal lists them after signing in. */
async function demoQuotes(): Promise<DocumentPage['items']> {
  const host = `demo.localhost:${ports.gateway}`;
  const login = await requestWithHost(
    ports.gateway,
    host,
    '/api/auth/login',
    jsonRequest('POST', { email: DEMO_PORTAL_USER.email('demo'), password: DEMO_PORTAL_USER.password }),
  );
  expect(login.status).toBe(200);
  const jar = new CookieJar().take(login);
  const res = await requestWithHost(ports.gateway, host, '/api/documents/quote', { headers: jar.headers() });
  expect(res.status).toBe(200);
  return ((await res.json()) as DocumentPage).items;
}

/** Resolves once `check` holds, polling; fails after `ms`. */
async function eventually(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  for (const until = Date.now() + ms; !check(); ) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const tenantName = async (slug: string) =>
  (await (await requestWithHost(ports.gateway, `${slug}.localhost:${ports.gateway}`, '/api/public/tenant')).json()).name as string;

interface Write {
  documentId: string;
  number: string;
  message?: string;
}

describe('npm start', () => {
  it('prints the URLs and credentials, serves both tenants, comes back after a SIGKILL with every acknowledged write, and Ctrl-C stops every child', async () => {
    const first = start();
    await first.ready;
    expect(first.output()).toContain(`http://demo.localhost:${ports.gateway}`);
    expect(first.output()).toContain(`http://acme.localhost:${ports.gateway}`);
    expect(first.output()).toMatch(/Mailbox \(local SES\)\s+http:\/\/localhost:\d+\//);
    expect(first.output()).toMatch(/demo\s+ptk\.demo\.localdemo1\./);
    expect(first.output()).not.toMatch(/NodeVersionSupportWarning|at .*\.ts:\d+/);
    // The banner is the last thing start-up prints: what seeding set off was logged before it.
    expect(first.output().trimEnd().endsWith('Press Ctrl-C to stop.')).toBe(true);

    // A handler's log entry (a refused request is logged at INFO) reaches the terminal as one
    // short line — time, level, Lambda, route, message, its keys — never as the JSON it is in the cloud.
    expect((await requestWithHost(ports.gateway, `demo.localhost:${ports.gateway}`, '/api/admin/companies')).status).toBe(401);
    await eventually(() => first.output().includes('request refused'), 'the refused request to be logged');
    expect(first.output()).toMatch(/^\d\d:\d\d:\d\d {2}INFO +admin +GET \/api\/admin\/companies {2}request refused {2}status=401 title=Unauthorized$/m);
    expect(first.output()).not.toMatch(/"level"\s*:/);
    expect(await tenantName('demo')).toBe('Brightline Print & Signs');
    expect(await tenantName('acme')).toBe('Acme Industrial Supply');
    const demoKey = /demo\s+(ptk\.\S+)/.exec(first.output())![1]!;
    // The demo customer has documents to look at: an open quote among them.
    expect((await demoQuotes()).find((q) => q.number === 'Q-1048')).toMatchObject({ state: 'open', version: 1 });

    // Rename a tenant through the repository, against the table npm start made.
    Object.assign(process.env, {
      TABLE_NAME: 'portico-local',
      DYNAMODB_ENDPOINT: `http://127.0.0.1:${ports.dynamodb}`,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const { tenantRepository } = await import('../../functions/customers/tenantRepository');
    const demo = (await tenantRepository.get('demo'))!;
    await tenantRepository.put({ ...demo, name: 'Renamed Ltd' });
    expect(await tenantName('demo')).toBe('Renamed Ltd');

    // Writers publish a document, then post a message on it, again and again; a write counts once answered 2xx.
    const crm = (method: string, path: string, body?: unknown) =>
      requestWithHost(ports.gateway, `demo.localhost:${ports.gateway}`, path, {
        method,
        headers: { authorization: `Bearer ${demoKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
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
    // The same demo credentials after a restart.
    expect(/demo\s+(ptk\.\S+)/.exec(second.output())![1]).toBe(demoKey);
    // Data persisted under the data folder; the seed does not overwrite a tenant's own changes.
    expect(await tenantName('demo')).toBe('Renamed Ltd');
    expect(await tenantName('acme')).toBe('Acme Industrial Supply');
    // A restart publishes no new versions of the demo documents.
    expect((await demoQuotes()).find((q) => q.number === 'Q-1048')).toMatchObject({ version: 1 });
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

    // Ctrl-C stops it and every child: each port is free again.
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    for (const port of Object.values(ports)) expect(await portIsFree(port)).toBe(true);
  });

  it('explains a port already in use in one line and exits non-zero', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(ports.dynamodb, '127.0.0.1', () => resolve()));
    try {
      const run = start();
      await expect(run.ready).rejects.toThrow();
      expect(await run.exited).toBe(1);
      const lines = run
        .output()
        .trim()
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('Stopping'));
      expect(lines).toEqual([expect.stringContaining(`Port ${ports.dynamodb} (DynamoDB Local) is already in use`)]);
    } finally {
      squatter.close();
    }
  });

  it('explains a missing Java in one line', async () => {
    const bin = join(dataDir, 'bin-without-java');
    mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, join(bin, 'node'));
    const run = start(envFor({ PATH: bin }));
    await expect(run.ready).rejects.toThrow();
    expect(await run.exited).toBe(1);
    const lines = run
      .output()
      .trim()
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('Stopping'));
    expect(lines).toEqual([expect.stringContaining('Java is not installed')]);
  });
});
