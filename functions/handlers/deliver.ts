import { Logger } from '@aws-lambda-powertools/logger';
import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import { WebhookClient } from '../adapters/webhook-client';
import {
  type ChannelDeliveryDeps,
  channelAudience,
  deliverToChannels,
} from '../domain/delivery/deliver-to-channels';
import type { AlertMessage, AlertStore } from '../domain/ports';
import { cachedSubscribers, makeDeliveryStore } from './delivery-runtime';
import { telegramFromSsm } from './telegram-runtime';
import { makeStore } from './runtime';

/** The alert id and routing attributes of an SNS notification. */
export function parseNotification(record: SNSEventRecord): {
  alertId: string;
  attributes: AlertMessage['attributes'];
} {
  const attributes: AlertMessage['attributes'] = {};
  for (const [name, { Type, Value }] of Object.entries(record.Sns.MessageAttributes ?? {})) {
    attributes[name] =
      Type === 'String.Array' ? (JSON.parse(Value) as string[]) : Type === 'Number' ? Number(Value) : Value;
  }
  if (typeof attributes.alertId !== 'string')
    throw new Error(`notification ${record.Sns.MessageId}: no alertId attribute`);
  return { alertId: attributes.alertId, attributes };
}

export interface DeliverHandlerDeps {
  alerts: Pick<AlertStore, 'getAlert'>;
  channels: () => Promise<ChannelDeliveryDeps>;
  log: ChannelDeliveryDeps['log'];
}

/**
 * Telegram and webhook delivery: the subscribers' topic invokes this (asynchronously) with each
 * published alert, and it posts to the Telegram and webhook subscribers the alert's attributes select
 * (SNS has delivered email and SMS). Deliveries left to retry make the invocation fail: Lambda tries it
 * twice more, a minute or two apart (the ledger skips whoever has it), then records it in the
 * failed-runs queue, the dead letter the operator's alarm reads. No queue is polled while idle.
 */
export function deliverHandler(deps: DeliverHandlerDeps) {
  return async (event: SNSEvent): Promise<{ delivered: number }> => {
    const channels = await deps.channels();
    let delivered = 0;
    const left: string[] = [];
    for (const record of event.Records) {
      const { alertId, attributes } = parseNotification(record);
      if (channelAudience(channels.subscribers, attributes).length === 0) continue;
      const alert = await deps.alerts.getAlert(alertId);
      if (!alert) {
        deps.log.error('published alert not found in the table; nothing to deliver', { alertId });
        continue;
      }
      // The published attributes, not the recorded ones: a later copy is narrowed when it is published.
      const message: AlertMessage = { ...alert.message, attributes };
      const result = await deliverToChannels(channels, alertId, message);
      delivered += result.outcomes.filter((o) => o.outcome === 'delivered').length;
      if (result.retryable > 0) left.push(alertId);
    }
    // No custom metric (emitted-metrics.ts): an invocation that keeps failing ends in the failed-runs
    // queue, which is alarmed.
    deps.log.info('deliveries done', { delivered, retrying: left.length });
    if (left.length > 0) throw new Error(`deliveries left to retry for alert ${left.join(', ')}`);
    return { delivered };
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
