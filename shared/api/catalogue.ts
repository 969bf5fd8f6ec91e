import * as z from 'zod/mini';
import { id, lazily, pageQueryFields, trimmed } from './common';
import { currency, isoDate, nonNegativeMoney } from './documents';
import { paymentMethodSchema, type PaymentMethod } from './payments';

/**
 * Commerce: the catalogue the CRM publishes (products, their prices, price breaks and
 * stock), the tenant's catalogue settings with company and contact overrides, and what a
 * portal user sees of it (their own price, stock as the settings say), their cart and the
 * orders they place. Money is integer minor units of one currency, always; quantities are
 * whole units. The CRM names a product by its own id (`productId`).
 */

/** The catalogue's field limits (the site's forms show them too). */
export const CATALOGUE_LIMITS = {
  sku: 100,
  name: 200,
  /** Markdown as the CRM sends it; stored sanitised. */
  description: 20_000,
  category: 100,
  unit: 30,
  images: 10,
  priceBreaks: 10,
  /** A batch upsert (one catalogue sync request). */
  batch: 250,
  /** Companies a product may be limited to. */
  visibleTo: 500,
  /** Lines in one cart (and so in one order placed from it). */
  cartLines: 200,
  quantity: 100_000,
  purchaseOrderReference: 100,
  deliveryNotes: 2000,
  search: 100,
} as const;

export const PRODUCT_VISIBILITIES = ['everyone', 'listed-companies', 'hidden'] as const;
export type ProductVisibility = (typeof PRODUCT_VISIBILITIES)[number];

export const STOCK_DISPLAYS = ['number', 'indication', 'none'] as const;
export type StockDisplay = (typeof STOCK_DISPLAYS)[number];

/** Whole units: a quantity in a cart, a price break's threshold, stock. */
const quantity = lazily(() => z.number().check(z.int('must be a whole number of units'), z.minimum(1), z.maximum(CATALOGUE_LIMITS.quantity)));
const stockQuantity = lazily(() => z.number().check(z.int('must be a whole number of units'), z.minimum(0), z.maximum(1_000_000_000)));
/** Basis points: 1250 = 12.5 %. */
const bps = lazily(() => z.number().check(z.int('must be whole basis points (1250 = 12.5 %)'), z.minimum(0), z.maximum(10_000)));

/** One price of a product in one currency: the unit price, and lower unit prices from a quantity up. */
export const productPrice = lazily(() =>
  z
    .strictObject({
      currency,
      /** The unit price before tax, in minor units. */
      unitPrice: nonNegativeMoney,
      /** From `minQuantity` units up, each costs `unitPrice` (before any discount). Thresholds ascend, prices do not rise. */
      breaks: z._default(
        z
          .array(z.strictObject({ minQuantity: z.number().check(z.int(), z.minimum(2), z.maximum(CATALOGUE_LIMITS.quantity)), unitPrice: nonNegativeMoney }))
          .check(z.maxLength(CATALOGUE_LIMITS.priceBreaks)),
        [],
      ),
    })
    .check(
      z.refine((p) => p.breaks.every((b, i) => i === 0 || b.minQuantity > p.breaks[i - 1]!.minQuantity), {
        message: 'must list thresholds in ascending order, each once',
        path: ['breaks'],
      }),
      z.refine((p) => p.breaks.every((b, i) => b.unitPrice <= (i === 0 ? p.unitPrice : p.breaks[i - 1]!.unitPrice)), {
        message: 'must not raise the price as the quantity grows',
        path: ['breaks'],
      }),
    ),
);
export type ProductPrice = z.output<typeof productPrice>;

/** An image the product shows: uploaded first (`POST /api/admin/products/{productId}/images`), named here by its id. */
export const productImage = lazily(() => z.strictObject({ imageId: id, alt: z._default(trimmed(200, 0), '') }));

