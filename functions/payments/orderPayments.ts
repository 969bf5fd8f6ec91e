import type { PaymentMethod, StartedPayment } from '../../shared/api/payments';
import { PROBLEM_TYPES } from '../../shared/problem';
import { auditWrites } from '../audit/audit';
import type { PortalCaller } from '../core/callers';
import { conflict, notFound } from '../core/problems';
import { portalUrl } from '../core/portalUrl';
import { customerActor } from '../documents/documentActors';
import { documentRepository, type StoredDocument } from '../documents/documentRepository';
import { balanceOf, deadline, statusGroup } from '../documents/documentState';
import { retryOnConflict, UnitOfWork } from '../table/unitOfWork';
import { STRIPE_MAXIMUM, stripeMinimum } from './amounts';
import { paymentOptions } from './paymentOptions';
import { paymentRepository, type StoredPayment } from './paymentRepository';
import { closeOpenCheckout, idempotencyKey, KEY_BUCKET_MS, paymentIdOf, paymentsUnavailable, processing, SESSION_MINUTES, withSession } from './startPayment';

/**
 * Paying a sales order at purchase (commerce/orders, `payNow`): the invoices' machinery
 * (startPayment, the one webhook, paymentTransitions) on the order's own partition. The
 * payment record says `documentType: 'sales-order'` and Stripe's metadata `portico_type`,
 * so the webhook applies its events to the order: `portalPaid` and its `balance` (total −
 * portalPaid), shown as paid once Stripe says so. As for an invoice, one checkout may take
 * money at a time, and the same payer asking again (a double click, a retry of the order)
 * gets the same session. The whole total, never a part. Answers undefined when there is
 * nothing left to pay.
 */
export async function startOrderPayment(caller: PortalCaller, documentId: string, methods?: PaymentMethod[]): Promise<StartedPayment | undefined> {
  const [payer, options] = await Promise.all([customerActor(caller), paymentOptions(caller.tenantId, caller.company, true)]);
  return retryOnConflict(
    async () => {
      const doc = await documentRepository.get(caller.tenantId, 'sales-order', documentId, true);
      if (!doc || doc.withdrawnAt || doc.companyId !== caller.companyId) throw notFound('No order with this id.');
      if (!options.available || !options.settings) throw paymentsUnavailable(options);
      if (doc.status === 'cancelled') throw conflict(`Order ${doc.number} is cancelled: there is nothing to pay.`, PROBLEM_TYPES.invoiceNotPayable);
      const amount = doc.totals.total - (doc.portalPaid ?? 0);
      if (amount <= 0) return undefined;
      if (amount < stripeMinimum(doc.currency) || amount > STRIPE_MAXIMUM)
        throw conflict(`Order ${doc.number} cannot be paid online: its total is outside what one online payment may be.`, PROBLEM_TYPES.invoiceNotPayable);
      const now = Date.now();

      const open = doc.openPayment ? await paymentRepository.get(caller.tenantId, documentId, doc.openPayment.paymentId, true, 'sales-order') : undefined;
      if (open && (open.status === 'pending' || open.status === 'failed' || open.status === 'processing')) {
        if (open.status === 'processing') throw processing(doc, open);
        const live = Date.parse(open.expiresAt) > now + 60_000;
        if (live && open.payer.contactId === caller.userId && open.amount === amount) return withSession(open, doc);
        if (live) await closeOpenCheckout(doc, open, now);
      }

      const key = idempotencyKey([
        caller.tenantId,
        'sales-order',
        documentId,
        doc.version,
        amount,
        doc.currency,
        caller.userId,
        Math.floor(now / KEY_BUCKET_MS),
      ]);
      const at = new Date(now).toISOString();
      const payment: StoredPayment = {
        tenantId: caller.tenantId,
        paymentId: paymentIdOf(key),
        documentType: 'sales-order',
        documentId,
        companyId: doc.companyId,
        invoiceNumber: doc.number,
        invoiceVersion: doc.version,
        payer: { contactId: caller.userId, name: payer.name, ...(payer.email ? { email: payer.email } : {}), via: 'portal' },
        amount,
        currency: doc.currency,
        kind: 'full',
        status: 'pending',
        stripeAccount: options.settings.connectedAccountId,
        idempotencyKey: key,
        // The caller's own methods (catalogue terms: the contact's within the company's), else the company's.
        methods: methods?.length ? methods.filter((m) => options.methods.includes(m)) : options.methods,
        returnUrl: `${caller.origin.site ?? portalUrl(caller.tenant.slug, '/').replace(/\/$/, '')}/orders/${encodeURIComponent(documentId)}`,
        expiresAt: new Date(now + SESSION_MINUTES * 60_000).toISOString(),
        refunded: 0,
        counted: 0,
        createdAt: at,
        updatedAt: at,
        revision: 1,
      };
      const next: StoredDocument = {
        ...doc,
        // From now on the order has a balance: what is left to pay of it (documentState.balanceOf).
        portalPaid: doc.portalPaid ?? 0,
        openPayment: { paymentId: payment.paymentId, contactId: caller.userId, amount, version: doc.version, expiresAt: payment.expiresAt },
        revision: doc.revision + 1,
        updatedAt: at,
      };
      next.balance = balanceOf(next);
      next.statusGroup = statusGroup(next);
      await documentRepository
        .save(new UnitOfWork(), next, deadline(next), doc)
        .write(paymentRepository.createWrite(payment))
        .write(
          ...auditWrites(caller, {
            action: 'payment.started',
            subjects: [`company:${doc.companyId}`, `user:${caller.userId}`],
            details: { type: 'sales-order', documentId, number: doc.number, paymentId: payment.paymentId, amount, currency: doc.currency },
          }),
        )
        .commit();
      return withSession(payment, doc);
    },
    { attempts: 6, exhausted: () => conflict('This order is being paid or changed right now. Open it from Orders and try again.') },
  );
}
