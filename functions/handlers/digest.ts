import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { runDailyDigest } from '../domain/alerts/digest';
import { cachedSubscribers, makeDeliveryStore, smsCapSettings } from './delivery-runtime';
import { makePublisher } from './publisher-runtime';
import { makeStore } from './runtime';

const logger = new Logger({ serviceName: 'kzmon-digest' });
const store = makeStore();
const publisher = makePublisher();
const deliveries = makeDeliveryStore();
const subscribers = cachedSubscribers(deliveries, 0);

/** Scheduled each morning (Asia/Almaty): the previous day's digest to every `daily` subscriber. */
export const handler = async (event: { day?: string } | undefined, context?: Context) => {
  const day = event?.day && /^\d{4}-\d{2}-\d{2}$/.test(event.day) ? event.day : undefined;
  const result = await runDailyDigest(
    {
      store,
      publisher,
      log: logger,
      // Read from the table each morning: whoever was added since the deploy gets their digest.
      subscribers: (await subscribers()).policies,
      sms: smsCapSettings(deliveries),
      remainingMs: context ? () => context.getRemainingTimeInMillis() : undefined,
    },
    day,
  );
  // No custom metric: a digest SNS refused stays pending, and the sweep's AlertsFailed alarm covers it.
  if (result.dispatch.failed > 0)
    logger.warn('digest finished with failures', { day: result.day, failed: result.dispatch.failed });
  return {
    day: result.day,
    stories: result.stories,
    sent: result.dispatch.sent,
    failed: result.dispatch.failed,
  };
};
