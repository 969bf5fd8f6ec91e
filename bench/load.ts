/**
 * A small closed-loop load generator: `concurrency` workers on one keep-alive agent,
 * each sending the next request as soon as its previous one is answered, until
 * `requests` have been sent or the deadline passes. Loopback only.
 */
import { Agent, request } from 'node:http';

export interface LoadOptions {
  port: number;
  host: string;
  path: string;
  requests: number;
  concurrency: number;
  /** Stop sending new requests after this long, whatever is left. */
  deadlineMs?: number;
  timeoutMs?: number;
}

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  /** Status code (or error code) → count, for everything that was not 2xx. */
  failures: Map<string, number>;
  latenciesMs: number[];
  elapsedMs: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { port, host, path, requests, concurrency, deadlineMs = 45_000, timeoutMs = 10_000 } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const result: LoadResult = { sent: 0, ok: 0, failed: 0, failures: new Map(), latenciesMs: [], elapsedMs: 0 };
  const fail = (why: string) => {
    result.failed++;
    result.failures.set(why, (result.failures.get(why) ?? 0) + 1);
  };
  const started = process.hrtime.bigint();
  const deadline = Date.now() + deadlineMs;

  const once = () =>
    new Promise<void>((resolve) => {
      const sentAt = process.hrtime.bigint();
      const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent, headers: { host } }, (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            result.ok++;
            result.latenciesMs.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
          } else fail(String(status));
          resolve();
        });
        res.on('error', (err: NodeJS.ErrnoException) => {
          fail(err.code ?? err.message);
          resolve();
        });
      });
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (err: NodeJS.ErrnoException) => {
        fail(err.code ?? err.message);
        resolve();
      });
      req.end();
    });

  const worker = async () => {
    while (result.sent < requests && Date.now() < deadline) {
      result.sent++;
      await once();
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  result.elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  return result;
}
