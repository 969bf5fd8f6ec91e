import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clientConfig } from '../lib/clientConfig';
import { env } from '../lib/env';

let documentClient: DynamoDBDocumentClient | undefined;

/** One document client per process, created on first use so the init phase stays short. */
export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig('dynamodb')), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export const tableName = (): string => env('TABLE_NAME');

/** ElectroDB options shared by every entity: the single table and the document client. */
export const entityConfig = () => ({ table: tableName(), client: dynamo() });
