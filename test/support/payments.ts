import Stripe from 'stripe';
import type { DocumentView } from '../../shared/api/documents';
import type { InvoicePayments, StartedPayment } from '../../shared/api/payments';
import { adminClient } from './adminApi';
import { docId, documentBody, publish } from './documents';
import { jsonRequest, type SignedInUser } from './portalAccess';
import type { TestStack } from './stack';

/** What the tests do with payments: start one as a customer, pay it on the stand-in, sign and post webhook events. */

export interface Answer<T> {
  status: number;
  body: T;
}

const read = async <T>(res: Response): Promise<Answer<T>> => {
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
};

/** An outstanding invoice of the user's company for `total` (minor units, GBP, one line, no tax), published by the demo CRM. */
export async function outstandingInvoice(
  stack: TestStack,
  user: Pick<SignedInUser, 'tenantId' | 'companyId' | 'userId'>,
  total = 12_000,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const id = docId('inv');
  const body = documentBody('invoice', user.companyId, {
    contactId: user.userId,
    lineInputs: [{ description: 'Signage', quantity: 1, unitPrice: total, taxRateBps: 0 }],
    notifyContact: false,
    ...overrides,
  });
  const res = await publish(stack, user.tenantId, 'invoice', id, body);
  if (res.status !== 201) throw new Error(`publishing failed: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

export async function startPayment(
  stack: TestStack,
  user: SignedInUser,
  invoiceId: string,
  body: Record<string, unknown> = {},
): Promise<Answer<StartedPayment & { errors?: Array<{ name: string; reason: string }>; type?: string; detail?: string }>> {
  return read(await stack.api(user.tenantId, `/api/documents/invoice/${invoiceId}/payments`, jsonRequest('POST', body, user.jar.headers())));
}

export async function paymentsOf(stack: TestStack, user: SignedInUser, invoiceId: string): Promise<InvoicePayments> {
  const res = await read<InvoicePayments>(await stack.api(user.tenantId, `/api/documents/invoice/${invoiceId}/payments`, { headers: user.jar.headers() }));
  if (res.status !== 200) throw new Error(`listing payments failed: ${res.status}`);
  return res.body;
}

export async function invoiceOf(stack: TestStack, user: SignedInUser, invoiceId: string): Promise<DocumentView> {
  const res = await read<DocumentView>(await stack.api(user.tenantId, `/api/documents/invoice/${invoiceId}`, { headers: user.jar.headers() }));
  if (res.status !== 200) throw new Error(`reading the invoice failed: ${res.status}`);
  return res.body;
}

/** The invoice as the CRM reads it (portal state included). */
export async function adminInvoice(stack: TestStack, slug: string, invoiceId: string) {
  return (await adminClient(stack, slug)('GET', `/api/admin/documents/invoice/${invoiceId}`)).body;
}

export const sessionIdOf = (checkoutUrl: string): string => /\/checkout\/(cs_test_[A-Za-z0-9]+)/.exec(checkoutUrl)![1]!;

/** Pays a checkout on the stand-in as its page would (default card 4242…); its webhooks have been delivered when this resolves. */
export async function payCheckout(
  stack: TestStack,
  checkoutUrl: string,
  card: Record<string, string> = {},
): Promise<{ outcome: string; events: Array<{ id: string; type: string }>; payment_intent: { id: string }; charge: { id: string } }> {
  const res = await fetch(`${stack.stripe.endpoint}/_test/checkout/${sessionIdOf(checkoutUrl)}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(card),
  });
  return (await res.json()) as never;
}

/** The stand-in's record of an event: its exact payload. */
export function recordedEvent(stack: TestStack, eventId: string) {
  const event = stack.stripe.events().find((e) => e.id === eventId);
  if (!event) throw new Error(`no event ${eventId}`);
  return event;
}

/** A signature header as Stripe makes it, for `payload`, with this stack's endpoint secret unless told otherwise. */
export function sign(stack: TestStack, payload: string, options: { secret?: string; timestamp?: number } = {}): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? stack.payments.webhookSecret,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
}

/** POSTs a payload to the webhook route as Stripe does. */
export async function postWebhook(
  stack: TestStack,
  payload: string,
  signature?: string,
): Promise<Answer<{ outcome?: string; reason?: string; type?: string; errors?: Array<{ name: string }> }>> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (signature !== undefined) headers['stripe-signature'] = signature;
  return read(await stack.api('demo', '/api/webhooks/stripe', { method: 'POST', headers, body: payload }));
}

/** The demo tenant's connected account on the stand-in. */
export const demoAccount = (stack: TestStack, tenant = 'demo'): string => stack.payments.demoAccounts[tenant]!;
