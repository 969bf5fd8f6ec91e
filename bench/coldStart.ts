/**
 * Section 1's timings. Per Lambda, in fresh Node processes given what a Lambda is given:
 * - load: `require` of its bundle;
 * - first response: process start → the answer of its handler to its typical request
 *   (TYPICAL_REQUESTS), against a seeded local stack running in a process of its own;
 * each beside bare Node (`node -e 0`) and beside the Lambda's floor (floors.ts): a bundle of
 * only its SDK clients, loaded, and making the same first SDK call. Every figure is the
 * median of ROUNDS processes, run round by round, interleaved, so all see the same load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { EVENT_SOURCE, type EventType } from '../events/catalogue';
import { rulesFor } from '../events/rules';
import type { HttpMethod } from '../functions/routes';
import { toApiGatewayEvent } from '../infra/local/apiGatewayEvent';
import { busEnvelope } from '../infra/local/eventBus';
import { matchRoute } from '../infra/local/routing';
import { REPO_ROOT } from '../infra/local/runtime';
import { lambdaServing, type LambdaBundle } from './bundles';
import { buildFloors, describeCall, firstCallOfEachService, type FirstCall, type Floor } from './floors';
import { median, ms, renderTable, verdict } from './table';

export const ROUNDS = 9;
/** The budgets of DESIGN §7 and the issue: against the floor, and against bare Node where the floor itself allows it. */
export const FLOOR_BUDGET_RATIO = 1.2;
export const BARE_BUDGET_RATIO = 2;

/** What the bench's local stack hands over (bench/coldStartStack.ts). */
export interface Fixtures {
  /** The Lambdas' environment in the local runtime: table, pools, the stand-ins' endpoints, credentials. */
  handlerEnv: Record<string, string>;
  /** The demo tenant's host on the local gateway, and its id. */
  host: string;
  tenantId: string;
  /** The demo portal customer, and the cookies of a sign-in of theirs. */
  customer: { email: string; password: string; cookie: string };
  /** The demo tenant's CRM API key. */
  crmKey: string;
  /** An outstanding invoice of the demo customer's company. */
  invoiceId: string;
}

type Caller = 'anonymous' | 'customer' | 'crm';
type Fill = (f: Fixtures) => string;
export type TypicalRequest =
  | { method: HttpMethod; path: string | Fill; as: Caller; body?: (f: Fixtures) => unknown }
  | { detailType: EventType; detail: (f: Fixtures) => unknown };

/**
 * The typical request of each Lambda: the first row here that a Lambda serves is its own
 * (which Lambda serves a route or an event comes from the route and rule tables). Public
 * reads, signs in, lists, reads as the CRM, opens a PDF and a payment list as the demo
 * customer, and sends a requested mail.
 */
export const TYPICAL_REQUESTS: TypicalRequest[] = [
  { method: 'GET', path: '/api/public/tenant', as: 'anonymous' },
  { method: 'POST', path: '/api/auth/login', as: 'anonymous', body: (f) => ({ email: f.customer.email, password: f.customer.password }) },
  { method: 'GET', path: '/api/documents/invoice', as: 'customer' },
  { method: 'GET', path: '/api/admin/companies', as: 'crm' },
  { method: 'GET', path: (f) => `/api/documents/invoice/${f.invoiceId}/pdf`, as: 'customer' },
  { method: 'GET', path: (f) => `/api/documents/invoice/${f.invoiceId}/payments`, as: 'customer' },
  {
    detailType: 'mail.requested',
    detail: (f) => ({ tenantId: f.tenantId, to: [f.customer.email], subject: 'Your statement', text: 'Your statement is ready.', purpose: 'bench' }),
  },
];

/** A typical request made concrete: which Lambda serves it, its name, and a fresh event for each invocation. */
interface Invocation {
  lambda: string;
  label: string;
  event(): unknown;
}

