import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FeedEntry } from '../domain/model';
import { type ProcessOutcome, processEntry } from '../domain/process-entry';
import { makeStore, requiredEnv } from './runtime';
import { configuredSources, makeHttpClient } from './source-runtime';

const logger = new Logger({ serviceName: 'kzmon-classify' });
const processor = new BatchProcessor(EventType.SQS);
const store = makeStore();
const http = makeHttpClient(configuredSources());

/**
 * The queue message, checked: a body that is not a FeedEntry fails this record alone (it goes back to
 * the queue and, after five tries, to the dead-letter queue) and says what was wrong.
 */
export function parseEntry(record: SQSRecord): FeedEntry {
  let entry: Partial<FeedEntry>;
  try {
    entry = JSON.parse(record.body);
  } catch {
    throw new Error(`message ${record.messageId}: body is not JSON`);
  }
  for (const key of ['sourceId', 'itemId', 'url', 'canonicalUrl', 'language'] as const) {
    if (typeof entry?.[key] !== 'string') throw new Error(`message ${record.messageId}: ${key} missing or not a string`);
  }
  if (entry.backfill !== undefined && typeof entry.backfill !== 'boolean') {
    throw new Error(`message ${record.messageId}: backfill must be true or false`);
  }
  return entry as FeedEntry;
}

async function recordHandler(record: SQSRecord): Promise<ProcessOutcome> {
  const entry = parseEntry(record);
  // Story ids are item ids until story grouping lands in processEntry; the key is there for the logs now.
  logger.appendKeys({ sourceId: entry.sourceId, itemId: entry.itemId, storyId: entry.itemId });
  try {
    // `kzmon backfill --deployed` marks its entries: stored and queryable, never alerted.
    const outcome = await processEntry(entry, { http, store, log: logger }, { backfill: entry.backfill === true });
    return outcome;
  } catch (err) {
    logger.error('item failed; it returns to the queue', { error: (err as Error).message });
    throw err;
  } finally {
    logger.removeKeys(['sourceId', 'itemId', 'storyId']);
  }
}

/**
 * Keyed by itemId, not by message: the same item queued twice (two overlapping cycles, or SQS's
 * at-least-once delivery) is fetched and classified once. A second copy arriving while the first is in
 * flight fails and is retried after the visibility timeout, when the first one's result is on record.
 * The conditional writes in the store remain the guarantee; this saves the repeated page fetch.
 */
const idempotency = new IdempotencyConfig({ eventKeyJmesPath: 'powertools_json(body).itemId', expiresAfterSeconds: 3600 });
const processOnce = makeIdempotent(recordHandler, {
  persistenceStore: new DynamoDBPersistenceLayer({ tableName: requiredEnv('IDEMPOTENCY_TABLE') }),
  config: idempotency,
});

/** SQS-triggered: extracts, classifies and stores each new item; failed records return to the queue. */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  idempotency.registerLambdaContext(context);
  // No custom metric: items processed show as the queue's free SQS metrics, failures as dead letters.
  return processPartialResponse(event, processOnce, processor, { context });
};
