import { createHash, randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import type { StartedPayment, StartPaymentBody } from '../../shared/api/payments';
import { isCreditNote } from '../../shared/documentKinds';
import { PROBLEM_TYPES } from '../../shared/problem';
import { auditWrites } from '../audit/audit';
import { logger } from '../aws/logger';
import type { PortalCaller } from '../core/callers';
import { conflict, notFound, Problem } from '../core/problems';
import { portalUrl } from '../core/portalUrl';
import { customerActor } from '../documents/documentActors';
import { documentRepository, type StoredDocument } from '../documents/documentRepository';
import { deadline, statusGroup } from '../documents/documentState';
import { failedAt, retryOnConflict, UnitOfWork } from '../table/unitOfWork';
import { paymentRepository, type StoredPayment } from './paymentRepository';
import { stripe } from './stripe';
import { formatAmount, partMinimum, STRIPE_MAXIMUM, stripeMinimum } from './amounts';
import { paymentOptions, type PaymentOptions } from './paymentOptions';

/**
 * A customer starts paying an invoice: Portico records a pending payment and makes a
 * Stripe Checkout Session on the tenant's connected account, with the amount and
 * currency from the table (never from the browser) and metadata naming tenant, invoice,
 * version and payment on both the session and its PaymentIntent.
 *
 * Exactly one checkout per invoice may take money at a time: the invoice item names it
 * (`openPayment`), written in the same transaction as the payment and conditional on
 * the invoice's revision, so two people (or two tabs) starting at once cannot both open
 * one. The same person asking again for the same amount (a double click, a retry, the
 * back button) gets the same session; anyone else closes the open one at Stripe first,
 * and if Stripe says it was just paid, is told so instead of paying twice.
 */

/** Checkout Sessions live 31 minutes: Stripe's minimum is 30 from creation, and the session is made just after the record. */
export const SESSION_MINUTES = 31;
/** Requests this close together with the same invoice, version, amount, payer and balance share an idempotency key. */
export const KEY_BUCKET_MS = 10 * 60_000;

export async function startPayment(caller: PortalCaller, documentId: string, body: StartPaymentBody): Promise<StartedPayment> {
  const [payer, options] = await Promise.all([customerActor(caller), paymentOptions(caller.tenantId, caller.company, true)]);
  let salt = '';
  return retryOnConflict(
    async () => {
      const doc = await payableInvoice(caller, documentId);
      if (!options.available || !options.settings) throw paymentsUnavailable(options);
      const amount = amountToPay(doc, body.amount, options);
      const now = Date.now();

      const open = doc.openPayment ? await paymentRepository.get(caller.tenantId, documentId, doc.openPayment.paymentId, true) : undefined;
      if (open && (open.status === 'pending' || open.status === 'failed' || open.status === 'processing')) {
        const sameRequest = open.payer.contactId === caller.userId && open.amount === amount && open.invoiceVersion === doc.version;
        const live = Date.parse(open.expiresAt) > now + 60_000;
        if (open.status === 'processing') throw processing(doc, open);
        if (sameRequest && live) return withSession(open, doc);
        if (live) await closeOpenCheckout(doc, open, now);
      }

      const key = idempotencyKey([
        caller.tenantId,
        documentId,
        doc.version,
        amount,
        doc.currency,
        doc.balance,
        caller.userId,
        Math.floor(now / KEY_BUCKET_MS),
        salt,
      ]);
      const payment: StoredPayment = {
        tenantId: caller.tenantId,
        paymentId: paymentIdOf(key),
        documentId,
        companyId: doc.companyId,
        invoiceNumber: doc.number,
        invoiceVersion: doc.version,
        payer: { contactId: caller.userId, name: payer.name, ...(payer.email ? { email: payer.email } : {}), via: caller.link ? 'direct-link' : 'portal' },
        amount,
        currency: doc.currency,
        kind: amount === doc.balance ? 'full' : 'part',
        status: 'pending',
        stripeAccount: options.settings.connectedAccountId,
        idempotencyKey: key,
        methods: options.methods,
        returnUrl: returnUrl(caller, documentId),
        expiresAt: new Date(now + SESSION_MINUTES * 60_000).toISOString(),
        refunded: 0,
        counted: 0,
        createdAt: new Date(now).toISOString(),
        updatedAt: new Date(now).toISOString(),
        revision: 1,
      };
      const next: StoredDocument = {
        ...doc,
        openPayment: { paymentId: payment.paymentId, contactId: caller.userId, amount, version: doc.version, expiresAt: payment.expiresAt },
        revision: doc.revision + 1,
        updatedAt: payment.createdAt,
      };
      next.statusGroup = statusGroup(next);
      const work = documentRepository
        .save(new UnitOfWork(), next, deadline(next), doc)
        .write(paymentRepository.createWrite(payment))
        .write(
          ...auditWrites(caller, {
            action: 'payment.started',
            subjects: [`company:${doc.companyId}`, `user:${caller.userId}`],
            details: { documentId, number: doc.number, paymentId: payment.paymentId, amount, currency: doc.currency, version: doc.version },
          }),
        );
      try {
        await work.commit();
      } catch (err) {
        // The payment's own id taken: the same request a moment ago (read again: it is open now), or an
        // older one of the same key that is over; then the next attempt takes a fresh key.
        if (failedAt(err, 1)) {
          const taken = await paymentRepository.get(caller.tenantId, documentId, payment.paymentId, true);
          if (taken && taken.status !== 'pending') salt = randomBytes(6).toString('hex');
        }
        throw err;
      }
      return withSession(payment, doc);
    },
    { attempts: 6, exhausted: () => conflict('This invoice is being paid or changed right now. Reload it and try again.') },
  );
}

/**
 * The invoice as the caller may pay it: their company's, not withdrawn, not void, not a
 * credit note, not paid. Unknown and other companies' invoices are the same 404 as everywhere.
 */
async function payableInvoice(caller: PortalCaller, documentId: string): Promise<StoredDocument> {
  const doc = await documentRepository.get(caller.tenantId, 'invoice', documentId, true);
  if (!doc || doc.companyId !== caller.companyId) throw notFound('No invoice with this id.');
  if (caller.link && (caller.link.type !== 'invoice' || caller.link.documentId !== documentId)) throw notFound('No invoice with this id.');
  if (doc.withdrawnAt) throw conflict(`Invoice ${doc.number} has been withdrawn by the business and cannot be paid.`, PROBLEM_TYPES.invoiceNotPayable);
  if (doc.statusGroup === 'void') throw conflict(`Invoice ${doc.number} is void: there is nothing to pay.`, PROBLEM_TYPES.invoiceNotPayable);
  if (isCreditNote(doc)) throw conflict(`${doc.number} is a credit note: it is money owed to you, not a bill to pay.`, PROBLEM_TYPES.invoiceNotPayable);
  if (doc.statusGroup === 'paid' || (doc.balance ?? 0) <= 0) throw conflict(`Invoice ${doc.number} is already paid.`, PROBLEM_TYPES.invoiceNotPayable);
  return doc;
}

/** The amount from the table: the balance, or a part the tenant allows (at least the minimum, at most the balance). */
function amountToPay(doc: StoredDocument, requested: number | undefined, options: PaymentOptions): number {
  const balance = doc.balance ?? 0;
  const currency = doc.currency;
  const invalid = (reason: string) => new Problem(422, 'Amount not accepted', `This amount cannot be paid: it ${reason}.`, [{ name: 'body.amount', reason }]);
  const amount = requested ?? balance;
  if (amount <= 0) throw invalid('must be more than zero');
  if (amount > balance) throw invalid(`must not be more than the balance of ${formatAmount(balance, currency)}`);
  if (amount > STRIPE_MAXIMUM) throw invalid(`must be at most ${formatAmount(STRIPE_MAXIMUM, currency)} in one payment`);
  if (amount < balance) {
    const partial = options.settings!.partialPayments;
    if (!partial?.allowed) throw invalid(`must be the whole balance of ${formatAmount(balance, currency)}: paying part of an invoice is not offered`);
    const minimum = partMinimum(currency, partial.minimums ?? {});
    if (amount < minimum) throw invalid(`must be at least ${formatAmount(minimum, currency)}, the smallest part payment`);
  }
  if (amount < stripeMinimum(currency)) throw invalid(`must be at least ${formatAmount(stripeMinimum(currency), currency)} to be paid online`);
  return amount;
}

export function paymentsUnavailable(options: PaymentOptions): Problem {
  const detail = options.settings
    ? 'Online payment is not offered to your company. Please pay by the means on the invoice.'
    : 'This business does not take payments online. Please pay by the means on the invoice.';
  return new Problem(409, 'Online payment not available', detail, undefined, PROBLEM_TYPES.paymentsUnavailable);
}

/** The session of a recorded payment: its URL once made, else made now with the payment's own key (a retry gets the same session). */
export async function withSession(payment: StoredPayment, doc: StoredDocument): Promise<StartedPayment> {
  let url = payment.checkoutUrl;
  if (!url) {
    const session = await createCheckoutSession(payment, doc);
    url = session.url!;
    await paymentRepository.setCheckout(payment, { id: session.id, url });
  }
  return { paymentId: payment.paymentId, checkoutUrl: url, amount: payment.amount, currency: payment.currency, expiresAt: payment.expiresAt };
}

async function createCheckoutSession(payment: StoredPayment, doc: StoredDocument): Promise<Stripe.Checkout.Session> {
  const order = payment.documentType === 'sales-order';
  const metadata = {
    portico_tenant: payment.tenantId,
    // The paid document's id (an invoice's, or with `portico_type` a sales order's).
    portico_invoice: payment.documentId,
    ...(order ? { portico_type: 'sales-order' } : {}),
    portico_version: String(payment.invoiceVersion),
    portico_payment: payment.paymentId,
  };
  const description = order ? `Order ${payment.invoiceNumber}` : `Invoice ${payment.invoiceNumber}${payment.kind === 'part' ? ' (part payment)' : ''}`;
  const back = (outcome: 'done' | 'cancelled') =>
    `${payment.returnUrl}${payment.returnUrl.includes('?') ? '&' : '?'}payment=${payment.paymentId}${outcome === 'cancelled' ? '&cancelled=1' : ''}`;
  try {
    const client = await stripe();
    return await client.createCheckoutSession(
      {
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: payment.currency.toLowerCase(),
              unit_amount: payment.amount,
              product_data: { name: description, ...(doc.title ? { description: doc.title } : {}) },
            },
          },
        ],
        allowed_payment_method_types: payment.methods as Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[],
        success_url: back('done'),
        cancel_url: back('cancelled'),
        ...(payment.payer.email ? { customer_email: payment.payer.email } : {}),
        client_reference_id: payment.paymentId,
        expires_at: Math.floor(Date.parse(payment.expiresAt) / 1000),
        metadata,
        // Stripe does not copy the session's metadata to its PaymentIntent (whose events and charges we also read).
        payment_intent_data: { metadata, description },
      },
      { stripeAccount: payment.stripeAccount, idempotencyKey: payment.idempotencyKey },
    );
  } catch (err) {
    logger.error('Stripe refused the Checkout Session', { paymentId: payment.paymentId, error: (err as Error).message });
    throw new Problem(
      502,
      'Payment could not be started',
      `The payment provider refused to start this payment: ${(err as Error).message}`,
      undefined,
      PROBLEM_TYPES.paymentProviderError,
    );
  }
}

