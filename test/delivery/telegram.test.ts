import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDeliveryStore } from '../../functions/adapters/dynamo-delivery-store';
import { TelegramClient } from '../../functions/adapters/telegram-client';
import { WebhookClient } from '../../functions/adapters/webhook-client';
import { prepareAlert } from '../../functions/domain/alerts/prepare-alert';
import { type StoredSubscriber, parseSubscriber } from '../../functions/domain/alerts/subscribers';
import {
  type ChannelDeliveryDeps,
  deliverToChannels,
} from '../../functions/domain/delivery/deliver-to-channels';
import { MAX_DELIVERY_CLAIMS } from '../../functions/domain/delivery/retry-policy';
import type { Log } from '../../functions/domain/ports';
import { type LocalDynamo, ensureTable, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { item } from '../alerts/fixtures';
import { type LocalReceiver, botOk, startReceiver } from './receivers';

const TOKEN = '123456:TEST-token-not-real';
const errors: string[] = [];
const log: Log = { info() {}, warn() {}, error: (m, x) => errors.push(`${m} ${JSON.stringify(x)}`) };
let dynamo: LocalDynamo;
let ledger: DynamoDeliveryStore;
let bot: LocalReceiver;
let sleeps: number[];
let table = 0;

const chat = (over: Record<string, unknown> = {}): StoredSubscriber => ({
  ...parseSubscriber({ id: 'tg-desk', telegram: '-1001234567890', ...over }),
  createdAt: '2026-11-24T00:00:00Z',
});

function deps(subscribers: StoredSubscriber[]): ChannelDeliveryDeps {
  return {
    subscribers,
    ledger,
    log,
    telegram: new TelegramClient({ token: TOKEN, apiBase: bot.origin }),
    webhooks: new WebhookClient({ allowLocal: true }),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  };
}

const alertOf = (id: string, over: Parameters<typeof item>[0] | object = {}) =>
  prepareAlert(item({ itemId: id, ...over }), new Date('2026-11-24T10:00:00Z'));

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo.close();
});
beforeEach(async () => {
  const tableName = `tg-${++table}`;
  await ensureTable(dynamo.client, tableName);
  ledger = new DynamoDeliveryStore(dynamo.client, { tableName });
  bot?.close();
  bot = await startReceiver(botOk);
  sleeps = [];
  errors.length = 0;
});

