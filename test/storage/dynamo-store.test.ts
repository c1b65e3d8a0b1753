import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemGist } from '../../functions/domain/classification/gist';
import { DynamoStore } from '../../functions/adapters/dynamo-store';
import type { Category, Language, StoredItem, Topic } from '../../functions/domain/model';
import type { ItemQuery, ItemSummary } from '../../functions/domain/ports';
import { parseItemQuery } from '../../functions/domain/query/query-params';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { makeItem } from './fixtures';

/**
 * Every listing access pattern against dynalite (a real DynamoDB endpoint), checked against the same
 * question answered by filtering the seeded items in memory.
 */
let dynamo: LocalDynamo;
let store: DynamoStore;
const commands: string[] = [];
const items: StoredItem[] = [];

const CATS: Category[][] = [['kz-us'], ['c5plus1'], ['kz-us', 'c5plus1']];
const TOPICS: Topic[][] = [['energy'], ['trade-investment', 'energy'], ['climate'], []];
const LANGS: Language[] = ['en', 'ru', 'kk'];

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  dynamo.client.middlewareStack.add(
    (next, context) => (args) => {
      commands.push(context.commandName as string);
      return next(args);
    },
    { step: 'initialize', name: 'recordCommandNames' },
  );
  store = new DynamoStore(dynamo.client, { tableName: dynamo.tableName, maxEvaluatedPerPage: 20 });
  // 60 items, one every 7 hours back from 2026-11-10, across every combination of dimensions.
  for (let n = 0; n < 60; n++) {
    const language = LANGS[n % 3]!;
    const item = makeItem({
      n,
      publishedAt: new Date(Date.parse('2026-11-10T12:00:00.000Z') - n * 7 * 3_600_000).toISOString(),
      categories: CATS[n % 3],
      topics: TOPICS[n % 4],
      language,
      sourceId: n % 2 ? `mfa-${language}` : `kazinform-${language}`,
      title: n % 5 === 0 ? `Astana hosts Ministerial ${n}` : `Item ${n}`,
    });
    items.push(item);
  }
  await Promise.all(items.map((i) => store.saveRelevantItem(i)));
});

afterAll(async () => {
  await dynamo?.close();
});

/** Every page of a query, following cursors. */
async function allPages(raw: Record<string, string>): Promise<{ items: ItemSummary[]; pages: number }> {
  const out: ItemSummary[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.queryItems(parseItemQuery({ ...raw, cursor }));
    out.push(...page.items);
    cursor = page.cursor;
    pages++;
    expect(pages).toBeLessThan(100);
  } while (cursor);
  return { items: out, pages };
}

function expected(q: ItemQuery): string[] {
  return items
    .filter(
      (i) =>
        (!q.category || i.classification.categories.includes(q.category as Category)) &&
        (!q.topic || i.classification.topics.includes(q.topic as Topic)) &&
        (!q.source || i.sourceId === q.source) &&
        (!q.lang || i.language === q.lang) &&
        (!q.since || i.publishedAt >= q.since) &&
        (!q.until || i.publishedAt <= q.until) &&
        (!q.q || `${i.title}\n${i.body}`.toLowerCase().includes(q.q)),
    )
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    .map((i) => i.itemId);
}

