/**
 * Source faults: feeds that time out, answer 500, send garbage, send 50 MB, stall mid-body, and article
 * pages that fail for one cycle. The healthy sources' items all arrive; each failing source's health
 * (what `kzmon sources` shows) says why; a failed article is not lost but picked up next cycle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import type { SourceHealth } from '../../functions/domain/model';
import type { MonitorStore } from '../../functions/domain/ports';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import { parseSources } from '../../functions/domain/sources/definitions';
import { HttpClient } from '../../functions/adapters/http-client';
import { runLocalCycle } from '../../functions/local/local-cycle';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { type BuiltFeeds, buildFeeds } from './harness/feeds';
import { recordRow } from './harness/outcome-table';
import { type Route, type SourceServer, startSourceServer } from './harness/source-server';
import { RecordingPublisher, captureLog, rowFrom, tally } from './harness/world';

const NOW = new Date();
const TIMEOUT_MS = 1500;
const RSS = 'application/rss+xml; charset=utf-8';

/** Each broken feed, what it does, and what its health must say. */
const BROKEN: { id: string; route: Route; reason: RegExp }[] = [
  { id: 'broken-timeout', route: { kind: 'hang' }, reason: /timed out|timeout/i },
  {
    id: 'broken-500',
    route: { kind: 'status', status: 500, body: 'Internal Server Error' },
    reason: /\b500\b/,
  },
  {
    id: 'broken-garbage',
    route: {
      kind: 'body',
      type: RSS,
      body: Buffer.from('\u0000\u00ff<<rss>>not xml at all <item><link>', 'latin1'),
    },
    reason: /malformed|invalid|parse|xml|feed/i,
  },
  {
    id: 'broken-50mb',
    route: { kind: 'huge', bytes: 50 * 1024 * 1024, type: RSS },
    reason: /cap|too large|exceed|bytes|size/i,
  },
  {
    id: 'broken-stall',
    route: {
      kind: 'stall',
      type: RSS,
      head: '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>stall</title><item>',
    },
    reason: /timed out|timeout|stall/i,
  },
];

describe('source faults: broken feeds and article pages', () => {
  let server: SourceServer;
  let dynamo: LocalDynamo;
  let store: MonitorStore;
  let feeds: BuiltFeeds;

  beforeAll(async () => {
    server = await startSourceServer();
    dynamo = await startLocalDynamo();
    store = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
    feeds = buildFeeds(
      server,
      [
        { id: 'healthy-rss-en', kind: 'rss', lang: 'en', count: 60, relevantShare: 0.3, seed: 21 },
        { id: 'healthy-mfa-ru', kind: 'govkz-news', lang: 'ru', count: 60, relevantShare: 0.3, seed: 22 },
      ],
      NOW,
    );
    for (const b of BROKEN) server.routes.set(`/rss/${b.id}.xml`, b.route);
  });
  afterAll(async () => {
    await server?.close();
    await dynamo?.close();
  });

  it('the other sources all arrive, each broken one says why, a failed article is fetched next cycle', async () => {
    const sources = [
      ...feeds.sources,
      ...parseSources(
        BROKEN.map((b) => ({
          id: b.id,
          kind: 'rss',
          language: 'en',
          url: `${server.origin}/rss/${b.id}.xml`,
        })),
      ),
    ];
    // Two relevant articles of the healthy feed fail during the first cycle: one answers 503, one hangs.
    const relevantPages = feeds.expected
      .filter((e) => e.relevant && e.url.includes('/news/'))
      .map((e) => new URL(e.url).pathname);
    const saved = relevantPages.slice(0, 2).map((p) => [p, server.routes.get(p)!] as const);
    server.routes.set(saved[0]![0], { kind: 'status', status: 503 });
    server.routes.set(saved[1]![0], { kind: 'hang' });

    const publisher = new RecordingPublisher();
    const log = captureLog();
    const http = new HttpClient({
      allowedHosts: allowedHostsFor(sources),
      allowInsecureLocal: true,
      timeoutMs: TIMEOUT_MS,
    });
    const t0 = Date.now();
    const first = await runLocalCycle({ sources, http, store, publisher, log, concurrency: 8 });
    const afterFirst = await tally(store, feeds.expected, publisher.accepted);

    for (const [path, route] of saved) server.routes.set(path, route);
    const second = await runLocalCycle({ sources, http, store, publisher, log, concurrency: 8 });
    const seconds = (Date.now() - t0) / 1000;
    const t = await tally(store, feeds.expected, publisher.accepted);
    recordRow(
      rowFrom(
        'source faults (5 broken feeds, 2 broken pages)',
        t,
        log.errors().length,
        seconds,
        `cycle 1 lost ${afterFirst.lost} (the 2 broken pages), recovered in cycle 2`,
      ),
    );

    // The healthy sources read fine in both cycles; the broken ones failed, each with its reason.
    const outcome = new Map(first.fetch.sources.map((s) => [s.sourceId, s]));
    for (const s of feeds.sources) expect(outcome.get(s.id)?.ok, s.id).toBe(true);
    const health = new Map<string, SourceHealth>(
      (await store.listSourceStates()).map((h) => [h.sourceId, h]),
    );
    for (const b of BROKEN) {
      expect(outcome.get(b.id)?.ok, b.id).toBe(false);
      const h = health.get(b.id);
      expect(h?.consecutiveFailures, b.id).toBe(2);
      expect(h?.lastError, b.id).toMatch(b.reason);
      expect(h?.lastSuccessAt, b.id).toBeUndefined();
    }
    // The two broken pages were reported and not marked seen, so the next cycle fetched them.
    expect(first.items.filter((i) => i.outcome === 'failed')).toHaveLength(2);
    expect(afterFirst.lost).toBe(2);
    expect(second.items.map((i) => new URL(i.entry.url).pathname).sort()).toEqual(
      saved.map(([p]) => p).sort(),
    );
    expect(t.lostUrls).toEqual([]);
    expect(t.duplicatedUrls).toEqual([]);
    expect(t.stored).toBe(feeds.expected.length);
    // Every failure was logged with what it was working on.
    for (const b of BROKEN)
      expect(
        log.errors().some((e) => JSON.stringify(e.extra).includes(b.id)),
        b.id,
      ).toBe(true);
  });
});
