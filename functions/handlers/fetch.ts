import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsItemQueue } from '../adapters/sqs-queue';
import { type FetchCycleResult, runFetchCycle } from '../domain/fetch-cycle';
import { makeStore, requiredEnv } from './runtime';
import { configuredSources, makeHttpClient } from './source-runtime';

const logger = new Logger({ serviceName: 'kzmon-fetch' });
const metrics = new Metrics({ serviceName: 'fetch' });
const sources = configuredSources();
const store = makeStore();
const queue = new SqsItemQueue(new SQSClient({}), requiredEnv('QUEUE_URL'));

/**
 * EMF metrics of one cycle: only what an alarm reads (see emitted-metrics.ts). SourceFailures counts
 * this cycle's failed sources without a per-source dimension; `kzmon sources` says which one. A source
 * behind a Cloudflare challenge (met this cycle, or still being waited out) is blocked, not broken: it
 * counts in SourcesBlocked only, which the "a source is blocked by a Cloudflare challenge" alarm reads.
 */
export function recordCycleMetrics(m: Metrics, result: FetchCycleResult): void {
  m.addMetric('SourceFailures', MetricUnit.Count, result.sources.filter((s) => !s.ok && !s.blocked).length);
  m.addMetric(
    'SourcesBlocked',
    MetricUnit.Count,
    result.sources.filter((s) => s.blocked === 'cloudflare').length,
  );
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
