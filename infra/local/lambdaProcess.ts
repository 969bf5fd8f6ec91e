import { type ChildProcess, fork } from 'node:child_process';
import type { HostAnswer, HostInvocation, HostOutput } from './lambdaHost';
import { hostBundle, lambdaBundle } from './lambdaBundles';

/**
 * A Lambda of the local runtime that runs in a Node process of its own, as it does in the
 * cloud, so its CPU-heavy work (the pdf Lambda's renders) never blocks the gateway's
 * requests. The process runs the bundle the CDK would deploy (lambdaBundles.ts) with the
 * environment the gateway's Lambdas get; it starts on the first invocation (a cold start)
 * and stays warm while it is used: after `idleMs` without an invocation it ends, as Lambda
 * reclaims an idle sandbox, so an idle `npm start` does not hold the renderer's memory (about
 * 200 MB with its fonts), and the next invocation is a cold start again. An invocation that throws, times out or finds the process dead rejects,
 * so the bus retries and keeps dead letters as with an in-process Lambda; a timed-out or
 * crashed process is replaced on the next invocation, as Lambda replaces a sandbox.
 *
 * It dies with its stack: `stop()` ends it, and the host exits when the IPC channel to its
 * parent closes, which a SIGKILL of the parent closes too.
 */
/** How long a local Lambda process stays warm without an invocation (`PORTICO_LAMBDA_IDLE_MS`; Lambda keeps an idle sandbox for minutes, not promised). */
export const lambdaIdleMs = (): number => Number(process.env.PORTICO_LAMBDA_IDLE_MS) || 60_000;

export class LambdaProcess {
  private child?: ChildProcess;
  private starting?: Promise<ChildProcess>;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(): void; reject(err: Error): void; timer: NodeJS.Timeout }>();
  private stopped = false;
  private idleTimer?: NodeJS.Timeout;

  constructor(
    private readonly lambda: string,
    private readonly environment: Record<string, string | undefined>,
    private readonly timeoutMs: number,
    private readonly idleMs = lambdaIdleMs(),
  ) {}

  async invoke(payload: unknown): Promise<void> {
    if (this.stopped) throw new Error(`Lambda ${this.lambda} was stopped`);
    clearTimeout(this.idleTimer);
    const child = await this.start();
    if (this.stopped || !child.connected) throw new Error(`Lambda ${this.lambda}'s process is gone`);
    const id = ++this.nextId;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        // Lambda ends a sandbox whose invocation ran out of time; the next invocation starts a new one.
        this.fail(id, new Error(`Task timed out after ${(this.timeoutMs / 1000).toFixed(2)} seconds`));
        child.kill('SIGKILL');
      }, this.timeoutMs);
      this.waiting.set(id, { resolve, reject, timer });
      // The IPC channel keeps this process alive only while an invocation is out.
      child.channel?.ref();
      const invocation: HostInvocation = { id, functionName: `portico-${this.lambda}`, timeoutMs: this.timeoutMs, payload };
      child.send(invocation, (err) => err && this.fail(id, err));
    });
  }

  /** Ends the process; invocations still out reject. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.idleTimer);
    const child = this.child ?? (await this.starting?.catch(() => undefined));
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }

  private start(): Promise<ChildProcess> {
    if (this.child) return Promise.resolve(this.child);
    this.starting ??= this.fork().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async fork(): Promise<ChildProcess> {
    const [host, bundle] = await Promise.all([hostBundle(), lambdaBundle(this.lambda)]);
    // Plain Node, whatever runs the gateway (tsx under `npm start`, jest's worker): the bundle is JavaScript.
    const child = fork(host, [bundle], { env: this.environment, execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'json' });
    // Its log entries go where the gateway's go, one write each (npm start shows them readably: readableLogs.ts);
    // the host sends them over IPC, and what bypasses it (a crash's trace) comes through the pipes.
    child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.on('message', (message: HostAnswer | HostOutput) => {
      if ('stream' in message) process[message.stream].write(message.text);
      else if (message.ok) this.settle(message.id);
      else this.fail(message.id, new Error(message.error));
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      for (const id of [...this.waiting.keys()]) this.fail(id, new Error(`Lambda ${this.lambda}'s process exited (${signal ?? code}) during the invocation`));
    });
    // Neither the process nor its pipes keep the gateway's process alive; the IPC channel does while an invocation is out.
    child.unref();
    for (const pipe of [child.stdout, child.stderr]) (pipe as unknown as { unref?(): void } | null)?.unref?.();
    child.channel?.unref();
    this.child = child;
    return child;
  }

  private settle(id: number): void {
    const run = this.waiting.get(id);
    if (!run) return;
    this.waiting.delete(id);
    clearTimeout(run.timer);
    this.idleCheck();
    run.resolve();
  }

  private fail(id: number, err: Error): void {
    const run = this.waiting.get(id);
    if (!run) return;
    this.waiting.delete(id);
    clearTimeout(run.timer);
    this.idleCheck();
    run.reject(err);
  }

  private idleCheck(): void {
    if (this.waiting.size > 0) return;
    this.child?.channel?.unref();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const child = this.child;
      if (this.waiting.size > 0 || !child) return;
      this.child = undefined;
      child.kill('SIGTERM');
    }, this.idleMs);
    this.idleTimer.unref();
  }
}
