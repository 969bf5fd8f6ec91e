import { invalidParam, invalidRequest, noSuch } from './errors';
import type { Params } from './form';
import { formatAmount, minimumCharge, newId, now, type CheckoutSession, type LineItem } from './objects';
import type { RequestContext, SessionExtras, StripeContext } from './state';

/**
 * Checkout Sessions in `mode=payment` with inline `price_data`: created, read, expired
 * (by call or when `expires_at` passes), as Stripe does them.
 */

const TOP_LEVEL = [
  'mode',
  'line_items',
  'success_url',
  'cancel_url',
  'customer_email',
  'metadata',
  'payment_intent_data',
  'client_reference_id',
  'payment_method_types',
  // Its name from API version 2026-10-28 on (the pinned SDK's); the older name is still taken.
  'allowed_payment_method_types',
  'expires_at',
  'expand',
  'currency',
  'locale',
  'submit_type',
  'billing_address_collection',
  'customer_creation',
  'allow_promotion_codes',
  'ui_mode',
] as const;

const PAYMENT_METHOD_TYPES = [
  'acss_debit',
  'affirm',
  'afterpay_clearpay',
  'alipay',
  'amazon_pay',
  'au_becs_debit',
  'bacs_debit',
  'bancontact',
  'blik',
  'card',
  'cashapp',
  'customer_balance',
  'eps',
  'giropay',
  'ideal',
  'klarna',
  'link',
  'mobilepay',
  'multibanco',
  'p24',
  'paypal',
  'revolut_pay',
  'sepa_debit',
  'sofort',
  'twint',
  'us_bank_account',
  'wechat_pay',
];

/** The largest amount Stripe accepts in one charge (99,999,999 minor units). */
const MAX_AMOUNT = 99_999_999;

export function createCheckoutSession(ctx: StripeContext, params: Params, req: RequestContext): CheckoutSession {
  params.only(TOP_LEVEL);
  const mode = params.string('mode', { required: true });
  if (mode !== 'payment') {
    throw ['setup', 'subscription'].includes(mode!)
      ? invalidParam('mode', `The local Stripe stand-in supports mode=payment only, not mode=${mode}.`)
      : invalidParam('mode', `Invalid mode: must be one of payment, setup, or subscription`);
  }
  const uiMode = params.string('ui_mode', { oneOf: ['hosted', 'embedded', 'custom'] });
  if (uiMode && uiMode !== 'hosted') throw invalidParam('ui_mode', `The local Stripe stand-in supports ui_mode=hosted only, not ${uiMode}.`);

  const created = now();
  const lineItems = readLineItems(params);
  const currency = lineItems[0]!.currency;
  const requestedCurrency = params.string('currency')?.toLowerCase();
  if (requestedCurrency && requestedCurrency !== currency)
    throw invalidParam('currency', `The currency (${requestedCurrency}) does not match the currency of line_items (${currency}).`);
  const amount = lineItems.reduce((sum, item) => sum + item.amount_total, 0);
  if (amount > MAX_AMOUNT)
    throw invalidRequest(
      `The Checkout Session's total amount due must be no more than ${formatAmount(MAX_AMOUNT, currency)}.`,
      'line_items',
      'amount_too_large',
    );
  if (amount < minimumCharge(currency)) {
    throw invalidRequest(
      `The Checkout Session's total amount due must add up to at least ${formatAmount(minimumCharge(currency), currency)} ${currency}.`,
      'line_items',
      'amount_too_small',
    );
  }

  const successUrl = readUrl(params, 'success_url');
  const cancelUrl = readUrl(params, 'cancel_url');
  const customerEmail = params.string('customer_email', { max: 800 }) ?? null;
  if (customerEmail && !isEmail(customerEmail)) throw invalidParam('customer_email', `Invalid email address: ${customerEmail}`);
  const expiresAt = params.integer('expires_at') ?? created + 24 * 3600;
  if (expiresAt < created + 30 * 60) throw invalidParam('expires_at', 'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.');
  if (expiresAt > created + 24 * 3600)
    throw invalidParam('expires_at', 'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.');
  const typesParam = params.has('allowed_payment_method_types') ? 'allowed_payment_method_types' : 'payment_method_types';
  const types = params.stringList(typesParam) ?? ['card'];
  types.forEach((type, i) => {
    if (!PAYMENT_METHOD_TYPES.includes(type))
      throw invalidParam(`${typesParam}[${i}]`, `Invalid ${typesParam}[${i}]: must be one of ${PAYMENT_METHOD_TYPES.join(', ')}`);
  });
  const paymentIntent = readPaymentIntentData(params, req.account);

  const id = newId('cs_test', 58);
  const session: CheckoutSession = {
    id,
    object: 'checkout.session',
    allow_promotion_codes: params.boolean('allow_promotion_codes') ?? null,
    amount_subtotal: amount,
    amount_total: amount,
    billing_address_collection: params.string('billing_address_collection', { oneOf: ['auto', 'required'] }) ?? null,
    cancel_url: cancelUrl,
    client_reference_id: params.string('client_reference_id', { max: 200 }) ?? null,
    created,
    currency,
    customer: null,
    customer_creation: params.string('customer_creation', { oneOf: ['always', 'if_required'] }) ?? 'if_required',
    customer_details: null,
    customer_email: customerEmail,
    expires_at: expiresAt,
    livemode: false,
    locale: params.string('locale', { max: 10 }) ?? null,
    metadata: params.metadata() ?? {},
    mode: 'payment',
    payment_intent: null,
    payment_method_types: types,
    payment_status: 'unpaid',
    status: 'open',
    submit_type: params.string('submit_type', { oneOf: ['auto', 'book', 'donate', 'pay', 'subscribe'] }) ?? null,
    success_url: successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: `${ctx.pageBase}/checkout/${id}`,
  };
  return ctx.state.putSession(session, req.account, { lineItems, paymentIntent });
}

