/**
 * The single table's key schema, shared by the CDK data stack, the local table creator
 * and the repositories. Every key but a Domain's starts with the tenant.
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  gsis: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    // Documents: by number (search) and by deadline (open quotes' expiry, outstanding invoices' due date).
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  ],
  // Epoch seconds; entities keep their readable expiry (ISO string) in `expiresAt` beside it.
  ttlAttribute: 'expiresAtEpoch',
} as const;
