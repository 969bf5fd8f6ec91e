import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentType } from '../../../shared/api/documents';
import { dynamo, Expr, tableName, toItem, toRecord, type Keys } from '../../table/db';
import { documentKey } from '../documentRepository';

/**
 * A document's message thread: one item per message in the document's own partition
 * (`TENANT#…#DOC#<type>#<id>`), sorted by time (`MSG#<at>#<messageId>`), so a thread is
 * one Query beside the document and can never be reached without naming it.
 */
export type MessageAuthor = { kind: 'customer' | 'staff' | 'crm'; id: string; name: string };
export type MessageAttachment = { attachmentId: string; name: string; contentType: string; size: number };

export type StoredMessage = {
  tenantId: string;
  type: DocumentType;
  documentId: string;
  companyId: string;
  messageId: string;
  at: string;
  author: MessageAuthor;
  body: string;
  attachments: MessageAttachment[];
};

const ENTITY = 'message';
const FIELDS = ['tenantId', 'type', 'documentId', 'companyId', 'messageId', 'at', 'author', 'body', 'attachments'] as const;
const SORT_PREFIX = 'MSG#';

const messageKey = (m: Pick<StoredMessage, 'tenantId' | 'type' | 'documentId' | 'at' | 'messageId'>): Keys => ({
  pk: documentKey(m.tenantId, m.type, m.documentId).pk,
  sk: `${SORT_PREFIX}${m.at}#${m.messageId}`,
});

export const messageRepository = {
  /** The Put of a new message, for the transaction that also moves the counters. */
  putItem(message: StoredMessage) {
    const x = new Expr();
    const condition = `attribute_not_exists(${x.name('pk')})`;
    return { Item: toItem(message, FIELDS, messageKey(message), ENTITY), ConditionExpression: condition, ...x.params() };
  },

  /**
   * The newest `limit` messages of a thread, oldest first, and whether older ones exist.
   * Strongly consistent, so a thread read right after a post (or a read-marking) shows it.
   */
  async latest(tenantId: string, type: DocumentType, documentId: string, limit: number): Promise<{ items: StoredMessage[]; more: boolean }> {
    const x = new Expr();
    const { Items = [], LastEvaluatedKey } = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: `${x.name('pk')} = ${x.value(documentKey(tenantId, type, documentId).pk)} AND begins_with(${x.name('sk')}, ${x.value(SORT_PREFIX)})`,
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
        ...x.params(),
      }),
    );
    const items = Items.map((item) => toRecord<StoredMessage>(item, FIELDS)!).reverse();
    return { items, more: Boolean(LastEvaluatedKey) };
  },
};
