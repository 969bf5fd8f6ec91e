import type { EventEnvelope } from '../../events/catalogue';
import type { RuleTarget } from '../../events/rules';
import { lambdaContext, notifyLambda } from '../../infra/local/lambdaRuntime';

/** Invokes the notify Lambda entry for one target, as a rule (cloud or local) would. */
export const notifyLambdaFor = (target: RuleTarget) => (event: EventEnvelope) => notifyLambda()({ target, event }, lambdaContext('portico-notify'));
