import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { SnsPublisher, parseSubscriberPolicies } from '../../functions/adapters/sns-publisher';
import { smsShape } from '../../functions/domain/alerts/format-alert';
import { prepareAlert } from '../../functions/domain/alerts/prepare-alert';
import { RU_TITLE, item } from './fixtures';

const TOPIC = 'arn:aws:sns:eu-central-1:123456789012:kzmon-subscribers';
const snsMock = mockClient(SNSClient);

beforeEach(() => {
  snsMock.reset();
  snsMock.on(PublishCommand).resolves({ MessageId: 'mid-1' });
});

describe('SnsPublisher', () => {
  it('publishes the json structure with default, email and sms forms and typed filter attributes', async () => {
    const alert = prepareAlert(
      item({ itemId: 'i1', title: RU_TITLE, language: 'ru' }),
      new Date('2026-11-24T09:40:00Z'),
    );
    const res = await new SnsPublisher(new SNSClient({}), TOPIC).publish(alert.message);
    expect(res).toEqual({ messageId: 'mid-1' });
    expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(snsMock).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TOPIC,
      MessageStructure: 'json',
      Subject: expect.stringMatching(/^\[KZ-US\] Касым-Жомарт Токаев .{10,}…$/),
      MessageAttributes: {
        categories: { DataType: 'String.Array', StringValue: '["kz-us"]' },
        topics: { DataType: 'String.Array', StringValue: '["trade-investment"]' },
        language: { DataType: 'String', StringValue: 'ru' },
        score: { DataType: 'Number', StringValue: '0.82' },
        sourceId: { DataType: 'String', StringValue: 'kazinform-en' },
        storyId: { DataType: 'String', StringValue: 'i1' },
        delivery: { DataType: 'String', StringValue: 'instant' },
        alertId: { DataType: 'String', StringValue: 'i1' },
      },
    });
    const input = snsMock.commandCalls(PublishCommand)[0]!.args[0].input;
    expect([...(input.Subject ?? '')].length).toBeLessThanOrEqual(99);
    const body = JSON.parse(input.Message ?? '{}');
    expect(Object.keys(body).sort()).toEqual(['default', 'email', 'sms']);
    expect(body.email).toContain('Officials:');
    const sms = smsShape(body.sms);
    expect(sms.gsm7).toBe(false);
    expect(sms.units).toBeLessThanOrEqual(134);
  });

  it('sends a narrowed later copy and a digest with String.Array delivery', async () => {
    const alert = prepareAlert(item({ itemId: 'i2' }), new Date());
    await new SnsPublisher(new SNSClient({}), TOPIC).publish({
      ...alert.message,
      attributes: { ...alert.message.attributes, delivery: ['instant:ru-desk'] },
    });
    expect(snsMock).toHaveReceivedCommandWith(PublishCommand, {
      MessageAttributes: expect.objectContaining({
        delivery: { DataType: 'String.Array', StringValue: '["instant:ru-desk"]' },
      }),
    });
  });

  it('fails loudly when SNS answers without a message id or rejects the call', async () => {
    snsMock
      .on(PublishCommand)
      .resolvesOnce({})
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'Throttled' }));
    const p = new SnsPublisher(new SNSClient({ maxAttempts: 1 }), TOPIC);
    const message = prepareAlert(item({ itemId: 'i3' }), new Date()).message;
    await expect(p.publish(message)).rejects.toThrow(/without a MessageId/);
    await expect(p.publish(message)).rejects.toThrow(/Rate exceeded/);
  });

  it('reads the subscriber policies the stack passes, and rejects a malformed value', () => {
    expect(parseSubscriberPolicies(undefined)).toEqual([]);
    expect(
      parseSubscriberPolicies('[{"id":"a","delivery":"instant","policy":{"delivery":["instant"]}}]'),
    ).toHaveLength(1);
    expect(() => parseSubscriberPolicies('{"id":"a"}')).toThrow(/SUBSCRIBER_POLICIES/);
  });
});
