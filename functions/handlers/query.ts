import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { routeQuery } from '../domain/query/query-routes';
import { makeStore } from './runtime';

const logger = new Logger({ serviceName: 'kzmon-query' });
const store = makeStore();

/** HTTP API (IAM-authorized): GET /items, GET /items/{id}, GET /sources. */
export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const res = await routeQuery(store, event.rawPath, event.queryStringParameters ?? {}, logger);
  return { statusCode: res.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(res.body) };
};
