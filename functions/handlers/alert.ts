import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { dispatchPendingAlerts } from '../domain/alerts/dispatch-alerts';
import { cachedSubscribers, makeDeliveryStore, smsCapSettings } from './delivery-runtime';
import { makePublisher } from './publisher-runtime';
import { makeStore } from './runtime';

const logger = new Logger({ serviceName: 'kzmon-alert' });
const metrics = new Metrics({ serviceName: 'alert' });
const store = makeStore();
const publisher = makePublisher();
const deliveries = makeDeliveryStore();
const subscribers = cachedSubscribers(deliveries);
/** The stream sends new alerts within seconds; the sweep leaves them that long before it steps in. */
const BACKSTOP_DELAY_MS = 60_000;

/**
 * Scheduled sweep, the backstop of the stream: publishes every alert still pending a minute after it was
 * recorded (a stream outage, a failed attempt, a claim whose lease ran out); one that fails stays
 * pending for the next run.
 */
export const handler = async (
  _event: unknown,
  context?: Context,
): Promise<{ sent: number; failed: number }> => {
  const result = await dispatchPendingAlerts(
    {
      store,
      publisher,
      log: logger,
      subscribers: (await subscribers()).policies,
      sms: smsCapSettings(deliveries),
      remainingMs: context ? () => context.getRemainingTimeInMillis() : undefined,
    },
    BACKSTOP_DELAY_MS,
  );
  // Only what an alarm reads (emitted-metrics.ts): sends show as the topic's free SNS metrics.
  metrics.addMetric('AlertsFailed', MetricUnit.Count, result.failed);
  metrics.publishStoredMetrics();
  if (result.failed > 0 || result.unmarked > 0)
    logger.warn('alert sweep finished with failures', { ...result });
  return { sent: result.sent, failed: result.failed };
};
