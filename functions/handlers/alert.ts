import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { SNSClient } from '@aws-sdk/client-sns';
import { SnsPublisher } from '../adapters/sns-publisher';
import { dispatchPendingAlerts } from '../domain/alerts/dispatch-alerts';
import { makeStore, requiredEnv } from './runtime';

const logger = new Logger({ serviceName: 'kzmon-alert' });
const metrics = new Metrics({ namespace: 'KzNewsMonitor', serviceName: 'alert' });
const store = makeStore();
const publisher = new SnsPublisher(new SNSClient({}), requiredEnv('TOPIC_ARN'));

/** Scheduled sweep: publishes every pending alert; an alert that fails stays pending for the next run. */
export const handler = async (): Promise<{ sent: number; failed: number }> => {
  const result = await dispatchPendingAlerts({ store, publisher, log: logger });
  metrics.addMetric('AlertsSent', MetricUnit.Count, result.sent);
  metrics.addMetric('AlertsFailed', MetricUnit.Count, result.failed);
  metrics.publishStoredMetrics();
  return { sent: result.sent, failed: result.failed };
};
