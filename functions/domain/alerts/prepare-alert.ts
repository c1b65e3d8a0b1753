import type { StoredItem } from '../model';
import type { AlertRecord } from '../ports';
import { formatAlertMessage } from './format-alert';

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
    message: formatAlertMessage(item, { alertId: item.itemId, laterCopy: storySeq > 1 }),
  };
}
