/**
 * Section 3 (local API throughput) and section 4 (data reads, memory of the local stack):
 * both need the local stack running, so they share one start and one stop.
 */
import { DEMO_PORTAL_USER } from '../infra/local/seed';
import { type CallStep, recordCalls, startFloorWorker, stepsOf } from './dynamoFloor';
import { type LoadResult, merged, startLoadWorker } from './load';
import { send } from './send';
import { startBenchStack } from './localStack';
import { launcherMemory, treeCpuSeconds, treeMemory, type ProcessMemory } from './procTree';
import { heading, mb, ms, percentile, renderTable, verdict } from './table';

export const REQUESTS = 2_000;
export const CONCURRENCY = 16;
const WARM_UP = 100;
const TENANT = 'demo';
export const PATHS = ['/api/public/tenant', '/api/health'] as const;
/** Signed in as the demo tenant's portal user: a document list and the dashboard, each at these connection counts. */
export const SIGNED_IN_PATHS = ['/api/documents/invoice', '/api/dashboard'] as const;
export const SIGNED_IN_CONNECTIONS = [10, 50] as const;
const SIGNED_IN_SECONDS = 8;
/** Each run's seconds, in this many slices taken in turn with its floor's. */
const SLICES = 4;
/** Goals of the signed-in routes: time per request within 1.5× the floor's; at 50 connections, p99 within 4× p50. */
export const FLOOR_RATIO_GOAL = 1.5;
export const TAIL_RATIO_GOAL = 4;
export const STACK_MEMORY_BUDGET_BYTES = 1024 * 1024 * 1024;

export interface ApiFigures {
  startedInMs: number;
  /** Per route: the load, and CPU seconds each process of the stack spent during it. */
  runs: Array<{ path: string; load: LoadResult; cpu: Record<string, number> }>;
  signedIn: SignedInRun[];
  memory: ProcessMemory[];
  launchers: ProcessMemory[];
}

export interface SignedInRun {
  path: string;
  connections: number;
  route: LoadResult;
  /** The same DynamoDB calls, made directly with the SDK at the same concurrency (bench/dynamoFloor.ts). */
  floor: LoadResult;
  /** The DynamoDB calls of one request, by round. */
  steps: CallStep[];
  cpu: Record<string, number>;
}

/** CPU seconds each process of the stack spends while `run` runs. */
async function withCpu<T>(run: () => Promise<T>): Promise<{ result: T; cpu: Record<string, number> }> {
  const before = treeCpuSeconds();
  const result = await run();
  const cpu = Object.fromEntries([...treeCpuSeconds()].map(([label, seconds]) => [label, seconds - (before.get(label) ?? 0)]));
  return { result, cpu };
}

export async function runApiBench(): Promise<ApiFigures> {
  const stack = await startBenchStack();
  // The clients run in processes of their own, so the gateway's figures are the gateway's.
  const load = startLoadWorker();
  const floors = startFloorWorker();
  try {
    const port = stack.port;
    const host = `${TENANT}.localhost:${port}`;
    const runs: ApiFigures['runs'] = [];
    for (const path of PATHS) {
      // Warm-up: the first call loads the group's Lambda entry and opens the SDK's connections.
      await load.run({ port, host, path, requests: WARM_UP, concurrency: CONCURRENCY });
      const { result, cpu } = await withCpu(() => load.run({ port, host, path, requests: REQUESTS, concurrency: CONCURRENCY }));
      runs.push({ path, load: result, cpu });
    }
    const signedIn: SignedInRun[] = [];
    const headers = { cookie: await signIn(port, host) };
    for (const path of SIGNED_IN_PATHS) {
      const plan = await recordCalls(async () => {
        const answer = await send(port, host, 'GET', path, headers);
        if (answer.status !== 200) throw new Error(`GET ${path} signed in answered ${answer.status}: ${answer.body.slice(0, 200)}`);
      });
      for (const connections of SIGNED_IN_CONNECTIONS) {
        const slice = (seconds: number) => ({ requests: 1e9, concurrency: connections, deadlineMs: seconds * 1000 });
        const route = (seconds: number) => load.run({ port, host, path, headers, ...slice(seconds) });
        const floor = (seconds: number) => floors.run({ plan, env: stack.handlerEnv, ...slice(seconds) });
        await route(1);
        await floor(1);
        // Slices taken in turn, so a change in what else the machine runs weighs on both alike.
        const routeSlices: LoadResult[] = [];
        const floorSlices: LoadResult[] = [];
        let cpu: Record<string, number> = {};
        for (let i = 0; i < SLICES; i++) {
          const measured = await withCpu(() => route(SIGNED_IN_SECONDS / SLICES));
          routeSlices.push(measured.result);
          cpu = Object.fromEntries(Object.entries(measured.cpu).map(([label, seconds]) => [label, seconds + (cpu[label] ?? 0)]));
          floorSlices.push(await floor(SIGNED_IN_SECONDS / SLICES));
        }
        signedIn.push({ path, connections, route: merged(routeSlices), floor: merged(floorSlices), steps: stepsOf(plan), cpu });
      }
    }
    // Taken with everything still up, right after the load.
    return { startedInMs: stack.startedInMs, runs, signedIn, memory: treeMemory(), launchers: launcherMemory() };
  } finally {
    load.stop();
    floors.stop();
    await stack.stop();
  }
}

