/**
 * What runs in a local Lambda's own process (lambdaProcess.ts), standing in for Lambda's
 * runtime: it requires the bundle it is given (`argv[2]`) once, as a cold start does, and
 * runs each invocation the parent sends over IPC through its `handler`, answering done or
 * the error. Bundled on its own (lambdaBundles.ts), so it runs in plain Node.
 */
// Lambda runs Node 22; locally, Node 20 would have every SDK client warn that its 2027 releases need 22.
import './quietSdk';
import { lambdaContext } from './lambdaContext';

export interface HostInvocation {
  id: number;
  functionName: string;
  timeoutMs: number;
  payload: unknown;
}

export type HostAnswer = { id: number; ok: true } | { id: number; ok: false; error: string };

/** What the Lambda wrote, one write a message, so the parent writes each log entry whole, as an in-process Lambda's (readableLogs.ts reads it per write). */
export interface HostOutput {
  stream: 'stdout' | 'stderr';
  text: string;
}

type Handler = (payload: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

const send = (message: HostAnswer | HostOutput) => process.send?.(message);

for (const stream of ['stdout', 'stderr'] as const) {
  process[stream].write = ((chunk: string | Uint8Array) => {
    send({ stream, text: typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8') });
    return true;
  }) as typeof process.stdout.write;
}

// The parent is gone (stopped, or killed with SIGKILL): nothing can invoke this process again.
process.on('disconnect', () => process.exit(0));

let handler: Handler | undefined;
process.on('message', (invocation: HostInvocation) => {
  void run(invocation);
});

async function run({ id, functionName, timeoutMs, payload }: HostInvocation): Promise<void> {
  try {
    handler ??= (require(process.argv[2]!) as { handler: Handler }).handler;
    await handler(payload, lambdaContext(functionName, timeoutMs));
    send({ id, ok: true });
  } catch (err) {
    send({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}
