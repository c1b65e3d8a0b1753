import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDeliveryStore } from '../../functions/adapters/dynamo-delivery-store';
import { WebhookClient, checkWebhookUrl } from '../../functions/adapters/webhook-client';
import { prepareAlert } from '../../functions/domain/alerts/prepare-alert';
import { addSubscriber } from '../../functions/domain/alerts/subscriber-admin';
import { type StoredSubscriber, parseSubscriber } from '../../functions/domain/alerts/subscribers';
import {
  type ChannelDeliveryDeps,
  deliverToChannels,
} from '../../functions/domain/delivery/deliver-to-channels';
import { verifySignature } from '../../functions/domain/delivery/webhook-payload';
import type { Log } from '../../functions/domain/ports';
import { type LocalDynamo, ensureTable, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { item } from '../alerts/fixtures';
import { type LocalReceiver, startReceiver } from './receivers';

const SECRET = 'a-webhook-secret-of-some-length';
const errors: string[] = [];
const log: Log = { info() {}, warn() {}, error: (m, x) => errors.push(`${m} ${JSON.stringify(x)}`) };
let dynamo: LocalDynamo;
let ledger: DynamoDeliveryStore;
let receiver: LocalReceiver;
let sleeps: number[];
let table = 0;

const hook = (url: string, over: Record<string, unknown> = {}): StoredSubscriber => ({
  ...parseSubscriber({ id: 'newsroom', webhook: url, secret: SECRET, ...over }),
  createdAt: '2026-11-24T00:00:00Z',
});

function deps(subscribers: StoredSubscriber[], allowLocal = true): ChannelDeliveryDeps {
  return {
    subscribers,
    ledger,
    log,
    webhooks: new WebhookClient({ allowLocal, timeoutMs: 2_000 }),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
}

const alertOf = (id: string) => prepareAlert(item({ itemId: id }), new Date('2026-11-24T10:00:00Z'));

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await receiver?.close();
  await dynamo.close();
});
beforeEach(async () => {
  const tableName = `wh-${++table}`;
  await ensureTable(dynamo.client, tableName);
  ledger = new DynamoDeliveryStore(dynamo.client, { tableName });
  await receiver?.close();
  receiver = await startReceiver(() => ({ received: true }));
  sleeps = [];
  errors.length = 0;
});

describe('webhook delivery to a receiver on 127.0.0.1', () => {
  it('POSTs the alert as JSON with the alert id header and a signature that verifies over the raw body', async () => {
    const alert = alertOf('wh-1');
    const res = await deliverToChannels(
      deps([hook(`${receiver.origin}/kzmon/alerts`)]),
      alert.alertId,
      alert.message,
    );
    expect(res.outcomes[0]).toMatchObject({ outcome: 'delivered', receipt: 'HTTP 200' });
    expect(receiver.received).toHaveLength(1);
    const req = receiver.received[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/kzmon/alerts');
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(req.headers['x-kzmon-alert-id']).toBe('wh-1');
    const signature = req.headers['x-kzmon-signature'] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(req.raw, SECRET, signature)).toBe(true);
    expect(verifySignature(req.raw, 'another-secret-entirely', signature)).toBe(false);
    expect(verifySignature(`${req.raw} `, SECRET, signature)).toBe(false);
    expect(req.json).toMatchObject({
      version: 1,
      type: 'alert',
      alertId: 'wh-1',
      item: { url: 'https://www.inform.kz/en/wh-1', categories: ['kz-us'], sourceId: 'kazinform-en' },
      attributes: { categories: ['kz-us'], language: 'en' },
    });
  });

  it('retries a 503 with backoff and delivers once; a second delivery of the same alert sends nothing', async () => {
    receiver.script.push(() => ({ status: 503, body: { busy: true } }));
    const alert = alertOf('wh-retry');
    const d = deps([hook(`${receiver.origin}/in`)]);
    expect((await deliverToChannels(d, alert.alertId, alert.message)).outcomes[0]!.outcome).toBe('delivered');
    expect((await deliverToChannels(d, alert.alertId, alert.message)).outcomes[0]!.outcome).toBe(
      'already-delivered',
    );
    expect(receiver.received.map((r) => r.headers['x-kzmon-alert-id'])).toEqual(['wh-retry', 'wh-retry']);
    expect(sleeps).toHaveLength(1);
  });

  it('gives up on a 404 at once (a wrong URL stays wrong) and says so', async () => {
    receiver.script.push(() => ({ status: 404, body: {} }));
    const alert = alertOf('wh-404');
    const res = await deliverToChannels(
      deps([hook(`${receiver.origin}/gone`)]),
      alert.alertId,
      alert.message,
    );
    expect(res.outcomes[0]).toMatchObject({
      outcome: 'dead-letter',
      error: expect.stringMatching(/HTTP 404/),
    });
    expect(receiver.received).toHaveLength(1);
  });

  it('times out on a receiver that never answers', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const d = {
      ...deps([hook(`http://127.0.0.1:${port}/slow`)]),
      webhooks: new WebhookClient({ allowLocal: true, timeoutMs: 200 }),
    };
    const alert = alertOf('wh-slow');
    const res = await deliverToChannels(d, alert.alertId, alert.message);
    silent.closeAllConnections();
    silent.close();
    expect(res.outcomes[0]).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/timed out/) });
  });
});

