import { createContext, useContext } from 'react';
import type { CartView, CatalogueAccess } from '../../../shared/api/catalogue';

/** What every page of the shop shares: the caller's terms, and their cart (kept by the module so the tab shows its count). */
export interface Shop {
  access: CatalogueAccess;
  /** Undefined until loaded, or when the user may not order. */
  cart: CartView | undefined;
  setCart(cart: CartView): void;
  mayOrder: boolean;
  mayRequestQuote: boolean;
  mayRequestJob: boolean;
  mayRequest: boolean;
  seesPrices: boolean;
}

export const ShopContext = createContext<Shop | null>(null);

export function useShop(): Shop {
  const shop = useContext(ShopContext);
  if (!shop) throw new Error('useShop outside the shop');
  return shop;
}
