import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SubscriberPolicy, subscriberPolicies } from '../domain/alerts/filter-policy';
import { type StoredSubscriber, channelOf, isSnsChannel } from '../domain/alerts/subscribers';
import {
  type ChannelDeliveryDeps,
  type ChannelOutcome,
  deliverToChannels,
} from '../domain/delivery/deliver-to-channels';
import type { AlertMessage, AlertPublisher } from '../domain/ports';
import { DELIVERY_LOG } from './outbox-publisher';

/** One Telegram or webhook delivery as the outbox records it (beside SNS's email and SMS ones). */
export interface ChannelDelivery {
  subscriberId: string;
  channel: 'telegram' | 'webhook';
  to: string;
  file: string;
  alertId: string;
  at: string;
  receipt: string;
}

/**
 * The local topic with every channel: email and SMS go to the outbox (SNS's stand-in), Telegram and
 * webhook subscribers get a real HTTP request, exactly as the delivery function makes on AWS, and each
 * of those deliveries is recorded in the outbox too (a file with what was sent, a line in the log).
 *
 * A channel delivery that fails does not fail the publish (SNS has accepted it for email and SMS): the
 * alert is queued in the table and `retryFailedChannels` tries it again, as SQS redelivers on AWS.
 */
export class ChannelPublisher implements AlertPublisher {
  readonly subscribers: SubscriberPolicy[];
  readonly deliveries: ChannelDelivery[] = [];
  readonly failures: ChannelOutcome[] = [];

  constructor(
    private readonly topic: AlertPublisher,
    private readonly outboxDir: string,
    private readonly channels: Omit<ChannelDeliveryDeps, 'subscribers'>,
    private readonly all: readonly StoredSubscriber[],
  ) {
    this.subscribers = subscriberPolicies([...all]);
  }

  /** Email and SMS subscribers: the ones the outbox (SNS) routes to. */
  static snsSubscribers<T extends StoredSubscriber>(subscribers: readonly T[]): T[] {
    return subscribers.filter((s) => isSnsChannel(channelOf(s)));
  }

  async publish(message: AlertMessage): Promise<{ messageId: string }> {
    const accepted = await this.topic.publish(message);
    const alertId = String(message.attributes.alertId ?? accepted.messageId);
    await this.deliver(alertId, message, false);
    return accepted;
  }

  /** Alerts whose channel deliveries failed in an earlier window, tried again. */
  async retryFailedChannels(): Promise<{ retried: number; stillFailing: number }> {
    const queued = await this.channels.ledger.listChannelRetries();
    let stillFailing = 0;
    for (const { alertId, message } of queued) {
      if (await this.deliver(alertId, message, true)) stillFailing++;
    }
    return { retried: queued.length, stillFailing };
  }

  /** True when deliveries are left to retry. */
  private async deliver(alertId: string, message: AlertMessage, queued: boolean): Promise<boolean> {
    const result = await deliverToChannels({ ...this.channels, subscribers: this.all }, alertId, message);
    const at = new Date().toISOString();
    for (const o of result.outcomes) {
      if (o.outcome === 'failed' || o.outcome === 'dead-letter') this.failures.push(o);
      if (o.outcome !== 'delivered' || o.sent === undefined) continue;
      const subscriber = this.all.find((s) => s.id === o.subscriberId)!;
      const dir = join(this.outboxDir, o.subscriberId);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${alertId.replace(/[^A-Za-z0-9_.-]/g, '_')}.${o.channel}.txt`);
      const to =
        o.channel === 'telegram' ? `telegram chat ${subscriber.telegram}` : (subscriber.webhook as string);
      writeFileSync(file, `To: ${to}\nReceipt: ${o.receipt}\n\n${o.sent}\n`);
      const delivery: ChannelDelivery = {
        subscriberId: o.subscriberId,
        channel: o.channel,
        to,
        file,
        alertId,
        at,
        receipt: o.receipt ?? '',
      };
      appendFileSync(join(this.outboxDir, DELIVERY_LOG), `${JSON.stringify(delivery)}\n`);
      this.deliveries.push(delivery);
    }
    if (result.retryable > 0) await this.channels.ledger.queueChannelRetry(alertId, message);
    else if (queued) await this.channels.ledger.clearChannelRetry(alertId);
    return result.retryable > 0;
  }
}
