import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SubscriberPolicy, filterPolicyFor, policyMatches } from '../domain/alerts/filter-policy';
import type { Subscriber } from '../domain/alerts/subscribers';
import type { AlertMessage, AlertPublisher } from '../domain/ports';

export interface Delivery {
  subscriberId: string;
  channel: 'email' | 'sms';
  to: string;
  file: string;
  alertId: string;
}

/**
 * Stands in for SNS locally: applies each subscriber's filter policy exactly as SNS would and writes what
 * that subscriber would receive (email: subject and body; SMS: the text) under the outbox directory.
 * Idempotent by alert id: publishing the same alert again (a retry after a crash) overwrites the same
 * files and adds no delivery, which SNS itself cannot promise.
 */
export class OutboxPublisher implements AlertPublisher {
  readonly deliveries: Delivery[] = [];
  /** Publish calls, including repeats of an alert already delivered. */
  publishCalls = 0;
  readonly subscribers: SubscriberPolicy[];
  private readonly routes: { subscriber: Subscriber; policy: SubscriberPolicy['policy'] }[];
  private readonly delivered = new Set<string>();

  constructor(
    readonly dir: string,
    subscribers: Subscriber[],
  ) {
    this.routes = subscribers.map((subscriber) => ({ subscriber, policy: filterPolicyFor(subscriber) }));
    this.subscribers = this.routes.map((r) => ({
      id: r.subscriber.id,
      delivery: r.subscriber.delivery,
      policy: r.policy,
    }));
  }

  async publish(message: AlertMessage): Promise<{ messageId: string }> {
    this.publishCalls++;
    const alertId = String(
      message.attributes.alertId ??
        createHash('sha256').update(JSON.stringify(message)).digest('hex').slice(0, 16),
    );
    const messageId = `local-${alertId}`;
    const fileName = alertId.replace(/[^A-Za-z0-9_.-]/g, '_');
    mkdirSync(join(this.dir, 'topic'), { recursive: true });
    writeFileSync(join(this.dir, 'topic', `${fileName}.json`), `${JSON.stringify(message, null, 2)}\n`);
    for (const { subscriber, policy } of this.routes) {
      if (!policyMatches(policy, message.attributes)) continue;
      const channel = subscriber.email ? 'email' : 'sms';
      const to = (subscriber.email ?? subscriber.phone) as string;
      const dir = join(this.dir, subscriber.id);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${fileName}.${channel}.txt`);
      const text =
        channel === 'email'
          ? `To: ${to}\nSubject: ${message.emailSubject}\n\n${message.email}\n`
          : `To: ${to}\n\n${message.sms}\n`;
      writeFileSync(file, text);
      const key = `${alertId}|${subscriber.id}`;
      if (this.delivered.has(key)) continue;
      this.delivered.add(key);
      this.deliveries.push({ subscriberId: subscriber.id, channel, to, file, alertId });
    }
    return { messageId };
  }
}
