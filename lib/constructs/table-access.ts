import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { TABLE_KEYS } from '../../functions/adapters/table-definition';

/**
 * Table permissions cut to what each function's code path does (see functions/adapters/dynamo-store.ts
 * for the key layout). Kept here, next to each other, so a reviewer can read the whole access matrix.
 */

/**
 * The attributes dedup reads: findUnseen projects the keys, the record kind (item or seen mark) and the
 * seen mark's expiry, nothing else. test/infra/table-access.test.ts runs the real code paths against
 * these grants, so a change of projection in the store fails there, not in production.
 */
export const DEDUP_ATTRIBUTES = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, 'kind', TABLE_KEYS.ttlAttribute];

/** Dedup: BatchGetItem of ITEM rows, only the key and expiry attributes (never titles, bodies or alerts). */
export function grantDedupRead(table: ITableV2, grantee: IGrantable): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'DedupReadsKeysAndExpiryOnly',
      actions: ['dynamodb:BatchGetItem', 'dynamodb:GetItem'],
      resources: [table.tableArn],
      conditions: {
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': DEDUP_ATTRIBUTES },
        // AWS's documented pattern for attribute-level access: a request for all attributes is refused.
        StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
      },
    }),
  );
}

/** Source state: read and replace the SOURCES partition only (getSourceStates, putSourceState). */
export function grantSourceState(table: ITableV2, grantee: IGrantable): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'SourceStateRecordsOnly',
      actions: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['SOURCES'] } },
    }),
  );
}

/**
 * Classify: reads and writes the item, its seen mark, its listing entries and its pending alert, all
 * under ITEM#<id> (conditional puts, batch writes of listing entries, which may delete its own extras
 * after losing a commit race). No UpdateItem, no DeleteItem, no Query, never the SOURCES partition.
 */
export function grantItemWrites(table: ITableV2, grantee: IGrantable): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'ItemPartitionsOnly',
      actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ITEM#*'] } },
    }),
  );
}

/** The query API: GetItem and Query on the table and the listing index; no write action at all. */
export function grantQueryRead(table: ITableV2, grantee: IGrantable): void {
  const listing = TABLE_KEYS.indexes.find((i) => i.name === 'byListing')!;
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'QueryReadOnly',
      actions: ['dynamodb:GetItem', 'dynamodb:Query'],
      resources: [table.tableArn, `${table.tableArn}/index/${listing.name}`],
    }),
  );
}

/**
 * The alert path (sweep and digest): pending alerts through the byPendingAlert index, listings for the
 * digest through byListing, and reads/updates of alert records under ITEM#<id>. Offered to
 * lib/constructs/alerts.ts in place of grantReadWriteData, whose `index/*` and DeleteItem/Scan are more.
 */
export function grantAlertPath(table: ITableV2, grantee: IGrantable): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'AlertIndexesQuery',
      actions: ['dynamodb:Query'],
      resources: TABLE_KEYS.indexes.map((i) => `${table.tableArn}/index/${i.name}`),
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'AlertRecordsReadUpdate',
      actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ITEM#*'] } },
    }),
  );
}
