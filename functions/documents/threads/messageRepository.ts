import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentType } from '../../../shared/api/documents';
import { dynamo, Expr, tableName, toItem, toRecord, type Keys } from '../../table/db';
import { documentKey } from '../documentRepository';
import { encodeCursor, startKey } from '../../table/pagination';

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
   * A page of a thread, oldest first: its newest `limit` messages, or with `cursor` the
   * `limit` before the page that handed it out, and the cursor to the page before these
   * when there are older ones. One Query of `limit + 1` items (the extra says whether
   * older ones exist), whatever the thread's length. Strongly consistent, so a thread
   * read right after a post (or a read-marking) shows it.
   */
  async page(tenantId: string, type: DocumentType, documentId: string, limit: number, cursor?: string): Promise<{ items: StoredMessage[]; cursor?: string }> {
    const partition = documentKey(tenantId, type, documentId).pk;
    const start = cursor
      ? startKey(cursor, { attributes: ['pk', 'sk'], partitionKey: 'pk', partition, sortKey: 'sk', admits: (sk) => sk.startsWith(SORT_PREFIX) })
      : undefined;
    const x = new Expr();
    const { Items = [] } = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: `${x.name('pk')} = ${x.value(partition)} AND begins_with(${x.name('sk')}, ${x.value(SORT_PREFIX)})`,
        ScanIndexForward: false,
        Limit: limit + 1,
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
        ...x.params(),
      }),
    );
    const newestFirst = Items.slice(0, limit).map((item) => toRecord<StoredMessage>(item, FIELDS)!);
    const oldest = newestFirst.at(-1);
    const older = Items.length > limit && oldest ? encodeCursor(messageKey(oldest)) : undefined;
    return { items: newestFirst.reverse(), ...(older ? { cursor: older } : {}) };
  },
};
