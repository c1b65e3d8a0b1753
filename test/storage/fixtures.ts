import { createHash } from 'node:crypto';
import type { Category, Language, StoredItem, Topic } from '../../functions/domain/model';

export interface ItemSpec {
  n: number;
  publishedAt: string;
  categories?: Category[];
  topics?: Topic[];
  sourceId?: string;
  language?: Language;
  title?: string;
  body?: string;
}

export function idFor(n: number): string {
  return createHash('sha256').update(`item-${n}`).digest('hex').slice(0, 24);
}

/** A stored item as process-entry builds it, with the classification the spec names. */
export function makeItem(spec: ItemSpec): StoredItem {
  const itemId = idFor(spec.n);
  const language = spec.language ?? 'en';
  const categories = spec.categories ?? ['kz-us'];
  return {
    itemId,
    sourceId: spec.sourceId ?? `kazinform-${language}`,
    url: `https://www.inform.kz/${language}/item-${spec.n}`,
    canonicalUrl: `https://www.inform.kz/${language}/item-${spec.n}`,
    language,
    title: spec.title ?? `Item ${spec.n}`,
    lead: null,
    body: spec.body ?? `Body of item ${spec.n}.`,
    author: null,
    publishedAt: spec.publishedAt,
    fetchedAt: spec.publishedAt,
    classification: {
      relevant: true,
      categories,
      scores: { 'kz-us': categories.includes('kz-us') ? 3 : 0, c5plus1: categories.includes('c5plus1') ? 3 : 0 },
      topics: spec.topics ?? [],
      people: [],
      eventType: 'meeting',
      language,
      evidence: categories.map((c) => ({ label: c, text: `evidence for ${c}`, weight: 2 })),
    },
    storyId: itemId,
  };
}
