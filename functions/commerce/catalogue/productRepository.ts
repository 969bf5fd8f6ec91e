import { BatchGetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ProductPrice, ProductVisibility } from '../../../shared/api/catalogue';
import { dynamo, getItem, queryPage, tableName, toItem, toRecord, type Keys } from '../../table/db';
import { DEFAULT_PAGE_SIZE, type Page } from '../../table/pagination';
import { catalogueEntries, catalogueEntryKey, categoryKey, type CatalogueEntry } from './catalogueIndex';

/**
 * Products as the CRM publishes them, one item each (`TENANT#t#PRODUCT#<id>` / `PRODUCT`,
 * listed for staff on gsi1 by id), and beside them the portal's catalogue index: a few
 * small entries per listable product in the tenant's catalogue partition (catalogueIndex.ts).
 * A product and its entries are written in one transaction, so a page never shows a
 * product as it was before and after a change at once. A withdrawn product keeps its item
 * (a cart names why a line went) and loses its entries.
 */

export interface ProductStock {
  onHand: number;
  incoming?: { quantity: number; expectedDate?: string };
  allowBackorder: boolean;
}

export type Product = {
  tenantId: string;
  productId: string;
  sku: string;
  name: string;
  /** Markdown as the CRM sent it. */
  description: string;
  /** The description as sanitised HTML (what the portal shows). */
  descriptionHtml: string;
  category?: string;
  unit: string;
  taxRateBps: number;
  prices: ProductPrice[];
  images: Array<{ imageId: string; alt: string }>;
  visibility: ProductVisibility;
  visibleTo: string[];
  stock: ProductStock;
  active: boolean;
  /** Set when the CRM withdrew it: gone from the catalogue, still readable by id. */
  withdrawnAt?: string;
  /** Bumped by each write; each write is conditional on the one read. */
  version: number;
  /** The sort keys of its catalogue entries, so the next write removes the ones it no longer has. */
  entryKeys: string[];
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
};

const ENTITY = 'product';
export const PRODUCT_FIELDS = [
  'tenantId',
  'productId',
  'sku',
  'name',
  'description',
  'descriptionHtml',
  'category',
  'unit',
  'taxRateBps',
  'prices',
  'images',
  'visibility',
  'visibleTo',
  'stock',
  'active',
  'withdrawnAt',
  'version',
  'entryKeys',
  'createdAt',
  'updatedAt',
  'updatedBy',
] as const;

/** At most this many ids in one `getProducts` (a cart's lines). */
export const MAX_PRODUCTS_READ = 200;
const BATCH_GET = 100;
const MAX_ATTEMPTS = 8;

const productKeys = (tenantId: string, productId: string): Keys => ({
  pk: `TENANT#${tenantId}#PRODUCT#${productId}`,
  sk: 'PRODUCT',
  gsi1pk: `TENANT#${tenantId}#PRODUCTS`,
  gsi1sk: `PRODUCT#${productId}`,
});
const primaryKey = (tenantId: string, productId: string): Keys => ({ pk: `TENANT#${tenantId}#PRODUCT#${productId}`, sk: 'PRODUCT' });

/** Why a caller cannot have a product now, if they cannot: what a cart line says. */
export function unavailableReason(product: Product | undefined, companyId: string): 'withdrawn' | 'inactive' | 'hidden' | undefined {
  if (!product || product.withdrawnAt) return 'withdrawn';
  if (!product.active) return 'inactive';
  if (product.visibility === 'hidden') return 'hidden';
  if (product.visibility === 'listed-companies' && !product.visibleTo.includes(companyId)) return 'hidden';
  return undefined;
}

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));

/**
 * The products of `productIds` that exist in the tenant (withdrawn, hidden and inactive
 * ones too, so the caller can say why a line is unavailable), by id: BatchGetItem, 100
 * keys a request, unprocessed keys retried. Keys are built from the tenant, so another
 * tenant's product is never found.
 */
