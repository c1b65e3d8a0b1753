import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { WebhookClient } from '../adapters/webhook-client';
import {
  type ChannelDeliveryDeps,
  channelAudience,
  deliverToChannels,
} from '../domain/delivery/deliver-to-channels';
import type { AlertMessage, AlertStore } from '../domain/ports';
import { cachedSubscribers, makeDeliveryStore, telegramFromSsm } from './delivery-runtime';
import { makeStore } from './runtime';

/** The alert id and routing attributes of an SNS notification, as SQS receives it (not raw). */
export function parseNotification(record: SQSRecord): {
  alertId: string;
  attributes: AlertMessage['attributes'];
} {
  let envelope: { Type?: string; MessageAttributes?: Record<string, { Type: string; Value: string }> };
  try {
    envelope = JSON.parse(record.body);
  } catch {
    throw new Error(`message ${record.messageId}: body is not an SNS notification (not JSON)`);
  }
  const attributes: AlertMessage['attributes'] = {};
  for (const [name, { Type, Value }] of Object.entries(envelope.MessageAttributes ?? {})) {
    attributes[name] =
      Type === 'String.Array' ? (JSON.parse(Value) as string[]) : Type === 'Number' ? Number(Value) : Value;
  }
  if (typeof attributes.alertId !== 'string')
    throw new Error(`message ${record.messageId}: no alertId attribute`);
  return { alertId: attributes.alertId, attributes };
}

export interface DeliverHandlerDeps {
  alerts: Pick<AlertStore, 'getAlert'>;
  channels: () => Promise<ChannelDeliveryDeps>;
  log: ChannelDeliveryDeps['log'];
}

/**
 * Telegram and webhook delivery: the subscribers' topic feeds a queue this function reads. For each
 * published alert it posts to the Telegram and webhook subscribers the alert's attributes select (SNS
 * has delivered email and SMS). A message with deliveries left to retry is reported failed: the queue
 * redelivers it (the ledger skips whoever has it) and, after several receives, dead-letters it.
 */
export function deliverHandler(deps: DeliverHandlerDeps) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const channels = await deps.channels();
    const failures: { itemIdentifier: string }[] = [];
    let delivered = 0;
    for (const record of event.Records) {
      try {
        const { alertId, attributes } = parseNotification(record);
        if (channelAudience(channels.subscribers, attributes).length === 0) continue;
        const alert = await deps.alerts.getAlert(alertId);
        if (!alert) throw new Error(`alert ${alertId} is not in the table`);
        // The published attributes, not the recorded ones: a later copy is narrowed when it is published.
        const message: AlertMessage = { ...alert.message, attributes };
        const result = await deliverToChannels(channels, alertId, message);
        delivered += result.outcomes.filter((o) => o.outcome === 'delivered').length;
        if (result.retryable > 0) failures.push({ itemIdentifier: record.messageId });
      } catch (err) {
        deps.log.error('delivery message failed; the queue redelivers it', {
          messageId: record.messageId,
          error: (err as Error).message,
        });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    // No custom metric (emitted-metrics.ts): a failed message is redelivered by the queue and, after 5
    // tries, dead-lettered, and the dead-letter alarm tells the operator.
    deps.log.info('delivery batch done', { delivered, retrying: failures.length });
    return { batchItemFailures: failures };
  };
}

const logger = new Logger({ serviceName: 'kzmon-deliver' });
const ledger = makeDeliveryStore();
const subscribers = cachedSubscribers(ledger);
const telegram = telegramFromSsm();
const webhooks = new WebhookClient({ timeoutMs: 10_000 });

export const handler = deliverHandler({
  alerts: makeStore(),
  log: logger,
  channels: async () => ({
    subscribers: (await subscribers()).subscribers,
    ledger,
    log: logger,
    telegram: await telegram(),
    webhooks,
  }),
});
