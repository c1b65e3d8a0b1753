import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { Context, SQSRecord } from 'aws-lambda';
import { vi } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import type { MonitorStore } from '../../functions/domain/ports';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';

/**
 * A Lambda-like environment for one handler: an in-memory dynalite that the handler's own
 * `new DynamoDBClient({})` reaches through AWS_ENDPOINT_URL_DYNAMODB (the SDK's documented
 * per-service endpoint variable), the handler's environment variables, and quiet Powertools output.
 * Handlers wire their clients at module scope, so the module is imported fresh after all of this.
 */
export async function lambdaEnvironment(env: Record<string, string> = {}): Promise<{
  dynamo: LocalDynamo;
  store: MonitorStore;
  close(): Promise<void>;
}> {
  const dynamo = await startLocalDynamo();
  const vars: Record<string, string> = {
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    TABLE_NAME: dynamo.tableName,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    ...env,
  };
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  vi.resetModules();
  return {
    dynamo,
    store: createMonitorStore(dynamo.client, { tableName: dynamo.tableName }),
    close: async () => {
      vi.unstubAllEnvs();
      await dynamo.close();
    },
  };
}

/** The Powertools idempotency table as the stack defines it (partition key `id`). */
export async function createIdempotencyTable(dynamo: LocalDynamo, name: string): Promise<void> {
  await dynamo.client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
}

export function lambdaContext(name: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:123456789012:function:${name}`,
    memoryLimitInMB: '256',
    awsRequestId: `req-${Math.random().toString(16).slice(2)}`,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 60_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** One SQS record as the new-items queue delivers it to the classify function (first receive). */
export function sqsRecord(messageId: string, body: string, senderId = 'fetch'): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1764000000000',
      SenderId: senderId,
      ApproximateFirstReceiveTimestamp: '1764000000000',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-central-1:123456789012:kzmon-new-items',
    awsRegion: 'eu-central-1',
  };
}
