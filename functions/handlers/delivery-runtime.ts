/**
 * Module-scope wiring of the subscriber side: the subscriber store, the subscribers as the sweep sees
 * them (read from the table, kept a minute) and the SMS cap. The Telegram bot is in telegram-runtime.ts,
 * so the sweep and the digest do not bundle an HTTP client.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDeliveryStore } from '../adapters/dynamo-delivery-store';
import { type SubscriberPolicy, subscriberPolicies } from '../domain/alerts/filter-policy';
import { DEFAULT_SMS_MONTHLY_CAP, type SmsCapSettings } from '../domain/alerts/sms-cap';
import type { StoredSubscriber } from '../domain/alerts/subscribers';
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
