import type { StockDisplay } from '../../../shared/api/catalogue';
import type { PaymentMethod } from '../../../shared/api/payments';
import type { PortalCaller } from '../../core/callers';
import { paymentOptions } from '../../payments/paymentOptions';
import type { Discounts } from '../pricing/prices';
import { DEFAULT_CATALOGUE_SETTINGS, readTerms, type CatalogueOverrides } from './catalogueSettingsRepository';

/**
 * The catalogue as one portal user may use it: the tenant's settings, overridden by their
 * company's, overridden by their own (a contact's setting wins over the company's, which
 * wins over the tenant's), and narrowed by what they may do (permissions and modules).
 *
 * - access: the `catalog` module on for the company, `catalog:read`, and the settings'
 *   access (on unless a company or contact override says off; seed 002 switches it per contact);
 * - prices are hidden by the setting, or for anyone without `catalog:prices`;
 * - placing orders needs `orders:place`, quote requests `quote-requests:write`;
 * - discounts: the tenant's blanket discount, then the company's `portalDiscountBps`;
 * - payment methods: the contact's list within the company's within the tenant's (none
 *   when payments are off).
 */
export interface CatalogueTerms {
  access: boolean;
  placeOrders: boolean;
  quoteRequests: boolean;
  pricesHidden: boolean;
  stockDisplay: StockDisplay;
  showIncoming: boolean;
  enforceStock: boolean;
  currency: string;
  discounts: Discounts;
  /** What "pay now" may use at checkout: empty when payments are off or allow none. */
  paymentMethods: PaymentMethod[];
}

/** The effective terms from the stored levels (pure, for tests and for callers that already hold the records). */
export function combineTerms(
  caller: Pick<PortalCaller, 'permissions' | 'modules' | 'company'>,
  levels: {
    settings?: typeof DEFAULT_CATALOGUE_SETTINGS;
    company?: CatalogueOverrides & { currency?: string };
    contact?: CatalogueOverrides;
  },
  paymentMethods: PaymentMethod[],
): CatalogueTerms {
  const settings = levels.settings ?? DEFAULT_CATALOGUE_SETTINGS;
  const pick = <K extends keyof CatalogueOverrides>(key: K, tenant: NonNullable<CatalogueOverrides[K]>): NonNullable<CatalogueOverrides[K]> =>
    (levels.contact?.[key] ?? levels.company?.[key] ?? tenant) as NonNullable<CatalogueOverrides[K]>;
  const can = (p: PortalCaller['permissions'][number]) => caller.permissions.includes(p);
  const access = caller.modules.includes('catalog') && can('catalog:read') && pick('access', true);
  return {
    access,
    placeOrders: access && can('orders:place') && pick('placeOrders', settings.placeOrders),
    quoteRequests: access && can('quote-requests:write') && pick('quoteRequests', settings.quoteRequests),
    pricesHidden: !can('catalog:prices') || pick('pricesHidden', settings.pricesHidden),
    stockDisplay: pick('stockDisplay', settings.stockDisplay),
    showIncoming: pick('showIncoming', settings.showIncoming),
    enforceStock: settings.enforceStock,
    currency: levels.company?.currency ?? settings.currency,
    discounts: { blanketBps: settings.blanketDiscountBps, companyBps: caller.company.portalDiscountBps ?? 0 },
    paymentMethods,
  };
}

/** The effective terms for a portal caller: their settings' three levels (one BatchGetItem) and the tenant's payment options, read together. */
export async function catalogueTermsFor(caller: PortalCaller): Promise<CatalogueTerms> {
  const [levels, payments] = await Promise.all([readTerms(caller.tenantId, caller.companyId, caller.userId), paymentOptions(caller.tenantId, caller.company)]);
  const own = levels.contact?.paymentMethods;
  const methods = payments.available ? (own ? payments.methods.filter((m) => own.includes(m)) : payments.methods) : [];
  return combineTerms(caller, levels, methods);
}
