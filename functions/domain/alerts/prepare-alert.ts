import type { StoredItem } from '../model';
import type { AlertRecord, AlertStore, StoryStore } from '../ports';
import { alertCard } from './alert-card';
import { formatAlertMessage, routingAttributes } from './format-alert';
import { type StoryAssignment, assignStory } from './stories';

/**
 * The pending alert for a newly stored relevant item. Its id is the item id, so recording it twice (a
 * redelivered queue message) finds the first record. `storySeq` > 1 marks a later copy of a story: the
 * sweep narrows it to the subscribers no earlier copy reached, or suppresses it.
 */
export function prepareAlert(item: StoredItem, now: Date, storySeq = 1): AlertRecord {
  return {
    alertId: item.itemId,
    itemId: item.itemId,
    storyId: item.storyId,
    status: 'pending',
    createdAt: now.toISOString(),
    type: 'instant',
    storySeq,
    attempts: 0,
    message: {
      ...formatAlertMessage(item, { alertId: item.itemId, laterCopy: storySeq > 1 }),
      card: alertCard(item, storySeq > 1),
    },
  };
}

/**
 * Groups the item with other copies of its story (setting `item.storyId`) and records its pending
 * alert. Safe to repeat for the same item. Every copy gets a record; the sweep decides whether a later
 * copy has anyone left to tell.
 */
export async function recordStoryAndAlert(
  item: StoredItem,
  store: AlertStore & StoryStore,
  now: Date,
): Promise<Omit<StoryAssignment, 'member'>> {
  // The story id is not known yet and is no subscriber filter.
  const { storyId: _unknown, ...attributes } = routingAttributes(item);
  const { storyId, seq, matchedBy } = await assignStory(item, attributes, store, now);
  item.storyId = storyId;
  await store.recordPendingAlert(prepareAlert(item, now, seq));
  return { storyId, seq, matchedBy };
}