/** PUT /api/admin/products/{productId} (and each item of a batch): the product as the CRM holds it, replaced whole. */
export const productBody = lazily(() =>
  z.strictObject({
    sku: trimmed(CATALOGUE_LIMITS.sku),
    name: trimmed(CATALOGUE_LIMITS.name),
    /** Markdown; stored sanitised (no raw HTML, no script or data URLs). */
    description: z._default(trimmed(CATALOGUE_LIMITS.description, 0), ''),
    category: z.optional(trimmed(CATALOGUE_LIMITS.category)),
    /** What one unit is ("each", "box of 100", "m²"). */
    unit: z._default(trimmed(CATALOGUE_LIMITS.unit), 'each'),
    /** The tax rate charged on it, in basis points (2000 = 20 %). */
    taxRateBps: bps,
    /** One price per currency the tenant sells in. */
    prices: z.array(productPrice).check(
      z.minLength(1, 'name at least one price'),
      z.maxLength(10),
      z.refine((ps) => new Set(ps.map((p) => p.currency)).size === ps.length, 'must give each currency once'),
    ),
    images: z._default(z.array(productImage).check(z.maxLength(CATALOGUE_LIMITS.images)), []),
    visibility: z._default(z.enum(PRODUCT_VISIBILITIES), 'everyone'),
    /** With visibility `listed-companies`: the companies that see it. */
    visibleTo: z._default(z.array(id).check(z.maxLength(CATALOGUE_LIMITS.visibleTo)), []),
    stock: z._default(
      z.strictObject({
        onHand: stockQuantity,
        incoming: z.optional(z.strictObject({ quantity: stockQuantity, expectedDate: z.optional(isoDate) })),
        /** Whether an order may take more than is on hand (backorders). Default true: stock is shown, not enforced. */
        allowBackorder: z._default(z.boolean(), true),
      }),
      { onHand: 0, allowBackorder: true },
    ),
    active: z._default(z.boolean(), true),
  }),
);
export type ProductBody = z.output<typeof productBody>;

export const productPath = lazily(() => z.strictObject({ productId: id }));

/** POST /api/admin/products/batch: a catalogue sync, each product upserted by its id. */
export const productBatchBody = lazily(() =>
  z.strictObject({
    products: z
      .array(z.strictObject({ productId: id, product: productBody }))
      .check(z.minLength(1), z.maxLength(CATALOGUE_LIMITS.batch, `must hold at most ${CATALOGUE_LIMITS.batch} products; send the rest in further batches`)),
  }),
);

/** Settings a company or a contact may override; absent means "as the level above says". */
const catalogueOverrideFields = () => ({
  /** Whether the catalogue shows at all (seed 002: per contact). */
  access: z.optional(z.boolean()),
  placeOrders: z.optional(z.boolean()),
  quoteRequests: z.optional(z.boolean()),
  pricesHidden: z.optional(z.boolean()),
  stockDisplay: z.optional(z.enum(STOCK_DISPLAYS)),
  showIncoming: z.optional(z.boolean()),
});

/** PUT /api/admin/catalogue/settings: the tenant's catalogue settings, replaced whole. */
export const catalogueSettingsBody = lazily(() =>
  z.strictObject({
    placeOrders: z.boolean(),
    quoteRequests: z.boolean(),
    pricesHidden: z.boolean(),
    stockDisplay: z.enum(STOCK_DISPLAYS),
    showIncoming: z.boolean(),
    /** Off every product for every customer, before a company's own discount. */
    blanketDiscountBps: bps,
    /** An order may not take more than is on hand unless the product allows backorders. */
    enforceStock: z.boolean(),
    /** The currency the catalogue sells in unless a company has its own. */
    currency,
  }),
);
export type CatalogueSettingsInput = z.output<typeof catalogueSettingsBody>;

/** PUT /api/admin/companies/{companyId}/catalogue: the company's overrides (its discount is `portalDiscountBps` on the company). */
export const companyCatalogueBody = lazily(() =>
  z.strictObject({
    ...catalogueOverrideFields(),
    currency: z.optional(currency),
  }),
);

/** PUT /api/admin/contacts/{contactId}/catalogue: the contact's overrides, and the payment methods they may use within their company's. */
export const contactCatalogueBody = lazily(() =>
  z.strictObject({
    ...catalogueOverrideFields(),
    paymentMethods: z.optional(z.nullable(z.array(paymentMethodSchema).check(z.maxLength(5)))),
  }),
);

/** GET /api/catalogue/products: a page of what the caller may see. */
export const catalogueQuery = lazily(() =>
  z.strictObject({
    ...pageQueryFields(),
    category: z.optional(trimmed(CATALOGUE_LIMITS.category)),
    /** The start of any word of the name, or of the SKU. */
    q: z.optional(trimmed(CATALOGUE_LIMITS.search)),
    inStock: z.optional(z.enum(['true', 'false'])),
  }),
);

/** GET /api/catalogue/products/{productId}?quantity=n: the price for that many. */
export const productQuery = lazily(() =>
  z.strictObject({ quantity: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(CATALOGUE_LIMITS.quantity))) }),
);

/** PUT /api/cart/lines/{productId}: set a line's quantity (adds the line). */
export const cartLineBody = lazily(() => z.strictObject({ quantity }));

