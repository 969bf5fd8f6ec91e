import { createHash } from 'node:crypto';
import type { CardDetails } from './objects';

/**
 * Stripe's test card numbers and what each does, and the checks Stripe's card form makes
 * before anything is sent (complete number that passes the Luhn check, expiry not in the
 * past, a CVC of the right length), with Stripe's own wording.
 */

export type CardBehaviour = { kind: 'succeed' } | { kind: 'succeed_then_dispute' } | { kind: 'decline'; code: string; declineCode: string; message: string };

interface TestCard {
  behaviour: CardBehaviour;
  funding?: string;
}

const declined = (declineCode: string, message: string, code = 'card_declined'): TestCard => ({ behaviour: { kind: 'decline', code, declineCode, message } });

export const TEST_CARDS: Record<string, TestCard> = {
  '4242424242424242': { behaviour: { kind: 'succeed' } },
  '4000056655665556': { behaviour: { kind: 'succeed' }, funding: 'debit' },
  '5555555555554444': { behaviour: { kind: 'succeed' } },
  '378282246310005': { behaviour: { kind: 'succeed' } },
  '4000000000000259': { behaviour: { kind: 'succeed_then_dispute' } },
  '4000000000000002': declined('generic_decline', 'Your card was declined.'),
  '4000000000009995': declined('insufficient_funds', 'Your card has insufficient funds.'),
  '4000000000000069': declined('expired_card', 'Your card has expired.', 'expired_card'),
  '4000000000000127': declined('incorrect_cvc', "Your card's security code is incorrect.", 'incorrect_cvc'),
};

/** The numbers the checkout page's banner lists. */
export const ADVERTISED_CARDS = [
  { number: '4242 4242 4242 4242', does: 'succeeds' },
  { number: '4000 0000 0000 0002', does: 'is declined' },
  { number: '4000 0000 0000 0259', does: 'succeeds, then is disputed' },
] as const;

export interface CardInput {
  number?: string;
  expiry?: string;
  cvc?: string;
  name?: string;
  email?: string;
}

export interface AcceptedCard {
  number: string;
  details: CardDetails;
  behaviour: CardBehaviour;
  name: string | null;
}

export type CardField = 'number' | 'expiry' | 'cvc' | 'email';

/** Checks the form as Stripe's card element does; a problem names the field it belongs to. */
export function readCard(input: CardInput, today = new Date()): { card: AcceptedCard } | { field: CardField; message: string } {
  const number = (input.number ?? '').replace(/[\s-]/g, '');
  const brand = brandOf(number);
  if (!/^\d*$/.test(number)) return { field: 'number', message: 'Your card number is invalid.' };
  if (number.length < (brand === 'amex' ? 15 : 16)) return { field: 'number', message: 'Your card number is incomplete.' };
  if (number.length > 19 || !luhn(number)) return { field: 'number', message: 'Your card number is invalid.' };

  const expiry = (input.expiry ?? '').replace(/\D/g, '');
  if (expiry.length !== 4 && expiry.length !== 6) return { field: 'expiry', message: "Your card's expiration date is incomplete." };
  const month = Number(expiry.slice(0, 2));
  const year = expiry.length === 4 ? 2000 + Number(expiry.slice(2)) : Number(expiry.slice(2));
  if (month < 1 || month > 12) return { field: 'expiry', message: "Your card's expiration date is invalid." };
  const thisYear = today.getUTCFullYear();
  if (year < thisYear) return { field: 'expiry', message: "Your card's expiration year is in the past." };
  if (year === thisYear && month < today.getUTCMonth() + 1) return { field: 'expiry', message: "Your card's expiration date is in the past." };

  const cvc = (input.cvc ?? '').trim();
  if (!new RegExp(`^\\d{${brand === 'amex' ? 4 : 3}}$`).test(cvc)) return { field: 'cvc', message: "Your card's security code is incomplete." };

  const known = TEST_CARDS[number];
  const behaviour: CardBehaviour = known?.behaviour ?? {
    kind: 'decline',
    code: 'card_declined',
    declineCode: 'test_mode_live_card',
    message:
      'Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.',
  };
  const name = input.name?.trim() || null;
  return {
    card: {
      number,
      name,
      behaviour,
      details: {
        brand,
        country: 'US',
        exp_month: month,
        exp_year: year,
        fingerprint: createHash('sha256').update(number).digest('hex').slice(0, 16),
        funding: known?.funding ?? 'credit',
        last4: number.slice(-4),
      },
    },
  };
}

function brandOf(number: string): string {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^6(011|5)/.test(number)) return 'discover';
  return 'unknown';
}

function luhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
