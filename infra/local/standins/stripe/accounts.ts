import { invalidRequest } from './errors';

/**
 * Connected accounts, as `GET /v1/accounts/:id` shows them to the platform. The stand-in
 * has no onboarding: every `acct_…` id is an account connected to the platform that can take
 * every method Portico offers, except two kinds of test ids (as test card numbers choose an
 * outcome):
 * - `acct_missing…`: no such account connected to this platform (Stripe's 403);
 * - `acct_cardonly…`: only card payments are active (Link and the debits are not).
 */
const CAPABILITIES = ['card_payments', 'link_payments', 'bacs_debit_payments', 'sepa_debit_payments', 'us_bank_account_ach_payments'] as const;

export function retrieveAccount(id: string): object {
  if (!/^acct_[A-Za-z0-9]+$/.test(id) || id.startsWith('acct_missing')) {
    throw invalidRequest(
      `The provided key does not have access to account '${id}' (or that account does not exist). Application access may have been revoked.`,
      undefined,
      'account_invalid',
      403,
    );
  }
  const cardOnly = id.startsWith('acct_cardonly');
  return {
    id,
    object: 'account',
    type: 'standard',
    charges_enabled: true,
    payouts_enabled: true,
    capabilities: Object.fromEntries(CAPABILITIES.map((c) => [c, !cardOnly || c === 'card_payments' ? 'active' : 'inactive'])),
  };
}
