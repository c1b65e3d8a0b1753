import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filterPolicyFor, policyMatches } from '../domain/alerts/filter-policy';
import type { Subscriber } from '../domain/alerts/subscribers';
import type { AlertMessage, AlertPublisher } from '../domain/ports';

export interface Delivery {
  subscriberId: string;
  channel: 'email' | 'sms';
  to: string;
  file: string;
}

/**
 * Stands in for SNS locally: applies each subscriber's filter policy exactly as SNS would and writes what
 * that subscriber would receive (email: subject and body; SMS: the text) under the outbox directory.
 * Files are named by message, so delivering the same message again overwrites rather than duplicates.
 */
export class OutboxPublisher implements AlertPublisher {
  readonly deliveries: Delivery[] = [];
  private readonly policies: { subscriber: Subscriber; policy: ReturnType<typeof filterPolicyFor> }[];

  constructor(
    readonly dir: string,
    subscribers: Subscriber[],
  ) {
    this.policies = subscribers.map((subscriber) => ({ subscriber, policy: filterPolicyFor(subscriber) }));
  }

  async publish(message: AlertMessage): Promise<{ messageId: string }> {
    const messageId = `local-${String(message.attributes.storyId ?? 'alert')}`;
    mkdirSync(join(this.dir, 'topic'), { recursive: true });
    writeFileSync(join(this.dir, 'topic', `${messageId}.json`), `${JSON.stringify(message, null, 2)}\n`);
    for (const { subscriber, policy } of this.policies) {
      if (!policyMatches(policy, message.attributes)) continue;
      const channel = subscriber.email ? 'email' : 'sms';
      const to = (subscriber.email ?? subscriber.phone)!;
      const dir = join(this.dir, subscriber.id);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${messageId}.${channel}.txt`);
      const text =
        channel === 'email'
          ? `To: ${to}\nSubject: ${message.emailSubject}\n\n${message.email}\n`
          : `To: ${to}\n\n${message.sms}\n`;
      writeFileSync(file, text);
      this.deliveries.push({ subscriberId: subscriber.id, channel, to, file });
    }
    return { messageId };
  }
}