/** POST /api/orders: place the cart as an order. */
export const placeOrderBody = lazily(() =>
  z.strictObject({
    /** The site's id for this checkout (a double click, or a retry, places one order). */
    clientOrderId: id,
    /** The cart's version the customer reviewed: a cart changed since is refused (409) with the changes. */
    cartVersion: z.number().check(z.int(), z.minimum(0)),
    /** The total the customer saw, minor units: a different total now is refused (409) with the changes line by line. */
    expectedTotal: nonNegativeMoney,
    purchaseOrderReference: z.optional(trimmed(CATALOGUE_LIMITS.purchaseOrderReference, 0)),
    deliveryNotes: z.optional(trimmed(CATALOGUE_LIMITS.deliveryNotes, 0)),
    /** Go to Stripe Checkout for the order's total once placed (payments on, the caller may pay). */
    payNow: z._default(z.boolean(), false),
  }),
);
export type PlaceOrderBody = z.output<typeof placeOrderBody>;

// ---------- What the portal sees ----------

/** Stock as the settings let the caller see it: a number, an indication, or nothing. */
export type StockView =
  | { display: 'number'; onHand: number; incoming?: { quantity: number; expectedDate?: string } }
  | { display: 'indication'; inStock: boolean; incoming?: { expectedDate?: string } }
  | { display: 'none' };

/**
 * The caller's price for a quantity, in the catalogue's currency for them. Order of rules:
 * the price break for the quantity gives the unit price; the blanket discount, then the
 * company's, each apply to what is left (compounded), per unit, rounded half up to a minor
 * unit; tax on the discounted line total, rounded half up. `saving` is what the customer
 * saves against the list unit price × quantity. Absent altogether when prices are hidden.
 */
export interface PriceView {
  currency: string;
  quantity: number;
  /** The list price of one unit (no break, no discount). */
  listUnitPrice: number;
  /** The price break's unit price at this quantity (= list when none applies). */
  breakUnitPrice: number;
  /** After the discounts: what one unit costs the caller before tax. */
  unitPrice: number;
  /** The combined discount, basis points of the break price. */
  discountBps: number;
  /** unitPrice × quantity. */
  subtotal: number;
  taxRateBps: number;
  tax: number;
  total: number;
  /** listUnitPrice × quantity − subtotal. */
  saving: number;
  /** The breaks, as the caller's unit prices after discount, for the product page's table. */
  breaks: Array<{ minQuantity: number; unitPrice: number }>;
}

export interface ProductSummary {
  productId: string;
  sku: string;
  name: string;
  category?: string;
  unit: string;
  /** The first image, if any: a short-lived link. */
  thumbnail?: { url: string; alt: string };
  /** For one unit; absent when prices are hidden. */
  price?: PriceView;
  stock: StockView;
}

export interface ProductView extends ProductSummary {
  /** Sanitised HTML from the CRM's Markdown. */
  descriptionHtml: string;
  images: Array<{ imageId: string; url: string; alt: string }>;
  /** What the caller may do with it. */
  actions: Array<'add-to-cart'>;
}

export interface CataloguePage {
  items: ProductSummary[];
  cursor?: string;
}

export interface CategoryView {
  name: string;
  /** Products the caller may see in it (up to 1,000; more reads as 1000+). */
  count: number;
}

/** What the caller may do with the catalogue (for the menu and the cart). */
export interface CatalogueAccess {
  access: boolean;
  placeOrders: boolean;
  quoteRequests: boolean;
  pricesHidden: boolean;
  currency: string;
  /** Whether "pay now" is offered at checkout, and with what. */
  payAtPurchase: { available: boolean; methods: PaymentMethod[] };
}

/** A line of the cart as it stands now, re-priced and re-checked on every read. */
export interface CartLineView {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  quantity: number;
  thumbnail?: { url: string; alt: string };
  price?: PriceView;
  stock: StockView;
  /**
   * What changed since the line was added or last reviewed, for the customer to see before
   * ordering: its price, its availability, or it is gone (hidden, inactive, withdrawn).
   */
  problems: Array<
    | { kind: 'price-changed'; was: number; now: number }
    | { kind: 'unavailable'; reason: 'hidden' | 'inactive' | 'withdrawn' }
    | { kind: 'insufficient-stock'; available: number }
  >;
}

export interface CartView {
  /** Bumped by every change: an order names the version the customer reviewed. */
  version: number;
  currency: string;
  lines: CartLineView[];
  /** Absent when prices are hidden. */
  totals?: { subtotal: number; tax: number; total: number; saving: number };
  /** True when a line has a problem that stops an order (unavailable, insufficient stock). */
  blocked: boolean;
  access: CatalogueAccess;
}

/** POST /api/orders: the order placed (a sales order the customer sees in Orders), and where to pay when asked. */
export interface PlacedOrder {
  documentId: string;
  number: string;
  total: number;
  currency: string;
  /** With payNow: the Stripe Checkout page to send the customer to. */
  checkoutUrl?: string;
}
