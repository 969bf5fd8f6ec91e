import { lambdaEntry } from '../http/lambdaEntry';
import payments from '../payments/handlers/payments';
import * as commerce from '../commerce/handlers/payments';

/** Online payments: Stripe Checkout, its webhook, payment settings. */
export const handler = lambdaEntry('payments', {
  payments,
  commerce,
});