/** The demo portal user's cookies, as one Cookie header. */
async function signIn(port: number, host: string): Promise<string> {
  const answer = await send(
    port,
    host,
    'POST',
    '/api/auth/login',
    {},
    JSON.stringify({ email: DEMO_PORTAL_USER.email(TENANT), password: DEMO_PORTAL_USER.password }),
  );
  if (answer.status !== 200) throw new Error(`signing in the demo portal user answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  return answer.setCookies.map((c) => c.split(';')[0]).join('; ');
}

export function apiReport(api: ApiFigures): string {
  const rows = api.runs.map(({ path, load, cpu }) => {
    const wall = load.elapsedMs / 1000;
    const cpuShare = (label: string) => `${(cpu[label] ?? 0).toFixed(1)} s (${((100 * (cpu[label] ?? 0)) / wall).toFixed(0)}%)`;
    const failures = failuresOf(load);
    return [
      `GET ${path}`,
      `${load.ok}/${load.sent}`,
      (load.ok / (load.elapsedMs / 1000)).toFixed(0),
      ms(percentile(load.latenciesMs, 50)),
      ms(percentile(load.latenciesMs, 99)),
      cpuShare('this process'),
      cpuShare('DynamoDB Local (java)'),
      failures || 'none',
    ];
  });
  return [
    heading(`3. Local API throughput (${REQUESTS} requests, concurrency ${CONCURRENCY}, keep-alive, Host: ${TENANT}.localhost)`),
    `  Local stack started in ${(api.startedInMs / 1000).toFixed(1)} s; ${WARM_UP} warm-up requests per route, not counted.`,
    renderTable(
      [
        { title: 'Route' },
        { title: '2xx/sent', align: 'right' },
        { title: 'req/s', align: 'right' },
        { title: 'p50 ms', align: 'right' },
        { title: 'p99 ms', align: 'right' },
        { title: 'CPU: this process', align: 'right' },
        { title: 'CPU: DynamoDB Local', align: 'right' },
        { title: 'Failures' },
      ],
      rows,
    ),
    '  CPU = seconds used during the measured requests (% of one core over the run). The gateway and the handlers',
    '  share this one Node process (the load client runs in another), and the 2 cores with DynamoDB Local: a local',
    '  figure for spotting regressions, not a prediction of API Gateway + Lambda.',
    '',
    signedInReport(api.signedIn),
  ].join('\n');
}

const perSecond = (load: LoadResult) => load.ok / (load.elapsedMs / 1000);
const failuresOf = (load: LoadResult) =>
  Object.entries(load.failures)
    .map(([why, n]) => `${n}× ${why}`)
    .join(', ');

/** Time per request of the route over its floor's, at the same concurrency. */
export const floorRatio = (run: SignedInRun) => perSecond(run.floor) / perSecond(run.route);
export const tailRatio = (load: LoadResult) => percentile(load.latenciesMs, 99) / percentile(load.latenciesMs, 50);

function signedInReport(runs: SignedInRun[]): string {
  const rows = runs.map((run) => {
    const tail = tailRatio(run.route);
    const ratio = floorRatio(run);
    const tailOk = run.connections < 50 || tail <= TAIL_RATIO_GOAL;
    return [
      `GET ${run.path}`,
      String(run.connections),
      perSecond(run.route).toFixed(0),
      ms(percentile(run.route.latenciesMs, 50)),
      ms(percentile(run.route.latenciesMs, 99)),
      `${tail.toFixed(1)}x`,
      perSecond(run.floor).toFixed(0),
      ms(percentile(run.floor.latenciesMs, 50)),
      ms(percentile(run.floor.latenciesMs, 99)),
      `${ratio.toFixed(2)}x`,
      [verdict(ratio <= FLOOR_RATIO_GOAL && tailOk), failuresOf(run.route) || failuresOf(run.floor)].filter(Boolean).join(' '),
    ];
  });
  const paths = [...new Set(runs.map((r) => r.path))];
  const rounds = paths.map((path) => {
    const steps = runs.find((r) => r.path === path)!.steps;
    const count = Math.max(0, ...steps.map((s) => s.round));
    const byRound = Array.from(
      { length: count },
      (_, i) =>
        `${i + 1}: ${steps
          .filter((s) => s.round === i + 1)
          .map((s) => `${s.command} ${s.what}`)
          .join(', ')}`,
    );
    return `  GET ${path}: ${steps.length} DynamoDB calls in ${count} rounds — ${byRound.join('; ')}`;
  });
  return [
    heading(`3b. Signed-in API against its DynamoDB floor (${SIGNED_IN_SECONDS} s each, in ${SLICES} slices taken in turn; keep-alive; the demo portal user)`),
    renderTable(
      [
        { title: 'Route' },
        { title: 'conns', align: 'right' },
        { title: 'req/s', align: 'right' },
        { title: 'p50 ms', align: 'right' },
        { title: 'p99 ms', align: 'right' },
        { title: 'p99/p50', align: 'right' },
        { title: 'floor req/s', align: 'right' },
        { title: 'floor p50', align: 'right' },
        { title: 'floor p99', align: 'right' },
        { title: 'time/req vs floor', align: 'right' },
        { title: 'Verdict' },
      ],
      rows,
    ),
    `  Goals: time per request ≤ ${FLOOR_RATIO_GOAL}x the floor's; at 50 connections p99 ≤ ${TAIL_RATIO_GOAL}x p50.`,
    '  Floor: the DynamoDB calls one request makes, recorded from the handlers, replayed with the SDK from a process',
    '  of its own against the same DynamoDB Local at the same concurrency, in the same order and overlap:',
    ...rounds,
  ].join('\n');
}

