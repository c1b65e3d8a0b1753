import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { parseSubscriberPolicies, SnsPublisher } from '../adapters/sns-publisher';
import { runDailyDigest } from '../domain/alerts/digest';
import { makeStore, requiredEnv } from './runtime';

const logger = new Logger({ serviceName: 'kzmon-digest' });
const metrics = new Metrics({ namespace: 'KzNewsMonitor', serviceName: 'digest' });
const store = makeStore();
const publisher = new SnsPublisher(
  new SNSClient({ maxAttempts: 4, requestHandler: { requestTimeout: 5_000, connectionTimeout: 2_000 } }),
  requiredEnv('TOPIC_ARN'),
  parseSubscriberPolicies(process.env.SUBSCRIBER_POLICIES),
);

/** Scheduled each morning (Asia/Almaty): the previous day's digest to every `daily` subscriber. */
export const handler = async (event: { day?: string } | undefined, context?: Context) => {
  const day = event?.day && /^\d{4}-\d{2}-\d{2}$/.test(event.day) ? event.day : undefined;
  const result = await runDailyDigest(
    {
      store,
      publisher,
      log: logger,
      remainingMs: context ? () => context.getRemainingTimeInMillis() : undefined,
    },
    day,
  );
  metrics.addMetric('DigestsSent', MetricUnit.Count, result.dispatch.sent);
  metrics.addMetric('DigestsFailed', MetricUnit.Count, result.dispatch.failed);
  metrics.publishStoredMetrics();
  return {
    day: result.day,
    stories: result.stories,
    sent: result.dispatch.sent,
    failed: result.dispatch.failed,
  };
};
