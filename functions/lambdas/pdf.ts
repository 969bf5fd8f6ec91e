import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventEnvelope } from '../../events/catalogue';
import type { PdfTarget } from '../../events/rules';
import { logger } from '../aws/logger';
import { pdfTargets } from '../documents/pdf/pdfRendering';

/**
 * The PDF renderer: the targets of the rule-table rows whose `lambda` is `pdf`, invoked as
 * `{ target, event }` like the notify Lambda (an EventBridge input transformer in the cloud,
 * the local bus locally). A Lambda of its own because pdf-lib, fontkit and the Noto fonts
 * would not fit the request path's 600 KB bundle budget (docs/architecture.md, Budgets).
 * A thrown error makes EventBridge retry and, in the end, park the event in the rule's DLQ.
 */
export interface PdfInvocation {
  target: PdfTarget;
  event: EventEnvelope;
}

export const handler = middy<PdfInvocation, void, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async ({ target, event }) => {
    logger.appendKeys({ target, eventId: event?.id, detailType: event?.['detail-type'] });
    const run = pdfTargets[target];
    if (!run) throw new Error(`Unknown pdf target ${String(target)}`);
    await run(event);
  });
