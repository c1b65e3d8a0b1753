/**
 * Runs in its own process (so its peak memory is its own): 1,000 new items through one local cycle —
 * fetch, extract, classify, store, alert — then an unchanged second cycle, counting HTTP requests on
 * the source server and write commands on the DynamoDB client. Prints one JSON line.
 *
 * The sources are served on four loopback addresses (127.0.0.1–4) because in production the Kazinform
 * feeds and gov.kz are different hosts, and the HTTP client limits concurrency per host.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { parseSubscribers } from '../../functions/domain/alerts/subscribers';
import type { AlertPublisher, Log } from '../../functions/domain/ports';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import { parseSources } from '../../functions/domain/sources/definitions';
import { HttpClient } from '../../functions/adapters/http-client';
import { runLocalCycle } from '../../functions/local/local-cycle';
import { startLocalDynamo } from '../../functions/local/local-dynamodb';
import { OutboxPublisher } from '../../functions/local/outbox-publisher';
import { type BenchPage, generatePage, type PageKind, rng } from './corpus';

const TOTAL_ITEMS = Number(process.env.BENCH_CYCLE_ITEMS ?? 1000);
const CHALLENGE = 'x-bench-ticket';
const WRITE_OPS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
/** Commands (client and document-client names) that can report consumed capacity. */
const CAPACITY_OPS = new Set([
  ...[
    'GetItem',
    'PutItem',
    'UpdateItem',
    'DeleteItem',
    'Query',
    'Scan',
    'BatchGetItem',
    'BatchWriteItem',
    'TransactWriteItems',
    'TransactGetItems',
  ],
  ...['Get', 'Put', 'Update', 'Delete', 'BatchGet', 'BatchWrite', 'TransactWrite', 'TransactGet'],
]);

