/**
 * What runs in a local Lambda's own process (lambdaProcess.ts), standing in for Lambda's
 * runtime: it requires the bundle it is given (`argv[2]`) once, as a cold start does, and
 * runs each invocation the parent sends over IPC through its `handler`, answering done or
 * the error. Bundled on its own (lambdaBundles.ts), so it runs in plain Node.
 */
import { lambdaContext } from './lambdaContext';

export interface HostInvocation {
  id: number;
  functionName: string;
  timeoutMs: number;
  payload: unknown;
}

export type HostAnswer = { id: number; ok: true } | { id: number; ok: false; error: string };

type Handler = (payload: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

const send = (answer: HostAnswer) => process.send?.(answer);

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
