import { DynamoDeliveryStore } from '../../functions/adapters/dynamo-delivery-store';
import { TelegramClient } from '../../functions/adapters/telegram-client';
import { WebhookClient } from '../../functions/adapters/webhook-client';
import { DEFAULT_SMS_MONTHLY_CAP, type SmsCapSettings } from '../../functions/domain/alerts/sms-cap';
import type { StoredSubscriber } from '../../functions/domain/alerts/subscribers';
import type { ChannelDeliveryDeps } from '../../functions/domain/delivery/deliver-to-channels';
import type { AlertPublisher, Log, TelegramTransport } from '../../functions/domain/ports';
import { ChannelPublisher } from '../../functions/local/channel-publisher';
import { OutboxPublisher } from '../../functions/local/outbox-publisher';
import type { LocalStore } from './local-env';

/** The Bot API for local runs: KZMON_TELEGRAM_BOT_TOKEN, at KZMON_TELEGRAM_API_BASE (a fake on 127.0.0.1 in tests). */
export function telegramFromEnv(env: NodeJS.ProcessEnv = process.env): TelegramTransport | undefined {
  const token = env.KZMON_TELEGRAM_BOT_TOKEN;
  if (!token) return undefined;
  return new TelegramClient({ token, apiBase: env.KZMON_TELEGRAM_API_BASE || undefined });
}

/** The monthly SMS cap for local runs: KZMON_SMS_MONTHLY_CAP, else the default. */
export function smsCapFromEnv(
  quota: SmsCapSettings['quota'],
  env: NodeJS.ProcessEnv = process.env,
): SmsCapSettings {
  const raw = env.KZMON_SMS_MONTHLY_CAP;
  const cap = raw === undefined || raw === '' ? DEFAULT_SMS_MONTHLY_CAP : Number(raw);
  if (!Number.isInteger(cap) || cap < 0)
    throw new Error(`KZMON_SMS_MONTHLY_CAP must be a whole number ≥ 0 (got ${raw})`);
  return { quota, monthlyCap: cap };
}

export function deliveryStoreOf(local: LocalStore): DynamoDeliveryStore {
  return new DynamoDeliveryStore(local.dynamo.client, { tableName: local.dynamo.tableName });
}

export function channelDeps(
  ledger: ChannelDeliveryDeps['ledger'],
  log: Log,
  options: { allowLocalWebhooks: boolean; telegram?: TelegramTransport },
): Omit<ChannelDeliveryDeps, 'subscribers'> {
  return {
    ledger,
    log,
    telegram: options.telegram ?? telegramFromEnv(),
    // Plain http to a loopback receiver only in local runs; the address rules hold otherwise.
    webhooks: new WebhookClient({ allowLocal: options.allowLocalWebhooks }),
  };
}

/** The local topic: email and SMS to the outbox, Telegram and webhooks over HTTP, all recorded. */
export function localPublisher(
  outboxDir: string,
  subscribers: StoredSubscriber[],
  ledger: ChannelDeliveryDeps['ledger'],
  log: Log,
  telegram?: TelegramTransport,
): { publisher: ChannelPublisher; outbox: OutboxPublisher } & { topic: AlertPublisher } {
  const outbox = new OutboxPublisher(outboxDir, ChannelPublisher.snsSubscribers(subscribers));
  const channels = channelDeps(ledger, log, { allowLocalWebhooks: true, telegram });
  const publisher = new ChannelPublisher(outbox, outboxDir, channels, subscribers);
  return { publisher, outbox, topic: outbox };
}
