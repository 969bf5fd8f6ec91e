import { CATALOGUE_LIMITS, type CartLineView, type CartView, type CatalogueAccess, type StockView } from '../../../shared/api/catalogue';
import type { PortalCaller } from '../../core/callers';
import { conflict, forbidden, notFound, unprocessable } from '../../core/problems';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../table/db';
import { retryOnConflict } from '../../table/conflicts';
import { catalogueTermsFor, type CatalogueTerms } from '../catalogue/catalogueTerms';
import { getProducts, unavailableReason as goneReason, type Product } from '../catalogue/productRepository';
import { priceFor, priceIn } from '../pricing/prices';
import { cartRepository, type StoredCart, type StoredCartLine } from './cartRepository';

/**
 * The caller's cart as it stands now: every read prices each line again with the caller's
 * terms (breaks, discounts, currency) and checks it again (still there, still active,
 * still visible to the company, enough stock where stock is enforced), naming per line
 * what changed since the customer last set it. Products are read in one BatchGet of the
 * cart's lines (≤ 200), whatever the catalogue's size.
 */

/** A cart line priced and checked now, with the product it was checked against (absent: gone). */
export interface CheckedLine {
  stored: StoredCartLine;
  product?: Product;
  view: CartLineView;
}

export interface CheckedCart {
  cart: StoredCart;
  terms: CatalogueTerms;
  lines: CheckedLine[];
  view: CartView;
}

type Unavailable = 'hidden' | 'inactive' | 'withdrawn';

/** Why the caller may not have this product now, if they may not. */
export function unavailableReason(product: Product | undefined, caller: PortalCaller, terms: CatalogueTerms): Unavailable | undefined {
  const gone = goneReason(product, caller.companyId);
  if (gone) return gone;
  // Not sold in the caller's currency: as good as not shown to them.
  return priceIn(product!.prices, terms.currency) ? undefined : 'hidden';
}

/** Stock as the caller's terms let them see it. */
export function stockView(product: Product, terms: CatalogueTerms): StockView {
  const incoming = terms.showIncoming ? product.stock.incoming : undefined;
  if (terms.stockDisplay === 'number') return { display: 'number', onHand: product.stock.onHand, ...(incoming ? { incoming: { ...incoming } } : {}) };
  if (terms.stockDisplay === 'indication')
    return {
      display: 'indication',
      inStock: product.stock.onHand > 0,
      ...(incoming ? { incoming: incoming.expectedDate ? { expectedDate: incoming.expectedDate } : {} } : {}),
    };
  return { display: 'none' };
}

/** Whether the terms forbid ordering more than is on hand of this product. */
const stockEnforced = (product: Product, terms: CatalogueTerms) => terms.enforceStock && !product.stock.allowBackorder;

function checkLine(stored: StoredCartLine, product: Product | undefined, caller: PortalCaller, terms: CatalogueTerms): CheckedLine {
  const problems: CartLineView['problems'] = [];
  const reason = unavailableReason(product, caller, terms);
  const base = { productId: stored.productId, sku: product?.sku ?? stored.sku, name: product?.name ?? stored.name, unit: product?.unit ?? stored.unit };
  if (reason || !product) {
    problems.push({ kind: 'unavailable', reason: reason ?? 'withdrawn' });
    return { stored, product, view: { ...base, quantity: stored.quantity, stock: { display: 'none' }, problems } };
  }
  const price = priceFor(priceIn(product.prices, terms.currency)!, product.taxRateBps, stored.quantity, terms);
  if (!terms.pricesHidden && stored.seenUnitPrice !== undefined && stored.seenCurrency === price.currency && stored.seenUnitPrice !== price.unitPrice)
    problems.push({ kind: 'price-changed', was: stored.seenUnitPrice, now: price.unitPrice });
  if (stockEnforced(product, terms) && stored.quantity > product.stock.onHand) problems.push({ kind: 'insufficient-stock', available: product.stock.onHand });
  return {
    stored,
    product,
    view: { ...base, quantity: stored.quantity, ...(terms.pricesHidden ? {} : { price }), stock: stockView(product, terms), problems },
  };
}

/** What the caller may do with the catalogue, for the cart and checkout (payment methods: the caller's, already within the company's and the tenant's). */
function accessOf(terms: CatalogueTerms): CatalogueAccess {
  const methods = terms.placeOrders && !terms.pricesHidden ? terms.paymentMethods : [];
  return {
    access: terms.access,
    placeOrders: terms.placeOrders,
    quoteRequests: terms.quoteRequests,
    pricesHidden: terms.pricesHidden,
    currency: terms.currency,
    payAtPurchase: { available: methods.length > 0, methods },
  };
}