export function invocationOf(request: TypicalRequest, fixtures: Fixtures): Invocation {
  if ('detailType' in request) {
    const rule = rulesFor(request.detailType)[0];
    if (!rule) throw new Error(`No rule delivers ${request.detailType}`);
    return {
      lambda: lambdaServing({ ruleTarget: rule.target }),
      label: `${request.detailType} → ${rule.target}`,
      // As the local bus delivers it: the rule's target and the EventBridge envelope.
      event: () => ({
        target: rule.target,
        event: busEnvelope(
          { Source: EVENT_SOURCE, DetailType: request.detailType, Detail: JSON.stringify(request.detail(fixtures)) },
          fixtures.handlerEnv.AWS_REGION ?? 'eu-west-1',
        ),
      }),
    };
  }
  const path = typeof request.path === 'function' ? request.path(fixtures) : request.path;
  const match = matchRoute(request.method, path);
  if (!match || match === 'method-not-allowed') throw new Error(`No route serves ${request.method} ${path}`);
  const body = request.body ? Buffer.from(JSON.stringify(request.body(fixtures))) : Buffer.alloc(0);
  const headers: Record<string, string> = {
    host: fixtures.host,
    'user-agent': 'Mozilla/5.0 (portico bench)',
    accept: 'application/json',
    ...(body.length ? { 'content-type': 'application/json', 'content-length': String(body.length), origin: `http://${fixtures.host}` } : {}),
    ...(request.as === 'crm' ? { authorization: `Bearer ${fixtures.crmKey}` } : {}),
    ...(request.as === 'customer' ? { cookie: fixtures.customer.cookie } : {}),
  };
  // The request as Node's HTTP server would hand it to the local gateway, which makes the event.
  const incoming = {
    method: request.method,
    httpVersion: '1.1',
    rawHeaders: Object.entries(headers).flat(),
    headers: { cookie: headers.cookie },
  } as unknown as IncomingMessage;
  return {
    lambda: lambdaServing({ route: match.route }),
    label: `${request.method} ${path}`,
    event: () => toApiGatewayEvent(incoming, new URL(path, `http://${fixtures.host}`), match, body, '127.0.0.1'),
  };
}

/**
 * Run in each measured process with `-e`: reads the event, requires the bundle, invokes
 * `handler` with a Lambda-like context, then reports on fd 3 (the answer's status, the
 * process's CPU time so far) and exits at once, as bare Node does after `0`.
 */
const INVOKE = `
const [bundle, eventFile, functionName] = process.argv.slice(1);
const fs = require('fs');
const report = (r, code) => { fs.writeSync(3, JSON.stringify({ ...r, cpu: process.cpuUsage(), calls: globalThis.__benchCalls })); process.exit(code); };
const event = JSON.parse(fs.readFileSync(eventFile, 'utf8'));
const context = {
  callbackWaitsForEmptyEventLoop: false, functionName, functionVersion: '$LATEST', memoryLimitInMB: '256',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:' + functionName, awsRequestId: require('crypto').randomUUID(),
  logGroupName: '/aws/lambda/' + functionName, logStreamName: 'bench', getRemainingTimeInMillis: () => 10000,
  done() {}, fail() {}, succeed() {},
};
Promise.resolve().then(() => require(bundle).handler(event, context)).then(
  (r) => report({ statusCode: r && r.statusCode }, 0),
  (e) => report({ error: String((e && e.stack) || e).split('\\n').slice(0, 2).join(' ') }, 1));
`;

/**
 * Preloaded (`-r`) in the untimed warm-up only: notes every HTTP request the process makes
 * (the SDK calls through node:http and node:https), in order.
 */
const CALLS_PROBE = `
globalThis.__benchCalls = [];
for (const name of ['http', 'https']) {
  const mod = require(name);
  for (const method of ['request', 'get']) {
    const original = mod[method];
    mod[method] = function (...args) {
      const url = typeof args[0] === 'string' || args[0] instanceof URL ? new URL(args[0]) : undefined;
      const o = (url ? args[1] : args[0]) || {};
      const h = (o && typeof o === 'object' && o.headers) || {};
      globalThis.__benchCalls.push({ target: h['x-amz-target'] || h['X-Amz-Target'], method: (o && o.method) || (method === 'get' ? 'GET' : undefined), path: url ? url.pathname : o.path, port: Number(url ? url.port : o.port) || undefined });
      return original.apply(this, args);
    };
  }
}
`;

