/**
 * This process and every process under it (DynamoDB Local's java, cognito-local's node,
 * tsx's esbuild), read from /proc: resident memory and CPU time.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessMemory {
  pid: number;
  label: string;
  rssBytes: number;
  /** VmHWM: the process's own peak resident size. */
  peakBytes: number;
}

/** Linux's USER_HZ, the unit of utime/stime in /proc/<pid>/stat; 100 on every mainstream kernel. */
const CLOCK_TICKS = 100;

export function processTree(rootPid = process.pid): Array<{ pid: number; label: string }> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = statFields(Number(entry))?.[1];
    if (ppid === undefined) continue;
    children.set(Number(ppid), [...(children.get(Number(ppid)) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree.map((pid) => ({ pid, label: pid === rootPid ? 'this process' : labelOf(pid) }));
}

export function treeMemory(rootPid = process.pid): ProcessMemory[] {
  return processTree(rootPid).flatMap(({ pid, label }) => {
    const status = read(`/proc/${pid}/status`);
    return status ? [{ pid, label, rssBytes: kbField(status, 'VmRSS'), peakBytes: kbField(status, 'VmHWM') }] : [];
  });
}

/**
 * The launchers above this process (`npm run` and the tsx CLI that re-spawns node with
 * its loader): part of what `npm start` keeps resident, though not of the stack itself.
 */
export function launcherMemory(pid = process.pid): ProcessMemory[] {
  const launchers: ProcessMemory[] = [];
  for (let ppid = Number(statFields(pid)?.[1]); ppid > 1; ppid = Number(statFields(ppid)?.[1])) {
    const label = launcherLabel(ppid);
    const status = read(`/proc/${ppid}/status`);
    if (!label || !status) break;
    launchers.push({ pid: ppid, label, rssBytes: kbField(status, 'VmRSS'), peakBytes: kbField(status, 'VmHWM') });
  }
  return launchers;
}

function launcherLabel(pid: number): string | undefined {
  const cmdline = (read(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ');
  const comm = (read(`/proc/${pid}/comm`) ?? '').trim(); // npm renames itself, e.g. "npm run bench"
  if (comm.startsWith('npm')) return `${comm} (node)`;
  if (comm === 'node' && /\btsx\b/.test(cmdline)) return 'tsx CLI (node)';
  if (comm === 'sh' && /\btsx\b/.test(cmdline)) return 'sh (npm script shell)';
  return undefined;
}

/** CPU seconds (user + system) each process of the tree has used so far, by label. */
export function treeCpuSeconds(rootPid = process.pid): Map<string, number> {
  const cpu = new Map<string, number>();
  for (const { pid, label } of processTree(rootPid)) {
    const fields = statFields(pid);
    // After the command name: state is field 3, so utime (14) and stime (15) are at 11 and 12.
    if (fields) cpu.set(label, (cpu.get(label) ?? 0) + (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
  }
  return cpu;
}

/** Fields of /proc/<pid>/stat from field 3 on; the command name may hold spaces and ')'. */
function statFields(pid: number): string[] | undefined {
  const stat = read(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function labelOf(pid: number): string {
  const cmdline = (read(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ');
  if (cmdline.includes('DynamoDBLocal.jar')) return 'DynamoDB Local (java)';
  if (cmdline.includes('cognito-local')) return 'cognito-local (node)';
  if (/esbuild.*--service/.test(cmdline)) return "esbuild (tsx's TypeScript transformer)";
  return (read(`/proc/${pid}/comm`) ?? '?').trim();
}

const kbField = (status: string, name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? 0) * 1024;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended while we looked
  }
}
