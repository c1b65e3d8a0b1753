/**
 * A fault-injecting source server on 127.0.0.1: RSS feeds, a gov.kz-shaped news API and article pages,
 * any of which can be made to misbehave (time out, answer 500, send garbage, send 50 MB, stall mid-body,
 * redirect somewhere it must not). Feeds answer conditional GETs with 304 like the real sites.
 */
import { createHash } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Route =
  | {
      kind: 'body';
      status?: number;
      type: string;
      body: string | Buffer;
      etag?: boolean;
      headers?: Record<string, string>;
    }
  | { kind: 'hang' }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'huge'; bytes: number; type: string; declareLength?: boolean }
  | { kind: 'stall'; type: string; head: string }
  | { kind: 'redirect'; location: string; status?: number }
  | { kind: 'govkz'; items: Record<string, unknown>[]; etag?: boolean }
  | { kind: 'dynamic'; handle: (req: IncomingMessage, res: ServerResponse) => void };

export interface SourceServer {
  origin: string;
  /** Path (no query) → route; the gov.kz API path is keyed by `govkz:<project>:<lang>`. */
  routes: Map<string, Route>;
  /** Paths requested, for counting what a cycle fetched. */
  requests: string[];
  close(): Promise<void>;
}

export const GOVKZ_API_PATH = '/api/v1/public/content-manager/news';

export async function startSourceServer(): Promise<SourceServer> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    let key = url.pathname;
    if (url.pathname === GOVKZ_API_PATH) {
      const project = (url.searchParams.get('projects') ?? '').replace(/^eq:/i, '');
      key = `govkz:${project}:${url.searchParams.get('lang') ?? req.headers['accept-language'] ?? 'en'}`;
    }
    // The gov.kz v1 ticket: a cookie that admits the next news request.
    if (url.pathname === '/api/v1/public/_/c/k6') {
      res.writeHead(200, {
        'content-type': 'application/json',
        'set-cookie': 'k6=fault-ticket; Path=/; HttpOnly',
      });
      res.end('{}');
      return;
    }
    if (url.pathname === '/api/v2/_/c/k6') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ 'x-fault-ticket': 'ok' }));
      return;
    }
    const route = routes.get(key);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    serve(route, req, res, url);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    routes,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function serve(route: Route, req: IncomingMessage, res: ServerResponse, url: URL): void {
  switch (route.kind) {
    case 'body': {
      const body = typeof route.body === 'string' ? Buffer.from(route.body, 'utf8') : route.body;
      const headers: Record<string, string> = { 'content-type': route.type, ...route.headers };
      if (route.etag !== false) {
        const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
        headers.etag = etag;
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { etag });
          res.end();
          return;
        }
      }
      res.writeHead(route.status ?? 200, headers);
      res.end(body);
      return;
    }
    case 'hang':
      // Never answers; the client's timeout must give up.
      return;
    case 'status':
      res.writeHead(route.status, { 'content-type': 'text/plain' });
      res.end(route.body ?? `status ${route.status}`);
      return;
    case 'huge': {
      const headers: Record<string, string> = { 'content-type': route.type };
      if (route.declareLength) headers['content-length'] = String(route.bytes);
      res.writeHead(200, headers);
      const chunk = Buffer.alloc(64 * 1024, 'A');
      let sent = 0;
      const pump = () => {
        while (sent < route.bytes) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => {
        sent = route.bytes;
      });
      pump();
      return;
    }
    case 'stall':
      // Headers and the start of a body, then silence: a reader must time out rather than wait forever.
      res.writeHead(200, { 'content-type': route.type });
      res.write(route.head);
      return;
    case 'redirect':
      res.writeHead(route.status ?? 302, { location: route.location });
      res.end();
      return;
    case 'govkz': {
      // Everything on the first page; later pages are empty (a paginating reader stops there).
      const page = Number(url.searchParams.get('page') ?? '1');
      const body = JSON.stringify(page <= 1 ? route.items : []);
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      if (route.etag !== false && req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        ...(route.etag !== false ? { etag } : {}),
      });
      res.end(body);
      return;
    }
    case 'dynamic':
      route.handle(req, res);
      return;
  }
}
