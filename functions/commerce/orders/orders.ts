import type { CartView, PlacedOrder, PlaceOrderBody } from '../../../shared/api/catalogue';
import type { DocumentLine, PublishDocumentBody } from '../../../shared/api/documents';
import { PROBLEM_TYPES, type ProblemDetails } from '../../../shared/problem';
import { auditWrites } from '../../audit/audit';
import type { PortalCaller } from '../../core/callers';
import { newId } from '../../core/ids';
import { conflict, forbidden, Problem, type FieldError } from '../../core/problems';
import { activityRepository } from '../../documents/activityRepository';
import { customerActor } from '../../documents/documentActors';
import { bodyHash, contentHash } from '../../documents/documentContent';
import { documentKey, documentRepository, type StoredDocument } from '../../documents/documentRepository';
import { deadline, statusGroup } from '../../documents/documentState';
import { startOrderPayment } from '../../payments/orderPayments';
import { retryOnConflict, UnitOfWork } from '../../table/unitOfWork';
import { cartRepository } from '../cart/cartRepository';
import { checkCart, type CheckedCart } from '../cart/carts';
import { catalogueTermsFor } from '../catalogue/catalogueTerms';
import { orderRepository, type PlacedMarker } from './orderRepository';

/**
 * Placing the cart as an order: a sales order Portico creates in the documents room (status
 * `submitted`), so it lists in Orders with its thread and PDF; the CRM hears of it through
 * `order.placed` and later publishes the same document id with its own status.
 *
 * Lines and totals are Portico's, from the catalogue now (never from the browser), in
 * integer minor units. The customer names the cart version and the total they reviewed:
 * a cart changed since, or a total that moved, is refused (409) with the cart as it is
 * now; a line that can no longer be ordered (hidden, inactive, withdrawn, short of stock
 * where stock is enforced) is refused (422) naming it, `lines[i].productId`.
 *
 * Once per `clientOrderId`: the order, the emptied cart and the marker of that id are one
 * transaction, the marker put on condition that it is not there yet, and the cart on its
 * version; a double click or a retry reads the marker and answers the same order.
 */

/** A refusal that carries the cart as it is now, so the customer sees what changed line by line. */
export class CartProblem extends Problem {
  constructor(
    status: 409 | 422,
    detail: string,
    readonly cart: CartView,
    errors?: FieldError[],
  ) {
    super(status, status === 409 ? 'Your cart changed' : 'Some lines cannot be ordered', detail, errors, PROBLEM_TYPES.cartChanged);
  }

  override toBody(instance?: string, requestId?: string): ProblemDetails & { cart: CartView } {
    return { ...super.toBody(instance, requestId), cart: this.cart };
  }
}

export async function placeOrder(caller: PortalCaller, body: PlaceOrderBody): Promise<PlacedOrder> {
  const again = await orderRepository.placed(caller.tenantId, caller.companyId, caller.userId, body.clientOrderId);
  if (again) return answer(caller, again, body.payNow);

  const terms = await catalogueTermsFor(caller);
  if (!terms.access || !terms.placeOrders) throw forbidden('Placing orders is not available to you. You may request a quote instead.');
  if (terms.pricesHidden) throw forbidden('Prices are not shown to you, so an order cannot be priced here. Please request a quote instead.');
  // Asked to pay at once where it cannot be (payments off, no method for the caller): refused before anything is placed.
  if (body.payNow && !terms.paymentMethods.length) throw payNowUnavailable();

  const actor = await customerActor(caller);
  let number: string | undefined;
  const documentId = newId('so');
  const marker = await retryOnConflict(
    async () => {
      const placed = await orderRepository.placed(caller.tenantId, caller.companyId, caller.userId, body.clientOrderId);
      if (placed) return placed;
      const checked = await checkCart(caller, await cartRepository.get(caller.tenantId, caller.companyId, caller.userId), terms);
      refuseIfChanged(checked, body);
      number ??= await orderRepository.nextNumber(caller.tenantId);
      const now = new Date().toISOString();
      const doc = salesOrder(caller, checked, body, documentId, number, actor.name, now);
      const placedMarker: Omit<PlacedMarker, 'ttl'> = {
        tenantId: caller.tenantId,
        companyId: caller.companyId,
        userId: caller.userId,
        clientOrderId: body.clientOrderId,
        documentId,
        number,
        total: doc.totals.total,
        currency: doc.currency,
        placedAt: now,
      };
      const work = documentRepository
        .save(new UnitOfWork(), doc, deadline(doc), undefined)
        .write(cartRepository.replaceWrite(checked.cart, [], now), orderRepository.placedWrite(placedMarker), {
          Put: {
            Item: activityRepository.item({
              tenantId: caller.tenantId,
              companyId: caller.companyId,
              at: now,
              type: 'sales-order',
              documentId,
              number,
              action: 'order.placed',
              actor: actor.name,
              summary: `${actor.name} placed order ${number}`,
            }),
          },
        })
        .write(
          ...auditWrites(caller, {
            action: 'order.placed',
            subjects: [`company:${caller.companyId}`, `user:${caller.userId}`],
            details: { documentId, number, total: doc.totals.total, currency: doc.currency, lines: doc.lines.length, clientOrderId: body.clientOrderId },
          }),
        )
        .announce('order.placed', {
          tenantId: caller.tenantId,
          companyId: caller.companyId,
          contactId: caller.userId,
          userId: caller.userId,
          documentId,
          number,
          currency: doc.currency,
          total: doc.totals.total,
          lineCount: doc.lines.length,
          paymentRequested: body.payNow,
        });
      await work.commit(documentKey(caller.tenantId, 'sales-order', documentId));
      return { ...placedMarker, ttl: 0 };
    },
    { attempts: 6, exhausted: () => conflict('Your cart is being changed in another window right now. Review it and try again.') },
  );
  return answer(caller, marker, body.payNow);
}

