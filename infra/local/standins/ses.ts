import type { Server } from 'node:http';
import sesLocal from 'aws-ses-v2-local';
import type { StandIn } from './process';

/** aws-ses-v2-local in-process: SES v2 SendEmail, with the mailbox at `/` and `/store`. */
export async function startSesLocal(options: { port: number }): Promise<StandIn & { mailboxUrl: string }> {
  const server: Server = await sesLocal({ port: options.port, host: '127.0.0.1' });
  const endpoint = `http://127.0.0.1:${options.port}`;
  return {
    name: 'local SES',
    endpoint,
    mailboxUrl: `http://localhost:${options.port}/`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
