import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { SnsPublisher } from '../../functions/adapters/sns-publisher';
import { runDailyDigest } from '../../functions/domain/alerts/digest';
import { subscriberPolicies } from '../../functions/domain/alerts/filter-policy';
import { smsShape } from '../../functions/domain/alerts/format-alert';
import { recordStoryAndAlert } from '../../functions/domain/alerts/prepare-alert';
import { parseSubscribers } from '../../functions/domain/alerts/subscribers';
import type { Log, MonitorStore } from '../../functions/domain/ports';
import { ensureTable, type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { classification, item } from './fixtures';

const log: Log = { info() {}, warn() {}, error() {} };
const snsMock = mockClient(SNSClient);
let dynamo: LocalDynamo;
let store: MonitorStore;
let table = 0;

const subscribers = subscriberPolicies(
  parseSubscribers([
    { id: 'instant-analyst', email: 'a@example.org' },
    { id: 'daily-all', email: 'd@example.org', delivery: 'daily' },
    { id: 'daily-c5-sms', phone: '+15555550101', categories: ['c5plus1'], delivery: 'daily' },
  ]),
);

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo.close();
});
beforeEach(async () => {
  const tableName = `digest-${++table}`;
  await ensureTable(dynamo.client, tableName);
  store = createMonitorStore(dynamo.client, { tableName });
  snsMock.reset();
  snsMock.on(PublishCommand).resolves({ MessageId: 'm' });
});

const publisher = () =>
  new SnsPublisher(new SNSClient({ region: 'local' }), 'arn:aws:sns:local:0:topic', subscribers);
// 08:00 in Astana on 25 November: the digest of 24 November.
const morning = () => new Date('2026-11-25T03:00:00Z');

describe('daily digest', () => {
  it("sends each daily subscriber one message with the day's stories by category, once", async () => {
    await recordStoryAndAlert(item({ itemId: 'kz1' }), store, new Date('2026-11-24T05:00:00Z'));
    await recordStoryAndAlert(
      item({
        itemId: 'kz1-ru',
        language: 'ru',
        title: 'Токаев и Трамп провели телефонный разговор',
        classification: classification({ language: 'ru' }),
      }),
      store,
      new Date('2026-11-24T06:00:00Z'),
    );
    await recordStoryAndAlert(
      item({
        itemId: 'c5',
        title: 'C5+1 foreign ministers meet in Samarkand to discuss regional water security',
        lead: 'Ministers of the five Central Asian states and the US Secretary of State met.',
        classification: classification({
          categories: ['c5plus1'],
          scores: { 'kz-us': 0, c5plus1: 0.9 },
          eventType: 'summit',
          people: ['Marco Rubio'],
        }),
      }),
      store,
      new Date('2026-11-24T12:00:00Z'),
    );
    // Another day's story is not in this digest.
    await recordStoryAndAlert(
      item({
        itemId: 'old',
        title: 'Visa facilitation talks in Washington continue',
        lead: 'Consular officers met.',
        classification: classification({ eventType: 'other' }),
      }),
      store,
      new Date('2026-11-23T12:00:00Z'),
    );

    const r = await runDailyDigest({ store, publisher: publisher(), log, now: morning });
    expect(r).toMatchObject({ day: '2026-11-24', stories: 2, digests: 2 });
    expect(r.dispatch).toMatchObject({ sent: 2, failed: 0 });
    expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 2);
    expect(snsMock).toHaveReceivedCommandWith(PublishCommand, {
      MessageStructure: 'json',
      Subject: '[KZ news monitor] Daily digest 2026-11-24: 2 stories',
      MessageAttributes: expect.objectContaining({
        delivery: { DataType: 'String.Array', StringValue: '["daily:daily-all"]' },
        categories: { DataType: 'String.Array', StringValue: '["kz-us","c5plus1"]' },
      }),
    });
    expect(snsMock).toHaveReceivedCommandWith(PublishCommand, {
      Subject: '[KZ news monitor] Daily digest 2026-11-24: 1 story',
      MessageAttributes: expect.objectContaining({
        delivery: { DataType: 'String.Array', StringValue: '["daily:daily-c5-sms"]' },
      }),
    });
    const all = snsMock
      .commandCalls(PublishCommand)
      .map((c) => c.args[0].input)
      .find((i) => i.Subject?.includes('2 stories'));
    const body = JSON.parse(all?.Message ?? '{}');
    const email: string = body.email;
    expect(email.indexOf('[KZ-US] 1 story')).toBeLessThan(email.indexOf('[C5+1] 1 story'));
    expect(email).toContain('Tokayev and Trump discuss trade and investment in a phone call');
    expect(email).toContain('also reported by 1 other copy');
    expect(email).not.toContain('Visa facilitation');
    expect(smsShape(body.sms).parts).toBeLessThanOrEqual(2);

    // Run again (a retried schedule): nothing new is sent.
    snsMock.resetHistory();
    const again = await runDailyDigest({ store, publisher: publisher(), log, now: morning });
    expect(again.dispatch.sent).toBe(0);
    expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 0);
  });

  it('sends nothing on a day without stories', async () => {
    const r = await runDailyDigest({ store, publisher: publisher(), log, now: morning });
    expect(r).toMatchObject({ stories: 0, digests: 0 });
    expect(snsMock).not.toHaveReceivedCommand(PublishCommand);
  });
});
