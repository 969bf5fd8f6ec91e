import { appendFileSync } from 'node:fs';

/**
 * With PORTICO_TEST_CPU_LOG=<file>, appends one line per test file: its path, and the CPU
 * (user + system, in ms) and wall time its jest worker spent on it, to compare test files'
 * cost on a machine too loaded for wall time alone to mean much. Chromium and the shared
 * stand-ins are other processes: not counted here.
 */
const log = process.env.PORTICO_TEST_CPU_LOG;
if (log) {
  const cpu = process.cpuUsage();
  const wall = Date.now();
  afterAll(() => {
    const used = process.cpuUsage(cpu);
    appendFileSync(log, `${expect.getState().testPath}\t${Math.round((used.user + used.system) / 1000)}\t${Date.now() - wall}\n`);
  });
}
