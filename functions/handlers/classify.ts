import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FeedEntry } from '../domain/model';
import { processEntry } from '../domain/process-entry';
import { configuredSources, makeHttpClient, makeStore } from './runtime';

const logger = new Logger({ serviceName: 'kzmon-classify' });
const metrics = new Metrics({ namespace: 'KzNewsMonitor', serviceName: 'classify' });
const processor = new BatchProcessor(EventType.SQS);
const store = makeStore();
const http = makeHttpClient(configuredSources());

async function recordHandler(record: SQSRecord): Promise<void> {
  const entry = JSON.parse(record.body) as FeedEntry;
  logger.appendKeys({ sourceId: entry.sourceId, itemId: entry.itemId });
  try {
    const outcome = await processEntry(entry, { http, store, log: logger });
    if (outcome === 'relevant') metrics.addMetric('ItemsRelevant', MetricUnit.Count, 1);
  } finally {
    logger.removeKeys(['sourceId', 'itemId']);
  }
}

/** SQS-triggered: extracts, classifies and stores each new item; failed records return to the queue. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const response = await processPartialResponse(event, recordHandler, processor);
  metrics.publishStoredMetrics();
  return response;
};
