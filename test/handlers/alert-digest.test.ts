import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDeliveryStore } from '../../functions/adapters/dynamo-delivery-store';
import { almatyDay } from '../../functions/domain/alerts/local-time';
import { recordStoryAndAlert } from '../../functions/domain/alerts/prepare-alert';
import { parseSubscribers } from '../../functions/domain/alerts/subscribers';
import { item } from '../alerts/fixtures';
import { lambdaContext, lambdaEnvironment } from './lambda-env';

const TOPIC_ARN = 'arn:aws:sns:eu-central-1:123456789012:kzmon-subscribers';
const sns = mockClient(SNSClient);
// Subscribers are data in the table (added with `kzmon subscribers add`), not part of the deploy.
const subscribers = parseSubscribers([
  { id: 'analyst', email: 'analyst@example.org', categories: ['kz-us'] },
  { id: 'morning', email: 'morning@example.org', categories: ['kz-us'], delivery: 'daily' },
]);
let env: Awaited<ReturnType<typeof lambdaEnvironment>>;
let alert: (
  event: unknown,
  context?: ReturnType<typeof lambdaContext>,
) => Promise<{ sent: number; failed: number }>;
let digest: (
  event: { day?: string },
  context?: ReturnType<typeof lambdaContext>,
) => Promise<{ day: string; sent: number; failed: number }>;
// Recorded over a minute ago: the sweep is the stream's backstop and leaves newer alerts to it.
const now = new Date(Date.now() - 90_000);
const stored = item({ itemId: 'aa11bb22cc33dd44', publishedAt: now.toISOString() });

beforeAll(async () => {
  env = await lambdaEnvironment({ TOPIC_ARN });
  const table = new DynamoDeliveryStore(env.dynamo.client, { tableName: env.dynamo.tableName });
  for (const s of subscribers) await table.addSubscriber({ ...s, createdAt: now.toISOString() });
  // What classify leaves behind for a relevant item: its story membership and a pending alert.
  await recordStoryAndAlert(stored, env.store, now);
  await env.store.saveRelevantItem(stored);
  ({ handler: alert } = await import('../../functions/handlers/alert'));
  ({ handler: digest } = await import('../../functions/handlers/digest'));
});
afterAll(async () => {
  sns.restore();
  await env?.close();
});
beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'sns-msg-1' });
});

describe('alert handler', () => {
  it('publishes the pending alert as a json message with its routing attributes and marks it sent', async () => {
    expect(await alert({}, lambdaContext('alert'))).toEqual({ sent: 1, failed: 0 });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TOPIC_ARN,
      MessageStructure: 'json',
      MessageAttributes: expect.objectContaining({
        categories: { DataType: 'String.Array', StringValue: JSON.stringify(['kz-us']) },
        language: { DataType: 'String', StringValue: 'en' },
        alertId: { DataType: 'String', StringValue: stored.itemId },
      }),
    });
    const message = JSON.parse(sns.commandCalls(PublishCommand)[0]!.args[0].input.Message!);
    expect(Object.keys(message).sort()).toEqual(['default', 'email', 'sms']);
    expect(await env.store.getAlert(stored.itemId)).toMatchObject({ status: 'sent', messageId: 'sns-msg-1' });
  });

  it('sends nothing again on the next sweep', async () => {
    expect(await alert({}, lambdaContext('alert'))).toEqual({ sent: 0, failed: 0 });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });
});

describe('digest handler', () => {
  it("sends the day's digest to the daily subscriber once", async () => {
    const day = almatyDay(now);
    const first = await digest({ day }, lambdaContext('digest'));
    expect(first).toMatchObject({ day, sent: 1, failed: 0 });
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TOPIC_ARN,
      MessageStructure: 'json',
      MessageAttributes: expect.objectContaining({
        delivery: { DataType: 'String.Array', StringValue: JSON.stringify(['daily:morning']) },
      }),
    });
    sns.resetHistory();
    expect(await digest({ day }, lambdaContext('digest'))).toMatchObject({ day, sent: 0 });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('ignores a malformed day and digests the previous Almaty day', async () => {
    const res = await digest({ day: 'yesterday' }, lambdaContext('digest'));
    expect(res.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.day).not.toBe('yesterday');
  });
});