describe('listing queries', () => {
  const cases: Record<string, string>[] = [
    {},
    { category: 'c5plus1' },
    { category: 'kz-us' },
    { topic: 'energy' },
    { source: 'mfa-ru' },
    { lang: 'kk' },
    { category: 'c5plus1', lang: 'ru' },
    { topic: 'energy', since: '2026-11-01' },
    { topic: 'energy', lang: 'en' },
    { category: 'kz-us', topic: 'climate' },
    { category: 'kz-us', source: 'kazinform-en' },
    { topic: 'energy', source: 'mfa-kk' },
    { category: 'c5plus1', topic: 'energy', lang: 'en' },
    { category: 'kz-us', topic: 'energy', source: 'mfa-en', lang: 'en' },
    { q: 'ministerial' },
    { q: 'MINISTERIAL', category: 'c5plus1' },
    { since: '2026-11-03', until: '2026-11-05' },
    { lang: 'ru', until: '2026-10-30T10:00:00+05:00' },
  ];
  for (const raw of cases) {
    it(`answers ${JSON.stringify(raw)} completely, newest first, across pages`, async () => {
      const got = await allPages({ ...raw, limit: '6' });
      const ids = got.items.map((i) => i.itemId);
      expect(ids).toEqual(expected(parseItemQuery(raw)));
      expect(new Set(ids).size).toBe(ids.length);
    });
  }

  it('pages through everything with nothing lost or repeated', async () => {
    const got = await allPages({ limit: '7' });
    expect(got.items).toHaveLength(60);
    expect(new Set(got.items.map((i) => i.itemId)).size).toBe(60);
    // 60 items in pages of 7: nine pages, the last one short, and no trailing empty page.
    expect(got.pages).toBe(9);
  });

  it('returns the summary fields of each item', async () => {
    const page = await store.queryItems(parseItemQuery({ limit: '1' }));
    const item = items[0]!;
    expect(page.items[0]).toEqual({
      itemId: item.itemId,
      sourceId: item.sourceId,
      url: item.url,
      language: item.language,
      title: item.title,
      publishedAt: item.publishedAt,
      categories: item.classification.categories,
      topics: item.classification.topics,
      people: [],
      storyId: item.storyId,
      // The English gist travels with the summary (built from the decision when the item has none).
      gist: itemGist(item),
    });
  });

  it('reads only what a page returns (plus one) when the partition answers the whole query', async () => {
    for (const raw of [{ category: 'c5plus1' }, { topic: 'energy', lang: 'en' }, { category: 'kz-us', source: 'mfa-kk' }]) {
      const page = await store.queryItems(parseItemQuery({ ...raw, limit: '3' }));
      expect(page.items).toHaveLength(3);
      expect(page.evaluated).toBe(4);
      expect(page.queries).toBe(1);
      expect(page.consumedCapacity).toBeGreaterThan(0);
    }
  });

  it('bounds what a filtered page reads and resumes where it stopped', async () => {
    // 'ministerial' matches 12 of 60; the store's bound here is 20 evaluated entries per page.
    const first = await store.queryItems(parseItemQuery({ q: 'ministerial', limit: '50' }));
    expect(first.evaluated).toBeLessThanOrEqual(20);
    expect(first.cursor).toBeDefined();
    expect(first.items.length).toBeGreaterThan(0);
    expect(first.items.length).toBeLessThan(12);
  });

  it('lists an item in two categories once in each category and once overall', async () => {
    const both = items.find((i) => i.classification.categories.length === 2)!;
    for (const raw of [{ category: 'kz-us' }, { category: 'c5plus1' }, {}] as Record<string, string>[]) {
      const ids = (await allPages({ ...raw, limit: '200' })).items.map((i) => i.itemId);
      expect(ids.filter((id) => id === both.itemId)).toHaveLength(1);
    }
  });

  it('never scans: every read is a Query, GetItem or BatchGetItem', async () => {
    commands.length = 0;
    await store.queryItems(parseItemQuery({ category: 'kz-us', lang: 'en', q: 'ministerial' }));
    await store.getItem(items[0]!.itemId);
    await store.findUnseen([items[0]!.itemId, 'abcdef'], new Date());
    await store.putSourceState({ sourceId: 'mfa-ru', consecutiveFailures: 0 });
    expect(await store.listSourceStates()).toEqual([{ sourceId: 'mfa-ru', consecutiveFailures: 0 }]);
    expect([...(await store.getSourceStates(['mfa-ru', 'mfa-en'])).keys()]).toEqual(['mfa-ru']);
    expect(new Set(commands)).toEqual(new Set(['QueryCommand', 'GetItemCommand', 'BatchGetItemCommand', 'PutItemCommand']));
    expect(commands.filter((c) => c.startsWith('Scan'))).toEqual([]);
  });
});

describe('date range edges', () => {
  let edge: DynamoStore;
  let local: LocalDynamo;
  const at = (n: number, publishedAt: string) => makeItem({ n: 1000 + n, publishedAt, categories: ['c5plus1'] });
  const edgeItems = [
    at(1, '2026-10-31T23:59:59.999Z'),
    at(2, '2026-11-01T00:00:00.000Z'),
    at(3, '2026-11-01T12:00:00.000Z'),
    at(4, '2026-11-01T23:59:59.999Z'),
    at(5, '2026-11-02T00:00:00.000Z'),
    // Stored with an offset and no milliseconds: the listing key is still the UTC instant.
    at(6, '2026-11-02T06:00:00+05:00'),
  ];
  beforeAll(async () => {
    local = await startLocalDynamo();
    edge = new DynamoStore(local.client, { tableName: local.tableName });
    for (const i of edgeItems) await edge.saveRelevantItem(i);
  });
  afterAll(async () => {
    await local?.close();
  });
  const ids = async (raw: Record<string, string>) =>
    (await edge.queryItems(parseItemQuery({ ...raw, limit: '50' }))).items.map((i) => Number(i.url.split('-').pop()) - 1000);

  it('a date-only range covers whole Astana days (UTC+5), both ends inclusive', async () => {
    // 2026-11-01 in Astana runs from 2026-10-31T19:00Z to 2026-11-01T18:59:59.999Z.
    expect(await ids({ since: '2026-11-01', until: '2026-11-01' })).toEqual([3, 2, 1]);
    expect(await ids({ since: '2026-11-02', until: '2026-11-02' })).toEqual([6, 5, 4]);
  });
  it('since and until instants are inclusive', async () => {
    expect(await ids({ since: '2026-11-01T00:00:00.000Z', until: '2026-11-01T12:00:00.000Z' })).toEqual([3, 2]);
  });
  it('an instant is inclusive to the precision written', async () => {
    expect(await ids({ until: '2026-11-01T23:59Z' })).toEqual([4, 3, 2, 1]);
    // Without an offset, a time is Astana time: 23:59 in Astana is 18:59 UTC.
    expect(await ids({ until: '2026-11-01T23:59' })).toEqual([3, 2, 1]);
  });
  it('offsets are converted to UTC', async () => {
    expect(await ids({ since: '2026-11-02T05:00+05:00' })).toEqual([6, 5]);
  });
  it('an empty range is empty, with no cursor', async () => {
    const page = await edge.queryItems(parseItemQuery({ since: '2027-01-01' }));
    expect(page.items).toEqual([]);
    expect(page.cursor).toBeUndefined();
  });
});
