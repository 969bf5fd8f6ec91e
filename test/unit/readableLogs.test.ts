import { Writable } from 'node:stream';
import { logEntryOf, readableOutput, showLogsReadably } from '../../infra/local/readableLogs';

/** Entries as the Powertools logger of the handlers writes them (taken from `npm start`). */
const refused = {
  level: 'INFO',
  message: 'request refused',
  timestamp: '2026-12-02T15:09:07.077Z',
  service: 'portico',
  cold_start: false,
  function_arn: 'arn:aws:lambda:local:000000000000:function:portico-auth',
  function_memory_size: '512',
  function_name: 'portico-auth',
  function_request_id: 'da1143f1-c1ec-4935-9fe5-22e5b7568d36',
  sampling_rate: 0,
  requestId: 'c5d7bd12-be3d-4a96-9d7b-0b14b37c8bb7',
  route: 'POST /api/auth/login',
  tenantId: 'demo',
  status: 401,
  title: 'Unauthorized',
};
const notified = {
  level: 'INFO',
  message: 'contact notified',
  timestamp: '2026-12-02T15:08:35.561Z',
  service: 'portico',
  cold_start: false,
  function_name: 'portico-notify',
  function_request_id: 'faff3620-399f-4bcc-8e74-d0d981779726',
  sampling_rate: 0,
  target: 'notifyContact',
  eventId: '8a1f0c55-1f0e-4a55-9c1b-1b0f1d7e3f40',
  detailType: 'document.published',
  tenantId: 'demo',
  documentId: 'bl-so-2034',
  messageId: 'ses-382959940',
};
const failed = {
  level: 'ERROR',
  message: 'request failed',
  timestamp: '2026-12-02T15:10:00.000Z',
  function_name: 'portico-portal',
  route: 'GET /api/dashboard',
  tenantId: 'acme',
  error: {
    name: 'ResourceNotFoundException',
    location: '/work/functions/repositories/db.ts:112',
    message: 'Requested resource not found',
    stack: 'ResourceNotFoundException: Requested resource not found\n    at a (x.ts:1)\n    at b (y.ts:2)',
  },
};
const time = (iso: string) => new Date(iso).toTimeString().slice(0, 8);

describe('readable logs of npm start', () => {
  it('turns a handler entry into one short line: time, level, Lambda, route, tenant, message, its own keys', () => {
    const line = readableOutput(`${JSON.stringify(refused)}\n`);
    expect(line).toBe(`${time(refused.timestamp)}  INFO   auth      POST /api/auth/login  demo  request refused  status=401 title=Unauthorized\n`);
  });

  it('names the event target and its detail type for the notify Lambda, and leaves out ids and the Lambda context', () => {
    const line = readableOutput(JSON.stringify(notified));
    expect(line).toContain('notify    notifyContact (document.published)  demo  contact notified  documentId=bl-so-2034 messageId=ses-382959940');
    expect(line).not.toMatch(/faff3620|8a1f0c55|cold_start|sampling_rate|function_/);
  });

  it('names the detail type when the entry has no target', () => {
    const { target: _target, ...withoutTarget } = notified;
    expect(readableOutput(JSON.stringify(withoutTarget))).toContain('notify    document.published  demo  contact notified');
  });

  it('shows an error as its name, message and place, on the same one line', () => {
    const line = readableOutput(`${JSON.stringify(failed)}\n`);
    expect(line.trimEnd().split('\n')).toHaveLength(1);
    expect(line).toContain(
      'ERROR  portal    GET /api/dashboard  acme  request failed  error=ResourceNotFoundException: Requested resource not found (repositories/db.ts:112)',
    );
  });

  it('makes one line of an entry pretty-printed over several (POWERTOOLS_DEV)', () => {
    expect(
      readableOutput(`${JSON.stringify(refused, null, 4)}\n`)
        .trimEnd()
        .split('\n'),
    ).toHaveLength(1);
  });

  it('leaves everything else as written', () => {
    for (const text of [
      'Portico is running (ready in 6.8 s). Open:\n',
      '{"not":"a log entry"}\n',
      '{ broken json "level"\n',
      'local gateway error Error: x\n    at y (z.ts:1)\n',
    ]) {
      expect(readableOutput(text)).toBe(text);
    }
    expect(logEntryOf('{"level":"INFO","message":"m"}')).toBeUndefined();
  });

  it('rewrites what is written to a stream, entries among other lines included', () => {
    const written: string[] = [];
    const stream = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        written.push(chunk.toString());
        done();
      },
    }) as unknown as NodeJS.WriteStream;
    showLogsReadably([stream]);
    stream.write(`${JSON.stringify(refused)}\n`);
    stream.write(Buffer.from(`before\n${JSON.stringify(notified)}\nafter\n`));
    stream.write('plain\n');
    expect(written.join('')).not.toMatch(/"level"/);
    expect(written[1]).toMatch(/^before\n\d\d:\d\d:\d\d {2}INFO .* contact notified .*\nafter\n$/);
    expect(written[2]).toBe('plain\n');
  });
});
