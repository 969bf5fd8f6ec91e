import { callerOf } from '../admin/caller';
import { apiHandler } from '../http/apiHandler';
import { portalRecordsOf } from '../http/authenticate';
import { allowsInsecureCookies } from '../http/cookies';
import { created, ok } from '../http/responses';
import type { RequestContext } from '../http/types';
import { portalUrl } from '../lib/portalUrl';
import { viewerHost } from '../services/tenantResolver';
import { portalPrincipal } from '../portal/principal';
import { listInvoicePayments, listInvoicePaymentsAdmin } from '../services/payments/invoicePayments';
import { getPaymentSettings as readSettings, setPaymentSettings as writeSettings } from '../services/payments/paymentSettings';
import { receiveStripeWebhook } from '../services/payments/paymentWebhook';
import { startPayment as start } from '../services/payments/startPayment';

/**
 * The payments Lambda: its own route group, so the Stripe SDK is bundled here only.
 * Thin handlers: the route row parsed and authorised the request; services do the rest.
 */

/** Where Stripe sends the customer back: the host they are on (a tenant's own domain too), else the tenant's portal address. */
function originOf(ctx: Pick<RequestContext, 'event' | 'hostTenant' | 'principal'>, slug: string): string {
  const host = viewerHost(ctx.event.headers)?.trim().toLowerCase();
  if (host && ctx.hostTenant && 'tenantId' in ctx.principal && ctx.hostTenant.tenantId === ctx.principal.tenantId) {
    return `${allowsInsecureCookies(ctx.event) ? 'http' : 'https'}://${host}`;
  }
  return portalUrl(slug, '/').replace(/\/$/, '');
}

export const startPayment = apiHandler('POST /api/documents/invoice/{documentId}/payments', async (ctx) => {
  const principal = portalPrincipal(ctx.principal);
  const records = portalRecordsOf(ctx.event);
  return created(await start({ principal, records, event: ctx.event, origin: originOf(ctx, records.tenant.slug) }, ctx.input.path.documentId, ctx.input.body));
});

export const listPayments = apiHandler('GET /api/documents/invoice/{documentId}/payments', async ({ principal, input, event }) =>
  ok(await listInvoicePayments(portalPrincipal(principal), input.path.documentId, portalRecordsOf(event).company)),
);

export const stripeWebhook = apiHandler('POST /api/webhooks/stripe', async ({ event, rawBody }) => ok(await receiveStripeWebhook(rawBody, event.headers?.['stripe-signature'])));

export const getPaymentSettings = apiHandler('GET /api/admin/payment-settings', async (ctx) => ok(await readSettings(callerOf(ctx))));

export const setPaymentSettings = apiHandler('PUT /api/admin/payment-settings', async (ctx) => ok(await writeSettings(callerOf(ctx), ctx.input.body)));

export const listPaymentsAdmin = apiHandler('GET /api/admin/documents/invoice/{documentId}/payments', async (ctx) =>
  ok(await listInvoicePaymentsAdmin(callerOf(ctx), ctx.input.path.documentId)),
);