/**
 * Closes another open checkout of the invoice at Stripe before a new one opens. A session
 * Stripe reports complete was just paid: the webhook is on its way, so the caller is told
 * to wait rather than pay again.
 */
export async function closeOpenCheckout(doc: StoredDocument, other: StoredPayment, now: number): Promise<void> {
  if (!other.checkoutSessionId) {
    // Its session is being made this very moment; one that never got one (Stripe refused) is no obstacle.
    if (now - Date.parse(other.createdAt) < 30_000)
      throw conflict(`Another payment for invoice ${doc.number} is starting right now. Try again in a moment.`, PROBLEM_TYPES.paymentInProgress);
    return;
  }
  const paymentId = other.paymentId;
  const client = await stripe();
  try {
    await client.expireCheckoutSession(other.checkoutSessionId, { stripeAccount: other.stripeAccount });
  } catch (err) {
    const session = await client.retrieveCheckoutSession(other.checkoutSessionId, { stripeAccount: other.stripeAccount }).catch(() => undefined);
    if (session?.status === 'expired') return;
    if (session?.status === 'complete') {
      throw conflict(
        `A payment for invoice ${doc.number} has just gone through. Reload the invoice to see it before paying again.`,
        PROBLEM_TYPES.paymentInProgress,
      );
    }
    logger.warn('could not close an open checkout', { paymentId, error: (err as Error).message });
    throw conflict(`Another payment for invoice ${doc.number} is in progress. Try again in a few minutes.`, PROBLEM_TYPES.paymentInProgress);
  }
}