/** The load figure's script, and bare Node's: the same, reporting CPU time once the bundle is required. */
const LOAD = (file?: string) => `${file ? `require(${JSON.stringify(file)});` : ''}require('fs').writeSync(3, JSON.stringify({ cpu: process.cpuUsage() }))`;

/** What a Lambda is given, and nothing of this process (no tsx loader in NODE_OPTIONS). */
function lambdaLikeEnv(handlerEnv: Record<string, string>, functionName: string): NodeJS.ProcessEnv {
  const { POWERTOOLS_DEV: _notInTheCloud, ...env } = handlerEnv;
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...env,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    NODE_ENV: 'production',
    // Lambda runs Node 22, where the SDK has no Node 20 warning to print (the local runtime silences it too).
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

export interface Sample {
  /** Wall time from spawning the process to its exit. */
  ms: number;
  /** CPU time (user + system, all threads) of the process when it reported. */
  cpuMs: number;
  error?: string;
  statusCode?: number;
  /** The HTTP requests the process made (warm-up only). */
  calls?: FirstCall[];
}

/** Spawns `node <args>` and times it; what it reported on fd 3. */
function timeNode(args: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    let elapsed = NaN;
    const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let reported = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    (child.stdio[3] as Readable).on('data', (c: Buffer) => (reported += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', () => (elapsed = Number(process.hrtime.bigint() - started) / 1e6));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      let report: { statusCode?: number; error?: string; calls?: FirstCall[]; cpu?: { user: number; system: number } } = {};
      try {
        report = reported ? JSON.parse(reported) : {};
      } catch {
        report = { error: `unreadable report: ${reported.slice(0, 100)}` };
      }
      const failed =
        code !== 0
          ? (report.error ??
            stderr
              .trim()
              .split('\n')
              .find((l) => /Error/.test(l)) ??
            `exit ${code ?? signal}`)
          : undefined;
      const status = report.statusCode;
      const refused = status !== undefined && (status < 200 || status > 299) ? `answered ${status}` : undefined;
      resolve({
        ms: elapsed,
        cpuMs: report.cpu ? (report.cpu.user + report.cpu.system) / 1000 : NaN,
        ...(failed || refused ? { error: failed ?? refused } : {}),
        ...(status !== undefined ? { statusCode: status } : {}),
        ...(report.calls ? { calls: report.calls } : {}),
      });
    });
  });
}

/** One figure's samples, one per round (absent when it was not measured), or why there are none. */
export interface Samples {
  samples: Sample[];
  /** Not measured at all: why (no floor, no local stack, no typical request). */
  missing?: string;
}

export interface LambdaColdStart {
  name: string;
  /** The SDK client packages of its bundle: what its floor holds. */
  clients: string[];
  /** The floor bundle's size. */
  floorBytes: number;
  /** Its typical request, and the first SDK call it made to each service (seen in the warm-up). */
  request?: string;
  firstCall?: string;
  /** The calls the floor makes, one per service (undefined: none). */
  floorCall?: string;
  load: Samples;
  floorLoad: Samples;
  first: Samples;
  floorFirst: Samples;
}

export interface ColdStarts {
  rounds: number;
  bare: Sample[];
  lambdas: LambdaColdStart[];
  /** Why first responses were not measured (the local stack did not start), if so. */
  stackError?: string;
}