/** The session as its owner sees it, expired first if its time has passed. */
export function retrieveCheckoutSession(ctx: StripeContext, id: string, account: string | null): CheckoutSession {
  const session = ctx.state.find('checkout.session', id, account);
  if (!session) throw noSuch('checkout.session', id, 'session');
  expireIfDue(ctx, session, account);
  return session;
}

export function expireCheckoutSession(ctx: StripeContext, id: string, req: RequestContext): CheckoutSession {
  const session = retrieveCheckoutSession(ctx, id, req.account);
  if (session.status !== 'open')
    throw invalidRequest(
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
      'session',
    );
  expire(ctx, session, req.account, { id: req.requestId, idempotency_key: req.idempotencyKey });
  return session;
}

/** Expires an open session whose `expires_at` has passed, with its `checkout.session.expired` event. */
export function expireIfDue(ctx: StripeContext, session: CheckoutSession, account: string | null): void {
  if (session.status === 'open' && now() >= session.expires_at) expire(ctx, session, account);
}

function expire(ctx: StripeContext, session: CheckoutSession, account: string | null, request?: { id: string | null; idempotency_key: string | null }): void {
  session.status = 'expired';
  session.url = null;
  const event = ctx.webhooks.create('checkout.session.expired', session, account, request);
  void ctx.webhooks.deliver([event]);
}

/** `{CHECKOUT_SESSION_ID}` in a success or cancel URL becomes the session's id when the customer is sent there. */
export function landingUrl(template: string, sessionId: string): string {
  return template.replaceAll('{CHECKOUT_SESSION_ID}', sessionId);
}

