/**
 * A small closed-loop load generator: `concurrency` workers, each starting its next
 * request as soon as its previous one is answered, until `requests` have been sent or
 * the deadline passes. `runLoad` sends HTTP requests to the local gateway on one keep-alive
 * agent (loopback only); a load worker does the same from a Node process of its own, so
 * the client does not share the gateway's event loop and core.
 */
import { Agent, request } from 'node:http';
import { serveWhenForked, startWorker, type Worker } from './ownProcess';

export interface LoopOptions {
  requests: number;
  concurrency: number;
  /** Stop sending new requests after this long, whatever is left. */
  deadlineMs?: number;
}

export interface LoadOptions extends LoopOptions {
  port: number;
  host: string;
  path: string;
  /** Sent with every request (a signed-in caller's cookie). */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  /** Status code (or error code) → count, for everything that was not 2xx. */
  failures: Record<string, number>;
  /** Of the answered requests only. */
  latenciesMs: number[];
  elapsedMs: number;
}

/** Runs `one` in a closed loop; `one` resolves to undefined when it succeeded, else to why it failed. */
export async function closedLoop(options: LoopOptions, one: () => Promise<string | undefined>): Promise<LoadResult> {
  const { requests, concurrency, deadlineMs = 45_000 } = options;
  const result: LoadResult = { sent: 0, ok: 0, failed: 0, failures: {}, latenciesMs: [], elapsedMs: 0 };
  const started = process.hrtime.bigint();
  const deadline = Date.now() + deadlineMs;
  const worker = async () => {
    while (result.sent < requests && Date.now() < deadline) {
      result.sent++;
      const sentAt = process.hrtime.bigint();
      const failure = await one().catch((err: NodeJS.ErrnoException) => err.code ?? err.message);
      if (failure === undefined) {
        result.ok++;
        result.latenciesMs.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
      } else {
        result.failed++;
        result.failures[failure] = (result.failures[failure] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  result.elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  return result;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { port, host, path, headers = {}, timeoutMs = 10_000 } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const once = () =>
    new Promise<string | undefined>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent, headers: { ...headers, host } }, (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          resolve(status >= 200 && status < 300 ? undefined : String(status));
        });
        res.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
      });
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
      req.end();
    });
  try {
    return await closedLoop(options, once);
  } finally {
    agent.destroy();
  }
}

/** A Node process of its own that runs loads, warm from one to the next. */
export const startLoadWorker = (): Worker<LoadOptions, LoadResult> => startWorker(__filename);

/** Results of runs of the same load, as one. */
export function merged(results: LoadResult[]): LoadResult {
  const failures: Record<string, number> = {};
  for (const r of results) for (const [why, n] of Object.entries(r.failures)) failures[why] = (failures[why] ?? 0) + n;
  return {
    sent: results.reduce((s, r) => s + r.sent, 0),
    ok: results.reduce((s, r) => s + r.ok, 0),
    failed: results.reduce((s, r) => s + r.failed, 0),
    failures,
    latenciesMs: results.flatMap((r) => r.latenciesMs),
    elapsedMs: results.reduce((s, r) => s + r.elapsedMs, 0),
  };
}

serveWhenForked(__filename, runLoad);
