import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SourceHealth, StoredItem } from '../domain/model';
import type { AlertStore, ItemPage, Log, StoryStore } from '../domain/ports';
import { canonicalCategory } from '../domain/query/query-params';
import { type QueryStore, routeQuery } from '../domain/query/query-routes';
import { type ItemView, renderItemPage } from './item-page';
import { type PageChrome, STYLES_HASH } from './layout';
import { LIST_PARAMS, type ListParams, listHref, renderListPage } from './list-page';
import { renderErrorPage, renderSourcesPage } from './sources-page';
import { findStoryCopies } from './story-copies';
import { collectWeekChart } from './week-chart';

/** The view listens on loopback only: it has no authentication, so it must not be reachable from the network. */
export const WEB_HOST = '127.0.0.1';
export const PAGE_SIZE = '25';

/**
 * What the view reads: the query routes' store, plus, where the store has them, alert records (a store
 * reached through the API has none) and story member lists.
 */
export type WebStore = QueryStore & Pick<StoryStore, 'listStoryMembers'> & Partial<Pick<AlertStore, 'getAlert'>>;

export interface WebViewDeps {
  store: WebStore;
  log?: Log;
  /** Which store the pages show, said in every page's footer (e.g. "the demo's store"). */
  storeLabel?: string;
  /** The demo's sample data: every page says so. */
  demo?: boolean;
  /** Every source the store is meant to have, listed even before its first fetch. */
  knownSourceIds?: string[];
}

