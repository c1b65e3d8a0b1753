import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { SourceHealth, StoredItem } from '../domain/model';
import type { ItemPage, ItemQuery, ItemStore, Redelivery } from '../domain/ports';
import { decodeCursor, encodeCursor } from '../domain/query/cursor';
import { planListing } from '../domain/query/listing-plan';
import { batchGet, batchWrite } from './dynamo-batch';
import { indexEntries, isLive, itemRecords, type Row, stripKeys } from './dynamo-item-records';
import { filterExpression, listingKey, toSummary } from './dynamo-listing';
import { LISTING_INDEX } from './table-definition';

// Re-exported: the other stores and the seeding script read records the way this one writes them.
export { indexEntries, itemRecords, sortableInstant, stripKeys } from './dynamo-item-records';

/**
 * Items, listings and source state in the monitor's one table (design and access patterns:
 * docs/storage.md):
 *   ITEM#<id> / ITEM          the item, or a small "seen" mark with a TTL (`expiresAt`) for items judged
 *                             not relevant
 *   ITEM#<id> / IDX#<part>    one listing entry per partition the item is listed under (ALL, CAT#c,
 *                             CAT#c#LANG#l, ...), gsi1pk=<part>, gsi1sk=<publishedAt>#<id>, carrying the
 *                             summary fields (GSI byListing); the one under TEXT also carries the
 *                             item's whole search text (title, lead and body, normalised)
 *   SOURCES / <sourceId>      source state: validators and health
 */
export const SEEN_TTL_DAYS = 90;
/** The most listing entries one page may read while filtering, whatever it finds. */
export const MAX_EVALUATED_PER_PAGE = 400;

export interface DynamoStoreOptions {
  tableName: string;
  seenTtlDays?: number;
  maxEvaluatedPerPage?: number;
}

