/**
 * Batch reads and writes against the monitor's table, in the chunk sizes DynamoDB accepts, retrying the
 * items it leaves unprocessed under throttling until none are left (or giving up with a clear error).
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Row } from './dynamo-item-records';

export async function batchGet(
  doc: DynamoDBDocumentClient,
  table: string,
  keys: Row[],
  projection?: string,
): Promise<Row[]> {
  const out: Row[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Row[] | undefined = keys.slice(i, i + 100);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after retries`);
      if (attempt > 0) await backoff(attempt);
      const res: BatchGetCommandOutput = await doc.send(
        new BatchGetCommand({
          RequestItems: {
            [table]: { Keys: pending, ...(projection ? { ProjectionExpression: projection } : {}) },
          },
        }),
      );
      out.push(...(res.Responses?.[table] ?? []));
      pending = res.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return out;
}

export async function batchWrite(
  doc: DynamoDBDocumentClient,
  table: string,
  requests: WriteRequest[],
): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: WriteRequest[] | undefined = requests.slice(i, i + 25);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 8)
        throw new Error(`BatchWriteItem left ${pending.length} writes unprocessed after retries`);
      if (attempt > 0) await backoff(attempt);
      const res = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = res.UnprocessedItems?.[table] as WriteRequest[] | undefined;
    }
  }
}

export type WriteRequest = { PutRequest: { Item: Row } } | { DeleteRequest: { Key: Row } };

/** Full jitter, capped: retries of unprocessed batch items spread out instead of hammering a hot key. */
function backoff(attempt: number): Promise<void> {
  const cap = Math.min(2000, 50 * 2 ** attempt);
  return new Promise((r) => setTimeout(r, Math.random() * cap));
}
