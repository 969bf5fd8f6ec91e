import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentType } from '../../../shared/api/documents';
import { logger } from '../../aws/logger';
import { dynamo, tableName, toRecord } from '../../table/db';
import { DOCUMENT_FIELDS, documentKey, type StoredDocument } from '../documentRepository';
import { viewLogRepository, type StoredView } from '../viewLog/viewLogRepository';

/**
 * The ZIP worker's batched reads and writes: documents by id, a batch at a time (one
 * BatchGetItem per ≤ 100 ids instead of a GetItem each), and the view log's entries of a
 * batch (one BatchWriteItem per 25). Keys are built from the job's tenant and type, so a
 * batch can only find that tenant's documents of that type; the company is checked on
 * each document found.
 */

const MAX_ATTEMPTS = 8;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));

/** The documents of `ids` that exist, by id (unprocessed keys retried, as DynamoDB asks). */
export async function documentsById(tenantId: string, type: DocumentType, ids: readonly string[]): Promise<Map<string, StoredDocument>> {
  const found = new Map<string, StoredDocument>();
  let keys: Array<Record<string, unknown>> = ids.map((id) => {
    const { pk, sk } = documentKey(tenantId, type, id);
    return { pk, sk };
  });
  for (let attempt = 0; keys.length; attempt++) {
    if (attempt >= MAX_ATTEMPTS) throw new Error(`BatchGetItem left ${keys.length} keys unprocessed`);
    if (attempt) await pause(attempt);
    const out = await dynamo().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys } } }));
    for (const item of out.Responses?.[tableName()] ?? []) {
      const doc = toRecord<StoredDocument>(item, DOCUMENT_FIELDS);
      if (doc) found.set(doc.documentId, doc);
    }
    keys = (out.UnprocessedKeys?.[tableName()]?.Keys as Array<Record<string, unknown>> | undefined) ?? [];
  }
  return found;
}

/** Writes view-log entries 25 at a time; a batch DynamoDB will not take after retries is logged, not fatal to the ZIP. */
export async function recordViews(views: ReadonlyArray<Omit<StoredView, 'viewId'> & { viewId: string }>): Promise<void> {
  for (let i = 0; i < views.length; i += 25) {
    let pending = views.slice(i, i + 25).map((v) => ({ PutRequest: { Item: viewLogRepository.item(v) } }));
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt >= MAX_ATTEMPTS) {
        logger.warn('view log entries not written', { count: pending.length });
        break;
      }
      if (attempt) await pause(attempt);
      const out = await dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
      pending = (out.UnprocessedItems?.[tableName()] as typeof pending | undefined) ?? [];
    }
  }
}
