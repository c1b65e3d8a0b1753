import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { item } from '../alerts/fixtures';
import { lambdaEnvironment } from './lambda-env';

let env: Awaited<ReturnType<typeof lambdaEnvironment>>;
let handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

/** An HTTP API (payload 2.0) GET as API Gateway hands it over after IAM authorization. */
function get(path: string, query: Record<string, string> = {}): APIGatewayProxyEventV2 {
  const rawQueryString = new URLSearchParams(query).toString();
  return {
    version: '2.0',
    routeKey: path.startsWith('/items/') ? 'GET /items/{id}' : `GET ${path}`,
    rawPath: path,
    rawQueryString,
    headers: { host: 'abc123.execute-api.eu-central-1.amazonaws.com' },
    queryStringParameters: rawQueryString ? query : undefined,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-central-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'kzmon' },
      requestId: 'r1',
      routeKey: 'GET /items',
      stage: '$default',
      time: '24/Nov/2026:09:40:00 +0000',
      timeEpoch: 1764000000000,
    },
  };
}

const parse = (res: APIGatewayProxyResultV2) => {
  const r = res as { statusCode: number; body: string; headers: Record<string, string> };
  return { status: r.statusCode, type: r.headers['content-type'], body: JSON.parse(r.body) };
};

beforeAll(async () => {
  env = await lambdaEnvironment();
  await env.store.saveRelevantItem(item({ itemId: 'aa11bb22cc33dd44' }));
  ({ handler } = await import('../../functions/handlers/query'));
});
afterAll(() => env?.close());

describe('query handler', () => {
  it('answers 400 naming the bad parameter', async () => {
    const res = parse(await handler(get('/items', { limit: '0' })));
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/json');
    expect(res.body.message).toMatch(/limit/);
    expect(parse(await handler(get('/items', { colour: 'red' }))).status).toBe(400);
  });

  it('answers 200 with the stored items for a good query, and the item by id', async () => {
    const res = parse(await handler(get('/items', { category: 'kz-us', limit: '5' })));
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { itemId: string }) => i.itemId)).toEqual(['aa11bb22cc33dd44']);
    const one = parse(await handler(get('/items/aa11bb22cc33dd44')));
    expect(one.status).toBe(200);
    expect(one.body.title).toMatch(/Tokayev and Trump/);
    expect(parse(await handler(get('/items/ffffffffffff'))).status).toBe(404);
  });
});
