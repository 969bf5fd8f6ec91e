/**
 * `npm start` is read by a person. The handlers log as they do in the cloud: one JSON object
 * per entry, through the Powertools logger (functions/aws/logger.ts). Where the local runtime
 * writes to its terminal, each such entry becomes one short line:
 *
 *   15:09:07  INFO   auth      POST /api/auth/login  demo  request refused  status=401 title=Unauthorized
 *
 * time, level, Lambda, route (or event target), tenant, message, and the entry's own keys
 * (not the Lambda context and ids Powertools adds to every entry). Anything that is not a
 * log entry passes through as written. Tests and the bench do not install it.
 */

/** Keys of every entry (Powertools' Lambda context, ids), or shown in their own place on the line. */
const NOT_SHOWN = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'cold_start',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'sampling_rate',
  'xray_trace_id',
  'requestId',
  'eventId',
  'route',
  'target',
  'detailType',
  'tenantId',
]);
const MAX_VALUE = 80;
/** Lambda names line up (the longest is `payments`). */
const LAMBDA_WIDTH = 8;

type Entry = Record<string, unknown> & { level: string; message: string; timestamp: string };

/** The entry a chunk of output holds, when it is one (a JSON object with Powertools' level, message and timestamp). */
export function logEntryOf(text: string): Entry | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  try {
    const parsed = JSON.parse(trimmed) as Record<string, unknown>;
    return typeof parsed.level === 'string' && typeof parsed.message === 'string' && typeof parsed.timestamp === 'string' ? (parsed as Entry) : undefined;
  } catch {
    return undefined;
  }
}

function shortValue(value: unknown): string {
  const error = value as { name?: unknown; message?: unknown; location?: unknown } | null;
  const text =
    error && typeof error === 'object' && typeof error.message === 'string'
      ? `${typeof error.name === 'string' ? `${error.name}: ` : ''}${error.message}${typeof error.location === 'string' ? ` (${error.location.split('/').slice(-2).join('/')})` : ''}`
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > MAX_VALUE ? `${oneLine.slice(0, MAX_VALUE - 1)}…` : oneLine;
}

/** One short line for a log entry. */
export function readableLine(entry: Entry): string {
  const at = new Date(entry.timestamp);
  const time = Number.isNaN(at.getTime()) ? entry.timestamp : at.toTimeString().slice(0, 8);
  const lambda = typeof entry.function_name === 'string' ? entry.function_name.replace(/^portico-/, '') : '';
  const detailType = typeof entry.detailType === 'string' ? entry.detailType : undefined;
  const where =
    typeof entry.route === 'string'
      ? entry.route
      : typeof entry.target === 'string'
        ? `${entry.target}${detailType ? ` (${detailType})` : ''}`
        : (detailType ?? '');
  const keys = Object.entries(entry)
    .filter(([key, value]) => !NOT_SHOWN.has(key) && value !== undefined && value !== null)
    .map(([key, value]) => `${key}=${shortValue(value)}`);
  const tenant = typeof entry.tenantId === 'string' ? entry.tenantId : '';
  return [time, entry.level.padEnd(5), lambda.padEnd(LAMBDA_WIDTH), where, tenant, entry.message, keys.join(' ')].filter((part) => part.trim()).join('  ');
}

/** A chunk of output as the terminal should show it: each log entry in it as its one line, the rest as it was. */
export function readableOutput(chunk: string): string {
  const whole = logEntryOf(chunk);
  // A pretty-printed entry (POWERTOOLS_DEV) spans lines but is written in one piece.
  if (whole) return `${readableLine(whole)}\n`;
  return chunk
    .split('\n')
    .map((line) => {
      const entry = logEntryOf(line);
      return entry ? readableLine(entry) : line;
    })
    .join('\n');
}

/** Rewrites what this process writes to its stdout and stderr through `readableOutput`. */
export function showLogsReadably(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
      // Only what may hold a log entry is decoded; other writes go through untouched.
      return write(text?.includes('"level"') ? readableOutput(text) : chunk, ...rest);
    }) as typeof stream.write;
  }
}