export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export class DynamoStore implements ItemStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly seenTtlDays: number;
  private readonly maxEvaluated: number;

  constructor(client: DynamoDBClient, options: DynamoStoreOptions) {
    this.doc = documentClient(client);
    this.table = options.tableName;
    this.seenTtlDays = options.seenTtlDays ?? SEEN_TTL_DAYS;
    this.maxEvaluated = options.maxEvaluatedPerPage ?? MAX_EVALUATED_PER_PAGE;
  }

  async getSourceStates(sourceIds: string[]): Promise<Map<string, SourceHealth>> {
    const found = await batchGet(
      this.doc,
      this.table,
      [...new Set(sourceIds)].map((id) => ({ pk: 'SOURCES', sk: id })),
    );
    return new Map(found.map((r) => [r.sk as string, stripKeys(r) as unknown as SourceHealth]));
  }

  async putSourceState(state: SourceHealth): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.table, Item: { pk: 'SOURCES', sk: state.sourceId, ...state } }),
    );
  }

  async listSourceStates(): Promise<SourceHealth[]> {
    const out: SourceHealth[] = [];
    let start: Row | undefined;
    do {
      const res: QueryCommandOutput = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': 'SOURCES' },
          ExclusiveStartKey: start,
        }),
      );
      for (const r of res.Items ?? []) out.push(stripKeys(r) as unknown as SourceHealth);
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async findUnseen(itemIds: string[], now: Date): Promise<Set<string>> {
    const unique = [...new Set(itemIds)];
    const found = await batchGet(
      this.doc,
      this.table,
      unique.map((id) => ({ pk: `ITEM#${id}`, sk: 'ITEM' })),
      'pk, sk, kind, expiresAt',
    );
    const seen = new Set(found.filter((r) => isLive(r, now)).map((r) => (r.pk as string).slice(5)));
    return new Set(unique.filter((id) => !seen.has(id)));
  }

  /**
   * Idempotent: an item already stored (or with a live seen mark) keeps its record. Listing entries are
   * written first and the conditional put of the item is the commit point, so a crash in between is
   * repaired by the redelivered message. A writer that loses the put (a concurrent copy, or a
   * redelivery of an item stored long ago) rewrites the winner's entries and deletes its own extras, so
   * the listings always match the stored item. No read before: callers save items they found unseen,
   * and the conditional put already tells the rare one that is not.
   */
  async saveRelevantItem(item: StoredItem): Promise<'created' | 'exists'> {
    const now = new Date();
    const entries = indexEntries(item);
    await batchWrite(
      this.doc,
      this.table,
      entries.map((Item) => ({ PutRequest: { Item } })),
    );
    const outcome = await this.conditionalPut(itemRecords(item).at(-1)!, now);
    if (outcome === 'exists') await this.repairListings(item.itemId, entries);
    return outcome;
  }

  /** Failed local entries live in one small partition, REDELIVER / <itemId> (never written on AWS). */
  async listRedeliveries(): Promise<Redelivery[]> {
    const out: Redelivery[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res: QueryCommandOutput = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': 'REDELIVER' },
          ExclusiveStartKey: start,
        }),
      );
      for (const r of res.Items ?? []) out.push(r.redelivery as Redelivery);
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async saveRedelivery(redelivery: Redelivery): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { pk: 'REDELIVER', sk: redelivery.entry.itemId, redelivery },
      }),
    );
  }

  async clearRedelivery(itemId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: { pk: 'REDELIVER', sk: itemId } }));
  }

  async saveSeenMark(itemId: string, sourceId: string, now: Date): Promise<'created' | 'exists'> {
    const expiresAt = Math.floor(now.getTime() / 1000) + this.seenTtlDays * 86_400;
    return this.conditionalPut(
      { pk: `ITEM#${itemId}`, sk: 'ITEM', kind: 'seen', sourceId, seenAt: now.toISOString(), expiresAt },
      now,
    );
  }

  async getItem(itemId: string): Promise<StoredItem | null> {
    const record = await this.getItemRecord(itemId);
    if (record?.kind !== 'item') return null;
    return stripKeys(record) as unknown as StoredItem;
  }

  /**
   * One page, newest first, from the listing partition the plan picks. Without filters a page is a
   * single Query for limit+1 entries (the extra one only tells whether there is a next page). With
   * filters, DynamoDB's Limit counts entries evaluated, not matched, so it reads in batches sized by the
   * match rate so far until the page is full, the range ends, or the page has evaluated
   * maxEvaluatedPerPage entries; then the cursor resumes after the last entry evaluated, so a page may
   * hold fewer than `limit` items (even none) and still have a cursor.
   */
  async queryItems(query: ItemQuery): Promise<ItemPage> {
    const plan = planListing(query);
    const filter = filterExpression(plan);
    let position = query.cursor ? decodeCursor(query.cursor, plan.fingerprint, plan) : undefined;
    const matches: Row[] = [];
    let evaluated = 0;
    let capacity = 0;
    let queries = 0;
    for (;;) {
      const need = query.limit + 1 - matches.length;
      const rate = evaluated === 0 ? 0.5 : Math.max(matches.length / evaluated, 0.05);
      const batch = filter
        ? Math.max(1, Math.min(Math.ceil(need / rate), this.maxEvaluated - evaluated))
        : need;
      const res: QueryCommandOutput = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: LISTING_INDEX,
          KeyConditionExpression: 'gsi1pk = :part AND gsi1sk BETWEEN :lower AND :upper',
          ExpressionAttributeValues: {
            ':part': plan.partition,
            ':lower': plan.lower,
            ':upper': plan.upper,
            ...filter?.values,
          },
          ...(filter ? { FilterExpression: filter.expression, ExpressionAttributeNames: filter.names } : {}),
          ScanIndexForward: false,
          Limit: batch,
          ExclusiveStartKey: position ? listingKey(plan.partition, position) : undefined,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      queries++;
      evaluated += res.ScannedCount ?? 0;
      capacity += res.ConsumedCapacity?.CapacityUnits ?? 0;
      matches.push(...(res.Items ?? []));
      const last = res.LastEvaluatedKey?.gsi1sk as string | undefined;
      if (matches.length > query.limit) {
        position = matches[query.limit - 1]!.gsi1sk as string;
        break;
      }
      position = last;
      if (!last || evaluated >= this.maxEvaluated) break;
    }
    const items = matches.slice(0, query.limit).map(toSummary);
    return {
      items,
      cursor: position ? encodeCursor(position, plan.fingerprint) : undefined,
      consumedCapacity: capacity,
      evaluated,
      queries,
    };
  }

  private async getItemRecord(itemId: string, projection?: string): Promise<Row | undefined> {
    const res = await this.doc.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: `ITEM#${itemId}`, sk: 'ITEM' },
        ConsistentRead: true,
        ...(projection ? { ProjectionExpression: projection } : {}),
      }),
    );
    return res.Item;
  }

  /** After losing the commit race: make the listings describe what was actually committed. */
  private async repairListings(itemId: string, ours: Row[]): Promise<void> {
    const winner = await this.getItemRecord(itemId);
    const theirs = winner?.kind === 'item' ? indexEntries(stripKeys(winner) as unknown as StoredItem) : [];
    const keep = new Set(theirs.map((e) => e.sk));
    await batchWrite(this.doc, this.table, [
      ...theirs.map((Item) => ({ PutRequest: { Item } })),
      ...ours.filter((e) => !keep.has(e.sk)).map((e) => ({ DeleteRequest: { Key: { pk: e.pk, sk: e.sk } } })),
    ]);
  }

  /** Creates the record unless a live one exists; an expired seen mark (TTL not applied yet) counts as absent. */
  private async conditionalPut(item: Row, now: Date): Promise<'created' | 'exists'> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk) OR (kind = :seen AND expiresAt <= :now)',
          ExpressionAttributeValues: { ':seen': 'seen', ':now': Math.floor(now.getTime() / 1000) },
        }),
      );
      return 'created';
    } catch (err) {
      if (
        err instanceof ConditionalCheckFailedException ||
        (err as Error).name === 'ConditionalCheckFailedException'
      ) {
        return 'exists';
      }
      throw err;
    }
  }

  /** Unconditional bulk load of records into an empty table (seeding); retries unprocessed writes. */
  async loadRecords(records: Row[]): Promise<void> {
    await batchWrite(
      this.doc,
      this.table,
      records.map((Item) => ({ PutRequest: { Item } })),
    );
  }
}
