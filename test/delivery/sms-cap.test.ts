import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDeliveryStore } from '../../functions/adapters/dynamo-delivery-store';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { SnsPublisher } from '../../functions/adapters/sns-publisher';
import { runDailyDigest } from '../../functions/domain/alerts/digest';
import { dispatchPendingAlerts } from '../../functions/domain/alerts/dispatch-alerts';
import { subscriberPolicies } from '../../functions/domain/alerts/filter-policy';
import { almatyDay } from '../../functions/domain/alerts/local-time';
import { prepareAlert } from '../../functions/domain/alerts/prepare-alert';
import { smsMonth } from '../../functions/domain/alerts/sms-cap';
import { parseSubscribers } from '../../functions/domain/alerts/subscribers';
import type { Log, MonitorStore } from '../../functions/domain/ports';
import { type LocalDynamo, ensureTable, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { item } from '../alerts/fixtures';

const sns = mockClient(SNSClient);
const warnings: { message: string; extra: Record<string, unknown> }[] = [];
const log: Log = { info() {}, error() {}, warn: (message, extra = {}) => warnings.push({ message, extra }) };
let dynamo: LocalDynamo;
let store: MonitorStore;
let quota: DynamoDeliveryStore;
let table = 0;
const NOW = new Date('2026-11-24T10:00:00Z');

const subscribers = subscriberPolicies(
  parseSubscribers([
    { id: 'desk', email: 'desk@example.org' },
    { id: 'sms-only', phone: '+15555550100' },
    { id: 'sms-with-email', phone: '+15555550101', digestEmail: 'sms-desk@example.org' },
  ]),
);

/** The `delivery` attribute of each publish, in order. */
const deliveries = () =>
  sns
    .commandCalls(PublishCommand)
    .map((c) => JSON.parse(c.args[0].input.MessageAttributes?.delivery?.StringValue ?? '[]') as string[]);

const deps = (cap: number) => ({
  store,
  publisher: new SnsPublisher(
    new SNSClient({ region: 'eu-central-1' }),
    'arn:aws:sns:eu-central-1:123456789012:t',
  ),
  subscribers,
  log,
  now: () => NOW,
  sleep: async () => {},
  sms: { quota, monthlyCap: cap },
});

async function record(ids: string[]) {
  for (const [i, id] of ids.entries()) {
    await store.recordPendingAlert(
      prepareAlert(
        item({ itemId: id, title: `Tokayev and Trump talk trade, part ${i + 1}` }),
        new Date(NOW.getTime() - 60_000 + i),
      ),
    );
  }
}

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  sns.restore();
  await dynamo.close();
});
beforeEach(async () => {
  const tableName = `sms-${++table}`;
  await ensureTable(dynamo.client, tableName);
  store = createMonitorStore(dynamo.client, { tableName });
  quota = new DynamoDeliveryStore(dynamo.client, { tableName });
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  warnings.length = 0;
});

describe('monthly SMS cap per subscriber, counted in the table', () => {
  it('texts each SMS subscriber until the cap, then holds the alert back with a logged reason, and counts it', async () => {
    await record(['a1', 'a2', 'a3']);
    const res = await dispatchPendingAlerts(deps(2));
    expect(res.sent).toBe(3);
    // Email subscribers get every alert (the broadcast value); SMS subscribers only when named.
    expect(deliveries()).toEqual([
      ['instant', 'instant:sms-only', 'instant:sms-with-email'],
      ['instant', 'instant:sms-only', 'instant:sms-with-email'],
      ['instant'],
    ]);
    const month = smsMonth(NOW);
    expect(await quota.getSmsCount('sms-only', month)).toEqual({ sent: 2, overCap: 1, skipped: 1 });
    expect(await quota.getSmsCount('sms-with-email', month)).toEqual({ sent: 2, overCap: 1, skipped: 0 });
    expect(warnings.map((w) => [w.extra.subscriberId, w.message])).toEqual(
      expect.arrayContaining([
        ['sms-only', expect.stringMatching(/monthly SMS cap and gave no digest email; alert skipped/)],
        [
          'sms-with-email',
          expect.stringMatching(/monthly SMS cap; the alert goes into their next digest email/),
        ],
      ]),
    );
  });

  it('counts an alert once however often it is published again (a retry after a failed publish)', async () => {
    await record(['r1']);
    sns.on(PublishCommand).rejectsOnce(new Error('SNS throttled')).resolves({ MessageId: 'm-2' });
    const first = await dispatchPendingAlerts(deps(1));
    expect(first.failed).toBe(1);
    const second = await dispatchPendingAlerts(deps(1));
    expect(second.sent).toBe(1);
    expect(deliveries()[1]).toEqual(['instant', 'instant:sms-only', 'instant:sms-with-email']);
    expect((await quota.getSmsCount('sms-only', smsMonth(NOW))).sent).toBe(1);
  });

  it("sends what the cap held back in that subscriber's next digest, by email", async () => {
    await record(['d1', 'd2']);
    await dispatchPendingAlerts(deps(1));
    sns.resetHistory();
    const day = almatyDay(NOW);
    const digest = await runDailyDigest(deps(1), day);
    expect(digest.dispatch.sent).toBe(1);
    const [call] = sns.commandCalls(PublishCommand);
    expect(JSON.parse(call!.args[0].input.MessageAttributes!.delivery!.StringValue!)).toEqual([
      'daily:sms-with-email',
    ]);
    const message = JSON.parse(call!.args[0].input.Message!);
    expect(message.email).toContain('Tokayev and Trump talk trade, part 2');
    expect(message.email).not.toContain('part 1');
  });
});
