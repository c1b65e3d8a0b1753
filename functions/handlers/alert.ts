import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { dispatchPendingAlerts } from '../domain/alerts/dispatch-alerts';
import { makePublisher } from './publisher-runtime';
import { makeStore } from './runtime';

const logger = new Logger({ serviceName: 'kzmon-alert' });
const metrics = new Metrics({ serviceName: 'alert' });
const store = makeStore();
const publisher = makePublisher();

/** Scheduled sweep: publishes every pending alert; an alert that fails stays pending for the next run. */
export const handler = async (
  _event: unknown,
  context?: Context,
): Promise<{ sent: number; failed: number }> => {
  const result = await dispatchPendingAlerts({
    store,
    publisher,
    log: logger,
    remainingMs: context ? () => context.getRemainingTimeInMillis() : undefined,
  });
  // Only what an alarm reads (emitted-metrics.ts): sends show as the topic's free SNS metrics.
  metrics.addMetric('AlertsFailed', MetricUnit.Count, result.failed);
  metrics.publishStoredMetrics();
  if (result.failed > 0 || result.unmarked > 0)
    logger.warn('alert sweep finished with failures', { ...result });
  return { sent: result.sent, failed: result.failed };
};
