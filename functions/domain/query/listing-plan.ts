import { createHash } from 'node:crypto';
import type { ItemQuery } from '../ports';
import { dateSpan } from './date-span';

/**
 * Which listing partition answers a query, and what is left to filter within it.
 *
 * Every item is listed under ALL, under each single dimension (category, topic, source, language) and
 * under each pair of them except source×language (a source has one language). So any query with at
 * most two dimension filters is an exact Query on one partition, and a page reads only what it
 * returns. With three or more, the most selective pair is queried and the rest filtered. A text query
 * `q` reads the TEXT partition instead, whose one entry per item carries the item's whole searchable
 * text (title, lead and body), with every dimension as a filter: the whole text lives in one entry
 * rather than in all of them, so listings without text stay small and cheap to read.
 */

/** The partition whose entries carry the whole search text. */
export const TEXT_PARTITION = 'TEXT';

export type Dimension = 'category' | 'topic' | 'source' | 'lang';

const PREFIX: Record<Dimension, string> = { category: 'CAT', topic: 'TOPIC', source: 'SRC', lang: 'LANG' };

/** Pairs stored as their own partitions, most selective first (topics and sources are the narrowest). */
const PAIRS: [Dimension, Dimension][] = [
  ['topic', 'source'],
  ['topic', 'lang'],
  ['category', 'source'],
  ['category', 'topic'],
  ['category', 'lang'],
];
const SINGLES: Dimension[] = ['topic', 'source', 'category', 'lang'];

export interface ListingFields {
  categories: readonly string[];
  topics: readonly string[];
  sourceId: string;
  language: string;
}

function part(dim: Dimension, value: string): string {
  return `${PREFIX[dim]}#${value}`;
}

/** Every partition an item is listed under. */
export function listingPartitions(item: ListingFields): string[] {
  const values: Record<Dimension, readonly string[]> = {
    category: item.categories,
    topic: item.topics,
    source: [item.sourceId],
    lang: [item.language],
  };
  const out = new Set<string>(['ALL']);
  for (const dim of SINGLES) for (const v of values[dim]) out.add(part(dim, v));
  for (const [a, b] of PAIRS) {
    for (const va of values[a]) for (const vb of values[b]) out.add(`${part(a, va)}#${part(b, vb)}`);
  }
  return [...out];
}

export interface ListingPlan {
  partition: string;
  /** Dimension filters the partition does not already guarantee. */
  filters: Partial<Record<Dimension, string>>;
  /** Text (in normalizeSearchText's form) the entry's search text must contain. */
  text?: string;
  /** Inclusive bounds on the sort key (`<publishedAt>#<id>`). */
  lower: string;
  upper: string;
  /** Identifies the query a cursor belongs to (everything but the limit). */
  fingerprint: string;
}

export function planListing(query: ItemQuery): ListingPlan {
  const given: Partial<Record<Dimension, string>> = {};
  if (query.category) given.category = query.category;
  if (query.topic) given.topic = query.topic;
  if (query.source) given.source = query.source;
  if (query.lang) given.lang = query.lang;

  let partition = 'ALL';
  let covered: Dimension[] = [];
  const pair = PAIRS.find(([a, b]) => given[a] && given[b]);
  if (query.q) {
    partition = TEXT_PARTITION;
  } else if (pair) {
    partition = `${part(pair[0], given[pair[0]]!)}#${part(pair[1], given[pair[1]]!)}`;
    covered = pair;
  } else {
    const single = SINGLES.find((d) => given[d]);
    if (single) {
      partition = part(single, given[single]!);
      covered = [single];
    }
  }
  const filters = Object.fromEntries(Object.entries(given).filter(([d]) => !covered.includes(d as Dimension)));
  // `<instant>#` sorts before every `<instant>#<id>`, `<instant>#~` after (ids are hex).
  const lower = query.since ? `${bound(query.since, 'since')}#` : '0';
  const upper = query.until ? `${bound(query.until, 'until')}#~` : '9';
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([partition, filters, query.q ?? null, lower, upper]))
    .digest('base64url')
    .slice(0, 16);
  return { partition, filters, text: query.q, lower, upper, fingerprint };
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** parseItemQuery already gives canonical instants; a caller passing a plain date still gets whole days. */
function bound(value: string, which: 'since' | 'until'): string {
  if (CANONICAL.test(value)) return value;
  const span = dateSpan(value);
  if (!span) throw new Error(`${which} is not a date or instant: ${value}`);
  return which === 'since' ? span.start.toISOString() : new Date(span.endExclusive.getTime() - 1).toISOString();
}
