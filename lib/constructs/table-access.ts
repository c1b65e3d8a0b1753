import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { TABLE_KEYS } from '../../functions/adapters/table-definition';

/**
 * Table permissions cut to what each function's code path does (key layout: functions/adapters/
 * dynamo-store.ts and dynamo-alert-store.ts). Kept here, next to each other, so a reviewer can read the
 * whole access matrix. test/infra/table-access.test.ts runs every function's real code path against
 * dynalite, records each DynamoDB call and evaluates it against the statements synthesized from this
 * file: a code change that needs more access fails there, not in production.
 *
 * Record families are told apart by the leading (partition) key, so `dynamodb:LeadingKeys` with
 * `ForAllValues:StringLike` limits a statement to them. Index queries are limited by the index ARN
 * (each index serves one purpose) rather than by LeadingKeys.
 */

/** The record families of the table, by partition key prefix. */
export const RECORDS = {
  /** Items, seen marks and listing entries: ITEM#<id> / ITEM | IDX#<part>. */
  item: 'ITEM#*',
  /** Source state: SOURCES / <sourceId>. */
  sources: 'SOURCES',
  /** Story keys: STORYKEY#<key> / STORYKEY. */
  storyKey: 'STORYKEY#*',
  /** A story's counter and members: STORY#<id> / STORY | MEMBER#<item>. */
  story: 'STORY#*',
  /** The copies that joined on an Almaty day (the digest's index): STORYDAY#<day> / <story>#<item>. */
  storyDay: 'STORYDAY#*',
  /** Alerts: ALERT#<alertId> / ALERT. */
  alert: 'ALERT#*',
  /** Subscribers: SUBSCRIBERS / <id>. */
  subscribers: 'SUBSCRIBERS',
  /** Telegram and webhook deliveries: DELIVERY#<alertId> / SUB#<subscriberId>. */
  delivery: 'DELIVERY#*',
  /** Monthly SMS counts and alerts held back by the cap: SMS#<subscriberId> / MONTH#… | HELD#…. */
  sms: 'SMS#*',
} as const;

/**
 * The attributes dedup reads: findUnseen projects the keys, the record kind (item or seen mark) and the
 * seen mark's expiry, nothing else.
 */
export const DEDUP_ATTRIBUTES = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  'kind',
  TABLE_KEYS.ttlAttribute,
];

type Action =
  | 'GetItem'
  | 'BatchGetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'BatchWriteItem'
  | 'Query'
  | 'DeleteItem';

function indexArn(table: ITable, name: (typeof TABLE_KEYS.indexes)[number]['name']): string {
  return `${table.tableArn}/index/${name}`;
}

/** One statement: the actions on the table, only for records whose partition keys match `prefixes`. */
function grantRecords(
  table: ITable,
  grantee: IGrantable,
  sid: string,
  actions: Action[],
  prefixes: string[],
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid,
      actions: actions.map((a) => `dynamodb:${a}`),
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes } },
    }),
  );
}

function grantIndexQuery(
  table: ITable,
  grantee: IGrantable,
  sid: string,
  index: (typeof TABLE_KEYS.indexes)[number]['name'],
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ sid, actions: ['dynamodb:Query'], resources: [indexArn(table, index)] }),
  );
}

/**
 * Fetch: dedup is one BatchGetItem of ITEM rows projecting the keys, kind and expiry only (never
 * titles, bodies or alerts); source state is read and replaced in the SOURCES partition only.
 */
export function grantFetchAccess(table: ITable, grantee: IGrantable): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'DedupReadsKeysAndExpiryOnly',
      actions: ['dynamodb:BatchGetItem'],
      resources: [table.tableArn],
      conditions: {
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': DEDUP_ATTRIBUTES },
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [RECORDS.item] },
        // AWS's documented pattern for attribute-level access: a request for all attributes is refused.
        StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
      },
    }),
  );
  grantRecords(table, grantee, 'SourceStateRecordsOnly', ['BatchGetItem', 'PutItem'], [RECORDS.sources]);
}

/**
 * Classify (processEntry): dedup and conditional puts of the item, its seen mark and listing entries
 * (batch writes, which may delete its own extra entries after losing a commit race, all under ITEM#);
 * story keys (batch get, conditional put, re-pointing put); the story counter (UpdateItem ADD, the one
 * update) and member records; the day index; the pending alert (conditional put). No Query, no
 * DeleteItem, never SOURCES, no SNS.
 */
