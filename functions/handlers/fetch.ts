import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsItemQueue } from '../adapters/sqs-queue';
import { runFetchCycle } from '../domain/fetch-cycle';
import { configuredSources, makeHttpClient, makeStore, requiredEnv } from './runtime';

const logger = new Logger({ serviceName: 'kzmon-fetch' });
const metrics = new Metrics({ namespace: 'KzNewsMonitor', serviceName: 'fetch' });
const sources = configuredSources();
const store = makeStore();
const queue = new SqsItemQueue(new SQSClient({}), requiredEnv('QUEUE_URL'));

/** Scheduled: reads every source and queues the entries not seen before. */
export const handler = async (): Promise<{ queued: number; failedSources: string[] }> => {
  const http = makeHttpClient(sources);
  const result = await runFetchCycle({ sources, http, store, queue, log: logger });
  for (const s of result.sources) {
    const m = metrics.singleMetric();
    m.addDimension('sourceId', s.sourceId);
    m.addMetric('SourceFailures', MetricUnit.Count, s.ok ? 0 : 1);
    m.addMetric('ItemsListed', MetricUnit.Count, s.listed);
  }
  metrics.addMetric('ItemsFetched', MetricUnit.Count, result.sources.reduce((n, s) => n + s.listed, 0));
  metrics.addMetric('ItemsNew', MetricUnit.Count, result.queued);
  metrics.addMetric('SourceFailures', MetricUnit.Count, result.sources.filter((s) => !s.ok).length);
  metrics.publishStoredMetrics();
  return { queued: result.queued, failedSources: result.sources.filter((s) => !s.ok).map((s) => s.sourceId) };
};
