import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoStore } from '../../functions/adapters/dynamo-store';
import type { StoredItem } from '../../functions/domain/model';
import type { ItemPage } from '../../functions/domain/ports';
import { routeQuery } from '../../functions/domain/query/query-routes';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';

function item(itemId: string, gist?: string): StoredItem {
  return {
    itemId,
    sourceId: 'kazinform-ru',
    url: `https://www.inform.kz/ru/${itemId}`,
    canonicalUrl: `https://www.inform.kz/ru/${itemId}`,
    language: 'ru',
    title: 'Токаев и Байден провели телефонный разговор',
    lead: null,
    body: 'Президент Казахстана Касым-Жомарт Токаев провел телефонный разговор с Президентом США Джо Байденом.',
    author: null,
    publishedAt: '2026-11-20T08:00:00.000Z',
    fetchedAt: '2026-11-20T08:05:00.000Z',
    classification: {
      relevant: true,
      categories: ['kz-us'],
      scores: { 'kz-us': 0.9, c5plus1: 0 },
      topics: [],
      people: ['Kassym-Jomart Tokayev', 'Joe Biden'],
      eventType: 'call',
      language: 'ru',
      evidence: [],
    },
    storyId: itemId,
    ...(gist ? { gist } : {}),
  };
}

const STORED = 'Call: Kassym-Jomart Tokayev and Joe Biden on Kazakhstan–US relations, 20 Nov 2026 (Astana).';

let dynamo: LocalDynamo;
let store: DynamoStore;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
  store = new DynamoStore(dynamo.client, { tableName: dynamo.tableName });
  await store.saveRelevantItem(item('aa00000000000001', STORED));
  // stored before gists existed
  await store.saveRelevantItem(item('aa00000000000002'));
});
afterAll(() => dynamo?.close());

describe('the gist in what the API and `kzmon query --json` return', () => {
  it('is in every listed item written with one', async () => {
    const res = await routeQuery(store, '/items', {});
    expect(res.status).toBe(200);
    const page = res.body as ItemPage;
    const byId = new Map(page.items.map((i) => [i.itemId, i]));
    expect(byId.get('aa00000000000001')?.gist).toBe(STORED);
    // the listing entry is written from the item, so it carries a gist even when the item had none
    expect(byId.get('aa00000000000002')?.gist).toBe(STORED);
  });

  it('is in the item the API returns, built from the classification for an item stored without one', async () => {
    for (const id of ['aa00000000000001', 'aa00000000000002']) {
      const res = await routeQuery(store, `/items/${id}`, {});
      expect((res.body as StoredItem).gist).toBe(STORED);
    }
  });
});