/** Times every built Lambda against bare Node and its floor, with a local stack of its own for the first responses. */
export async function measureColdStarts(bundles: LambdaBundle[], outDir: string, onStep: (what: string) => void = () => undefined): Promise<ColdStarts> {
  const built = bundles.filter((b) => !b.error);
  const dir = join(outDir, 'cold-start');
  mkdirSync(join(dir, 'events'), { recursive: true });
  const probe = join(dir, 'calls-probe.js');
  writeFileSync(probe, CALLS_PROBE);

  onStep('starting a local stack for the first responses');
  const stack = await startStackProcess().catch((err: Error) => err);
  try {
    const fixtures = stack instanceof Error ? undefined : stack.fixtures;
    const invocations = new Map<string, Invocation>();
    for (const request of fixtures ? TYPICAL_REQUESTS : []) {
      const invocation = invocationOf(request, fixtures!);
      if (!invocations.has(invocation.lambda)) invocations.set(invocation.lambda, invocation);
    }
    const envOf = (name: string) => lambdaLikeEnv(fixtures?.handlerEnv ?? { AWS_REGION: 'eu-west-1' }, `portico-${name}`);
    const eventFile = (name: string) => {
      const file = join(dir, 'events', `${name}.json`);
      writeFileSync(file, JSON.stringify(invocations.get(name)!.event()));
      return file;
    };
    const load = (file: string, name: string) => timeNode(['-e', LOAD(file)], envOf(name));
    const first = (file: string, name: string, preload: string[] = []) =>
      timeNode([...preload, '-e', INVOKE, file, eventFile(name), `portico-${name}`], envOf(name));

    // Warm-up (page cache, the stand-ins' first requests, the PDF stored once), not counted:
    // it also shows the services each Lambda's typical request calls, which its floor then calls too.
    onStep("warming up; noting the services each Lambda's request calls");
    const warm = new Map<string, Sample>();
    for (const b of built) {
      await load(b.file, b.name);
      if (invocations.has(b.name)) warm.set(b.name, await first(b.file, b.name, ['-r', probe]));
    }
    onStep("bundling each Lambda's floor");
    const floors = new Map<string, Floor>(
      (
        await buildFloors(
          REPO_ROOT,
          outDir,
          built.map((b) => ({ name: b.name, clients: b.sdkClients, calls: firstCallOfEachService(warm.get(b.name)?.calls ?? [], envOf(b.name)) })),
        )
      ).map((f) => [f.name, f]),
    );
    for (const b of built) {
      const floor = floors.get(b.name)!;
      if (floor.error) continue;
      await load(floor.file, b.name);
      if (invocations.has(b.name)) await first(floor.file, b.name);
    }

    onStep(`timing ${ROUNDS} interleaved rounds of fresh processes`);
    const bare: Sample[] = [];
    const runs = new Map(built.map((b) => [b.name, { load: [] as Sample[], floorLoad: [] as Sample[], first: [] as Sample[], floorFirst: [] as Sample[] }]));
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(await timeNode(['-e', LOAD()], envOf('bare')));
      for (const b of built) {
        const floor = floors.get(b.name)!;
        const run = runs.get(b.name)!;
        run.load.push(await load(b.file, b.name));
        if (!floor.error) run.floorLoad.push(await load(floor.file, b.name));
        if (!invocations.has(b.name)) continue;
        run.first.push(await first(b.file, b.name));
        if (!floor.error) run.floorFirst.push(await first(floor.file, b.name));
      }
    }

    const noRequest = stack instanceof Error ? 'no local stack' : 'no typical request';
    return {
      rounds: ROUNDS,
      bare,
      ...(stack instanceof Error ? { stackError: stack.message } : {}),
      lambdas: built.map((b) => {
        const floor = floors.get(b.name)!;
        const run = runs.get(b.name)!;
        const warmCalls = firstCallOfEachService(warm.get(b.name)?.calls ?? [], envOf(b.name));
        const of = (samples: Sample[], missing: string | undefined): Samples => (missing ? { samples, missing } : { samples });
        return {
          name: b.name,
          clients: b.sdkClients,
          floorBytes: floor.bytes,
          ...(invocations.has(b.name) ? { request: invocations.get(b.name)!.label } : {}),
          ...(warmCalls.length ? { firstCall: warmCalls.map((c) => describeCall(c.call)).join(' + ') } : {}),
          ...(floor.call ? { floorCall: floor.call } : {}),
          load: of(run.load, undefined),
          floorLoad: of(run.floorLoad, floor.error),
          first: of(run.first, invocations.has(b.name) ? undefined : noRequest),
          floorFirst: of(run.floorFirst, floor.error ?? (invocations.has(b.name) ? undefined : noRequest)),
        };
      }),
    };
  } finally {
    if (!(stack instanceof Error)) await stack.stop();
  }
}

