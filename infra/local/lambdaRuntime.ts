import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { ApiLambda } from '../../functions/routes';
import type { LambdaHandler } from '../../functions/http/types';
import type { EventLambda } from '../../events/rules';
import type { NotifyInvocation } from '../../functions/lambdas/notify';
import type { PdfInvocation } from '../../functions/lambdas/pdf';

/**
 * Loads the very Lambda entries the CDK stacks bundle (`functions/lambdas/<name>.ts`)
 * and invokes them with a Lambda-shaped context. Loaded on first use, like a cold start.
 */
const loaded = new Map<string, unknown>();

function load<T>(entry: string): T {
  if (!loaded.has(entry)) loaded.set(entry, require(`../../functions/lambdas/${entry}`).handler);
  return loaded.get(entry) as T;
}

export function lambdaContext(functionName: string, timeoutMs = 29_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export const apiLambda = (lambda: ApiLambda): LambdaHandler => load<LambdaHandler>(lambda);

export const notifyLambda = (): ((invocation: NotifyInvocation, context: Context) => Promise<void>) => load('notify');

/** The Lambda a rule of the rule table invokes with `{ target, event }`: `notify` or `pdf`. */
export const eventLambda = (lambda: EventLambda): ((invocation: NotifyInvocation | PdfInvocation, context: Context) => Promise<void>) => load(lambda);
