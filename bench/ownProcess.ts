/**
 * A bench section measured in a Node process of its own: a process's SDK clients are made
 * once, bound to the endpoints of the first local stack it started (the API section's),
 * and a read meter must see only its own stack's calls. The section's module runs itself
 * when started as `tsx <module> --out <file> --in <file>`: it reads its input (JSON) from the one
 * and writes its figures to the other.
 */
import { execFile, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../infra/local/runtime';

/** Starts `module` in a process of its own and returns the figures it wrote. Handler logs stay quiet unless it fails. */
export async function inOwnProcess<T>(module: string, timeoutMs: number, input: unknown = {}): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-out-'));
  const out = join(dir, 'figures.json');
  const inputFile = join(dir, 'input.json');
  writeFileSync(inputFile, JSON.stringify(input));
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        [join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), module, '--out', out, '--in', inputFile],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
          maxBuffer: 64 * 1024 * 1024,
          timeout: timeoutMs,
        },
        (err, _stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr.split('\n').slice(-15).join('\n')}`)) : resolve()),
      );
    });
    return JSON.parse(readFileSync(out, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** In `module`, when this process is the one inOwnProcess started: measures and writes the figures, then exits. */
export function measureWhenStarted<I>(module: string, measure: (input: I) => Promise<unknown>): void {
  if (process.argv[1] !== module || process.argv[2] !== '--out') return;
  measure(JSON.parse(readFileSync(process.argv[5]!, 'utf8')) as I).then(
    (figures) => {
      writeFileSync(process.argv[3]!, JSON.stringify(figures));
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

/** A Node process of its own that stays up between runs, so what it measures runs warm (JIT, connections). */
export interface Worker<I, O> {
  run(input: I): Promise<O>;
  stop(): void;
}

/** Forks `module` as a worker; the module serves with `serveWhenForked`. */
export function startWorker<I, O>(module: string): Worker<I, O> {
  const child = fork(module, ['--worker'], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
  });
  const waiting = new Map<number, { resolve(output: O): void; reject(err: Error): void }>();
  let next = 0;
  child.on('message', (message: { id: number; output?: O; error?: string }) => {
    const run = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error !== undefined) run?.reject(new Error(message.error));
    else run?.resolve(message.output as O);
  });
  child.on('exit', (code) => {
    for (const run of waiting.values()) run.reject(new Error(`bench worker ${module} exited (${code})`));
    waiting.clear();
  });
  return {
    run: (input) =>
      new Promise<O>((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        child.send({ id, input });
      }),
    stop: () => child.kill(),
  };
}

/** In `module`, when this process is a worker `startWorker` forked: answers each run. */
export function serveWhenForked<I, O>(module: string, run: (input: I) => Promise<O>): void {
  if (process.argv[1] !== module || process.argv[2] !== '--worker' || !process.send) return;
  process.on('message', (message: { id: number; input: I }) => {
    run(message.input).then(
      (output) => process.send!({ id: message.id, output }),
      (err: Error) => process.send!({ id: message.id, error: err.stack ?? err.message }),
    );
  });
  // Ends with its parent, however that ends.
  process.on('disconnect', () => process.exit(0));
}
