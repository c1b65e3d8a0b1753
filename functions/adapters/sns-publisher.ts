import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage, AlertPublisher } from '../domain/ports';

/** Publishes an alert to the subscribers' topic; SNS filter policies route it per subscriber. */
export class SnsPublisher implements AlertPublisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
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

export function toMessageAttributes(attributes: AlertMessage['attributes']) {
  return Object.fromEntries(
    Object.entries(attributes).map(([key, value]) => {
      if (Array.isArray(value)) return [key, { DataType: 'String.Array', StringValue: JSON.stringify(value) }];
      if (typeof value === 'number') return [key, { DataType: 'Number', StringValue: String(value) }];
      return [key, { DataType: 'String', StringValue: value }];
    }),
  );
}
