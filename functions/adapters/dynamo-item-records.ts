/**
 * How an item is laid out in the table: the item record, its listing entries (one per partition it is
 * listed under, the TEXT one carrying the search text), and reading records back without their keys.
 */
import { itemGist } from '../domain/classification/gist';
import type { StoredItem } from '../domain/model';
import { listingPartitions, TEXT_PARTITION } from '../domain/query/listing-plan';
import { normalizeSearchText } from '../domain/query/search-text';

export type Row = Record<string, unknown>;

/** A record counts unless it is a seen mark whose TTL has passed (DynamoDB deletes late; dynalite never). */
export function isLive(record: Row | undefined, now: Date): boolean {
  if (!record) return false;
  return !(typeof record.expiresAt === 'number' && record.expiresAt <= Math.floor(now.getTime() / 1000));
}

export function stripKeys(record: Row): Row {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _g1,
    gsi1sk: _g1s,
    gsi2pk: _g2,
    gsi2sk: _g2s,
    kind: _k,
    ...rest
  } = record;
  return rest;
}

/** The instant as stored in sort keys: UTC with milliseconds, so keys order by time. */
export function sortableInstant(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`publishedAt is not an instant: ${iso}`);
  return new Date(t).toISOString();
}

/**
 * Every record a relevant item is stored as: its listing entries, then the item itself. For bulk loads
 * into an empty table (the seeding script); the monitor saves items with saveRelevantItem.
 */
export function itemRecords(item: StoredItem): Row[] {
  return [...indexEntries(item), { pk: `ITEM#${item.itemId}`, sk: 'ITEM', kind: 'item', ...item }];
}

/** The listing entries of an item: one per partition it is listed under. */
export function indexEntries(item: StoredItem): Row[] {
  const c = item.classification;
  // The whole stored text: a search that misses words past the first paragraphs finds too little.
  const searchText = normalizeSearchText([item.title, item.lead, item.body].filter(Boolean).join('\n'));
  const publishedAt = sortableInstant(item.publishedAt);
  const parts = listingPartitions({
    categories: c.categories,
    topics: c.topics,
    sourceId: item.sourceId,
    language: item.language,
  });
  return [...parts, TEXT_PARTITION].map((part) => ({
    pk: `ITEM#${item.itemId}`,
    sk: `IDX#${part}`,
    gsi1pk: part,
    gsi1sk: `${publishedAt}#${item.itemId}`,
    itemId: item.itemId,
    sourceId: item.sourceId,
    url: item.url,
    language: item.language,
    title: item.title,
    publishedAt,
    categories: c.categories,
    topics: c.topics,
    people: c.people,
    storyId: item.storyId,
    gist: itemGist(item),
    ...(part === TEXT_PARTITION ? { searchText } : {}),
  }));
}
