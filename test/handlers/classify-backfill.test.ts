import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsItemQueue } from '../../functions/adapters/sqs-queue';
import type { FeedEntry } from '../../functions/domain/model';
import { deployedBackfillStep } from '../../bin/commands/backfill';
import { createIdempotencyTable, lambdaContext, lambdaEnvironment, sqsRecord } from './lambda-env';

let env: Awaited<ReturnType<typeof lambdaEnvironment>>;
let handler: (
  event: SQSEvent,
  context: ReturnType<typeof lambdaContext>,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
const QUEUE_URL = 'https://sqs.eu-central-1.amazonaws.com/123456789012/kzmon-new-items';

// A body-carrying entry (no page fetch, no network), relevant on its face.
const historic: FeedEntry = {
  sourceId: 'mfa-en',
  itemId: 'f1b2c3d4e5f60718',
  url: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/2001',
  canonicalUrl: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/2001',
  language: 'en',
  title: 'Kazakhstan and the United States discuss the C5+1 summit agenda',
  publishedAt: '2026-06-24T09:30:00Z',
  bodyHtml:
    '<p>Minister of Foreign Affairs of Kazakhstan met the US Ambassador in Astana to prepare the C5+1 summit.</p>' +
    '<p>The sides discussed Kazakhstan–US strategic partnership, trade and investment, and critical minerals.</p>',
};

beforeAll(async () => {
  env = await lambdaEnvironment({ IDEMPOTENCY_TABLE: 'kzmon-idempotency-bf', SEEN_TTL_DAYS: '30' });
  await createIdempotencyTable(env.dynamo, 'kzmon-idempotency-bf');
  ({ handler } = await import('../../functions/handlers/classify'));
});
afterAll(() => env?.close());

describe('backfill through the deployed queue', () => {
  it('kzmon backfill --deployed sends each entry marked backfill: true (unless --alert)', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const queue = new SqsItemQueue(new SQSClient({ region: 'eu-central-1' }), QUEUE_URL);
    await deployedBackfillStep(queue, false)(historic);
    await deployedBackfillStep(queue, true)({ ...historic, itemId: 'other' });
    const bodies = sqs
      .commandCalls(SendMessageBatchCommand)
      .map((c) => JSON.parse(c.args[0].input.Entries![0]!.MessageBody!) as FeedEntry);
    expect(bodies.map((b) => [b.itemId, b.backfill])).toEqual([
      [historic.itemId, true],
      ['other', undefined],
    ]);
    sqs.restore();
  });

  it('the classify function stores a message marked backfill and records no alert for it', async () => {
    const res = await handler(
      { Records: [sqsRecord('m-bf', JSON.stringify({ ...historic, backfill: true }), 'backfill')] },
      lambdaContext('classify'),
    );
    expect(res.batchItemFailures).toEqual([]);
    expect((await env.store.getItem(historic.itemId))?.classification.relevant).toBe(true);
    expect(await env.store.getAlert(historic.itemId)).toBeNull();
  });

  it('the same item unmarked would alert; a backfill flag that is not true or false fails the record', async () => {
    const live = {
      ...historic,
      itemId: 'e1b2c3d4e5f60718',
      url: `${historic.url}0`,
      canonicalUrl: `${historic.canonicalUrl}0`,
    };
    const res = await handler(
      {
        Records: [
          sqsRecord('m-live', JSON.stringify(live), 'backfill'),
          sqsRecord('m-bad', JSON.stringify({ ...live, itemId: 'd1', backfill: 'yes' }), 'backfill'),
        ],
      },
      lambdaContext('classify'),
    );
    expect(res.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m-bad']);
    expect(await env.store.getAlert(live.itemId)).toMatchObject({ status: 'pending' });
  });
});