function readLineItems(params: Params): LineItem[] {
  const items = params.hashList('line_items', { required: true, max: 100 })!;
  if (!items.length) throw invalidRequest('line_items must contain at least one item in payment mode.', 'line_items', 'parameter_missing');
  const lineItems = items.map((item) => {
    item.only(['price_data', 'quantity', 'price']);
    if (item.has('price'))
      throw invalidParam(item.name('price'), `The local Stripe stand-in has no Prices: use ${item.name('price_data')} instead of ${item.name('price')}.`);
    const quantity = item.integer('quantity', { required: true, min: 1, max: 999_999 })!;
    const priceData = item.hash('price_data', { required: true })!.only(['currency', 'unit_amount', 'product_data', 'tax_behavior']);
    const currency = priceData.string('currency', { required: true })!.toLowerCase();
    if (!/^[a-z]{3}$/.test(currency))
      throw invalidParam(priceData.name('currency'), `Invalid currency: ${currency}. Stripe currently supports these currencies: usd, eur, gbp, …`);
    const unitAmount = priceData.integer('unit_amount', { required: true, min: 0, max: MAX_AMOUNT })!;
    priceData.string('tax_behavior', { oneOf: ['exclusive', 'inclusive', 'unspecified'] });
    const product = priceData.hash('product_data', { required: true })!.only(['name', 'description', 'metadata']);
    const name = product.string('name', { required: true, max: 250 })!;
    product.string('description', { max: 40000 });
    product.metadata();
    const total = unitAmount * quantity;
    const line: LineItem = {
      id: newId('li'),
      object: 'item',
      amount_discount: 0,
      amount_subtotal: total,
      amount_tax: 0,
      amount_total: total,
      currency,
      description: name,
      quantity,
      price: {
        id: newId('price'),
        object: 'price',
        active: false,
        currency,
        livemode: false,
        product: newId('prod', 14),
        type: 'one_time',
        unit_amount: unitAmount,
      },
    };
    return line;
  });
  const currencies = new Set(lineItems.map((l) => l.currency));
  if (currencies.size > 1) throw invalidParam('line_items', `All line_items must use the same currency; got ${[...currencies].join(', ')}.`);
  return lineItems;
}

function readPaymentIntentData(params: Params, account: string | null): SessionExtras['paymentIntent'] {
  const data = params.hash('payment_intent_data');
  data?.only([
    'metadata',
    'description',
    'receipt_email',
    'application_fee_amount',
    'on_behalf_of',
    'transfer_data',
    'statement_descriptor',
    'statement_descriptor_suffix',
    'capture_method',
  ]);
  const capture = data?.string('capture_method', { oneOf: ['automatic', 'automatic_async', 'manual'] });
  if (capture === 'manual')
    throw invalidParam(data!.name('capture_method'), 'The local Stripe stand-in captures automatically only: capture_method=manual is not supported.');
  const transfer = data?.hash('transfer_data')?.only(['destination', 'amount']);
  const destination = transfer?.string('destination', { required: true }) ?? null;
  const applicationFee = data?.integer('application_fee_amount', { min: 0 }) ?? null;
  if (applicationFee !== null && !account && !destination) {
    throw invalidParam(
      data!.name('application_fee_amount'),
      'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
    );
  }
  const receiptEmail = data?.string('receipt_email') ?? null;
  if (receiptEmail && !isEmail(receiptEmail)) throw invalidParam(data!.name('receipt_email'), `Invalid email address: ${receiptEmail}`);
  return {
    metadata: data?.metadata() ?? {},
    description: data?.string('description', { max: 1000 }) ?? null,
    receiptEmail,
    applicationFeeAmount: applicationFee,
    onBehalfOf: data?.string('on_behalf_of') ?? null,
    transferDestination: destination,
    statementDescriptor: data?.string('statement_descriptor', { max: 22 }) ?? null,
    statementDescriptorSuffix: data?.string('statement_descriptor_suffix', { max: 22 }) ?? null,
  };
}

function readUrl(params: Params, key: string): string | null {
  const value = params.string(key, { max: 5000 });
  if (value === undefined) return null;
  try {
    const url = new URL(landingUrl(value, 'cs_test_x'));
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    /* refused below */
  }
  throw invalidRequest('Not a valid URL', key, 'url_invalid');
}

export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}