export function grantClassifyAccess(table: ITable, grantee: IGrantable): void {
  grantRecords(
    table,
    grantee,
    'ItemRecords',
    ['GetItem', 'BatchGetItem', 'PutItem', 'BatchWriteItem'],
    [RECORDS.item],
  );
  grantRecords(table, grantee, 'StoryKeyRecords', ['GetItem', 'BatchGetItem', 'PutItem'], [RECORDS.storyKey]);
  grantRecords(table, grantee, 'StoryRecords', ['GetItem', 'PutItem', 'UpdateItem'], [RECORDS.story]);
  grantRecords(
    table,
    grantee,
    'StoryDayAndAlertRecordsPutOnly',
    ['PutItem'],
    [RECORDS.storyDay, RECORDS.alert],
  );
}

/**
 * The alert sweep (dispatchPendingAlerts): lists pending alerts on the byPendingAlert index, moves each
 * through its states with conditional updates, and reads a later copy's story members (Query of one
 * STORY# partition). No item, source or story-key access, no put.
 */
export function grantAlertSweepAccess(table: ITable, grantee: IGrantable): void {
  grantIndexQuery(table, grantee, 'PendingAlertsIndex', 'byPendingAlert');
  grantStreamedAlertAccess(table, grantee);
}

/**
 * What publishing one alert takes, from the sweep or from the table's stream: the claim/mark updates,
 * a later copy's story members, the subscribers (read; they are data, issue 17), and the monthly SMS
 * counts (counted, held back, read back).
 */
export function grantStreamedAlertAccess(table: ITable, grantee: IGrantable): void {
  grantRecords(table, grantee, 'AlertStateUpdates', ['UpdateItem'], [RECORDS.alert]);
  grantRecords(table, grantee, 'StoryMembersRead', ['Query'], [RECORDS.story]);
  grantRecords(table, grantee, 'SubscribersRead', ['Query'], [RECORDS.subscribers]);
  grantRecords(table, grantee, 'SmsCounts', ['GetItem', 'PutItem', 'UpdateItem'], [RECORDS.sms]);
}

/**
 * Telegram and webhook delivery: the published alert (GetItem), the subscribers (Query), and the
 * per-subscriber delivery ledger (claim and mark by UpdateItem, read back by GetItem).
 */
export function grantChannelDeliveryAccess(table: ITable, grantee: IGrantable): void {
  grantRecords(table, grantee, 'AlertRead', ['GetItem'], [RECORDS.alert]);
  grantRecords(table, grantee, 'SubscribersRead', ['Query'], [RECORDS.subscribers]);
  grantRecords(table, grantee, 'DeliveryLedger', ['GetItem', 'UpdateItem'], [RECORDS.delivery]);
}

/**
 * The subscriber routes: add (get, conditional put), list (Query), remove (DeleteItem) subscriber
 * records, and a test message through the delivery ledger. Nothing else in the table.
 */
export function grantSubscriberAdminAccess(table: ITable, grantee: IGrantable): void {
  grantRecords(
    table,
    grantee,
    'SubscriberRecords',
    ['GetItem', 'PutItem', 'DeleteItem', 'Query'],
    [RECORDS.subscribers],
  );
  grantRecords(table, grantee, 'TestDeliveryLedger', ['GetItem', 'UpdateItem'], [RECORDS.delivery]);
}

/**
 * The daily digest (runDailyDigest): reads the day's story copies and each story's members (Query of
 * STORYDAY# and STORY# partitions), records each digest as an alert (conditional put, or get of the
 * existing one) and sends it through the same claim/mark updates as the sweep. No index access.
 */
export function grantDigestAccess(table: ITable, grantee: IGrantable): void {
  grantRecords(table, grantee, 'StoryDaysAndMembersRead', ['Query'], [RECORDS.storyDay, RECORDS.story]);
  // Subscribers are read from the table each morning; SMS subscribers' held alerts go in their digest.
  grantRecords(table, grantee, 'SubscribersAndHeldSmsRead', ['Query'], [RECORDS.subscribers, RECORDS.sms]);
  grantRecords(table, grantee, 'DigestAlertRecords', ['GetItem', 'PutItem', 'UpdateItem'], [RECORDS.alert]);
}

/**
 * The query API (routeQuery): listings through the byListing index, one item by key, the SOURCES
 * partition for /sources. Read actions only; no alert, story or subscriber-derived record.
 */
export function grantQueryRead(table: ITable, grantee: IGrantable): void {
  grantIndexQuery(table, grantee, 'ListingIndex', 'byListing');
  grantRecords(table, grantee, 'ItemRead', ['GetItem'], [RECORDS.item]);
  grantRecords(table, grantee, 'SourceStateRead', ['Query'], [RECORDS.sources]);
}
