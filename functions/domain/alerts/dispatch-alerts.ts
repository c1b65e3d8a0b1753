import type { AlertPublisher, AlertStore, Log } from '../ports';

export interface DispatchResult {
  pending: number;
  sent: number;
  failed: number;
}

/**
 * Sends every pending alert recorded before `olderThan` and marks each sent once the publisher accepted
 * it. A failure leaves the alert pending for the next sweep; nothing is lost.
 */
export async function dispatchPendingAlerts(
  deps: { store: AlertStore; publisher: AlertPublisher; log: Log; now?: () => Date },
  olderThanMs = 0,
): Promise<DispatchResult> {
  const now = deps.now?.() ?? new Date();
  const pending = await deps.store.listPendingAlerts(new Date(now.getTime() - olderThanMs));
  let sent = 0;
  let failed = 0;
  for (const alert of pending) {
    try {
      const { messageId } = await deps.publisher.publish({
        ...alert.message,
        attributes: { ...alert.message.attributes, delivery: 'instant' },
      });
      await deps.store.markAlertSent(alert.alertId, messageId, deps.now?.() ?? new Date());
      sent++;
    } catch (err) {
      failed++;
      deps.log.error('alert not sent; it stays pending', {
        alertId: alert.alertId,
        itemId: alert.itemId,
        storyId: alert.storyId,
        error: (err as Error).message,
      });
    }
  }
  return { pending: pending.length, sent, failed };
}
