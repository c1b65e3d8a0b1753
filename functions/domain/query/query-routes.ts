import type { Log, MonitorStore } from '../ports';
import { InvalidCursorError } from './cursor';
import { BadQueryError, parseItemQuery } from './query-params';

export interface RouteResult {
  status: number;
  body: unknown;
}

/**
 * The query API's routes as plain functions, so the Lambda, the CLI and the web view answer from the
 * same code.
 */
export async function routeQuery(
  store: MonitorStore,
  path: string,
  params: Record<string, string | undefined>,
  log?: Log,
): Promise<RouteResult> {
  try {
    if (path === '/items') return { status: 200, body: await store.queryItems(parseItemQuery(params)) };
    const one = /^\/items\/([0-9a-f]{6,64})$/.exec(path);
    if (one) {
      const item = await store.getItem(one[1]!);
      return item ? { status: 200, body: item } : { status: 404, body: { message: `no item ${one[1]}` } };
    }
    if (path === '/sources') return { status: 200, body: { sources: await store.listSourceStates() } };
    return { status: 404, body: { message: `no route ${path}; try /items, /items/{id} or /sources` } };
  } catch (err) {
    if (err instanceof BadQueryError || err instanceof InvalidCursorError) {
      return { status: 400, body: { message: err.message } };
    }
    log?.error('query failed', { path, error: (err as Error).message });
    return { status: 500, body: { message: 'internal error' } };
  }
}
