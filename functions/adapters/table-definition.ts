import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The table's keys and indexes, shared by the CDK construct's tests and the local engine, so the local
 * table is the deployed table.
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: [
    { name: 'byListing', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'byPendingAlert', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

/** The GSI that serves every listing query (see docs/storage.md). */
export const LISTING_INDEX = TABLE_KEYS.indexes[0].name;

export function createTableInput(tableName: string): CreateTableCommandInput {
  const attrs = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
  for (const i of TABLE_KEYS.indexes) {
    attrs.add(i.partitionKey);
    attrs.add(i.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attrs].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_KEYS.indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
