import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { Log } from '../domain/ports';
import { type QueryStore, routeQuery } from '../domain/query/query-routes';
import { makeStore } from './runtime';

/** HTTP API (IAM-authorized): GET /items, GET /items/{id}, GET /sources. */
export function queryHandler(store: () => QueryStore, log: Log) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    if (event.requestContext.http.method !== 'GET') return json(405, { message: 'only GET is supported' });
    const res = await routeQuery(store(), routePath(event), event.queryStringParameters ?? {}, log);
    return json(res.status, res.body);
  };
}

/** The path without the stage prefix a named stage adds (the $default stage adds none). */
function routePath(event: APIGatewayProxyEventV2): string {
  const stage = event.requestContext.stage;
  const path = event.rawPath;
  return stage && stage !== '$default' && path.startsWith(`/${stage}/`) ? path.slice(stage.length + 1) : path;
}

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

const logger = new Logger({ serviceName: 'kzmon-query' });
let store: QueryStore | undefined;
export const handler = queryHandler(() => {
  store ??= makeStore();
  return store;
}, logger);