export async function getProducts(tenantId: string, productIds: readonly string[]): Promise<Map<string, Product>> {
  const ids = [...new Set(productIds)];
  if (ids.length > MAX_PRODUCTS_READ) throw new Error(`getProducts reads at most ${MAX_PRODUCTS_READ} products, not ${ids.length}`);
  const found = new Map<string, Product>();
  const chunks: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < ids.length; i += BATCH_GET) chunks.push(ids.slice(i, i + BATCH_GET).map((id) => primaryKey(tenantId, id)));
  await Promise.all(
    chunks.map(async (chunk) => {
      let keys = chunk;
      for (let attempt = 0; keys.length; attempt++) {
        if (attempt >= MAX_ATTEMPTS) throw new Error(`BatchGetItem left ${keys.length} keys unprocessed`);
        if (attempt) await pause(attempt);
        const out = await dynamo().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys } } }));
        for (const item of out.Responses?.[tableName()] ?? []) {
          const product = toRecord<Product>(item, PRODUCT_FIELDS);
          if (product?.tenantId === tenantId) found.set(product.productId, product);
        }
        keys = (out.UnprocessedKeys?.[tableName()]?.Keys as Array<Record<string, unknown>> | undefined) ?? [];
      }
    }),
  );
  return found;
}

export const productRepository = {
  async get(tenantId: string, productId: string, consistent = false): Promise<Product | undefined> {
    return getItem<Product>(primaryKey(tenantId, productId), PRODUCT_FIELDS, consistent);
  },

  /** Staff's list, by id, withdrawn ones included. */
  async list(tenantId: string, query: { limit?: number; cursor?: string }): Promise<Page<Product>> {
    return queryPage<Product>(
      {
        index: 'gsi1',
        partition: `TENANT#${tenantId}#PRODUCTS`,
        sortPrefix: 'PRODUCT#',
        limit: query.limit ?? DEFAULT_PAGE_SIZE,
        cursor: query.cursor,
      },
      PRODUCT_FIELDS,
    );
  },

  /**
   * Replaces the product, if it is still as read (`previous`; none = not there yet), and
   * its catalogue entries with one transaction: entries it no longer has are deleted, the
   * rest put, and the category counts moved. A conflict (someone else wrote it in
   * between) throws for `retryOnConflict`.
   */
  async save(product: Product, previous: Product | undefined): Promise<void> {
    const entries = product.withdrawnAt ? [] : catalogueEntries(product);
    const newKeys = new Set(entries.map((e) => e.sk));
    const stale = (previous?.entryKeys ?? []).filter((sk) => !newKeys.has(sk));
    const record: Product = { ...product, entryKeys: [...newKeys] };
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
      {
        Put: {
          TableName: tableName(),
          Item: toItem(record, PRODUCT_FIELDS, productKeys(product.tenantId, product.productId), ENTITY),
          ...(previous
            ? {
                ConditionExpression: '#version = :version',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':version': previous.version },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      ...stale.map((sk) => ({ Delete: { TableName: tableName(), Key: catalogueEntryKey(product.tenantId, sk) } })),
      ...entries.map((entry: CatalogueEntry) => ({ Put: { TableName: tableName(), Item: entry as unknown as Record<string, unknown> } })),
      ...categoryMoves(product.tenantId, previous, product),
    ];
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  },
};

/** A new product's item and its catalogue entries as `save` writes them (no category count): for bulk loads (the bench's 10,000 products). */
export function productItems(product: Product): Array<Record<string, unknown>> {
  const entries = product.withdrawnAt ? [] : catalogueEntries(product);
  const record: Product = { ...product, entryKeys: entries.map((e) => e.sk) };
  return [toItem(record, PRODUCT_FIELDS, productKeys(product.tenantId, product.productId), ENTITY), ...(entries as unknown as Array<Record<string, unknown>>)];
}

/** A product counts in its category while it has catalogue entries and is shown to everyone. */
function countedCategory(product: Product | undefined): string | undefined {
  if (!product || product.withdrawnAt || !product.active || product.visibility !== 'everyone') return undefined;
  return product.category;
}

/** The category items' counts, moved when a product enters, leaves or changes category. */
function categoryMoves(tenantId: string, previous: Product | undefined, product: Product) {
  const was = countedCategory(previous);
  const now = countedCategory(product);
  // The same category (whatever its case) is one item: nothing moves, and a transaction may not touch an item twice.
  if ((was && categoryKey(was)) === (now && categoryKey(now))) return [];
  const move = (category: string, by: 1 | -1) => ({
    Update: {
      TableName: tableName(),
      Key: catalogueEntryKey(tenantId, `CATEGORY#${categoryKey(category)}`),
      UpdateExpression: 'SET #name = :name, #e = :e ADD #count :by',
      ExpressionAttributeNames: { '#name': 'name', '#count': 'count', '#e': '__edb_e__' },
      ExpressionAttributeValues: { ':name': category, ':by': by, ':e': 'catalogueCategory' },
    },
  });
  return [...(was ? [move(was, -1)] : []), ...(now ? [move(now, 1)] : [])];
}
