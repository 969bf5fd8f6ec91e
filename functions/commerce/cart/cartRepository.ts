import { Expr, getItem, toItem, type Keys, type Write } from '../../table/db';

/**
 * The cart: one item per portal user, so it follows them to any device they sign in on.
 *
 * Key: `TENANT#<tenantId>#COMPANY#<companyId>#USER#<userId>#CART` / `CART` (tenant,
 * company and user all from the verified caller, so nobody else's cart can be named).
 * Every change writes the whole item with `version` one up, conditional on the version it
 * read (or on there being none yet): two tabs changing it at once never lose a change,
 * the loser reads again and re-applies its own. Other rooms (quote requests from the cart)
 * read it with `cartRepository.get` and empty it with `cartRepository.replaceWrite` in
 * their own transaction.
 */
export interface StoredCartLine {
  productId: string;
  quantity: number;
  /** What the line showed when the customer last set it, so a later read can name what changed (and a product gone still has a name). */
  sku: string;
  name: string;
  unit: string;
  /** The caller's unit price (after breaks and discounts) when last set; absent when prices were hidden. */
  seenUnitPrice?: number;
  seenCurrency?: string;
  addedAt: string;
}

export interface StoredCart {
  tenantId: string;
  companyId: string;
  userId: string;
  /** 0 = never written; bumped by every change. */
  version: number;
  lines: StoredCartLine[];
  updatedAt: string;
}

const ENTITY = 'cart';
const FIELDS = ['tenantId', 'companyId', 'userId', 'version', 'lines', 'updatedAt'] as const;

export const cartKey = (tenantId: string, companyId: string, userId: string): Keys => ({
  pk: `TENANT#${tenantId}#COMPANY#${companyId}#USER#${userId}#CART`,
  sk: 'CART',
});

export const cartRepository = {
  /** The caller's cart, or an empty one at version 0. Strongly consistent: it is read to be changed or ordered. */
  async get(tenantId: string, companyId: string, userId: string): Promise<StoredCart> {
    const stored = await getItem<StoredCart>(cartKey(tenantId, companyId, userId), FIELDS, true);
    return stored ?? { tenantId, companyId, userId, version: 0, lines: [], updatedAt: new Date(0).toISOString() };
  },

  /** The whole cart with `lines`, one version up, conditional on `previous.version` still being the stored one. */
  replaceWrite(previous: StoredCart, lines: StoredCartLine[], now = new Date().toISOString()): Write {
    const x = new Expr();
    const next: StoredCart = { ...previous, lines, version: previous.version + 1, updatedAt: now };
    const condition = previous.version === 0 ? `attribute_not_exists(${x.name('pk')})` : `${x.name('version')} = ${x.value(previous.version)}`;
    return {
      Put: {
        Item: toItem(next, FIELDS, cartKey(previous.tenantId, previous.companyId, previous.userId), ENTITY),
        ConditionExpression: condition,
        ...x.params(),
      },
    };
  },
};
