import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoStore } from '../../functions/adapters/dynamo-store';
import type { StoredItem } from '../../functions/domain/model';
import { parseItemQuery } from '../../functions/domain/query/query-params';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { idFor, makeItem } from './fixtures';

let dynamo: LocalDynamo;
let store: DynamoStore;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  store = new DynamoStore(dynamo.client, { tableName: dynamo.tableName, seenTtlDays: 90 });
});
afterAll(async () => {
  await dynamo?.close();
});

async function listed(raw: Record<string, string>): Promise<{ itemId: string; title: string; publishedAt: string }[]> {
  const page = await store.queryItems(parseItemQuery({ ...raw, limit: '200' }));
  return page.items.map(({ itemId, title, publishedAt }) => ({ itemId, title, publishedAt }));
}

async function everyListing(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const raw of [{}, { category: 'kz-us' }, { category: 'c5plus1' }, { topic: 'energy' }, { topic: 'climate' }, { lang: 'en' }] as Record<string, string>[]) {
    out[JSON.stringify(raw)] = await listed(raw);
  }
  return out;
}

describe('redelivery', () => {
  it('a second save of the same item changes nothing and says exists', async () => {
    const item = makeItem({ n: 1, publishedAt: '2026-11-01T10:00:00.000Z', categories: ['kz-us'], topics: ['energy'] });
    expect(await store.saveRelevantItem(item)).toBe('created');
    const before = await everyListing();
    expect(await store.saveRelevantItem(item)).toBe('exists');
    // A redelivered message whose classification came out differently must not touch the listings.
    const changed: StoredItem = {
      ...item,
      title: 'Changed title',
      publishedAt: '2026-11-05T10:00:00.000Z',
      classification: { ...item.classification, categories: ['c5plus1'], topics: ['climate'] },
    };
    expect(await store.saveRelevantItem(changed)).toBe('exists');
    expect(await everyListing()).toEqual(before);
    expect((await store.getItem(item.itemId))?.title).toBe(item.title);
  });

  it('concurrent deliveries of two versions leave listings that match the stored version', async () => {
    const v1 = makeItem({ n: 2, publishedAt: '2026-11-02T10:00:00.000Z', categories: ['kz-us'], topics: ['energy'] });
    const v2: StoredItem = {
      ...v1,
      title: 'Second version',
      classification: { ...v1.classification, categories: ['c5plus1'], topics: ['climate'] },
    };
    const second = new DynamoStore(dynamo.client, { tableName: dynamo.tableName });
    const outcomes = await Promise.all([store.saveRelevantItem(v1), second.saveRelevantItem(v2)]);
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    const stored = (await store.getItem(v1.itemId))!;
    const listings = await everyListing();
    for (const [query, entries] of Object.entries(listings)) {
      const raw = JSON.parse(query) as { category?: string; topic?: string; lang?: string };
      const shouldList =
        (!raw.category || stored.classification.categories.includes(raw.category as never)) &&
        (!raw.topic || stored.classification.topics.includes(raw.topic as never));
      const mine = (entries as { itemId: string; title: string }[]).filter((e) => e.itemId === v1.itemId);
      expect(mine, query).toEqual(shouldList ? [expect.objectContaining({ title: stored.title })] : []);
    }
  });
});

describe('seen marks', () => {
  const day = 86_400_000;

  it('a live seen mark makes the item seen, is never returned as an item, and blocks a later save', async () => {
    const id = idFor(10);
    const now = new Date('2026-11-01T00:00:00Z');
    expect(await store.findUnseen([id], now)).toEqual(new Set([id]));
    expect(await store.saveSeenMark(id, 'kazinform-en', now)).toBe('created');
    expect(await store.saveSeenMark(id, 'kazinform-en', now)).toBe('exists');
    expect(await store.findUnseen([id], new Date(now.getTime() + 89 * day))).toEqual(new Set());
    expect(await store.getItem(id)).toBeNull();
    // Seen marks are only for items judged not relevant; the live mark wins.
    expect(await store.saveRelevantItem(makeItem({ n: 10, publishedAt: '2026-11-01T00:00:00.000Z' }))).toBe('exists');
    expect((await listed({})).map((e) => e.itemId)).not.toContain(id);
  });

  it('an expired mark still in the table (TTL deletion lags; dynalite never deletes) is ignored', async () => {
    const id = idFor(11);
    // Marked 100 days ago with a 90-day TTL: dynalite keeps the record, reads must not.
    const markedAt = new Date(Date.now() - 100 * day);
    expect(await store.saveSeenMark(id, 'kazinform-en', markedAt)).toBe('created');
    expect(await store.findUnseen([id, idFor(1)], new Date())).toEqual(new Set([id]));
    expect(await store.getItem(id)).toBeNull();
    const raw = await dynamo.client.send(
      new GetItemCommand({ TableName: dynamo.tableName, Key: { pk: { S: `ITEM#${id}` }, sk: { S: 'ITEM' } } }),
    );
    expect(raw.Item?.kind?.S).toBe('seen');
    // The item may now be stored afresh (or marked afresh): the expired mark does not block it.
    const item = makeItem({ n: 11, publishedAt: '2026-11-03T00:00:00.000Z' });
    expect(await store.saveRelevantItem(item)).toBe('created');
    expect((await store.getItem(id))?.title).toBe(item.title);
    expect((await listed({})).map((e) => e.itemId)).toContain(id);
  });
});

