/**
 * Section 3 (local API throughput) and section 4 (data reads, memory of the local stack):
 * both need the local stack running, so they share one start and one stop.
 */
import { runLoad, type LoadResult } from './load';
import { startBenchStack } from './localStack';
import { launcherMemory, treeCpuSeconds, treeMemory, type ProcessMemory } from './procTree';
import { heading, mb, ms, percentile, renderTable, verdict } from './table';

export const REQUESTS = 2_000;
export const CONCURRENCY = 16;
const WARM_UP = 100;
const TENANT = 'demo';
export const PATHS = ['/api/public/tenant', '/api/health'] as const;
export const STACK_MEMORY_BUDGET_BYTES = 1024 * 1024 * 1024;

export interface ApiFigures {
  startedInMs: number;
  /** Per route: the load, and CPU seconds each process of the stack spent during it. */
  runs: Array<{ path: string; load: LoadResult; cpu: Map<string, number> }>;
  memory: ProcessMemory[];
  launchers: ProcessMemory[];
}

export async function runApiBench(): Promise<ApiFigures> {
  const stack = await startBenchStack();
  try {
    const host = `${TENANT}.localhost:${stack.port}`;
    const runs: ApiFigures['runs'] = [];
    for (const path of PATHS) {
      // Warm-up: the first call loads the group's Lambda entry and opens the SDK's connections.
      await runLoad({ port: stack.port, host, path, requests: WARM_UP, concurrency: CONCURRENCY });
      const before = treeCpuSeconds();
      const load = await runLoad({ port: stack.port, host, path, requests: REQUESTS, concurrency: CONCURRENCY });
      const cpu = new Map([...treeCpuSeconds()].map(([label, seconds]) => [label, seconds - (before.get(label) ?? 0)]));
      runs.push({ path, load, cpu });
    }
    // Taken with everything still up, right after the load.
    return { startedInMs: stack.startedInMs, runs, memory: treeMemory(), launchers: launcherMemory() };
  } finally {
    await stack.stop();
  }
}

export function apiReport(api: ApiFigures): string {
  const rows = api.runs.map(({ path, load, cpu }) => {
    const wall = load.elapsedMs / 1000;
    const cpuShare = (label: string) => `${(cpu.get(label) ?? 0).toFixed(1)} s (${((100 * (cpu.get(label) ?? 0)) / wall).toFixed(0)}%)`;
    const failures = [...load.failures].map(([why, n]) => `${n}× ${why}`).join(', ');
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
    '  CPU = seconds used during the measured requests (% of one core over the run). Client and gateway share',
    '  this one Node process, and the 2 cores with DynamoDB Local: a local figure for spotting regressions,',
    '  not a prediction of API Gateway + Lambda.',
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