/** A bank debit that has been submitted: the money is on its way, so nobody pays again meanwhile. */
export function processing(doc: StoredDocument, payment: StoredPayment): Problem {
  return conflict(
    `A payment of ${formatAmount(payment.amount, payment.currency)} for invoice ${doc.number} is being processed by the bank. The balance changes when it clears.`,
    PROBLEM_TYPES.paymentInProgress,
  );
}

/**
 * Where Stripe sends the customer back: the tenant's site they are on (a custom domain too),
 * else the portal's address. A direct-link visitor goes back to `/d`, the page of the link
 * session their browser holds (its cookie, which never leaves Portico), not to their link:
 * its token would open the document for anyone who read it in Stripe's records or logs.
 * Everyone else goes back to the invoice page.
 */
function returnUrl(caller: PortalCaller, documentId: string): string {
  const site = caller.origin.site ?? portalUrl(caller.tenant.slug, '/').replace(/\/$/, '');
  return `${site}${caller.link ? '/d' : `/invoices/${encodeURIComponent(documentId)}`}`;
}

export const idempotencyKey = (parts: unknown[]): string => `portico-checkout-${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 48)}`;

/** A payment's id from its key: the same request twice names the same payment, which the table lets exist once. */
export const paymentIdOf = (key: string): string => `pay_${key.slice(-20)}`;
