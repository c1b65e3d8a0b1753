import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoStore } from '../../functions/adapters/dynamo-store';
import type { ItemPage } from '../../functions/domain/ports';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { makeItem } from '../storage/fixtures';

/** The deployed handler, invoked with API Gateway HTTP API (payload 2.0) events, on dynalite. */
let dynamo: LocalDynamo;
let handler: (e: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
const items = Array.from({ length: 5 }, (_, n) =>
  makeItem({ n, publishedAt: `2026-11-0${n + 1}T08:00:00.000Z`, categories: n % 2 ? ['c5plus1'] : ['kz-us'] }),
);

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  const store = new DynamoStore(dynamo.client, { tableName: dynamo.tableName });
  for (const i of items) await store.saveRelevantItem(i);
  await store.putSourceState({ sourceId: 'mfa-ru', consecutiveFailures: 2, lastError: 'HTTP 503' });
  // The handler builds its own client from the environment, as in Lambda.
  Object.assign(process.env, {
    TABLE_NAME: dynamo.tableName,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  handler = (await import('../../functions/handlers/query')).handler as typeof handler;
});
afterAll(async () => {
  await dynamo?.close();
});

function event(path: string, query?: Record<string, string>, method = 'GET'): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: {},
    queryStringParameters: query,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '01/Nov/2026:00:00:00 +0000',
      timeEpoch: 0,
    },
  };
}

async function call(path: string, query?: Record<string, string>, method?: string) {
  const res = await handler(event(path, query, method));
  return { status: res.statusCode, body: JSON.parse(res.body as string) };
}

describe('query handler', () => {
  it('GET /items pages newest first with a cursor', async () => {
    const first = await call('/items', { category: 'kz-us', limit: '2' });
    expect(first.status).toBe(200);
    expect((first.body as ItemPage).items.map((i) => i.itemId)).toEqual([items[4]!.itemId, items[2]!.itemId]);
    const second = await call('/items', { category: 'kz-us', limit: '2', cursor: first.body.cursor });
    expect((second.body as ItemPage).items.map((i) => i.itemId)).toEqual([items[0]!.itemId]);
    expect(second.body.cursor).toBeUndefined();
  });

  it('GET /items/{id} returns the full record with its evidence; unknown id is 404', async () => {
    const one = await call(`/items/${items[1]!.itemId}`);
    expect(one.status).toBe(200);
    expect(one.body.classification.evidence).toEqual(items[1]!.classification.evidence);
    expect(one.body.body).toBe(items[1]!.body);
    const missing = await call('/items/abcdef0123456789abcdef01');
    expect(missing).toEqual({ status: 404, body: { message: 'no item with id abcdef0123456789abcdef01' } });
  });

  it('GET /sources returns source health', async () => {
    const res = await call('/sources');
    expect(res.status).toBe(200);
    expect(res.body.sources).toEqual([{ sourceId: 'mfa-ru', consecutiveFailures: 2, lastError: 'HTTP 503' }]);
  });

  it('a bad parameter, a bad id and a forged cursor are 400s naming the parameter', async () => {
    expect(await call('/items', { lang: 'de' })).toEqual({
      status: 400,
      body: { message: 'bad parameter lang: one of en, ru, kk (got "de")' },
    });
    expect((await call('/items/not-an-id')).body.message).toBe('bad parameter id: an item id: 6 to 64 lower-case hex digits');
    const page = await call('/items', { limit: '1' });
    const last = page.body.cursor.slice(-1);
    const forged = `${page.body.cursor.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
    const res = await call('/items', { limit: '1', cursor: forged });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^bad parameter cursor: signature does not match/);
    // A genuine cursor reused with other filters is refused too.
    const reused = await call('/items', { limit: '1', lang: 'en', cursor: page.body.cursor });
    expect(reused.status).toBe(400);
    expect(reused.body.message).toMatch(/different filters/);
  });

  it('reads since/until as Astana days and category names as alerts write them, as the CLI does', async () => {
    // Items are at 08:00 UTC, 13:00 in Astana; 2026-11-02 in Astana ends at 19:00 UTC that day.
    const day = await call('/items', { since: '2026-11-02', until: '2026-11-02' });
    expect((day.body as ItemPage).items.map((i) => i.itemId)).toEqual([items[1]!.itemId]);
    // 12:59 in Astana is 07:59 UTC: the item published at 08:00 UTC that day is after it.
    const noon = await call('/items', { since: '2026-11-02T12:59' });
    expect((noon.body as ItemPage).items.map((i) => i.itemId)).toEqual(
      [items[4], items[3], items[2], items[1]].map((i) => i!.itemId),
    );
    const c5 = await call('/items', { category: 'C5+1' });
    expect(c5.status).toBe(200);
    expect((c5.body as ItemPage).items.map((i) => i.itemId)).toEqual([items[3]!.itemId, items[1]!.itemId]);
  });

  it('unknown routes are 404 and other methods 405', async () => {
    expect((await call('/stories')).status).toBe(404);
    expect((await call('/items', undefined, 'POST')).status).toBe(405);
  });
});
