import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PoolKind } from '../../functions/core/callers';
import { TOKEN_LIFETIMES } from '../../functions/identity/tokenLifetimes';
import { TABLE_KEYS } from '../../functions/table/tableDesign';

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const REGION = 'eu-west-1';

/** Creates the single table with the same keys and indexes as the data stack. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const keys = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...TABLE_KEYS.gsis.flatMap((g) => [g.partitionKey, g.sortKey])];
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keys.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE_KEYS.gsis.map((g) => ({
          IndexName: g.indexName,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttlAttribute, Enabled: true } }),
    );
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
    await addMissingIndexes(client, tableName);
  } finally {
    client.destroy();
  }
}

/** A table kept in .data from an earlier version gains the indexes added since (as a deploy would add them). */
async function addMissingIndexes(client: DynamoDBClient, tableName: string): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  for (const g of TABLE_KEYS.gsis) {
    if (present.has(g.indexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: g.partitionKey, AttributeType: 'S' },
          { AttributeName: g.sortKey, AttributeType: 'S' },
        ],
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: g.indexName,
              KeySchema: [
                { AttributeName: g.partitionKey, KeyType: 'HASH' },
                { AttributeName: g.sortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
  }
}

export interface PoolIds {
  poolId: string;
  clientId: string;
}

/**
 * Finds or creates a user pool shaped like the auth stack's: immutable
 * `custom:tenantId`, the same password policy, an app client without a secret that may
 * not write the tenant attribute, tokens that live as long as the stack's (`kind`'s
 * lifetimes; cognito-local's default is 24 hours) and the stack's groups (`groups`).
 * A pool or client made by an earlier version gains the groups and lifetimes, as a
 * deploy would give them.
 */
export async function ensureUserPool(endpoint: string, name: string, kind: PoolKind, groups: Record<string, string> = {}): Promise<PoolIds> {
  const client = new CognitoIdentityProviderClient({ endpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    let poolId = pools.UserPools?.find((p) => p.Name === name)?.Id;
    if (!poolId) {
      const created = await client.send(
        new CreateUserPoolCommand({
          PoolName: name,
          Policies: { PasswordPolicy: { MinimumLength: 12, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true } },
          Schema: [{ Name: 'tenantId', AttributeDataType: 'String', Mutable: false }],
          AutoVerifiedAttributes: ['email'],
        }),
      );
      poolId = created.UserPool!.Id!;
    }
    const lifetimes = TOKEN_LIFETIMES[kind];
    const validity = {
      AccessTokenValidity: lifetimes.access,
      IdTokenValidity: lifetimes.id,
      RefreshTokenValidity: lifetimes.refresh,
      TokenValidityUnits: { AccessToken: 'seconds', IdToken: 'seconds', RefreshToken: 'seconds' },
    } as const;
    const clients = await client.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60 }));
    let clientId = clients.UserPoolClients?.find((c) => c.ClientName === `${name}-web`)?.ClientId;
    if (clientId) {
      // Written only when they differ: each write rewrites cognito-local's one clients.json.
      // Its update keeps every field it is not given, so this sets the lifetimes alone.
      const { UserPoolClient: current } = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
      const same =
        current?.AccessTokenValidity === validity.AccessTokenValidity &&
        current?.IdTokenValidity === validity.IdTokenValidity &&
        current?.RefreshTokenValidity === validity.RefreshTokenValidity &&
        (['AccessToken', 'IdToken', 'RefreshToken'] as const).every((t) => current?.TokenValidityUnits?.[t] === validity.TokenValidityUnits[t]);
      if (!same) await client.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId, ...validity }));
    } else {
      const created = await client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: `${name}-web`,
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          ReadAttributes: ['email', 'name', 'custom:tenantId'],
          WriteAttributes: ['email', 'name'],
          PreventUserExistenceErrors: 'ENABLED',
          EnableTokenRevocation: true,
          ...validity,
        }),
      );
      clientId = created.UserPoolClient!.ClientId!;
    }
    const existing = new Set((await client.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 60 }))).Groups?.map((g) => g.GroupName));
    for (const [GroupName, Description] of Object.entries(groups)) {
      if (!existing.has(GroupName)) await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName, Description }));
    }
    return { poolId, clientId };
  } finally {
    client.destroy();
  }
}
