import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { SourceHealth, StoredItem } from '../domain/model';
import type { ItemPage, ItemQuery, ItemStore, ItemSummary } from '../domain/ports';
import { decodeCursor, encodeCursor } from '../domain/query/cursor';

/**
 * Single-table design (see docs/storage.md):
 *   ITEM#<id> / ITEM          the item, or a small "seen" mark with a TTL for items judged not relevant
 *   ITEM#<id> / IDX#<dim>     one listing entry per category, topic, source, language and ALL,
 *                             carrying gsi1pk=<dim>, gsi1sk=<publishedAt>#<id> and the summary fields
 *   SOURCES / <sourceId>      source state: validators and health
 */
export const SEEN_TTL_DAYS = 90;
const SEARCH_TEXT_CHARS = 2000;

export interface DynamoStoreOptions {
  tableName: string;
  seenTtlDays?: number;
}

export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export class DynamoStore implements ItemStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly seenTtlDays: number;

  constructor(client: DynamoDBClient, options: DynamoStoreOptions) {
    this.doc = documentClient(client);
    this.table = options.tableName;
    this.seenTtlDays = options.seenTtlDays ?? SEEN_TTL_DAYS;
  }

  async getSourceStates(sourceIds: string[]): Promise<Map<string, SourceHealth>> {
    const found = await this.batchGet(sourceIds.map((id) => ({ pk: 'SOURCES', sk: id })));
    return new Map(found.map((r) => [r.sk as string, stripKeys(r) as unknown as SourceHealth]));
  }

  async putSourceState(state: SourceHealth): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { pk: 'SOURCES', sk: state.sourceId, ...state } }));
  }

  async listSourceStates(): Promise<SourceHealth[]> {
    const out: SourceHealth[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.doc.send(
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
    const found = await this.batchGet(
      unique.map((id) => ({ pk: `ITEM#${id}`, sk: 'ITEM' })),
      'pk, expiresAt',
    );
    const nowSec = Math.floor(now.getTime() / 1000);
    const seen = new Set(
      found.filter((r) => !(typeof r.expiresAt === 'number' && r.expiresAt <= nowSec)).map((r) => (r.pk as string).slice(5)),
    );
    return new Set(unique.filter((id) => !seen.has(id)));
  }

  async saveRelevantItem(item: StoredItem): Promise<'created' | 'exists'> {
    // Listing entries first (idempotent overwrites), the item last: the item is the commit point, so a
    // crash in between is repaired by the redelivered message instead of leaving an unlisted item.
    await this.batchWrite(indexEntries(item).map((Item) => ({ PutRequest: { Item } })));
    return this.conditionalPut({ pk: `ITEM#${item.itemId}`, sk: 'ITEM', kind: 'item', ...item });
  }

  async saveSeenMark(itemId: string, sourceId: string, now: Date): Promise<'created' | 'exists'> {
    const expiresAt = Math.floor(now.getTime() / 1000) + this.seenTtlDays * 86_400;
    return this.conditionalPut({ pk: `ITEM#${itemId}`, sk: 'ITEM', kind: 'seen', sourceId, seenAt: now.toISOString(), expiresAt });
  }

  async getItem(itemId: string): Promise<StoredItem | null> {
    const res = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `ITEM#${itemId}`, sk: 'ITEM' } }));
    if (!res.Item || res.Item.kind !== 'item') return null;
    return stripKeys(res.Item) as unknown as StoredItem;
  }

  async queryItems(query: ItemQuery): Promise<ItemPage> {
    const dim = query.category
      ? `CAT#${query.category}`
      : query.topic
        ? `TOPIC#${query.topic}`
        : query.source
          ? `SRC#${query.source}`
          : query.lang
            ? `LANG#${query.lang}`
            : 'ALL';
    const since = query.since ?? '0000';
    const until = query.until ? `${query.until}\uffff` : '9999';
    const res = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'byListing',
        KeyConditionExpression: 'gsi1pk = :d AND gsi1sk BETWEEN :s AND :u',
        ExpressionAttributeValues: { ':d': dim, ':s': since, ':u': until },
        ScanIndexForward: false,
        Limit: query.limit,
        ExclusiveStartKey: query.cursor ? decodeCursor(query.cursor) : undefined,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    return {
      items: (res.Items ?? []).map(toSummary),
      cursor: res.LastEvaluatedKey ? encodeCursor(res.LastEvaluatedKey) : undefined,
      consumedCapacity: res.ConsumedCapacity?.CapacityUnits,
    };
  }

  private async conditionalPut(item: Record<string, unknown>): Promise<'created' | 'exists'> {
    try {
      await this.doc.send(
        new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return 'created';
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException || (err as Error).name === 'ConditionalCheckFailedException') {
        return 'exists';
      }
      throw err;
    }
  }

  private async batchGet(keys: Record<string, string>[], projection?: string): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < keys.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
      type Out = import('@aws-sdk/lib-dynamodb').BatchGetCommandOutput;
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt > 0) await backoff(attempt);
        if (attempt > 8) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after retries`);
        const res: Out = await this.doc.send(
          new BatchGetCommand({
            RequestItems: {
              [this.table]: {
                Keys: pending,
                ...(projection ? { ProjectionExpression: projection.replace(/\bpk\b/, 'pk, sk') } : {}),
              },
            },
          }),
        );
        out.push(...(res.Responses?.[this.table] ?? []));
        pending = res.UnprocessedKeys?.[this.table]?.Keys;
      }
    }
    return out;
  }

  private async batchWrite(requests: { PutRequest: { Item: Record<string, unknown> } }[]): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      let pending: typeof requests | undefined = requests.slice(i, i + 25);
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt > 0) await backoff(attempt);
        if (attempt > 8) throw new Error(`BatchWriteItem left ${pending.length} writes unprocessed after retries`);
        const res = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
        pending = res.UnprocessedItems?.[this.table] as typeof requests | undefined;
      }
    }
  }
}

function backoff(attempt: number): Promise<void> {
  const cap = Math.min(2000, 50 * 2 ** attempt);
  return new Promise((r) => setTimeout(r, Math.random() * cap));
}

export function stripKeys(record: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi2sk: _g2s, kind: _k, ...rest } = record;
  return rest;
}

function toSummary(r: Record<string, unknown>): ItemSummary {
  return {
    itemId: r.itemId as string,
    sourceId: r.sourceId as string,
    url: r.url as string,
    language: r.language as string,
    title: r.title as string,
    publishedAt: r.publishedAt as string,
    categories: (r.categories as string[]) ?? [],
    topics: (r.topics as string[]) ?? [],
    people: (r.people as string[]) ?? [],
    storyId: r.storyId as string,
  };
}

export function indexEntries(item: StoredItem): Record<string, unknown>[] {
  const c = item.classification;
  const dims = [
    'ALL',
    ...c.categories.map((x) => `CAT#${x}`),
    ...c.topics.map((x) => `TOPIC#${x}`),
    `SRC#${item.sourceId}`,
    `LANG#${item.language}`,
  ];
  const searchText = `${item.title}\n${item.lead ?? ''}\n${item.body}`.toLowerCase().slice(0, SEARCH_TEXT_CHARS);
  return dims.map((dim) => ({
    pk: `ITEM#${item.itemId}`,
    sk: `IDX#${dim}`,
    gsi1pk: dim,
    gsi1sk: `${item.publishedAt}#${item.itemId}`,
    itemId: item.itemId,
    sourceId: item.sourceId,
    url: item.url,
    language: item.language,
    title: item.title,
    publishedAt: item.publishedAt,
    categories: c.categories,
    topics: c.topics,
    people: c.people,
    storyId: item.storyId,
    searchText,
  }));
}
