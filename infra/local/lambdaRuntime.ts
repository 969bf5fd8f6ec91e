import type { Context } from 'aws-lambda';
import type { ApiLambda } from '../../functions/routes';
import type { LambdaHandler } from '../../functions/http/types';
import { EVENT_LAMBDA_TIMEOUT_SECONDS, type EventLambda } from '../../events/rules';
import type { NotifyInvocation } from '../../functions/lambdas/notify';
import type { PdfInvocation } from '../../functions/lambdas/pdf';

export { lambdaContext } from './lambdaContext';

/**
 * Loads the very Lambda entries the CDK stacks bundle (`functions/lambdas/<name>.ts`)
 * and invokes them with a Lambda-shaped context. Loaded on first use, like a cold start.
 */
const loaded = new Map<string, unknown>();

function load<T>(entry: string): T {
  if (!loaded.has(entry)) loaded.set(entry, require(`../../functions/lambdas/${entry}`).handler);
  return loaded.get(entry) as T;
}

export const apiLambda = (lambda: ApiLambda): LambdaHandler => load<LambdaHandler>(lambda);

export const notifyLambda = (): ((invocation: NotifyInvocation, context: Context) => Promise<void>) => load('notify');

/** The Lambda a rule of the rule table invokes with `{ target, event }`: `notify` or `pdf`. */
export const eventLambda = (lambda: EventLambda): ((invocation: NotifyInvocation | PdfInvocation, context: Context) => Promise<void>) => load(lambda);

/**
 * Event Lambdas that run in a Node process of their own (lambdaProcess.ts) rather than in
 * the gateway's: the pdf Lambda, whose renders (pdf-lib, fontkit, Noto) take the CPU for
 * hundreds of ms to seconds and would hold up every request of the stack meanwhile. notify
 * is light and stays in-process (tests read its mail from the SES stand-in either way).
 */
export const OWN_PROCESS_LAMBDAS: ReadonlySet<EventLambda> = new Set<EventLambda>(['pdf']);

/** Each event Lambda's timeout, the one the CDK stack sets (events/rules.ts). */
export const EVENT_LAMBDA_TIMEOUT_MS = Object.fromEntries(
  Object.entries(EVENT_LAMBDA_TIMEOUT_SECONDS).map(([lambda, seconds]) => [lambda, seconds * 1000]),
) as Record<EventLambda, number>;
