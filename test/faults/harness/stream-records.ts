/**
 * The stream the stream-alert function would have seen on AWS, rebuilt on dynalite (no Streams): the
 * alert rows a handler wrote, read back as the table holds them (the NEW_IMAGE), and turned into
 * INSERT records as an unreliable stream may deliver them.
 */
import { type AttributeValue, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { insertRecord } from '../../support/stream-source';

/** The alert rows of these items, oldest first (the order their INSERTs reach the stream). */
export async function alertRowsFor(
  client: DynamoDBClient,
  tableName: string,
  itemIds: Set<string>,
): Promise<Record<string, AttributeValue>[]> {
  const rows: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'begins_with(pk, :p)',
        ExpressionAttributeValues: { ':p': { S: 'ALERT#' } },
        ExclusiveStartKey: start,
      }),
    );
    rows.push(...(page.Items ?? []).filter((r) => itemIds.has(String(r.pk?.S).slice('ALERT#'.length))));
    start = page.LastEvaluatedKey;
  } while (start);
  return rows.sort((a, b) => String(a.gsi2sk?.S).localeCompare(String(b.gsi2sk?.S)));
}

/** Stream records for the rows with some never delivered and some delivered twice (`rate` each). */
export function unreliableStream(
  rows: Record<string, AttributeValue>[],
  random: () => number,
  rate = 0.1,
): { records: DynamoDBRecord[]; dropped: number; repeated: number } {
  const out = { records: [] as DynamoDBRecord[], dropped: 0, repeated: 0 };
  let seq = 0;
  for (const row of rows) {
    if (random() < rate) {
      out.dropped++;
      continue;
    }
    out.records.push(insertRecord(row, ++seq));
    if (random() < rate) {
      out.repeated++;
      out.records.push(insertRecord(row, ++seq));
    }
  }
  return out;
}
