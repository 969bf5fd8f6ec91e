/**
 * The commerce room's payments-Lambda handlers (rows of functions/routes.ts with `room: 'commerce', lambda: 'payments'`):
 * placing an order, which may open a Stripe Checkout at once (pay at purchase), so it runs where the Stripe client and secret are.
 */
export * from './payments/orders';