const SECURITY_HEADERS = {
  // No script may run at all, and only the page's own stylesheet applies: even markup that slipped past
  // escaping could not execute.
  'content-security-policy': `default-src 'none'; style-src '${STYLES_HASH}'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  // Clicking through to a source must not tell the source about the analyst's local view.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...SECURITY_HEADERS,
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * A page that loads from a loopback address can still be fetched by a hostile site whose DNS name is
 * rebound to 127.0.0.1; refusing any Host but loopback names closes that door.
 */
function hostAllowed(req: IncomingMessage): boolean {
  const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
  return host === '127.0.0.1' || host === 'localhost';
}

async function listPage(deps: WebViewDeps, url: URL, res: ServerResponse): Promise<void> {
  const params: ListParams = {};
  const unknown: Record<string, string> = {};
  let hasEmpty = false;
  for (const [key, value] of url.searchParams) {
    if (value === '') hasEmpty = true;
    else if ((LIST_PARAMS as readonly string[]).includes(key)) params[key as keyof ListParams] = value;
    else unknown[key] = value;
  }
  // Names as people write them (C5+1, KZ-US, Energy) lead to the one address of that view.
  const named = canonicalNames(params);
  const renamed = LIST_PARAMS.some((k) => named[k] !== params[k]);
  // A submitted form sends every field, most of them empty; the bookmarkable address keeps only the set ones.
  if ((hasEmpty || renamed) && Object.keys(unknown).length === 0) {
    send(res, 303, '', { location: listHref(named) });
    return;
  }
  const sources = await routeQuery(deps.store, '/sources', {}, deps.log);
  const sourceIds = [
    ...new Set([
      ...(deps.knownSourceIds ?? []),
      ...(sources.status === 200 ? (sources.body as { sources: SourceHealth[] }).sources.map((s) => s.sourceId) : []),
    ]),
  ];
  const chrome = chromeOf(deps);
  // As the CLI does: a source nobody knows would quietly list nothing.
  const source = params.source?.trim().toLowerCase();
  if (source && sourceIds.length > 0 && !sourceIds.includes(source)) {
    const message = `bad parameter source: no source “${params.source}”; known: ${[...sourceIds].sort().join(', ')}`;
    send(res, 400, renderListPage({ params, sourceIds, error: message, chrome }));
    return;
  }
  const result = await routeQuery(
    deps.store,
    '/items',
    {
      ...unknown,
      ...params,
      limit: params.limit ?? PAGE_SIZE,
    },
    deps.log,
  );
  if (result.status === 200) {
    const page = result.body as ItemPage;
    // The chart is a picture of the same filters over weeks; the list is worth showing without it.
    const chart =
      page.items.length > 0 && !params.cursor
        ? await collectWeekChart(deps.store, params).catch((err: Error) => {
            deps.log?.error('web view: chart query failed', { query: url.search, error: err.message });
            return null;
          })
        : null;
    send(res, 200, renderListPage({ params, sourceIds, page, chart, chrome }));
    return;
  }
  const message = (result.body as { message: string }).message;
  deps.log?.warn('web view: list query refused', { query: url.search, status: result.status, message });
  send(res, result.status, renderListPage({ params, sourceIds, error: message, chrome }));
}

/** `segment` is the path segment as requested (still URL-encoded): routeQuery decodes and validates it. */
async function itemPage(deps: WebViewDeps, segment: string, res: ServerResponse): Promise<void> {
  const result = await routeQuery(deps.store, `/items/${segment}`, {}, deps.log);
  if (result.status !== 200) {
    const message =
      result.status === 404
        ? `No stored item has the id “${safeDecode(segment)}”.`
        : (result.body as { message: string }).message;
    send(res, result.status, renderErrorPage(result.status, message, chromeOf(deps)));
    return;
  }
  const item = result.body as StoredItem;
  const view: ItemView = { item, alert: null, copies: [], chrome: chromeOf(deps) };
  const [alert, copies] = await Promise.allSettled([
    // An item's instant alert is keyed by the item's id.
    deps.store.getAlert ? deps.store.getAlert(item.itemId) : Promise.resolve('unavailable' as const),
    findStoryCopies(deps.store, item),
  ]);
  // The item is worth showing even when a side lookup fails; the failure is logged and shown in place.
  if (alert.status === 'fulfilled') view.alert = alert.value;
  else deps.log?.error('web view: alert lookup failed', { itemId: item.itemId, error: String(alert.reason) });
  if (copies.status === 'fulfilled') view.copies = copies.value;
  else {
    view.copiesError = 'the story lookup failed';
    deps.log?.error('web view: story lookup failed', {
      itemId: item.itemId,
      storyId: item.storyId,
      error: String(copies.reason),
    });
  }
  send(res, 200, renderItemPage(view));
}

function canonicalNames(params: ListParams): ListParams {
  const out = { ...params };
  if (out.category) out.category = canonicalCategory(out.category);
  for (const key of ['topic', 'lang', 'source'] as const) if (out[key]) out[key] = out[key]!.trim().toLowerCase();
  return out;
}

function chromeOf(deps: WebViewDeps): PageChrome {
  return { storeLabel: deps.storeLabel, demo: deps.demo };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function sourcesPage(deps: WebViewDeps, res: ServerResponse): Promise<void> {
  const result = await routeQuery(deps.store, '/sources', {}, deps.log);
  if (result.status !== 200) {
    send(res, result.status, renderErrorPage(result.status, (result.body as { message: string }).message, chromeOf(deps)));
    return;
  }
  const stored = (result.body as { sources: SourceHealth[] }).sources;
  const seen = new Set(stored.map((s) => s.sourceId));
  const never = (deps.knownSourceIds ?? [])
    .filter((id) => !seen.has(id))
    .map((sourceId): SourceHealth => ({ sourceId, consecutiveFailures: 0 }));
  send(res, 200, renderSourcesPage([...stored, ...never], chromeOf(deps)));
}

/** The request handler of the web view: list, item and sources pages, all read through routeQuery. */
export function createWebHandler(
  deps: WebViewDeps,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (!hostAllowed(req)) {
        send(res, 421, renderErrorPage(421, 'This view answers only on 127.0.0.1 or localhost.'));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, renderErrorPage(405, 'This view is read-only: only GET requests.'), {
          allow: 'GET, HEAD',
        });
        return;
      }
      if (url.pathname === '/') return await listPage(deps, url, res);
      if (url.pathname === '/sources') return await sourcesPage(deps, res);
      const item = /^\/items\/([^/]+)$/.exec(url.pathname);
      if (item) return await itemPage(deps, item[1]!, res);
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204, SECURITY_HEADERS);
        res.end();
        return;
      }
      send(res, 404, renderErrorPage(404, `There is no page at ${url.pathname}.`));
    } catch (err) {
      deps.log?.error('web view: request failed', {
        method: req.method,
        url: req.url,
        error: (err as Error).message,
      });
      if (!res.headersSent)
        send(res, 500, renderErrorPage(500, 'The page could not be built; the error is in the server log.'));
      else res.destroy();
    }
  };
}

export interface WebServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Starts the view on 127.0.0.1 (port 0 picks a free one). */
export async function startWebServer(deps: WebViewDeps & { port?: number }): Promise<WebServer> {
  const handler = createWebHandler(deps);
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port ?? 0, WEB_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${WEB_HOST}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
