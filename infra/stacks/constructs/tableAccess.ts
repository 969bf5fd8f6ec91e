import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { TABLE_KEYS } from '../../../functions/table/tableDesign';

/**
 * Item-level read/write on the one table and its named GSIs. Unlike `grantReadWriteData`
 * it names each index instead of `index/*`, and leaves out Scan: no request path may scan.
 * Transactions need no actions of their own (they check the per-item ones).
 */
export const TABLE_DATA_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

export function grantTableData(grantee: IGrantable, table: ITable): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: TABLE_DATA_ACTIONS,
      resources: [table.tableArn, ...TABLE_KEYS.gsis.map((g) => `${table.tableArn}/index/${g.indexName}`)],
    }),
  );
}