/** Prices and checks a stored cart for the caller now. */
export async function checkCart(caller: PortalCaller, cart: StoredCart, known?: CatalogueTerms): Promise<CheckedCart> {
  const terms = known ?? (await catalogueTermsFor(caller));
  const byId = cart.lines.length
    ? await getProducts(
        caller.tenantId,
        cart.lines.map((l) => l.productId),
      )
    : new Map<string, Product>();
  const access = accessOf(terms);
  const lines = cart.lines.map((l) => checkLine(l, byId.get(l.productId), caller, terms));
  const priced = lines.filter((l) => l.view.price && !l.view.problems.some((p) => p.kind === 'unavailable'));
  const sum = (f: 'subtotal' | 'tax' | 'total' | 'saving') => priced.reduce((s, l) => s + l.view.price![f], 0);
  const view: CartView = {
    version: cart.version,
    currency: terms.currency,
    lines: lines.map((l) => l.view),
    ...(terms.pricesHidden ? {} : { totals: { subtotal: sum('subtotal'), tax: sum('tax'), total: sum('total'), saving: sum('saving') } }),
    blocked: lines.some((l) => l.view.problems.some((p) => p.kind !== 'price-changed')),
    access,
  };
  return { cart, terms, lines, view };
}

/** The catalogue must be open to the caller for them to keep a cart. */
function mustHaveAccess(terms: CatalogueTerms): void {
  if (!terms.access) throw forbidden('The catalogue is not available to you.');
}

export async function viewCart(caller: PortalCaller): Promise<CartView> {
  // The terms and the caller's own cart read side by side: one round trip fewer on every cart page.
  const [terms, cart] = await Promise.all([catalogueTermsFor(caller), cartRepository.get(caller.tenantId, caller.companyId, caller.userId)]);
  mustHaveAccess(terms);
  return (await checkCart(caller, cart, terms)).view;
}

/**
 * Read the cart, change its lines, write it one version up on condition that nobody wrote
 * it meanwhile; a lost race reads again and applies the same change to what won.
 */
async function changeCart(
  caller: PortalCaller,
  change: (lines: StoredCartLine[], terms: CatalogueTerms) => Promise<StoredCartLine[]> | StoredCartLine[],
): Promise<CartView> {
  const terms = await catalogueTermsFor(caller);
  mustHaveAccess(terms);
  const cart = await retryOnConflict(
    async () => {
      const current = await cartRepository.get(caller.tenantId, caller.companyId, caller.userId);
      const lines = await change(current.lines, terms);
      // Nothing to change (a line removed twice, an empty cart emptied): no new version.
      if (JSON.stringify(lines) === JSON.stringify(current.lines)) return current;
      const now = new Date().toISOString();
      const write = cartRepository.replaceWrite(current, lines, now);
      if ('Put' in write) await dynamo().send(new PutCommand({ TableName: tableName(), ...write.Put }));
      return { ...current, lines, version: current.version + 1, updatedAt: now };
    },
    { attempts: 6, exhausted: () => conflict('Your cart is being changed in another window right now. Try again.') },
  );
  return (await checkCart(caller, cart, terms)).view;
}

/** Sets a line's quantity, adding the line if new. A product the caller may not see is a 404: its existence is not theirs to learn. */
export function setCartLine(caller: PortalCaller, productId: string, quantity: number): Promise<CartView> {
  return changeCart(caller, async (lines, terms) => {
    const product = (await getProducts(caller.tenantId, [productId])).get(productId);
    if (!product || unavailableReason(product, caller, terms)) throw notFound('No product with this id.');
    const existing = lines.find((l) => l.productId === productId);
    if (!existing && lines.length >= CATALOGUE_LIMITS.cartLines)
      throw unprocessable('Cart full', `A cart holds at most ${CATALOGUE_LIMITS.cartLines} lines.`, [
        { name: 'path.productId', reason: `would be line ${CATALOGUE_LIMITS.cartLines + 1}; a cart holds at most ${CATALOGUE_LIMITS.cartLines}` },
      ]);
    const price = priceFor(priceIn(product.prices, terms.currency)!, product.taxRateBps, quantity, terms);
    const line: StoredCartLine = {
      productId,
      quantity,
      sku: product.sku,
      name: product.name,
      unit: product.unit,
      ...(terms.pricesHidden ? {} : { seenUnitPrice: price.unitPrice, seenCurrency: price.currency }),
      addedAt: existing?.addedAt ?? new Date().toISOString(),
    };
    return existing ? lines.map((l) => (l.productId === productId ? line : l)) : [...lines, line];
  });
}

/** Removes a line (a line not in the cart is already removed: the cart is answered as it is). */
export function removeCartLine(caller: PortalCaller, productId: string): Promise<CartView> {
  return changeCart(caller, (lines) => lines.filter((l) => l.productId !== productId));
}

export function clearCart(caller: PortalCaller): Promise<CartView> {
  return changeCart(caller, () => []);
}
