import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedEntry } from '../../functions/domain/model';
import { createIdempotencyTable, lambdaContext, lambdaEnvironment, sqsRecord } from './lambda-env';

let env: Awaited<ReturnType<typeof lambdaEnvironment>>;
let handler: (
  event: SQSEvent,
  context: ReturnType<typeof lambdaContext>,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

// The feed carried the body, so the handler needs no page fetch (and no network).
const relevant: FeedEntry = {
  sourceId: 'mfa-en',
  itemId: 'a1b2c3d4e5f60718',
  url: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/1001',
  canonicalUrl: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/1001',
  language: 'en',
  title: 'Kazakhstan and the United States discuss the C5+1 summit agenda',
  publishedAt: '2026-11-24T09:30:00Z',
  bodyHtml:
    '<p>Minister of Foreign Affairs of Kazakhstan met the US Ambassador in Astana to prepare the C5+1 summit.</p>' +
    '<p>The sides discussed Kazakhstan–US strategic partnership, trade and investment, and critical minerals.</p>',
};
const other: FeedEntry = {
  ...relevant,
  itemId: 'b1b2c3d4e5f60718',
  url: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/1002',
  canonicalUrl: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/1002',
  title: 'Tenge exchange rate on the Kazakhstan Stock Exchange',
  bodyHtml: '<p>The tenge weakened against the dollar at the morning session of KASE.</p>',
};

beforeAll(async () => {
  env = await lambdaEnvironment({ IDEMPOTENCY_TABLE: 'kzmon-idempotency', SEEN_TTL_DAYS: '30' });
  await createIdempotencyTable(env.dynamo, 'kzmon-idempotency');
  ({ handler } = await import('../../functions/handlers/classify'));
});
afterAll(() => env?.close());

describe('classify handler', () => {
  it('reports only the bad records as batch item failures and processes the good ones', async () => {
    const event: SQSEvent = {
      Records: [
        sqsRecord('m-good', JSON.stringify(relevant)),
        sqsRecord('m-not-json', '{ this is not json'),
        sqsRecord('m-no-url', JSON.stringify({ ...other, itemId: 'c1b2c3d4e5f60718', url: undefined })),
        sqsRecord('m-other', JSON.stringify(other)),
      ],
    };
    const res = await handler(event, lambdaContext('classify'));
    expect(res.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m-no-url', 'm-not-json']);

    const stored = await env.store.getItem(relevant.itemId);
    expect(stored?.classification.categories).toEqual(expect.arrayContaining(['kz-us', 'c5plus1']));
    // The exchange-rate story is not stored as an item, but is marked seen so it is not fetched again.
    expect(await env.store.getItem(other.itemId)).toBeNull();
    expect(await env.store.findUnseen([relevant.itemId, other.itemId], new Date())).toEqual(new Set());
    expect(await env.store.getAlert(relevant.itemId)).toMatchObject({
      status: 'pending',
      itemId: relevant.itemId,
    });
  });

  it('a redelivered message succeeds without storing anything twice', async () => {
    const res = await handler(
      { Records: [sqsRecord('m-again', JSON.stringify(relevant))] },
      lambdaContext('classify'),
    );
    expect(res.batchItemFailures).toEqual([]);
    expect(
      (await env.store.listStoryMembers((await env.store.getItem(relevant.itemId))!.storyId)).length,
    ).toBe(1);
  });
});
