import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DynamoStore } from '../../functions/adapters/dynamo-store';
import { makeItem } from './fixtures';

/** Throttled batch writes cannot be provoked on dynalite, so these paths are proven with an SDK mock. */
const client = () =>
  new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

describe('batch writes (SDK mock)', () => {
  const mock = mockClient(DynamoDBDocumentClient);
  afterEach(() => mock.reset());

  it('retries UnprocessedItems with backoff until every listing entry is written, then commits the item', async () => {
    const item = makeItem({ n: 20, publishedAt: '2026-11-01T00:00:00.000Z', categories: ['kz-us', 'c5plus1'], topics: ['energy'] });
    let calls = 0;
    mock.on(GetCommand).resolves({});
    mock.on(BatchWriteCommand).callsFake((input) => {
      calls++;
      const requests = input.RequestItems!.t!;
      // First attempt: DynamoDB throttles two of the writes and hands them back.
      return calls === 1 ? { UnprocessedItems: { t: requests.slice(0, 2) } } : { UnprocessedItems: {} };
    });
    mock.on(PutCommand).resolves({});
    const mocked = new DynamoStore(client(), { tableName: 't' });
    expect(await mocked.saveRelevantItem(item)).toBe('created');
    const writes = mock.commandCalls(BatchWriteCommand);
    expect(writes).toHaveLength(2);
    expect(writes[1]!.args[0].input.RequestItems!.t).toEqual(writes[0]!.args[0].input.RequestItems!.t!.slice(0, 2));
    const put = mock.commandCalls(PutCommand);
    expect(put).toHaveLength(1);
    expect(put[0]!.args[0].input.ConditionExpression).toContain('attribute_not_exists(pk)');
  });

  it('gives up with a clear error when writes stay unprocessed, and does not commit the item', async () => {
    const item = makeItem({ n: 21, publishedAt: '2026-11-01T00:00:00.000Z' });
    mock.on(GetCommand).resolves({});
    mock.on(BatchWriteCommand).callsFake((input) => ({ UnprocessedItems: input.RequestItems }));
    const mocked = new DynamoStore(client(), { tableName: 't' });
    vi.useFakeTimers();
    try {
      const saving = expect(mocked.saveRelevantItem(item)).rejects.toThrow(/unprocessed after retries/);
      await vi.runAllTimersAsync();
      await saving;
    } finally {
      vi.useRealTimers();
    }
    expect(mock.commandCalls(PutCommand)).toHaveLength(0);
  });
});
