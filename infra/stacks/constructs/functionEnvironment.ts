import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import type { EnvName } from '../../../functions/aws/env';

/** The deployed resources and settings every handler is told about. */
export interface PorticoRuntime {
  table: ITable;
  filesBucket: IBucket;
  bus: IEventBus;
  portalPool: IUserPool;
  portalClient: IUserPoolClient;
  staffPool: IUserPool;
  staffClient: IUserPoolClient;
  mailFrom: string;
  sesConfigurationSetName: string;
  portalBaseDomain: string;
  logLevel: string;
}

/**
 * The environment of every Portico Lambda. Typed by `ENV_NAMES` from functions/aws/env.ts,
 * so a name added there fails to compile here until the cloud value is wired in.
 */
export function functionEnvironment(scope: Construct, r: PorticoRuntime): Record<string, string> {
  const stack = Stack.of(scope);
  const contract: Record<EnvName, string> = {
    TABLE_NAME: r.table.tableName,
    FILES_BUCKET: r.filesBucket.bucketName,
    EVENT_BUS_NAME: r.bus.eventBusName,
    PORTAL_USER_POOL_ID: r.portalPool.userPoolId,
    PORTAL_USER_POOL_CLIENT_ID: r.portalClient.userPoolClientId,
    STAFF_USER_POOL_ID: r.staffPool.userPoolId,
    STAFF_USER_POOL_CLIENT_ID: r.staffClient.userPoolClientId,
    COGNITO_ISSUER_BASE: `https://cognito-idp.${stack.region}.${stack.urlSuffix}`,
    MAIL_FROM: r.mailFrom,
    SES_CONFIGURATION_SET: r.sesConfigurationSetName,
    PORTAL_BASE_DOMAIN: r.portalBaseDomain,
    PORTAL_URL_TEMPLATE: `https://{slug}.${r.portalBaseDomain}`,
  };
  return { ...contract, POWERTOOLS_SERVICE_NAME: 'portico', POWERTOOLS_LOG_LEVEL: r.logLevel };
}
