import type { ProductPrice, ProductVisibility } from '../../../shared/api/catalogue';
import { queryPage, type Condition, type Keys } from '../../table/db';
import type { Product, ProductStock } from './productRepository';

/**
 * The portal's catalogue index: one partition per tenant (`TENANT#t#CATALOGUE`) holding,
 * for each listable product (active, not hidden, not withdrawn), a few small entries that
 * carry what a catalogue page shows of it (name, SKU, unit, first image, prices, stock), so
 * a page is ONE Query that reads at most `limit` entries however large the catalogue:
 *
 * - `ALL#<name>#<id>`: every product, by name;
 * - `CAT#<category>#<name>#<id>`: a category's, by name;
 * - `WORD#<word>#<id>`: each distinct word of the name, and the SKU, for search by the
 *   start of a word or of the SKU (further words of the query filter on `searchText`);
 * - `CATEGORY#<category>`: a category and how many products shown to everyone it holds.
 *
 * Per-company visibility (`listed-companies`) and the in-stock filter are attributes the
 * Query filters on; DynamoDB's `Limit` counts items before the filter, so a filtered page
 * may be short and still have a cursor, and never reads more than `limit` entries.
 * Hidden and inactive products have no entries at all.
 */

export interface CatalogueEntry extends Keys {
  __edb_e__: 'catalogueEntry';
  productId: string;
  sku: string;
  name: string;
  category?: string;
  categoryKey?: string;
  unit: string;
  thumbnail?: { imageId: string; alt: string };
  prices: ProductPrice[];
  taxRateBps: number;
  stock: ProductStock;
  inStock: boolean;
  visibility: Exclude<ProductVisibility, 'hidden'>;
  /** With `listed-companies`: the companies that see it (a string set, for `contains`). */
  visibleTo?: Set<string>;
  /** On word entries: the lower-cased name and SKU, for a query's further words. */
  searchText?: string;
}

export type CatalogueItem = Omit<CatalogueEntry, keyof Keys | '__edb_e__' | 'visibleTo' | 'searchText' | 'categoryKey'>;

const ENTRY_FIELDS = ['productId', 'sku', 'name', 'category', 'unit', 'thumbnail', 'prices', 'taxRateBps', 'stock', 'inStock', 'visibility'] as const;

/** Words per product that get a search entry (the first ones: a name's later words are rarely what people type). */
const MAX_WORDS = 40;
const KEY_PART = 60;

export const cataloguePartition = (tenantId: string) => `TENANT#${tenantId}#CATALOGUE`;
export const catalogueEntryKey = (tenantId: string, sk: string): Keys => ({ pk: cataloguePartition(tenantId), sk });

