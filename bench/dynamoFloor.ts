/**
 * The floor of a signed-in route: the very DynamoDB calls one request of it makes, in the
 * same order and overlap, made directly with the SDK against the same DynamoDB Local at
 * the same concurrency, from a Node process of its own. What the route takes beyond its
 * floor is the gateway, the Lambda entry, the token check and the handler's own work.
 *
 * The calls are recorded from outside production code: an SDK middleware on the one
 * document client (`dynamo()`) of the process that runs the handlers. A call waits, in the
 * replay, for every call that had ended before it started in the recording, so what ran in
 * series still does and what ran side by side still does.
 */
import { BatchGetCommand, GetCommand, QueryCommand, TransactGetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../functions/table/db';
import { closedLoop, type LoadResult, type LoopOptions } from './load';
import { serveWhenForked, startWorker, type Worker } from './ownProcess';

export interface PlannedCall {
  command: string;
  input: Record<string, unknown>;
  /** Indexes of the calls that had ended before this one started. */
  after: number[];
}

/** A short description of a call, for the report: `Get TENANT#…/PORTALUSER#…`, `Query gsi1`. */
export interface CallStep {
  command: string;
  what: string;
  /** 1 + the longest chain of calls before it: calls of one round ran side by side. */
  round: number;
}

interface Recorded {
  command: string;
  input: Record<string, unknown>;
  startedAt: number;
  endedAt: number;
}

type Input = Record<string, unknown>;
/**
 * The reads a GET route makes, by the names the client's middleware sees: a document
 * client command runs as the base client's command (its input not yet marshalled there),
 * so it is replayed as the document client command again.
 */
const READS: Record<string, (input: Input) => Promise<unknown>> = {
  GetItemCommand: (input) => dynamo().send(new GetCommand(input as never)),
  QueryCommand: (input) => dynamo().send(new QueryCommand(input as never)),
  BatchGetItemCommand: (input) => dynamo().send(new BatchGetCommand(input as never)),
  TransactGetItemsCommand: (input) => dynamo().send(new TransactGetCommand(input as never)),
};

let recording: Recorded[] | undefined;
let installed = false;

/** Records the DynamoDB calls `run` makes in this process (run nothing else meanwhile). */
export async function recordCalls(run: () => Promise<unknown>): Promise<PlannedCall[]> {
  if (!installed) {
    dynamo().middlewareStack.add(
      (next, context) => async (args) => {
        const log = recording;
        const startedAt = performance.now();
        const result = await next(args);
        log?.push({
          command: String(context.commandName),
          input: structuredClone(args.input as Record<string, unknown>),
          startedAt,
          endedAt: performance.now(),
        });
        return result;
      },
      { step: 'initialize', name: 'benchCallRecorder', override: true },
    );
    installed = true;
  }
  recording = [];
  try {
    await run();
    return planOf(recording);
  } finally {
    recording = undefined;
  }
}

function planOf(calls: Recorded[]): PlannedCall[] {
  const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  for (const call of sorted) if (!READS[call.command]) throw new Error(`A GET route wrote to DynamoDB (${call.command}): its floor would not be a read`);
  return sorted.map((call) => ({
    command: call.command,
    input: call.input,
    after: sorted.flatMap((other, i) => (other.endedAt <= call.startedAt ? [i] : [])),
  }));
}

/** The plan as rounds, for the report. */
export function stepsOf(plan: PlannedCall[]): CallStep[] {
  const rounds: number[] = [];
  plan.forEach((call, i) => {
    rounds[i] = 1 + Math.max(0, ...call.after.map((j) => rounds[j]!));
  });
  return plan.map((call, i) => ({ command: call.command.replace(/(Item|Items)?Command$/, ''), what: describe(call.input), round: rounds[i]! }));
}

/** What a call reads, named by its partition's kinds: `USER`, `COMPANY/DOCS (gsi1)`. */
function describe(input: Input): string {
  // `TENANT#t#COMPANY#c#DOCS#invoice` → `COMPANY/DOCS`: every other part after the tenant's.
  const kinds = (key: string) =>
    key
      .split('#')
      .slice(2)
      .filter((_, i) => i % 2 === 0)
      .join('/');
  const key = input.Key as { pk?: string; sk?: string } | undefined;
  if (key) return kinds(String(key.pk)) || 'TENANT';
  const values = Object.values((input.ExpressionAttributeValues as Record<string, unknown> | undefined) ?? {});
  const partition = values.find((v): v is string => typeof v === 'string' && v.startsWith('TENANT#')) ?? '';
  return `${kinds(partition)}${input.IndexName ? ` (${input.IndexName})` : ''}`;
}

async function replay(plan: PlannedCall[]): Promise<void> {
  const done: Array<Promise<unknown>> = [];
  plan.forEach((call, i) => {
    done[i] = Promise.all(call.after.map((j) => done[j])).then(() => READS[call.command]!(call.input));
  });
  await Promise.all(done);
}

export interface FloorOptions extends LoopOptions {
  plan: PlannedCall[];
  /** The handlers' environment: the table and DynamoDB Local's endpoint and credentials. */
  env: Record<string, string>;
}

async function measureFloor(options: FloorOptions): Promise<LoadResult> {
  Object.assign(process.env, options.env);
  return closedLoop(options, () => replay(options.plan).then(() => undefined));
}

/** A Node process of its own that measures floors, its SDK client warm from one run to the next. */
export const startFloorWorker = (): Worker<FloorOptions, LoadResult> => startWorker(__filename);

serveWhenForked(__filename, measureFloor);
