import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
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
  /** When the topic accepted the publish that made this delivery (ISO). */
  at: string;
  /** 1 for an alert's first delivery to this subscriber, 2 for its first repeat, … */
  copy: number;
}

/** The append-only delivery log under the outbox directory, one JSON line per delivery. */
export const DELIVERY_LOG = 'deliveries.jsonl';
/** The append-only publish log: one JSON line per publish the topic accepted, repeats included. */
export const PUBLISH_LOG = 'publishes.jsonl';

/**
 * Stands in for SNS locally: applies each subscriber's filter policy exactly as SNS would and writes what
 * that subscriber would receive (email: subject and body; SMS: the text) under the outbox directory.
 *
 * Like SNS, it delivers every publish, repeats included: each publish is appended to `publishes.jsonl`
 * and each delivery to `deliveries.jsonl` (and to `log`), so a repeat after a crash shows and can be
 * counted. Only what it shows is
 * deduplicated: one file per alert and subscriber (a repeat rewrites the same file, as a mail client
 * threading on the alert id would), and `deliveries` lists each alert once per subscriber.
 */
export class OutboxPublisher implements AlertPublisher {
  /** One entry per alert and subscriber: what a subscriber sees once repeats are folded by alert id. */
  readonly deliveries: Delivery[] = [];
  /** Every delivery, repeats included, in order (also appended to `deliveries.jsonl`). */
  readonly log: Delivery[] = [];
  /** Publish calls, including repeats of an alert already delivered. */
  publishCalls = 0;
  readonly subscribers: SubscriberPolicy[];
  private readonly routes: { subscriber: Subscriber; policy: SubscriberPolicy['policy'] }[];
  private readonly copies = new Map<string, number>();

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

  /** Deliveries beyond an alert's first to the same subscriber (what at-least-once delivery adds). */
  get repeats(): number {
    return this.log.length - this.deliveries.length;
  }

  async publish(message: AlertMessage): Promise<{ messageId: string }> {
    this.publishCalls++;
    const at = new Date().toISOString();
    const alertId = String(
      message.attributes.alertId ??
        createHash('sha256').update(JSON.stringify(message)).digest('hex').slice(0, 16),
    );
    const messageId = `local-${alertId}`;
    const fileName = alertId.replace(/[^A-Za-z0-9_.-]/g, '_');
    mkdirSync(join(this.dir, 'topic'), { recursive: true });
    writeFileSync(join(this.dir, 'topic', `${fileName}.json`), `${JSON.stringify(message, null, 2)}\n`);
    appendFileSync(join(this.dir, PUBLISH_LOG), `${JSON.stringify({ at, alertId, messageId })}\n`);
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
      const copy = (this.copies.get(key) ?? 0) + 1;
      this.copies.set(key, copy);
      const delivery: Delivery = { subscriberId: subscriber.id, channel, to, file, alertId, at, copy };
      appendFileSync(join(this.dir, DELIVERY_LOG), `${JSON.stringify(delivery)}\n`);
      this.log.push(delivery);
      if (copy === 1) this.deliveries.push(delivery);
    }
    return { messageId };
  }
}
