/**
 * A bench section measured in a Node process of its own: a process's SDK clients are made
 * once, bound to the endpoints of the first local stack it started (the API section's),
 * and a read meter must see only its own stack's calls. The section's module runs itself
 * when started as `tsx <module> --out <file> --in <file>`: it reads its input (JSON) from the one
 * and writes its figures to the other.
 */
import { execFile } from 'node:child_process';
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