/** The order placed, with the checkout to pay it when asked (the same open checkout on a retry). */
async function answer(caller: PortalCaller, placed: PlacedMarker, payNow: boolean): Promise<PlacedOrder> {
  const order: PlacedOrder = { documentId: placed.documentId, number: placed.number, total: placed.total, currency: placed.currency };
  if (!payNow) return order;
  const terms = await catalogueTermsFor(caller);
  if (!terms.paymentMethods.length) throw payNowUnavailable();
  const started = await startOrderPayment(caller, placed.documentId, terms.paymentMethods);
  return started ? { ...order, checkoutUrl: started.checkoutUrl } : order;
}

const payNowUnavailable = () =>
  new Problem(
    409,
    'Online payment not available',
    'Paying online is not offered to you. Place the order without paying now.',
    undefined,
    PROBLEM_TYPES.paymentsUnavailable,
  );

/** The refusals, in the order a customer can act on them: the cart moved (review it), a line cannot be ordered (change it), the total moved. */
function refuseIfChanged(checked: CheckedCart, body: PlaceOrderBody): void {
  const { cart, view, lines } = checked;
  if (!cart.lines.length)
    throw new CartProblem(422, 'Your cart is empty: there is nothing to order.', view, [{ name: 'lines', reason: 'the cart is empty; add products first' }]);
  if (cart.version !== body.cartVersion)
    throw new CartProblem(409, 'Your cart changed since you reviewed it (in another window or device). Review it and place the order again.', view);
  const errors: FieldError[] = [];
  lines.forEach((line, i) => {
    for (const problem of line.view.problems) {
      if (problem.kind === 'unavailable')
        errors.push({ name: `lines[${i}].productId`, reason: `${line.view.name} is no longer available (${problem.reason}); remove it to order the rest` });
      if (problem.kind === 'insufficient-stock')
        errors.push({ name: `lines[${i}].quantity`, reason: `only ${problem.available} of ${line.view.name} in stock; lower the quantity` });
    }
  });
  if (errors.length) throw new CartProblem(422, 'Some lines of your cart cannot be ordered as they are.', view, errors);
  if (view.totals?.total !== body.expectedTotal)
    throw new CartProblem(409, 'The total of your cart changed since you reviewed it: prices changed. Review the cart and place the order again.', view);
}

/** The sales order as the documents room stores it: lines from the priced cart, totals their sums. */
function salesOrder(
  caller: PortalCaller,
  checked: CheckedCart,
  body: PlaceOrderBody,
  documentId: string,
  number: string,
  by: string,
  now: string,
): StoredDocument {
  const lines: DocumentLine[] = checked.lines.map(({ view }) => {
    const price = view.price!;
    const gross = price.breakUnitPrice * price.quantity;
    return {
      description: view.unit && view.unit !== 'each' ? `${view.name} (${view.unit})` : view.name,
      sku: view.sku,
      quantity: price.quantity,
      // The unit price before the customer's discounts; the discount is the line's amount off, so the
      // line adds up as every document's does: quantity × unitPrice − discount + tax.
      unitPrice: price.breakUnitPrice,
      discount: gross - price.subtotal,
      tax: price.tax,
      taxRateBps: price.taxRateBps,
      total: price.subtotal + price.tax,
    };
  });
  const subtotal = lines.reduce((s, l) => s + l.quantity * l.unitPrice - l.discount, 0);
  const tax = lines.reduce((s, l) => s + l.tax, 0);
  const notes = [
    body.purchaseOrderReference ? `Purchase order reference: ${body.purchaseOrderReference}` : '',
    body.deliveryNotes ? `Delivery notes: ${body.deliveryNotes}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const content: PublishDocumentBody = {
    companyId: caller.companyId,
    contactId: caller.userId,
    number,
    ...(body.purchaseOrderReference ? { title: `Your PO ${body.purchaseOrderReference}` } : {}),
    status: 'submitted',
    issueDate: now.slice(0, 10),
    currency: checked.terms.currency,
    lines,
    totals: { subtotal, tax, total: subtotal + tax },
    ...(notes ? { notes } : {}),
  } as PublishDocumentBody;
  const doc: StoredDocument = {
    tenantId: caller.tenantId,
    type: 'sales-order',
    documentId,
    companyId: caller.companyId,
    contactId: caller.userId,
    number,
    ...(content.title ? { title: content.title } : {}),
    status: 'submitted',
    statusGroup: '',
    issueDate: content.issueDate,
    currency: content.currency,
    lines,
    totals: content.totals,
    ...(notes ? { notes } : {}),
    version: 1,
    revision: 1,
    bodyHash: bodyHash('sales-order', content),
    contentHash: contentHash('sales-order', content),
    publishedAt: now,
    updatedAt: now,
    history: [{ at: now, action: 'placed', by, version: 1, detail: 'Placed in the portal' }],
  };
  doc.statusGroup = statusGroup(doc);
  return doc;
}
