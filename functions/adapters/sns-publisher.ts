import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SubscriberPolicy } from '../domain/alerts/filter-policy';
import type { AlertMessage, AlertPublisher } from '../domain/ports';

/**
 * Publishes an alert to the subscribers' topic; SNS filter policies route it per subscriber. A standard
 * topic has no deduplication (FIFO topics would, but cannot deliver to email or SMS), so exactly-once
 * rests on the alert records; the alert id travels as an attribute for any consumer that can dedupe.
 */
export class SnsPublisher implements AlertPublisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
    readonly subscribers: readonly SubscriberPolicy[] = [],
  ) {}

  async publish(message: AlertMessage): Promise<{ messageId: string }> {
    const res = await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: message.emailSubject,
        MessageStructure: 'json',
        Message: JSON.stringify({ default: message.default, email: message.email, sms: message.sms }),
        MessageAttributes: toMessageAttributes(message.attributes),
      }),
    );
    if (!res.MessageId) throw new Error('SNS accepted the publish without a MessageId');
    return { messageId: res.MessageId };
  }
}

/** SNS allows ten message attributes; String.Array values are JSON arrays. */
export function toMessageAttributes(attributes: AlertMessage['attributes']) {
  const entries = Object.entries(attributes);
  if (entries.length > 10) throw new Error(`SNS allows 10 message attributes, got ${entries.length}`);
  return Object.fromEntries(
    entries.map(([key, value]) => {
      if (Array.isArray(value))
        return [key, { DataType: 'String.Array', StringValue: JSON.stringify(value) }];
      if (typeof value === 'number') return [key, { DataType: 'Number', StringValue: String(value) }];
      return [key, { DataType: 'String', StringValue: value }];
    }),
  );
}

/** The subscriber policies the stack hands the alert and digest functions (SUBSCRIBER_POLICIES). */
export function parseSubscriberPolicies(json: string | undefined): SubscriberPolicy[] {
  if (!json) return [];
  const parsed = JSON.parse(json) as unknown;
  if (
    !Array.isArray(parsed) ||
    !parsed.every((p) => p && typeof p.id === 'string' && typeof p.policy === 'object')
  ) {
    throw new Error('SUBSCRIBER_POLICIES must be a JSON array of { id, delivery, policy }');
  }
  return parsed as SubscriberPolicy[];
}