describe('Telegram delivery against a fake Bot API on 127.0.0.1', () => {
  it('posts sendMessage in HTML parse mode with the link, the gist and the categories, every value escaped', async () => {
    const alert = alertOf('tg-1', {
      title: 'Tokayev & Trump: <b>trade</b> "deal"',
      gist: 'Leaders agree on <critical minerals> & investment.',
    });
    const res = await deliverToChannels(deps([chat()]), alert.alertId, alert.message);
    expect(res.outcomes.map((o) => o.outcome)).toEqual(['delivered']);
    expect(bot.received).toHaveLength(1);
    const req = bot.received[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(req.json.chat_id).toBe(-1001234567890);
    expect(req.json.parse_mode).toBe('HTML');
    const text = String(req.json.text);
    expect(text).toContain(
      '<a href="https://www.inform.kz/en/tg-1">Tokayev &amp; Trump: &lt;b&gt;trade&lt;/b&gt; &quot;deal&quot;</a>',
    );
    expect(text).toContain('<i>Leaders agree on &lt;critical minerals&gt; &amp; investment.</i>');
    expect(text).toContain('KZ-US');
    expect(text).toContain('Categories: kz-us');
    // Only the tags we wrote remain as markup.
    expect(text.replace(/<\/?(b|i|a)( href="[^"]*")?>/g, '')).not.toMatch(/[<>]/);
    expect((await ledger.listDeliveries('tg-1'))[0]).toMatchObject({
      status: 'delivered',
      receipt: 'telegram message 1001',
    });
  });

  it('waits the retry_after a 429 asks for, then delivers', async () => {
    bot.script.push(() => ({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 3',
        parameters: { retry_after: 3 },
      },
    }));
    const alert = alertOf('tg-429');
    const res = await deliverToChannels(deps([chat()]), alert.alertId, alert.message);
    expect(res.outcomes[0]!.outcome).toBe('delivered');
    expect(bot.received).toHaveLength(2);
    expect(sleeps).toEqual([3000]);
  });

  it('sends nothing twice for one alert id: again, concurrently, or after a redelivery', async () => {
    const alert = alertOf('tg-once');
    const d = deps([chat()]);
    await Promise.all([
      deliverToChannels(d, alert.alertId, alert.message),
      deliverToChannels(d, alert.alertId, alert.message),
    ]);
    const again = await deliverToChannels(d, alert.alertId, alert.message);
    expect(again.outcomes[0]!.outcome).toBe('already-delivered');
    expect(bot.received).toHaveLength(1);
  });

  it('retries server errors with backoff, and a failure that keeps on becomes a dead letter', async () => {
    for (let i = 0; i < 50; i++)
      bot.script.push(() => ({
        status: 502,
        body: { ok: false, error_code: 502, description: 'Bad Gateway' },
      }));
    const alert = alertOf('tg-dead');
    const d = deps([chat()]);
    const first = await deliverToChannels(d, alert.alertId, alert.message);
    expect(first.outcomes[0]!.outcome).toBe('failed');
    expect(first.retryable).toBe(1);
    expect(sleeps.length).toBe(3);
    expect(sleeps[1]!).toBeGreaterThan(sleeps[0]!);
    for (let window = 2; window <= MAX_DELIVERY_CLAIMS; window++)
      await deliverToChannels(d, alert.alertId, alert.message);
    const [record] = await ledger.listDeliveries('tg-dead');
    expect(record).toMatchObject({ status: 'dead', attempts: MAX_DELIVERY_CLAIMS });
    const calls = bot.received.length;
    const after = await deliverToChannels(d, alert.alertId, alert.message);
    expect(after.outcomes[0]!.outcome).toBe('dead-letter');
    expect(bot.received.length).toBe(calls);
    // The token is in the URL; it must never reach a log line.
    expect(errors.join('\n')).not.toContain(TOKEN);
    expect(errors.join('\n')).toMatch(/dead letter/);
  });

  it('gives up at once when the bot may not post to the chat (403), with the reason', async () => {
    bot.script.push(() => ({
      status: 403,
      body: { ok: false, error_code: 403, description: 'Forbidden: bot was kicked from the group chat' },
    }));
    const alert = alertOf('tg-403');
    const res = await deliverToChannels(deps([chat()]), alert.alertId, alert.message);
    expect(res.outcomes[0]).toMatchObject({
      outcome: 'dead-letter',
      error: expect.stringMatching(/403.*kicked/),
    });
    expect(bot.received).toHaveLength(1);
  });

  it('sends a daily subscriber their digest with its lines kept, escaped', async () => {
    const { formatDigest } = await import('../../functions/domain/alerts/digest');
    const copy = {
      storyId: 's1',
      itemId: 's1',
      seq: 1,
      sourceId: 'kazinform-en',
      language: 'en',
      title: 'Trade & investment <talks>',
      url: 'https://www.inform.kz/en/s1',
      publishedAt: '2026-11-24T09:30:00Z',
      joinedAt: '2026-11-24T09:35:00Z',
      attributes: { categories: ['kz-us'], topics: [], language: 'en', score: 0.8 },
    };
    const digest = formatDigest('tg-daily', '2026-11-24', [{ storyId: 's1', copy, others: 0 }]);
    const res = await deliverToChannels(
      deps([chat({ id: 'tg-daily', delivery: 'daily' })]),
      'digest#2026-11-24#tg-daily',
      digest,
    );
    expect(res.outcomes.map((o) => o.outcome)).toEqual(['delivered']);
    const text = String(bot.received[0]!.json.text);
    expect(text).toMatch(/^<b>\[KZ news monitor\] Daily digest 2026-11-24: 1 story<\/b>\n\n/);
    expect(text).toContain('  • Trade &amp; investment &lt;talks&gt;\n');
    expect(text.split('\n').length).toBeGreaterThan(5);
  });

  it('reaches only the chats whose filter matches the alert', async () => {
    const alert = alertOf('tg-filter');
    const ruOnly = chat({ id: 'ru-only', languages: ['ru'] });
    const c5Only = chat({ id: 'c5-only', categories: ['c5plus1'] });
    const res = await deliverToChannels(deps([chat(), ruOnly, c5Only]), alert.alertId, alert.message);
    expect(res.outcomes.map((o) => o.subscriberId)).toEqual(['tg-desk']);
  });
});
