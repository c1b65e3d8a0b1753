import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDeliveryStore } from '../../functions/adapters/dynamo-delivery-store';
import { WebhookClient } from '../../functions/adapters/webhook-client';
import { prepareAlert } from '../../functions/domain/alerts/prepare-alert';
import { type StoredSubscriber, parseSubscriber } from '../../functions/domain/alerts/subscribers';
import type { Log } from '../../functions/domain/ports';
import { ChannelPublisher } from '../../functions/local/channel-publisher';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { DELIVERY_LOG, OutboxPublisher } from '../../functions/local/outbox-publisher';
import { item } from '../alerts/fixtures';
import { type LocalReceiver, startReceiver } from './receivers';

const log: Log = { info() {}, warn() {}, error() {} };
let dynamo: LocalDynamo;
let receiver: LocalReceiver;
const outbox = mkdtempSync(join(tmpdir(), 'kzmon-channels-'));

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  receiver = await startReceiver(() => ({ ok: true }));
});
afterAll(async () => {
  await receiver.close();
  await dynamo.close();
  rmSync(outbox, { recursive: true, force: true });
});

describe('the local topic with every channel', () => {
  it('keeps email going when a webhook is down, retries the webhook next cycle, and delivers it once', async () => {
    const subscribers: StoredSubscriber[] = [
      { ...parseSubscriber({ id: 'desk', email: 'desk@example.org' }), createdAt: '2026-11-24T00:00:00Z' },
      {
        ...parseSubscriber({
          id: 'newsroom',
          webhook: `${receiver.origin}/in`,
          secret: 'a-secret-of-enough-length',
        }),
        createdAt: '2026-11-24T00:00:00Z',
      },
    ];
    const ledger = new DynamoDeliveryStore(dynamo.client, { tableName: dynamo.tableName });
    const channels = {
      ledger,
      log,
      webhooks: new WebhookClient({ allowLocal: true }),
      sleep: async () => {},
    };
    const topic = new OutboxPublisher(outbox, ChannelPublisher.snsSubscribers(subscribers));
    const publisher = new ChannelPublisher(topic, outbox, channels, subscribers);
    const alert = prepareAlert(item({ itemId: 'down-1' }), new Date());
    for (let i = 0; i < 4; i++) receiver.script.push(() => ({ status: 503, body: { down: true } }));

    await publisher.publish(alert.message);
    expect(topic.deliveries.map((d) => d.subscriberId)).toEqual(['desk']);
    expect(publisher.deliveries).toEqual([]);
    expect(publisher.failures.map((f) => [f.subscriberId, f.outcome])).toEqual([['newsroom', 'failed']]);
    expect((await ledger.listChannelRetries()).map((r) => r.alertId)).toEqual(['down-1']);

    // Next cycle, in a new process: the receiver is back.
    const next = new ChannelPublisher(new OutboxPublisher(outbox, []), outbox, channels, subscribers);
    expect(await next.retryFailedChannels()).toEqual({ retried: 1, stillFailing: 0 });
    expect(await next.retryFailedChannels()).toEqual({ retried: 0, stillFailing: 0 });
    const delivered = receiver.received.filter((r) => r.headers['x-kzmon-alert-id'] === 'down-1');
    // Four refused attempts in the first window, then the one that got through.
    expect(delivered).toHaveLength(5);
    expect(next.deliveries.map((d) => [d.subscriberId, d.channel])).toEqual([['newsroom', 'webhook']]);
    const logLines = readFileSync(join(outbox, DELIVERY_LOG), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(
      logLines.map((d: { subscriberId: string; channel: string }) => `${d.subscriberId}/${d.channel}`),
    ).toEqual(['desk/email', 'newsroom/webhook']);
  });
});
