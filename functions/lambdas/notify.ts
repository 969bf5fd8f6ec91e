import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventEnvelope } from '../../events/catalogue';
import type { RuleTarget } from '../../events/rules';
import { logger } from '../aws/logger';
import { targets } from '../notify/targets';

/**
 * Every rule of the rule table invokes this one function with `{ target, event }`
 * (an EventBridge input transformer in the cloud, the local bus locally). A thrown
 * error makes EventBridge retry and, in the end, park the event in the rule's DLQ.
 */
export interface NotifyInvocation {
  target: RuleTarget;
  event: EventEnvelope;
}

export const handler = middy<NotifyInvocation, void, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async ({ target, event }) => {
    logger.appendKeys({ target, eventId: event?.id, detailType: event?.['detail-type'] });
    const run = targets[target];
    if (!run) throw new Error(`Unknown notify target ${String(target)}`);
    await run(event);
  });
