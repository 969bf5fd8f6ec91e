import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/standins/process';
import { PORT_ENV, type LocalPorts } from '../../infra/local/config';
import { DEMO_PORTAL_USER } from '../../infra/local/seed';
import type { DocumentPage } from '../../shared/api/documents';
import { CookieJar, jsonRequest } from '../support/portalAccess';
import { requestWithHost } from '../support/stack';

/**
 * `npm start` as a person runs it: the real entry point in its own process, on its own
 * ports and data folder, so it can run beside a developer's own `npm start`.
 */
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
jest.setTimeout(90_000);

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
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function envFor(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORTICO_DATA_DIR: dataDir, ...extra };
  for (const key of Object.keys(PORT_ENV) as (keyof LocalPorts)[]) env[PORT_ENV[key]] = String(ports[key]);
  delete env.PORTICO_TEST_STANDINS;
  // The tests' own quieter log level is not a person's: npm start logs at its default.
  delete env.POWERTOOLS_LOG_LEVEL;
  return env;
}

function start(env = envFor()): { child: ChildProcessWithoutNullStreams; output: () => string; ready: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [TSX, 'infra/local/start.ts'], { cwd: ROOT, env });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
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

describe('npm start', () => {
  it('prints the URLs and credentials, serves both tenants, keeps data across a restart, and Ctrl-C stops every child', async () => {
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
    const demoKey = /demo\s+(ptk\.\S+)/.exec(first.output())![1];
    // The demo customer has documents to look at: an open quote among them.
    expect((await demoQuotes()).find((q) => q.number === 'Q-1048')).toMatchObject({ state: 'open', version: 1 });

    // Rename a tenant through the repository, against the table npm start made, then restart.
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

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    for (const port of Object.values(ports)) expect(await portIsFree(port)).toBe(true);

    const second = start();
    await second.ready;
    // The same demo credentials after a restart.
    expect(/demo\s+(ptk\.\S+)/.exec(second.output())![1]).toBe(demoKey);
    // Data persisted under the data folder; the seed does not overwrite a tenant's own changes.
    expect(await tenantName('demo')).toBe('Renamed Ltd');
    expect(await tenantName('acme')).toBe('Acme Industrial Supply');
    // A restart publishes no new versions of the demo documents.
    expect((await demoQuotes()).find((q) => q.number === 'Q-1048')).toMatchObject({ version: 1 });
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
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
