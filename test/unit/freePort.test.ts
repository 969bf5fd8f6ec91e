import { createServer } from 'node:net';
import { freePort, portSlice } from '../../infra/local/standins/process';

describe('freePort', () => {
  it('hands out distinct ports below the ephemeral range, each one bindable', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(new Set(ports).size).toBe(20);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_768);
    }
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(ports[0], '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });

  it('never hands out a port something already listens on', async () => {
    const held = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => held.listen(port, '127.0.0.1', resolve));
    try {
      const others = await Promise.all(Array.from({ length: 50 }, () => freePort()));
      expect(others).not.toContain(port);
    } finally {
      await new Promise((resolve) => held.close(resolve));
    }
  });
});

describe('portSlice', () => {
  it('gives each jest worker its own disjoint part of the range', () => {
    const range = [20_000, 32_768] as const;
    expect(portSlice(range, 0)).toEqual([20_000, 32_768]);
    const slices = [1, 2, 3, 8].map((w) => portSlice(range, w));
    for (let i = 1; i < slices.length; i++) expect(slices[i]![0]).toBeGreaterThanOrEqual(slices[i - 1]![1]);
    expect(slices[3]![1]).toBeLessThanOrEqual(32_768);
    expect(portSlice(range, 9)).toEqual(portSlice(range, 1));
  });
});
