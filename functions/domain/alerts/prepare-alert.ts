import type { StoredItem } from '../model';
import type { AlertRecord } from '../ports';
import { formatAlertMessage } from './format-alert';

/** The pending alert for a newly stored relevant item. */
export function prepareAlert(item: StoredItem, now: Date): AlertRecord {
  return {
    alertId: item.itemId,
    itemId: item.itemId,
    storyId: item.storyId,
    status: 'pending',
    createdAt: now.toISOString(),
    message: formatAlertMessage(item),
  };
}
