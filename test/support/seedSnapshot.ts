import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { type AttributeValue, BatchWriteItemCommand, DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';

/**
 * The seeded demo tenants' table items, kept once per run so that each test file after the
 * first copies them into its own table (a dozen BatchWriteItems) instead of seeding again
 * (some 30 documents published through the service, each a transaction and its events:
 * about 3 s of CPU and 5–10 s of wall per file on the 2-core machine). What the seed puts
 * outside the table (the demo logins in the run's shared Cognito pools) is the same for
 * every file and already made by the seed that took the snapshot.
 *
 * The file lives in the run's temp folder (globalSetup names it): written whole under
 * another name and renamed, so a worker reads either nothing or all of it.
 */
type Item = Record<string, AttributeValue>;

const client = (endpoint: string) => new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

/** The snapshot's items, or undefined when no file of this run has taken one yet. */
export function readSeedSnapshot(file: string | undefined): Item[] | undefined {
  if (!file || !existsSync(file)) return undefined;
  return deserialize(readFileSync(file)) as Item[];
}

/** Reads every item of the freshly seeded table into the run's snapshot file. */
export async function takeSeedSnapshot(file: string | undefined, endpoint: string, tableName: string): Promise<void> {
  if (!file || existsSync(file)) return;
  const db = client(endpoint);
  try {
    const items: Item[] = [];
    for await (const page of paginateScan({ client: db }, { TableName: tableName, ConsistentRead: true })) items.push(...(page.Items ?? []));
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, serialize(items));
    renameSync(partial, file);
  } finally {
    db.destroy();
  }
}

/** Writes the snapshot's items into a new, empty table (25 per BatchWriteItem, its limit, with the unprocessed ones sent again). */
export async function restoreSeedSnapshot(items: Item[], endpoint: string, tableName: string): Promise<void> {
  const db = client(endpoint);
  try {
    const batches: Item[][] = [];
    for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
    await Promise.all(
      batches.map(async (batch) => {
        let requests = batch.map((Item) => ({ PutRequest: { Item } }));
        while (requests.length) {
          const out = await db.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
          requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
        }
      }),
    );
  } finally {
    db.destroy();
  }
}
