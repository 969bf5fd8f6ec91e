import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../table/db';

/** A single-item read proves the table is reachable with this function's role. */
export async function checkHealth(): Promise<{ status: 'ok' | 'degraded'; checks: Record<string, 'ok' | 'failing'> }> {
  let table: 'ok' | 'failing' = 'ok';
  try {
    await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: 'HEALTH', sk: 'HEALTH' } }));
  } catch {
    table = 'failing';
  }
  return { status: table === 'ok' ? 'ok' : 'degraded', checks: { table } };
}
