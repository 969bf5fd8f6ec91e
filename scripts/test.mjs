// `npm test`: builds the site (the browser and gateway tests serve dist/web), then runs the
// typecheck and the lint beside jest rather than before it. tsc alone takes about a minute
// of one core, and jest's workers spend much of their time waiting on Chromium, DynamoDB
// Local and the gateway, so the checks mostly fill those gaps. Each prints its verdict (and, if it failed, its output) when
// it ends, which is long before jest's, so jest's closing `Tests:` line stays the run's last.
// The run fails if any of the three fails. Arguments go to jest (`npm test -- test/unit`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const JEST = fileURLToPath(new URL('../node_modules/jest/bin/jest.js', import.meta.url));

/** Runs a command; `quiet` collects its output to print when it ends instead of as it comes. */
function run(command, args, { quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (c) => (output += c));
    child.stderr?.on('data', (c) => (output += c));
    child.on('close', (code, signal) => resolve({ name: [command, ...args].join(' '), code: code ?? (signal ? 1 : 0), output }));
  });
}

const build = await run(npm, ['run', 'build:web']);
if (build.code !== 0) process.exit(build.code);

let failed = false;
const verdict = (check) => {
  process.stdout.write(`\n> ${check.name}: ${check.code === 0 ? 'passed' : 'FAILED'}\n`);
  if (check.code !== 0) {
    process.stdout.write(check.output);
    failed = true;
  }
};
const checks = [run(npm, ['run', 'typecheck'], { quiet: true }), run(npm, ['run', 'lint'], { quiet: true })].map((c) => c.then(verdict));
const jest = await run(process.execPath, [JEST, ...process.argv.slice(2)]);
await Promise.all(checks);
process.exit(failed || jest.code !== 0 ? 1 : 0);
