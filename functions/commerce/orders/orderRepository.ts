import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, Expr, getItem, tableName, toItem, type Keys, type Write } from '../../table/db';

/**
 * What makes an order once only: per portal user and the site's `clientOrderId`, the order
 * it placed (`TENANT#t#COMPANY#c#USER#u#PLACED#<clientOrderId>` / `PLACED`), put on
 * condition that none is there in the same transaction as the order and the emptied cart.
 * A double click or a retry finds it and answers the same order. Kept 30 days.
 *
 * And the tenant's order numbers (`TENANT#t#ORDER-NUMBERS` / `COUNTER`): an atomic ADD, so
 * two orders never share a number (a number taken by an order refused later is skipped).
 */
export interface PlacedMarker {
  tenantId: string;
  companyId: string;
  userId: string;
  clientOrderId: string;
  documentId: string;
  number: string;
  total: number;
  currency: string;
  placedAt: string;
  ttl: number;
}

const ENTITY = 'placedOrder';
const FIELDS = ['tenantId', 'companyId', 'userId', 'clientOrderId', 'documentId', 'number', 'total', 'currency', 'placedAt', 'ttl'] as const;
const KEEP_SECONDS = 30 * 86_400;

const placedKey = (tenantId: string, companyId: string, userId: string, clientOrderId: string): Keys => ({
  pk: `TENANT#${tenantId}#COMPANY#${companyId}#USER#${userId}#PLACED#${clientOrderId}`,
  sk: 'PLACED',
});

/** Portal orders are numbered `W-<n>` (W for web), so they never clash with the CRM's numbers. */
export const orderNumber = (n: number): string => `W-${String(n).padStart(5, '0')}`;

export const orderRepository = {
  async placed(tenantId: string, companyId: string, userId: string, clientOrderId: string): Promise<PlacedMarker | undefined> {
    return getItem<PlacedMarker>(placedKey(tenantId, companyId, userId, clientOrderId), FIELDS, true);
  },

  placedWrite(marker: Omit<PlacedMarker, 'ttl'>): Write {
    const x = new Expr();
    const item = toItem(
      { ...marker, ttl: Math.floor(Date.parse(marker.placedAt) / 1000) + KEEP_SECONDS },
      FIELDS,
      placedKey(marker.tenantId, marker.companyId, marker.userId, marker.clientOrderId),
      ENTITY,
    );
    return { Put: { Item: item, ConditionExpression: `attribute_not_exists(${x.name('pk')})`, ...x.params() } };
  },

  async nextNumber(tenantId: string): Promise<string> {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `TENANT#${tenantId}#ORDER-NUMBERS`, sk: 'COUNTER' },
        UpdateExpression: 'ADD #n :one',
        ExpressionAttributeNames: { '#n': 'last' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return orderNumber(Number(Attributes?.last ?? 1));
  },
};
