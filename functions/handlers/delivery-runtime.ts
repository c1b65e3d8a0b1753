/**
 * Module-scope wiring of the subscriber side: the subscriber store, the subscribers as the sweep sees
 * them (read from the table, kept a minute), the SMS cap, and the Telegram bot (token from SSM at run
 * time). Only the functions that deliver or manage subscribers import this.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDeliveryStore } from '../adapters/dynamo-delivery-store';
import { SecureParameter } from '../adapters/ssm-parameter';
import { TelegramClient } from '../adapters/telegram-client';
import { type SubscriberPolicy, subscriberPolicies } from '../domain/alerts/filter-policy';
import { DEFAULT_SMS_MONTHLY_CAP, type SmsCapSettings } from '../domain/alerts/sms-cap';
import type { StoredSubscriber } from '../domain/alerts/subscribers';
import type { TelegramTransport } from '../domain/ports';
import { requiredEnv } from './runtime';

export function makeDeliveryStore(): DynamoDeliveryStore {
  return new DynamoDeliveryStore(new DynamoDBClient({}), { tableName: requiredEnv('TABLE_NAME') });
}

/** Subscribers from the table, read at most once a minute per container: an add reaches the sweep within a minute. */
export function cachedSubscribers(
  store: DynamoDeliveryStore,
  ttlMs = 60_000,
  clock: () => number = Date.now,
) {
  let cached: { subscribers: StoredSubscriber[]; policies: SubscriberPolicy[]; until: number } | undefined;
  return async (): Promise<{ subscribers: StoredSubscriber[]; policies: SubscriberPolicy[] }> => {
    if (!cached || cached.until <= clock()) {
      const subscribers = await store.listSubscribers();
      cached = { subscribers, policies: subscriberPolicies(subscribers), until: clock() + ttlMs };
    }
    return cached;
  };
}

export function smsCapSettings(store: DynamoDeliveryStore): SmsCapSettings {
  const raw = process.env.SMS_MONTHLY_CAP;
  const cap = raw ? Number(raw) : DEFAULT_SMS_MONTHLY_CAP;
  if (!Number.isInteger(cap) || cap < 0)
    throw new Error(`SMS_MONTHLY_CAP must be a whole number ≥ 0 (got ${raw})`);
  return { quota: store, monthlyCap: cap };
}

/** The bot, built once the token is read; undefined while the operator has not stored a token. */
export function telegramFromSsm(): () => Promise<TelegramTransport | undefined> {
  const name = process.env.TELEGRAM_TOKEN_PARAMETER;
  if (!name) return async () => undefined;
  const parameter = new SecureParameter(new SSMClient({}), name);
  let client: { token: string; bot: TelegramClient } | undefined;
  return async () => {
    const token = await parameter.get();
    if (!token) return undefined;
    if (client?.token !== token) {
      client = {
        token,
        bot: new TelegramClient({ token, apiBase: process.env.TELEGRAM_API_BASE || undefined }),
      };
    }
    return client.bot;
  };
}
