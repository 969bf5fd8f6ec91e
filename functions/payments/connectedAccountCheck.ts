import { PROBLEM_TYPES } from '../../shared/problem';
import type { PaymentMethod } from '../../shared/api/payments';
import { logger } from '../aws/logger';
import { Problem, unprocessable, type FieldError } from '../core/problems';
import { stripe } from './stripe';
import { StripeApiError } from './stripeApi';

/** The capability of a connected account each payment method needs (Stripe's names). */
const CAPABILITY: Record<PaymentMethod, string> = {
  card: 'card_payments',
  link: 'link_payments',
  bacs_debit: 'bacs_debit_payments',
  sepa_debit: 'sepa_debit_payments',
  us_bank_account: 'us_bank_account_ach_payments',
};

/**
 * Settings are checked with Stripe when saved, not when a customer first tries to pay: the
 * connected account must be one Portico can act for, and each chosen method's capability
 * must be active on it. A refusal is a 422 naming `body.connectedAccountId` or each
 * `body.methods.<i>` (indexes of the request's own list); Stripe unreachable is a 502.
 */
export async function checkConnectedAccount(accountId: string, requested: readonly string[]): Promise<void> {
  let capabilities: Record<string, string | undefined>;
  try {
    const account = await (await stripe()).retrieveAccount(accountId);
    capabilities = (account.capabilities ?? {}) as Record<string, string | undefined>;
  } catch (err) {
    // Stripe answers 403 for an account not connected to this platform, 404 for no account at all.
    if (err instanceof StripeApiError && (err.status === 403 || err.status === 404)) {
      throw unprocessable('Unusable payment settings', 'Stripe does not know this connected account.', [
        { name: 'body.connectedAccountId', reason: 'is not a Stripe account connected to this platform' },
      ]);
    }
    logger.error('Stripe could not check the connected account', { accountId, error: (err as Error).message });
    throw new Problem(
      502,
      'Payment settings could not be checked',
      'The payment provider could not be asked about this account. Try again.',
      undefined,
      PROBLEM_TYPES.paymentProviderError,
    );
  }
  const errors: FieldError[] = requested.flatMap((method, i) =>
    capabilities[CAPABILITY[method as PaymentMethod]] === 'active'
      ? []
      : [{ name: `body.methods.${i}`, reason: `is not active on Stripe account ${accountId}` }],
  );
  if (errors.length) throw unprocessable('Unusable payment settings', 'The connected account cannot take every chosen payment method.', errors);
}
