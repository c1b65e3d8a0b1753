import type { StoredItem } from '../model';
import type { AlertCard } from './alert-message';

/** The facts of an item that channels with their own formatting (Telegram, webhooks) show. */
export function alertCard(item: StoredItem, laterCopy = false): AlertCard {
  const c = item.classification;
  // Items stored before the classifier wrote gists have none.
  const gist = item.gist?.trim();
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