export function dataAndMemoryReport(api: ApiFigures): string {
  const rssTotal = api.memory.reduce((s, p) => s + p.rssBytes, 0);
  const peakTotal = api.memory.reduce((s, p) => s + p.peakBytes, 0);
  const label = (p: ProcessMemory) => (p.label === 'this process' ? 'this process (gateway, handlers, event bus, SES, S3; bench)' : p.label);
  const rows = api.memory.map((p) => [String(p.pid), label(p), mb(p.rssBytes), mb(p.peakBytes)]);
  rows.push(['', 'Total', mb(rssTotal), mb(peakTotal)]);
  return [
    heading('4. Data reads and local stack memory'),
    `  ${itemsPerPageNote()}`,
    '',
    renderTable([{ title: 'PID' }, { title: 'Process' }, { title: 'RSS MB', align: 'right' }, { title: 'Peak MB', align: 'right' }], rows),
    `  Resident total after the load: ${mb(rssTotal)} MB of 1024 MB budget — ${verdict(rssTotal <= STACK_MEMORY_BUDGET_BYTES)}` +
      ` (sum of per-process peaks: ${mb(peakTotal)} MB — ${verdict(peakTotal <= STACK_MEMORY_BUDGET_BYTES)}).`,
    '  This process also holds the bench itself, so its figure is a little above what `npm start` would hold.',
    ...(api.launchers.length
      ? [
          `  Not counted above: the launchers of this run, which \`npm start\` has too — ${api.launchers.map((p) => `${p.label} ${mb(p.rssBytes)} MB`).join(', ')}.`,
        ]
      : []),
  ].join('\n');
}

/** Where the items read per list page are measured. */
function itemsPerPageNote(): string {
  return 'DynamoDB items read per list page: measured in section 5, on document lists of a tenant with 10 and with 10,000 documents.';
}