/**
 * The local stack of the first responses, in a process of its own (bench/coldStartStack.ts):
 * its SES and S3 stand-ins answer from there while this process only spawns and times, and
 * its SDK clients are not those of the API section's stack, which this process started first.
 */
function startStackProcess(): Promise<{ fixtures: Fixtures; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), join(__dirname, 'coldStartStack.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith(STACK_READY));
      if (!line) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        fixtures: JSON.parse(line.slice(STACK_READY.length)) as Fixtures,
        async stop() {
          child.stdin.end();
          await exited;
        },
      });
    });
    void exited.then(() => reject(new Error(`the local stack did not start: ${(err || out).trim().split('\n').slice(-3).join(' ')}`)));
  });
}

/** The line bench/coldStartStack.ts prints, with the fixtures as JSON, once its stack is ready. */
export const STACK_READY = 'portico-bench-stack-ready ';

/** A figure: medians of its samples, or why it has none, or the first failure among them. */
interface Figure {
  ms: number;
  cpuMs: number;
  error?: string;
}

function figureOf({ samples, missing }: Samples): Figure {
  if (missing || !samples.length) return { ms: NaN, cpuMs: NaN, error: `NOT MEASURED: ${missing ?? 'no samples'}` };
  const failure = samples.find((s) => s.error)?.error;
  return { ms: median(samples.map((s) => s.ms)), cpuMs: median(samples.map((s) => s.cpuMs)), ...(failure ? { error: `FAILED: ${failure}` } : {}) };
}

/** The median of the per-round ratios a[i] / b[i]: each pair ran side by side, so a slow spell of the machine cancels out. */
function pairedRatio(a: Sample[], b: Sample[], field: 'ms' | 'cpuMs' = 'ms'): number {
  const n = Math.min(a.length, b.length);
  return n ? median(Array.from({ length: n }, (_, i) => a[i]![field] / b[i]![field])) : NaN;
}

