import type { StoredItem } from '../model';
import type { AlertCard } from '../ports';

/**
 * The gist the classifier writes on an item (on the item or in its classification, depending on the
 * version that stored it); absent on items stored before there was one.
 */
function gistOf(item: StoredItem): string | undefined {
  const candidates = [
    (item as { gist?: unknown }).gist,
    (item.classification as { gist?: unknown }).gist,
  ];
  const gist = candidates.find((g): g is string => typeof g === 'string' && g.trim().length > 0);
  return gist?.trim();
}

/** The facts of an item that channels with their own formatting (Telegram, webhooks) show. */
export function alertCard(item: StoredItem, laterCopy = false): AlertCard {
  const c = item.classification;
  const gist = gistOf(item);
  return {
    title: item.title,
    url: item.url,
    sourceId: item.sourceId,
    language: item.language,
    publishedAt: item.publishedAt,
    categories: [...c.categories],
    topics: [...c.topics],
    people: [...c.people],
    ...(gist ? { gist } : {}),
    ...(laterCopy ? { laterCopy } : {}),
  };
}
