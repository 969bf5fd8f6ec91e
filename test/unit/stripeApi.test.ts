import Stripe from 'stripe';
import { formEncode, STRIPE_API_VERSION, verifyWebhook, WebhookSignatureError } from '../../functions/payments/stripeApi';

/**
 * Portico's Stripe client is small on purpose (bundle budget); the SDK is its reference.
 * The webhook check must accept exactly what the SDK's `constructEvent` accepts, with its
 * default tolerance, for every way a delivery can be right or wrong.
 */
const sdk = new Stripe('sk_test_unit', { maxNetworkRetries: 0 });
const SECRET = 'whsec_unit_test_secret';
const payload = JSON.stringify(
  { id: 'evt_1', object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_test_1', amount_total: 12000, note: 'naïve café ✓' } } },
  null,
  2,
);
const now = Math.floor(Date.now() / 1000);
const header = (options: { payload?: string; secret?: string; timestamp?: number } = {}) =>
  Stripe.webhooks.generateTestHeaderString({ payload: options.payload ?? payload, secret: options.secret ?? SECRET, timestamp: options.timestamp ?? now });

const cases: Array<[string, string | Buffer, string | undefined]> = [
  ['a genuine delivery', payload, header()],
  ['the same as bytes', Buffer.from(payload, 'utf8'), header()],
  ['299 s old', payload, header({ timestamp: now - 299 })],
  ['301 s old', payload, header({ timestamp: now - 301 })],
  ['an hour old', payload, header({ timestamp: now - 3600 })],
  ['another secret', payload, header({ secret: 'whsec_someone_else' })],
  ['the body changed after signing', payload.replace('12000', '1'), header()],
  ['one byte of whitespace added', `${payload}\n`, header()],
  ['two v1 signatures, the second right', payload, `t=${now},v1=${'0'.repeat(64)},v1=${header().split('v1=')[1]}`],
  ['a v0 signature only', payload, header().replace('v1=', 'v0=')],
  ['no timestamp', payload, header().replace(/t=\d+,/, '')],
  ['a timestamp changed after signing', payload, header().replace(`t=${now}`, `t=${now + 1}`)],
  ['garbage', payload, 'not-a-signature'],
  ['an empty header', payload, ''],
  ['no header', payload, undefined],
  ['an empty body', '', header({ payload: '' })],
];

describe('verifyWebhook', () => {
  it.each(cases)('agrees with the SDK’s constructEvent: %s', (_name, body, signature) => {
    let sdkVerdict: string;
    try {
      sdkVerdict = sdk.webhooks.constructEvent(body, signature as string, SECRET).id;
    } catch (err) {
      sdkVerdict = `refused: ${(err as { type?: string }).type ?? (err as Error).name}`;
    }
    let ours: string;
    try {
      ours = verifyWebhook(body, signature, SECRET).id;
    } catch (err) {
      expect(err).toBeInstanceOf(WebhookSignatureError);
      ours = 'refused: StripeSignatureVerificationError';
    }
    expect(ours).toBe(sdkVerdict);
  });

  it('parses the verified event', () => {
    expect(verifyWebhook(payload, header(), SECRET)).toEqual(JSON.parse(payload));
  });
});

describe('the client', () => {
  it('speaks the API version of the pinned SDK', () => {
    expect(STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
  });

  it('form-encodes nested parameters as the SDK does', () => {
    const params = {
      mode: 'payment',
      line_items: [{ quantity: 1, price_data: { currency: 'gbp', unit_amount: 1200, product_data: { name: 'Invoice INV-1 & co' } } }],
      allowed_payment_method_types: ['card', 'link'],
      metadata: { portico_tenant: 'demo' },
      expand: ['latest_charge.balance_transaction'],
      skipped: undefined,
    };
    expect(decodeURIComponent(formEncode(params))).toBe(
      'mode=payment&line_items[0][quantity]=1&line_items[0][price_data][currency]=gbp&line_items[0][price_data][unit_amount]=1200' +
        '&line_items[0][price_data][product_data][name]=Invoice INV-1 & co&allowed_payment_method_types[0]=card&allowed_payment_method_types[1]=link' +
        '&metadata[portico_tenant]=demo&expand[0]=latest_charge.balance_transaction',
    );
  });
});
