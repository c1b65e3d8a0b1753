/**
 * DynamoDB Streams as the stream-alert function's event source mapping sees them, for tests on
 * dynalite (which has no Streams): INSERT records carrying a table row as their new image, and the
 * mapping's retry rule (lib/constructs/delivery.ts: ReportBatchItemFailures, retried from the first
 * failed record, then the failure destination).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { AlertRecord } from '../../functions/domain/ports';

/** The stream record for a row as written to the table (NEW_IMAGE view). */
export function insertRecord(image: Record<string, AttributeValue>, seq: number): DynamoDBRecord {
  return {
    eventName: 'INSERT',
    dynamodb: { SequenceNumber: String(seq).padStart(21, '0'), NewImage: image as never },
  };
}

/** The stream record of a pending alert row built from the record (where no table wrote it). */
export function alertInsertRecord(alert: AlertRecord, seq: number): DynamoDBRecord {
  const row = {
    pk: `ALERT#${alert.alertId}`,
    sk: 'ALERT',
    gsi2pk: 'ALERT#PENDING',
    gsi2sk: `${alert.createdAt}#${alert.alertId}`,
    ...alert,
  };
  return insertRecord(marshall(row, { removeUndefinedValues: true }), seq);
}

/** The mapping's retries (lib/constructs/delivery.ts). */
export const STREAM_RETRY_ATTEMPTS = 2;

export interface StreamDelivery {
  /** Invocations after the first (a batch retried from its first failed record, or whole after a crash). */
  retried: number;
  /** Records handed to the failure destination after the last retry. */
  gaveUp: number;
  /** Records the handler reported failed, over every attempt. */
  failedRecords: number;
}

/**
 * One batch through the mapping: an invocation answering `undefined` (crashed, timed out) is retried
 * whole; one reporting failures is retried from the first failed record; after the last retry the
 * rest goes to the failure destination (the sweep is what still sends those alerts).
 */
export async function deliverStreamBatch(
  invoke: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>,
  records: DynamoDBRecord[],
  retryAttempts = STREAM_RETRY_ATTEMPTS,
): Promise<StreamDelivery> {
  const out: StreamDelivery = { retried: 0, gaveUp: 0, failedRecords: 0 };
  let batch = records;
  for (let attempt = 0; batch.length > 0; attempt++) {
    const res = await invoke({ Records: batch });
    let first = 0;
    if (res) {
      const failed = new Set(res.batchItemFailures.map((f) => f.itemIdentifier));
      out.failedRecords += failed.size;
      if (failed.size === 0) return out;
      first = batch.findIndex((r) => failed.has(r.dynamodb!.SequenceNumber!));
    }
    if (attempt === retryAttempts) {
      out.gaveUp += batch.length - first;
      return out;
    }
    out.retried++;
    batch = batch.slice(first);
  }
  return out;
}