type Category = 'feed' | 'feed-304' | 'api' | 'api-304' | 'challenge' | 'article' | 'other';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function main() {
  const r = rng(4242);
  const hosts = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'];
  const servers: Server[] = [];
  const ports: number[] = [];
  const counts: Record<Category, number> = {
    feed: 0,
    'feed-304': 0,
    api: 0,
    'api-304': 0,
    challenge: 0,
    article: 0,
    other: 0,
  };
  const conditionalFeedRequests = { withValidator: 0, without: 0 };
  let feeds = new Map<string, string>();
  const articles = new Map<string, string>();
  const mfa = new Map<string, string>();

  const etagOf = (body: string) => `"${body.length.toString(16)}-${hash(body)}"`;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? '';
    const url = new URL(req.url ?? '/', `http://${host}`);
    const key = `${url.host}${url.pathname}`;
    const conditional = (body: string, type: string, cat: 'feed' | 'api') => {
      const etag = etagOf(body);
      if (req.headers['if-none-match'] || req.headers['if-modified-since'])
        conditionalFeedRequests.withValidator++;
      else conditionalFeedRequests.without++;
      if (req.headers['if-none-match'] === etag) {
        counts[`${cat}-304`]++;
        res.writeHead(304, { etag });
        return res.end();
      }
      counts[cat]++;
      res.writeHead(200, { 'content-type': type, etag, 'last-modified': 'Fri, 27 Nov 2026 06:00:00 GMT' });
      res.end(body);
    };
    const feed = feeds.get(key);
    if (feed) return conditional(feed, 'application/rss+xml; charset=utf-8', 'feed');
    if (url.pathname.endsWith('/_/c/k6')) {
      counts.challenge++;
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ [CHALLENGE]: 'ok' }));
    }
    if (url.pathname.startsWith('/api/v1/public/content-manager/')) {
      if (req.headers[CHALLENGE] !== 'ok') {
        counts.other++;
        res.writeHead(400, { 'content-type': 'application/json' });
        return res.end('{"error":"notAllowed"}');
      }
      const lang = url.searchParams.get('lang') ?? 'en';
      return conditional(mfa.get(lang) ?? '[]', 'application/json; charset=utf-8', 'api');
    }
    const page = articles.get(key);
    if (page) {
      counts.article++;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page);
    }
    counts.other++;
    res.writeHead(404);
    res.end('not found');
  };
  for (const h of hosts) {
    const s = createServer(handler);
    await new Promise<void>((resolve) => s.listen(0, h, () => resolve()));
    servers.push(s);
    ports.push((s.address() as AddressInfo).port);
  }
  const origin = (i: number) => `http://${hosts[i]}:${ports[i]}`;

  const sources = parseSources([
    { id: 'kazinform-en', kind: 'rss', language: 'en', url: `${origin(0)}/rss/en.xml` },
    { id: 'kazinform-ru', kind: 'rss', language: 'ru', url: `${origin(1)}/rss/rus.xml` },
    { id: 'kazinform-kk', kind: 'rss', language: 'kk', url: `${origin(2)}/rss/kaz.xml` },
    { id: 'mfa-en', kind: 'govkz-news', language: 'en', url: origin(3) },
    { id: 'mfa-ru', kind: 'govkz-news', language: 'ru', url: origin(3) },
    { id: 'mfa-kk', kind: 'govkz-news', language: 'kk', url: origin(3) },
  ]);
  const mfaPerLang = sources
    .filter((s) => s.kind === 'govkz-news')
    .map((s) => (s as { pageSize?: number }).pageSize ?? 20)[0]!;
  const rssTotal = TOTAL_ITEMS - 3 * mfaPerLang;

  // Article pages: each feed mixes the page kinds of its language.
  const feedKinds: { i: number; path: string; kinds: PageKind[]; lang: string }[] = [
    {
      i: 0,
      path: '/rss/en.xml',
      kinds: ['kazinform-new-en', 'kazinform-2026', 'kazinform-old', 'kazinform-new-amp'],
      lang: 'en',
    },
    {
      i: 1,
      path: '/rss/rus.xml',
      kinds: ['kazinform-new-ru', 'kazinform-old-article-body', 'kazinform-2026'],
      lang: 'ru',
    },
    {
      i: 2,
      path: '/rss/kaz.xml',
      kinds: ['kazinform-new-kk', 'kazinform-2026', 'kazinform-old-article-body'],
      lang: 'kk',
    },
  ];
  const feedItems = new Map<number, BenchPage[]>();
  let id = 0;
  for (let n = 0; n < rssTotal; n++) {
    const f = feedKinds[n % 3]!;
    let page = generatePage(f.kinds[Math.floor(n / 3) % f.kinds.length]!, id++, r, origin(f.i));
    if (page.lang === 'ru' && f.lang !== 'ru') page = { ...page }; // kind decides the script; the feed decides the source
    const u = new URL(page.url);
    if (articles.has(`${u.host}${u.pathname}`)) {
      n--;
      continue;
    }
    articles.set(`${u.host}${u.pathname}`, page.html);
    feedItems.set(f.i, [...(feedItems.get(f.i) ?? []), page]);
  }
  const rss = (pages: BenchPage[], title: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title><link>http://127.0.0.1/</link><description>bench</description>${pages
      .map(
        (p) =>
          `<item><title>${esc(p.title)}</title><link>${p.url}</link><guid>${p.url}</guid><pubDate>${new Date(p.publishedAt).toUTCString()}</pubDate><description>${esc(p.lead ?? p.paragraphs[0]!.slice(0, 200))}</description></item>`,
      )
      .join('\n')}</channel></rss>`;
  feeds = new Map(
    feedKinds.map((f) => [`${hosts[f.i]}:${ports[f.i]}${f.path}`, rss(feedItems.get(f.i) ?? [], f.path)]),
  );
  for (const lang of ['en', 'ru', 'kk'] as const) {
    const items = Array.from({ length: mfaPerLang }, () => {
      const p = generatePage('govkz-body', id++, r);
      return {
        id: p.id + 500_000,
        title: p.title,
        slug: p.title.toLowerCase().replace(/\W+/g, '-').slice(0, 60),
        body: p.html,
        short_description: p.paragraphs[0]!.slice(0, 200),
        created_date: p.publishedAt.replace('Z', '.000+00:00'),
        heropic: '/uploads/x.jpg',
      };
    });
    mfa.set(lang, JSON.stringify(items));
  }

  const dynamo = await startLocalDynamo();
  const writes: Record<string, number> = {};
  const commands: Record<string, number> = {};
  /** Capacity units DynamoDB (dynalite computes them as DynamoDB does) reports for every call. */
  const units = { read: 0, write: 0 };
  dynamo.client.middlewareStack.add(
    (next) => async (args) => {
      const target = String(
        (args.request as { headers?: Record<string, string> }).headers?.['x-amz-target'] ?? '',
      );
      const op = target.split('.').pop() ?? '?';
      commands[op] = (commands[op] ?? 0) + 1;
      if (WRITE_OPS.has(op)) writes[op] = (writes[op] ?? 0) + 1;
      return next(args);
    },
    { step: 'build', name: 'benchWriteCounter' },
  );
  dynamo.client.middlewareStack.add(
    (next, context) => async (args) => {
      const op = String(context.commandName ?? '').replace(/Command$/, '');
      if (!CAPACITY_OPS.has(op)) return next(args);
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const consumed = (
        out.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }
      ).ConsumedCapacity;
      const n = [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      if (/^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(op)) units.write += n;
      else units.read += n;
      return out;
    },
    { step: 'initialize', name: 'benchCapacityUnits' },
  );
  // The duplicate window: from the topic accepting an alert to the alert's mark as sent. A crash (or a
  // lost answer) inside it is the one way an alert is delivered twice.
  const acceptedAt = new Map<string, number>();
  const windowMs: number[] = [];
  const base = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
  const store: typeof base = {
    ...base,
    markAlertSent: async (alertId, messageId, at) => {
      await base.markAlertSent(alertId, messageId, at);
      const t = acceptedAt.get(alertId);
      if (t !== undefined) windowMs.push(performance.now() - t);
    },
  };
  const outbox = mkdtempSync(join(tmpdir(), 'kzmon-bench-outbox-'));
  const subscribers = parseSubscribers(
    JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'functions', 'local', 'sample', 'subscribers.json'), 'utf8'),
    ),
  );
  const outboxPublisher = new OutboxPublisher(outbox, subscribers);
  const publisher: AlertPublisher = {
    subscribers: outboxPublisher.subscribers,
    publish: async (message) => {
      const res = await outboxPublisher.publish(message);
      acceptedAt.set(String(message.attributes.alertId), performance.now());
      return res;
    },
  };
  const errors: string[] = [];
  const log: Log = {
    info: () => {},
    debug: () => {},
    warn: () => {},
    error: (m, x) => {
      if (errors.length < 20) errors.push(`${m} ${JSON.stringify(x ?? {})}`.slice(0, 300));
    },
  };
  const http = () => new HttpClient({ allowedHosts: allowedHostsFor(sources), allowInsecureLocal: true });

  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  const rssBefore = process.memoryUsage.rss();

  const t0 = performance.now();
  const first = await runLocalCycle({ sources, http: http(), store, publisher, log });
  const wallMs = performance.now() - t0;
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const firstWrites = { ...writes };
  const firstUnits = { ...units };
  const firstCommands = { ...commands };
  const firstRequests = { ...counts };

  for (const k of Object.keys(counts) as Category[]) counts[k] = 0;
  for (const k of Object.keys(writes)) delete writes[k];
  for (const k of Object.keys(commands)) delete commands[k];
  conditionalFeedRequests.withValidator = 0;
  conditionalFeedRequests.without = 0;
  const t1 = performance.now();
  const second = await runLocalCycle({ sources, http: http(), store, publisher, log });
  const unchangedMs = performance.now() - t1;
  clearInterval(sampler);

  const outcomes: Record<string, number> = {};
  for (const it of first.items) outcomes[it.outcome] = (outcomes[it.outcome] ?? 0) + 1;
  const result = {
    items: first.items.length,
    queued: first.fetch.queued,
    outcomes,
    alertsSent: first.alerts.sent,
    deliveries: outboxPublisher.deliveries.length,
    deliveryRepeats: outboxPublisher.repeats,
    alertWindowMs: windowMs,
    wallMs,
    itemsPerSec: first.items.length / (wallMs / 1000),
    peakRssMb: peakRss / 2 ** 20,
    rssBeforeCycleMb: rssBefore / 2 ** 20,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    firstCycle: { requests: firstRequests, writes: firstWrites, commands: firstCommands, units: firstUnits },
    unchanged: {
      wallMs: unchangedMs,
      requests: { ...counts },
      conditionalFeedRequests: { ...conditionalFeedRequests },
      writes: { ...writes },
      commands: { ...commands },
      units: { ...units, read: units.read - firstUnits.read, write: units.write - firstUnits.write },
      queued: second.fetch.queued,
      sources: second.fetch.sources.map((s) => ({ id: s.sourceId, ok: s.ok, notModified: s.notModified })),
    },
    sourcesFirst: first.fetch.sources.map((s) => ({
      id: s.sourceId,
      ok: s.ok,
      listed: s.listed,
      new: s.new,
      error: s.error,
    })),
    errors,
  };
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
  await dynamo.close();
  for (const s of servers) await new Promise<void>((resolve) => s.close(() => resolve()));
  rmSync(outbox, { recursive: true, force: true });
}

function hash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
}

main().catch((err) => {
  process.stderr.write(`cycle bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
