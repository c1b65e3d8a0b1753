import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsItemQueue } from '../adapters/sqs-queue';
import { type FetchCycleResult, runFetchCycle } from '../domain/fetch-cycle';
import { makeStore, requiredEnv } from './runtime';
import { configuredSources, makeHttpClient } from './source-runtime';

const logger = new Logger({ serviceName: 'kzmon-fetch' });
const metrics = new Metrics({ namespace: 'KzNewsMonitor', serviceName: 'fetch' });
const sources = configuredSources();
const store = makeStore();
const queue = new SqsItemQueue(new SQSClient({}), requiredEnv('QUEUE_URL'));

/**
 * EMF metrics of one cycle. Per source: SourceFailures (0 or 1, so N failing cycles in a row are N
 * periods with sum ≥ 1) and ItemsListed, each under {service, sourceId}; each metric gets its own
 * single-metric object because a single-metric flush drops the dimensions it was given.
 */
export function recordCycleMetrics(m: Metrics, result: FetchCycleResult): void {
  for (const s of result.sources) {
    for (const [name, value] of [
      ['SourceFailures', s.ok ? 0 : 1],
      ['ItemsListed', s.listed],
    ] as const) {
      const single = m.singleMetric();
      single.addDimension('sourceId', s.sourceId);
      single.addMetric(name, MetricUnit.Count, value);
    }
  }
  m.addMetric('ItemsFetched', MetricUnit.Count, result.sources.reduce((n, s) => n + s.listed, 0));
  m.addMetric('ItemsNew', MetricUnit.Count, result.queued);
  m.addMetric('SourceFailures', MetricUnit.Count, result.sources.filter((s) => !s.ok).length);
}

/** Scheduled: reads every source and queues the entries not seen before. */
export const handler = async (): Promise<{ queued: number; failedSources: string[] }> => {
  const http = makeHttpClient(sources);
  const result = await runFetchCycle({ sources, http, store, queue, log: logger });
  recordCycleMetrics(metrics, result);
  metrics.publishStoredMetrics();
  const failedSources = result.sources.filter((s) => !s.ok).map((s) => s.sourceId);
  logger.info('fetch cycle done', { queued: result.queued, failedSources });
  return { queued: result.queued, failedSources };
};
