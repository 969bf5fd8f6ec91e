import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { freePort, pickPort, portSlice, RESERVATIONS } from '../../infra/local/standins/freePort';

const listening = async (port = 0): Promise<Server> => {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
};
const portOf = (server: Server) => (server.address() as { port: number }).port;
const closed = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('freePort', () => {
  it('hands out distinct ports below the ephemeral range, each one bindable', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(new Set(ports).size).toBe(20);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_768);
    }
    await closed(await listening(ports[0]));
  });

  it('reserves each port it hands out for as long as this process lives', async () => {
    const port = await freePort();
    expect(readFileSync(join(RESERVATIONS, String(port)), 'utf8')).toBe(String(process.pid));
  });
});

describe('pickPort', () => {
  it('skips a port something already listens on', async () => {
    // A port the kernel gave a listener (never one of ours): the only port of the slice, so only the bind check can refuse it.
    const held = await listening();
    try {
      const port = portOf(held);
      await expect(pickPort([port, port + 1])).rejects.toThrow(`No free loopback port between ${port} and ${port + 1}`);
    } finally {
      await closed(held);
    }
  });

  it('skips a port another live process has reserved, and takes over one whose process has died', async () => {
    const probe = await listening();
    const port = portOf(probe);
    await closed(probe);
    const file = join(RESERVATIONS, String(port));
    mkdirSync(RESERVATIONS, { recursive: true });
    try {
      // Another run's worker (the jest parent stands in for it: alive, not us) holds it.
      writeFileSync(file, String(process.ppid));
      await expect(pickPort([port, port + 1])).rejects.toThrow('No free loopback port');
      // A process that has exited.
      writeFileSync(file, String(spawnSync(process.execPath, ['-e', '0']).pid));
      expect(await pickPort([port, port + 1])).toBe(port);
      expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
    } finally {
      if (existsSync(file)) unlinkSync(file);
    }
  });
});

describe('portSlice', () => {
  const range = [20_000, 32_768] as const;

  it("gives the run's main process and each jest worker disjoint parts of the range", () => {
    // Worker 0 is the process that is no worker: the global setup, whose stand-ins run all along.
    const slices = [0, 1, 2, 3, 4, 5, 6, 7].map((w) => portSlice(range, w));
    for (const [low, high] of slices) {
      expect(low).toBeGreaterThanOrEqual(range[0]);
      expect(high).toBeLessThanOrEqual(range[1]);
      expect(high - low).toBeGreaterThan(1000);
    }
    for (let i = 0; i < slices.length; i++)
      for (let j = i + 1; j < slices.length; j++) {
        const [a, b] = [slices[i]!, slices[j]!];
        expect([i, j, a[1] <= b[0] || b[1] <= a[0]]).toEqual([i, j, true]);
      }
  });

  it('wraps a worker beyond the slices onto an earlier worker’s, never onto the main process’s', () => {
    expect(portSlice(range, 8)).toEqual(portSlice(range, 1));
    expect(portSlice(range, 14)).toEqual(portSlice(range, 7));
    expect(portSlice(range, 15)).not.toEqual(portSlice(range, 0));
  });
});