describe('webhook address rules (those of the fetcher)', () => {
  it.each([
    ['https://10.0.0.7/hook', /private address 10\.0\.0\.7/],
    ['https://169.254.169.254/latest/meta-data', /private address 169\.254\.169\.254/],
    ['https://[fd00::1]/hook', /private address fd00::1/],
    ['https://192.168.1.20/hook', /private address 192\.168\.1\.20/],
    ['http://hooks.example.org/in', /https only/],
    ['https://user:pw@hooks.example.org/in', /credentials/],
  ])('refuses %s with the reason', (url, reason) => {
    expect(() => checkWebhookUrl(url)).toThrow(reason);
    expect(() => checkWebhookUrl(url)).toThrow(/^webhook refused: /);
  });

  it('allows plain http only to loopback, and only in local runs', () => {
    expect(() => checkWebhookUrl('http://127.0.0.1:8080/in')).toThrow(/webhook refused/);
    expect(checkWebhookUrl('http://127.0.0.1:8080/in', { allowLocal: true }).port).toBe('8080');
    expect(() => checkWebhookUrl('http://10.1.2.3/in', { allowLocal: true })).toThrow(/webhook refused/);
  });

  it('refuses a private webhook when it is added, and when an old record is delivered to, naming the reason', async () => {
    const store = new DynamoDeliveryStore(dynamo.client, { tableName: `wh-${table}` });
    await expect(
      addSubscriber(
        { store, log, checkWebhook: (u) => checkWebhookUrl(u) },
        { id: 'internal', webhook: 'https://169.254.169.254/hook', secret: SECRET },
      ),
    ).rejects.toThrow(/webhook refused: refused private address 169\.254\.169\.254/);
    expect(await store.getSubscriber('internal')).toBeNull();

    const alert = alertOf('wh-private');
    const res = await deliverToChannels(
      deps([hook('https://10.0.0.7/hook')], false),
      alert.alertId,
      alert.message,
    );
    expect(res.outcomes[0]).toMatchObject({
      outcome: 'dead-letter',
      error: expect.stringMatching(/private address 10\.0\.0\.7/),
    });
    expect(errors.join('\n')).toMatch(/dead letter.*10\.0\.0\.7/s);
  });

  it('refuses a loopback name when local receivers are not allowed, before any request', async () => {
    const port = new URL(receiver.origin).port;
    const alert = alertOf('wh-loopback');
    const res = await deliverToChannels(
      deps([hook(`https://localhost:${port}/hook`)], false),
      alert.alertId,
      alert.message,
    );
    expect(res.outcomes[0]).toMatchObject({
      outcome: 'dead-letter',
      error: expect.stringMatching(/private address localhost/),
    });
    expect(receiver.received).toHaveLength(0);
  });
});
