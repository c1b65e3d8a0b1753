import { itemGist } from '../classification/gist';
import type { ItemStore, Log } from '../ports';
import { InvalidCursorError } from './cursor';
import { BadQueryError, assertItemId, parseItemQuery } from './query-params';

export interface RouteResult {
  status: number;
  body: unknown;
}

export type QueryStore = Pick<ItemStore, 'queryItems' | 'getItem' | 'listSourceStates'>;

/**
 * The query API's routes as plain functions, so the Lambda, the CLI and the web view answer from the
 * same code: GET /items, GET /items/{id}, GET /sources.
 */
export async function routeQuery(
  store: QueryStore,
  path: string,
  params: Record<string, string | undefined>,
  log?: Log,
): Promise<RouteResult> {
  try {
    if (path === '/items' || path === '/items/') {
      return { status: 200, body: await store.queryItems(parseItemQuery(params)) };
    }
    const one = /^\/items\/([^/]+)$/.exec(path);
    if (one) {
      const id = assertItemId(decodeURIComponent(one[1]!));
      const item = await store.getItem(id);
      // an item stored before gists existed gets the one its classification gives
      if (item) return { status: 200, body: { ...item, gist: itemGist(item) } };
      return { status: 404, body: { message: `no item with id ${id}` } };
    }
    if (path === '/sources') return { status: 200, body: { sources: await store.listSourceStates() } };
    return { status: 404, body: { message: `no route ${path}; try /items, /items/{id} or /sources` } };
  } catch (err) {
    if (err instanceof BadQueryError || err instanceof InvalidCursorError) {
      log?.warn('bad query', { path, error: err.message });
      return { status: 400, body: { message: err.message } };
    }
    if (err instanceof URIError) return { status: 400, body: { message: 'bad parameter id: not valid URL encoding' } };
    log?.error('query failed', { path, params, error: (err as Error).message });
    return { status: 500, body: { message: 'internal error' } };
  }
}
