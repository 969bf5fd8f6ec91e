import { activePortalUser } from '../support/portalAccess';
import { invoiceOf, outstandingInvoice, payCheckout, paymentsOf, startPayment } from '../support/payments';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

describe('paying an invoice', () => {
  it('pays the balance through the local checkout', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await outstandingInvoice(stack, user, 12_000);
    expect((await invoiceOf(stack, user, id)).actions).toContain('pay');
    const started = await startPayment(stack, user, id);
    expect(started.status).toBe(201);
    const paid = await payCheckout(stack, started.body.checkoutUrl);
    expect(paid.outcome).toBe('succeeded');
    await stack.stripe.idle();
    const invoice = await invoiceOf(stack, user, id);
    expect(invoice).toMatchObject({ balance: 0, state: 'paid', portalPaid: 12_000, paymentStatus: 'paid' });
    expect(invoice.actions).not.toContain('pay');
    const { items } = await paymentsOf(stack, user, id);
    expect(items).toEqual([expect.objectContaining({ status: 'succeeded', amount: 12_000, counted: 12_000 })]);
  });
});
