import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import type { StandIn } from './process';

/** s3rver in-process, with the files bucket created; objects persist under `dir`. */
export async function startS3Local(options: { port: number; dir: string; buckets: string[] }): Promise<StandIn> {
  mkdirSync(options.dir, { recursive: true });
  const server = new S3rver({
    port: options.port,
    address: '127.0.0.1',
    directory: options.dir,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  });
  await server.run();
  return {
    name: 'local S3',
    endpoint: `http://127.0.0.1:${options.port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
