import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * The stand-ins take any credentials (DynamoDB Local keeps one shared database), so none
 * may be reachable from another machine: every one listens on loopback only.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: false });
});
afterAll(() => stack?.stop());

/** An IPv4 address of this machine that is not loopback: what another machine would connect to. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

/** Whether a TCP connection to address:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function standInPorts(): Record<string, number> {
  const { endpoints } = stack;
  const port = (url: string) => Number(new URL(url).port);
  return {
    'DynamoDB Local': port(endpoints.dynamodb),
    'cognito-local': port(endpoints.cognito),
    'local SES and its mailbox': port(endpoints.ses),
    'local S3': port(endpoints.s3),
    'local Stripe': port(stack.stripe.endpoint),
    'local event bus': port(process.env.EVENTBRIDGE_ENDPOINT!),
    'portal gateway': stack.port,
  };
}

describe('stand-ins listen on loopback only', () => {
  it('each answers on 127.0.0.1', async () => {
    for (const [name, port] of Object.entries(standInPorts())) expect({ name, accepts: await accepts('127.0.0.1', port) }).toEqual({ name, accepts: true });
  });

  if (!outsideAddress) console.warn('Skipped: this machine has no non-loopback IPv4 address to try the stand-ins on.');
  (outsideAddress ? it : it.skip)(`none answers on the machine's other address (${outsideAddress ?? 'none found'})`, async () => {
    for (const [name, port] of Object.entries(standInPorts()))
      expect({ name, accepts: await accepts(outsideAddress!, port) }).toEqual({ name, accepts: false });
  });
});