const times = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}x` : '-');
const msOrDash = (x: number): string => (Number.isFinite(x) ? ms(x) : '-');

/** The figures and ratios of one measure (load or first response) of one Lambda, and its two verdicts. */
export interface Judged {
  figure: Figure;
  floor: Figure;
  vsBare: number;
  floorVsBare: number;
  vsFloor: number;
  cpuVsFloor: number;
  /** ≤ 1.2× the floor. */
  floorVerdict: string;
  /** ≤ 2× bare Node, where the floor itself is within 2× bare; otherwise the floor's own ratio says why not. */
  bareVerdict: string;
}

export function judge(own: Samples, floor: Samples, bare: Sample[]): Judged {
  const figure = figureOf(own);
  const floorFigure = figureOf(floor);
  const vsBare = pairedRatio(own.samples, bare);
  const floorVsBare = pairedRatio(floor.samples, bare);
  const vsFloor = pairedRatio(own.samples, floor.samples);
  const failure = figure.error ?? floorFigure.error;
  // Judged as printed (two decimals): a ratio shown as 1.20x is within 1.2x.
  const shown = (x: number) => Math.round(x * 100) / 100;
  return {
    figure,
    floor: floorFigure,
    vsBare,
    floorVsBare,
    vsFloor,
    cpuVsFloor: pairedRatio(own.samples, floor.samples, 'cpuMs'),
    floorVerdict: failure ?? verdict(shown(vsFloor) <= FLOOR_BUDGET_RATIO),
    bareVerdict: failure ?? (shown(floorVsBare) > BARE_BUDGET_RATIO ? `n/a (floor ${times(floorVsBare)})` : verdict(shown(vsBare) <= BARE_BUDGET_RATIO)),
  };
}

function timingTable(cold: ColdStarts, which: 'load' | 'first'): string {
  const rows = cold.lambdas.map((l) => {
    const j = which === 'load' ? judge(l.load, l.floorLoad, cold.bare) : judge(l.first, l.floorFirst, cold.bare);
    const call = !l.firstCall ? '-' : l.floorCall === l.firstCall ? l.firstCall : `${l.firstCall} (floor: ${l.floorCall ?? 'no call'})`;
    return [
      l.name,
      ...(which === 'first' ? [l.request ?? '-', call] : []),
      msOrDash(j.figure.ms),
      msOrDash(j.figure.cpuMs),
      times(j.vsBare),
      msOrDash(j.floor.ms),
      msOrDash(j.floor.cpuMs),
      times(j.floorVsBare),
      times(j.vsFloor),
      times(j.cpuVsFloor),
      j.floorVerdict,
      j.bareVerdict,
    ];
  });
  return renderTable(
    [
      { title: 'Lambda' },
      ...(which === 'first' ? [{ title: 'Typical request' }, { title: 'First SDK call' }] : []),
      { title: which === 'first' ? 'First ms' : 'Load ms', align: 'right' as const },
      { title: 'CPU ms', align: 'right' as const },
      { title: '× bare', align: 'right' as const },
      { title: 'Floor ms', align: 'right' as const },
      { title: 'CPU ms', align: 'right' as const },
      { title: 'Floor × bare', align: 'right' as const },
      { title: '× floor', align: 'right' as const },
      { title: 'CPU × floor', align: 'right' as const },
      { title: `≤ ${FLOOR_BUDGET_RATIO}x floor` },
      { title: `≤ ${BARE_BUDGET_RATIO}x bare where the floor allows` },
    ],
    rows,
  );
}

export function coldStartReport(cold: ColdStarts): string {
  const bare = figureOf({ samples: cold.bare });
  return [
    '  Cold load: `require` of the bundle in a fresh Node process. Its floor: the same for a bundle of only its SDK clients, constructed.',
    timingTable(cold, 'load'),
    '',
    "  First response: process start → the handler's answer to the Lambda's typical request, against a seeded local stack.",
    '  Its floor: the floor bundle loaded, the same first SDK call made, then an answer.',
    ...(cold.stackError ? [`  NO LOCAL STACK: ${cold.stackError}`] : []),
    timingTable(cold, 'first'),
    `  Bare Node (node -e 0): ${ms(bare.ms)} ms, ${ms(bare.cpuMs)} ms CPU. ms: wall time from spawn to exit; CPU ms: the process's user + system`,
    `  time when it answered. Medians of ${cold.rounds} fresh processes each, run in interleaved rounds in this run; ratios are medians of`,
    "  the ratios within each round. Every process is given what a Lambda is given: its environment (the stand-ins' endpoints and",
    "  credentials as the local runtime sets them), NODE_ENV=production, and nothing of this process's own.",
  ].join('\n');
}

/** The summary's rows: per Lambda, load and first response against the floor and against bare Node. */
export function coldStartSummaryRows(cold: ColdStarts): string[][] {
  return cold.lambdas.flatMap((l) =>
    (
      [
        ['cold load', judge(l.load, l.floorLoad, cold.bare)],
        ['first response', judge(l.first, l.floorFirst, cold.bare)],
      ] as const
    ).flatMap(([what, j]) => [
      [`Lambda ${l.name}: ${what} vs floor`, j.figure.error ? 'not measured' : `${times(j.vsFloor)} floor`, `≤ ${FLOOR_BUDGET_RATIO}x floor`, j.floorVerdict],
      [
        `Lambda ${l.name}: ${what} vs bare`,
        j.figure.error ? 'not measured' : `${times(j.vsBare)} bare`,
        `≤ ${BARE_BUDGET_RATIO}x bare where floor allows`,
        j.bareVerdict,
      ],
    ]),
  );
}