/** A string as a sort key part: lower case, no `#` (the separator), bounded. */
export const keyPart = (value: string): string => value.toLowerCase().replace(/#/g, ' ').replace(/\s+/g, ' ').trim().slice(0, KEY_PART);

/** A text's tokens as typed: lower case, split on spaces (`o-ring`, `ab-100/2`), each once. */
export function tokensOf(text: string): string[] {
  return [...new Set(keyPart(text.slice(0, 1000)).split(' ').filter(Boolean))];
}

/** The words a product is found by: its name's tokens and their letter-and-digit runs (`o-ring` → `o-ring`, `o`, `ring`), each once. */
export function wordsOf(text: string): string[] {
  const tokens = tokensOf(text);
  const runs = tokens.flatMap((t) => t.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  return [...new Set([...tokens, ...runs])];
}

export const categoryKey = (category: string) => keyPart(category);

/** Whether a product is listed in the portal's catalogue at all. */
export const listable = (product: Product): boolean => !product.withdrawnAt && product.active && product.visibility !== 'hidden';

/** The catalogue entries of a product (none when it is not listable). */
export function catalogueEntries(product: Product): CatalogueEntry[] {
  if (!listable(product)) return [];
  const name = keyPart(product.name);
  const sku = keyPart(product.sku).replace(/ /g, '');
  const base: Omit<CatalogueEntry, 'pk' | 'sk'> = {
    __edb_e__: 'catalogueEntry',
    productId: product.productId,
    sku: product.sku,
    name: product.name,
    ...(product.category ? { category: product.category, categoryKey: categoryKey(product.category) } : {}),
    unit: product.unit,
    ...(product.images[0] ? { thumbnail: product.images[0] } : {}),
    prices: product.prices,
    taxRateBps: product.taxRateBps,
    stock: product.stock,
    inStock: product.stock.onHand > 0,
    visibility: product.visibility as CatalogueEntry['visibility'],
    ...(product.visibility === 'listed-companies' && product.visibleTo.length ? { visibleTo: new Set(product.visibleTo) } : {}),
  };
  const entry = (sk: string, extra: Partial<CatalogueEntry> = {}): CatalogueEntry => ({ ...base, ...catalogueEntryKey(product.tenantId, sk), ...extra });
  const searchText = `${product.name.toLowerCase()} ${product.sku.toLowerCase()}`;
  const words = new Set([...wordsOf(product.name).slice(0, MAX_WORDS), ...(sku ? [sku] : [])]);
  return [
    entry(`ALL#${name}#${product.productId}`),
    ...(product.category ? [entry(`CAT#${categoryKey(product.category)}#${name}#${product.productId}`)] : []),
    ...[...words].map((w) => entry(`WORD#${w}#${product.productId}`, { searchText })),
  ];
}

export interface CatalogueFilter {
  companyId: string;
  category?: string;
  q?: string;
  inStock?: boolean;
  limit: number;
  cursor?: string;
}

/**
 * One page of the catalogue a company may see: ONE Query of `limit` entries (then filtered).
 * With a search, the query's longest token (as typed: `o-ring`, an SKU) picks the entries and its other words filter;
 * a product whose name has two words starting with the query shows once per page.
 */
export async function cataloguePage(tenantId: string, filter: CatalogueFilter): Promise<{ items: CatalogueItem[]; cursor?: string }> {
  const words = filter.q ? tokensOf(filter.q) : [];
  const lead = [...words].sort((a, b) => b.length - a.length)[0] ?? '';
  const others = words.filter((w) => w !== lead);
  const sortPrefix = filter.q ? `WORD#${lead}` : filter.category ? `CAT#${categoryKey(filter.category)}#` : 'ALL#';
  const condition: Condition = (x) => {
    const parts = [`(${x.name('visibility')} = ${x.value('everyone')} OR contains(${x.name('visibleTo')}, ${x.value(filter.companyId)}))`];
    if (filter.inStock) parts.push(`${x.name('inStock')} = ${x.value(true)}`);
    if (filter.q && filter.category) parts.push(`${x.name('categoryKey')} = ${x.value(categoryKey(filter.category))}`);
    for (const w of others) parts.push(`contains(${x.name('searchText')}, ${x.value(w)})`);
    return parts.join(' AND ');
  };
  const page = await queryPage<CatalogueItem>(
    { partition: cataloguePartition(tenantId), sortPrefix, filter: condition, limit: filter.limit, cursor: filter.cursor },
    ENTRY_FIELDS,
  );
  const seen = new Set<string>();
  const items = page.items.filter((item) => !seen.has(item.productId) && seen.add(item.productId));
  return { items, ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** The most categories a tenant's catalogue lists. */
export const MAX_CATEGORIES = 200;

/** The tenant's categories with products shown to everyone, by name (one Query, bounded by the number of categories). */
export async function categories(tenantId: string): Promise<Array<{ name: string; count: number }>> {
  const page = await queryPage<{ name: string; count: number }>(
    { partition: cataloguePartition(tenantId), sortPrefix: 'CATEGORY#', filter: (x) => `${x.name('count')} > ${x.value(0)}`, limit: MAX_CATEGORIES },
    ['name', 'count'],
  );
  return page.items;
}
